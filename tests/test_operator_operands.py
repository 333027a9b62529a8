"""What PyTorch's operators take besides tensors and numbers: a NumPy array on the right of a tensor,
not on its left, and never a list or tuple (a TypeError, as a learner's ``np.array(...) + t`` is)."""
import numpy as np
import pytest

import autodidact as ad

EXPRESSIONS = {
    "t + array": lambda t, f, a: f + a, "t * array": lambda t, f, a: f * a, "t - array": lambda t, f, a: f - a,
    "array + t": lambda t, f, a: a + f, "array * t": lambda t, f, a: a * f, "array - t": lambda t, f, a: a - f,
    "array / t": lambda t, f, a: a / f, "array ** t": lambda t, f, a: a ** f, "array @ t": lambda t, f, a: a @ f,
    "array // t": lambda t, f, a: a // f, "array % t": lambda t, f, a: a % f, "0-d array + t": lambda t, f, a: np.array(2.0) + f,
    "array == t": lambda t, f, a: a == f, "numpy scalar * t": lambda t, f, a: np.float32(2.0) * f,
    "numpy int + t": lambda t, f, a: np.int64(2) + f,
    "t + list": lambda t, f, a: f + [1.0, 2.0], "list + t": lambda t, f, a: [1.0, 2.0] + f,
    "list - t": lambda t, f, a: [1.0, 2.0] - f, "t / list": lambda t, f, a: f / [1.0, 2.0],
    "list / t": lambda t, f, a: [1.0, 2.0] / f, "t ** tuple": lambda t, f, a: f ** (1.0, 2.0),
    "tuple + t": lambda t, f, a: (1.0, 2.0) + f, "t < list": lambda t, f, a: f < [1.0, 2.0],
    "t == list": lambda t, f, a: f == [1.0, 2.0], "bools & list": lambda t, f, a: (f > 1) & [True, False],
    "array & bools": lambda t, f, a: np.array([True, False]) & (f > 1),
}


def outcome(t, name):
    f, a = t.tensor([1.0, 2.0]), np.array([1.0, 2.0])
    try:
        result = EXPRESSIONS[name](t, f, a)
    except TypeError:
        return "TypeError"
    return result.tolist() if hasattr(result, "tolist") else result


@pytest.mark.parametrize("name", EXPRESSIONS)
def test_operands_as_pytorch(name, torch):
    assert outcome(ad, name) == outcome(torch, name)


def test_the_functions_refuse_a_list_too(torch):
    for t in (ad, torch):
        with pytest.raises(TypeError):
            t.add(t.tensor([1.0, 2.0]), [1.0, 2.0])
