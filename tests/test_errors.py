"""Errors that teach: each common mistake raises PyTorch's exception class, with a message that says
what was wrong (shapes, dtypes, sizes) and how to fix it."""
import numpy as np
import pytest

import autodidact as ad


def _backward_twice(lib):
    x = lib.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    y.backward()
    y.backward()


def _leaf_in_place(lib):
    w = lib.tensor([1.0, 2.0], requires_grad=True)
    w -= 0.1


def _leaf_setitem(lib):
    w = lib.tensor([1.0, 2.0], requires_grad=True)
    w[0] = 0.0


def _non_scalar_backward(lib):
    x = lib.tensor([1.0, 2.0], requires_grad=True)
    (x * 2).backward()


def _wrong_gradient_shape(lib):
    x = lib.tensor([1.0, 2.0], requires_grad=True)
    (x * 2).backward(lib.ones(3))


def _backward_without_grad(lib):
    lib.tensor([1.0, 2.0]).sum().backward()


def _changed_after_saving(lib):
    x = lib.tensor([1.0, 2.0], requires_grad=True)
    y = x.exp()
    y.add_(1)
    y.sum().backward()


# (id, mistake, expected exception class, words the message must contain)
# The words check both halves: what was wrong (shapes, sizes, dtypes) and how to fix it.
MISTAKES = [
    ("non-scalar backward", _non_scalar_backward, RuntimeError,
     ["scalar", "[2]", ".sum()", "ones_like"]),
    ("wrong gradient shape", _wrong_gradient_shape, RuntimeError, ["[3]", "[2]", "same shape"]),
    ("backward twice", _backward_twice, RuntimeError, ["second time", "retain_graph=True"]),
    ("backward without requires_grad", _backward_without_grad, RuntimeError,
     ["does not require grad", "requires_grad=True"]),
    ("in-place on a leaf", _leaf_in_place, RuntimeError, ["leaf", "in-place", "no_grad"]),
    ("setitem on a leaf", _leaf_setitem, RuntimeError, ["leaf", "no_grad"]),
    ("changed after saving", _changed_after_saving, RuntimeError,
     ["modified by an inplace operation", "out-of-place", "clone"]),
    ("broadcast mismatch", lambda lib: lib.ones(2, 3) + lib.ones(4), RuntimeError,
     ["(3)", "(4)", "[2, 3]", "[4]", "unsqueeze"]),
    ("broadcast mismatch, 2-D", lambda lib: lib.ones(2, 3) * lib.ones(3, 2), RuntimeError,
     ["[2, 3]", "[3, 2]", "dimension 1"]),
    ("matmul mismatch", lambda lib: lib.ones(2, 3) @ lib.ones(4, 5), RuntimeError,
     ["2x3", "4x5", "columns", ".T"]),
    ("mm mismatch", lambda lib: lib.mm(lib.ones(2, 3), lib.ones(2, 3)), RuntimeError,
     ["2x3", "transpose"]),
    ("matmul of a 0-d tensor", lambda lib: lib.tensor(2.0) @ lib.ones(2), RuntimeError,
     ["1D", "*"]),
    ("requires_grad on ints", lambda lib: lib.tensor([1, 2], requires_grad=True), RuntimeError,
     ["floating point", "int64", "2.0", ".float()"]),
    ("requires_grad_ on bools", lambda lib: lib.tensor([True]).requires_grad_(), RuntimeError,
     ["floating point", "bool"]),
    ("item of many", lambda lib: lib.ones(3).item(), RuntimeError, ["3 elements", "tolist"]),
    ("index out of range", lambda lib: lib.ones(3)[5], IndexError, ["5", "size 3", "dimension 0", "-3"]),
    ("too many indices", lambda lib: lib.ones(3)[0, 1], IndexError, ["too many indices", "2 parts", "[3]"]),
    ("index a 0-d tensor", lambda lib: lib.tensor(1.0)[0], IndexError, ["0-d", "item()"]),
    ("float index tensor", lambda lib: lib.ones(3)[lib.tensor([0.0])], IndexError,
     ["long", "int", "bool", ".long()"]),
    ("bad view", lambda lib: lib.ones(2, 3).view(4), RuntimeError, ["[4]", "6", "-1"]),
    ("view after transpose", lambda lib: lib.ones(2, 3).t().view(6), RuntimeError,
     ["view", "reshape"]),
    ("two -1 in a shape", lambda lib: lib.ones(2, 3).reshape(-1, -1), RuntimeError, ["one", "-1", "explicitly"]),
    ("len of 0-d", lambda lib: len(lib.tensor(1.0)), TypeError, ["0-d", "item()"]),
    ("dim out of range", lambda lib: lib.ones(2, 3).sum(dim=2), IndexError, ["[-2, 1]", "2"]),
    ("mean of ints", lambda lib: lib.tensor([1, 2]).mean(), RuntimeError, ["Long", ".float()"]),
    ("where with a float condition", lambda lib: lib.where(lib.ones(2), lib.ones(2), lib.zeros(2)),
     RuntimeError, ["bool", "x > 0"]),
    ("cat with mismatched sizes", lambda lib: lib.cat([lib.ones(2, 3), lib.ones(2, 4)]), RuntimeError,
     ["[2, 3]", "[2, 4]", "dim=0"]),
    ("stack with mismatched shapes", lambda lib: lib.stack([lib.ones(2), lib.ones(3)]), RuntimeError,
     ["[2]", "[3]", "entry 1", "cat"]),
    ("bool of many", lambda lib: bool(lib.ones(2) > 0), RuntimeError, ["ambiguous", ".any()"]),
    ("numpy of a tensor that requires grad",
     lambda lib: lib.tensor([1.0], requires_grad=True).numpy(), RuntimeError, ["detach()"]),
    ("bool minus bool", lambda lib: lib.tensor([True]) - lib.tensor([False]), RuntimeError,
     ["bool", "logical_xor"]),
    ("negative of a mask", lambda lib: -lib.tensor([True]), RuntimeError, ["bool", "~"]),
    ("ragged list", lambda lib: lib.tensor([[1.0, 2.0], [3.0]]), ValueError, []),
    ("in-place float into ints", lambda lib: lib.tensor([1, 2]).add_(1.5), RuntimeError,
     ["Float", "Long", ".float()"]),
    ("expand a non-singleton dim", lambda lib: lib.ones(2, 3).expand(4, 3), RuntimeError,
     ["(4)", "(2)", "[2, 3]"]),
    ("permute with a dim twice", lambda lib: lib.ones(2, 3).permute(0, 0), RuntimeError,
     ["once"]),
    ("t() of a 3-D tensor", lambda lib: lib.ones(2, 3, 4).t(), RuntimeError,
     ["3D", "transpose"]),
    ("squeeze a dim out of range", lambda lib: lib.ones(2, 1).squeeze(3), IndexError, ["[-2, 1]"]),
    ("grad of the wrong shape", lambda lib: setattr(lib.ones(2, requires_grad=True), "grad",
                                                   lib.ones(3)), RuntimeError, ["[2]", "[3]"]),
    ("string data", lambda lib: lib.tensor("1.0"), TypeError, ["str"]),
    ("fill_ with a vector", lambda lib: lib.zeros(2).fill_(lib.ones(2)), RuntimeError,
     ["0-dimension", "copy_"]),
    ("setitem with a wrong shape", lambda lib: lib.zeros(2, 3).__setitem__(0, lib.ones(2, 3)),
     RuntimeError, ["[2, 3]", "[3]"]),
    ("format spec of a vector", lambda lib: f"{lib.ones(2):.2f}", TypeError, [".2f"]),
    ("autograd.grad of an unused input", lambda lib: lib.autograd.grad(
        (lib.ones(1, requires_grad=True) * 2).sum(), [lib.ones(1, requires_grad=True)]),
     RuntimeError, ["not have been used", "allow_unused=True"]),
]


@pytest.mark.parametrize("mistake, expected, words", [m[1:] for m in MISTAKES],
                         ids=[m[0] for m in MISTAKES])
def test_mistake_raises_a_teaching_error(mistake, expected, words):
    import autodidact

    with pytest.raises(Exception) as caught:
        mistake(autodidact)
    assert type(caught.value) is expected, f"expected {expected.__name__}, got {caught.value!r}"
    message = str(caught.value)
    missing = [word for word in words if word not in message]
    assert not missing, f"the message should mention {missing}:\n{message}"


@pytest.mark.parametrize("mistake, expected", [m[1:3] for m in MISTAKES],
                         ids=[m[0] for m in MISTAKES])
def test_exception_class_is_pytorchs(mistake, expected, torch):
    with pytest.raises(Exception) as caught:
        mistake(torch)
    assert type(caught.value) is expected, f"PyTorch raises {caught.value!r} for this mistake"


def test_error_messages_are_not_swallowed_by_the_engine():
    # A failing backward leaves the grad mode as it was, so the next cell works.
    import autodidact

    with pytest.raises(RuntimeError):
        _backward_twice(autodidact)
    assert autodidact.is_grad_enabled()


@pytest.mark.parametrize("call", [
    lambda lib: lib.log(2.0),
    lambda lib: lib.exp(np.array([1.0])),
    lambda lib: lib.tanh([1.0]),
    lambda lib: lib.sum(3),
    lambda lib: lib.matmul(lib.ones(2, 2), np.ones(2)),
    lambda lib: lib.mm(lib.ones(2, 2), [[1.0]]),
])
def test_module_functions_refuse_numbers_and_arrays_as_pytorch_does(call, maybe_torch):
    with pytest.raises(TypeError) as error:
        call(ad)
    ours = str(error.value)
    assert "torch.tensor(...)" in ours  # the hint says how to fix it
    if maybe_torch is not None:
        with pytest.raises(TypeError) as theirs:
            call(maybe_torch)
        assert ours.startswith(str(theirs.value).splitlines()[0] + ".")


def test_a_number_given_to_a_math_function_is_pointed_to_math_and_numpy():
    with pytest.raises(TypeError, match=r"For a plain number use math\.log or np\.log"):
        ad.log(2.0)


def test_ops_that_take_numbers_still_do():
    assert ad.add(2, ad.ones(1)).tolist() == [3.0]
    assert ad.mul(2, 3).item() == 6
    assert ad.pow(2.0, ad.ones(1)).tolist() == [2.0]
