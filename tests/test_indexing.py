"""Indexing as PyTorch does it: ranges, lists, nested lists, masks, and advanced indices mixed with
ints, slices and None, read and written, compared with PyTorch (values, shapes, grad_fn names,
gradients, errors)."""
import warnings

import numpy as np
import pytest

import autodidact as ad
from autodidact.autograd import gradcheck, gradgradcheck

SHAPE = (3, 4, 5)

# Each key is written as code, evaluated with ``lib`` bound to autodidact or to PyTorch, so the very
# same index goes to both.
READ_KEYS = [
    "[range(3), [0, 1, 2]]",  # logp[range(n), y]
    "[range(1, 3)]",
    "[[0, 2]]",
    "[:, [0, 2]]",
    "[[0, 1], :, 1]",
    "[0, :, [1, 2]]",  # PyTorch selects first: (4, 2), where NumPy gives (2, 4)
    "[[0, 1], 1, [2, 3]]",
    "[None, [0, 1], None, 2]",
    "[1:, None, [0, 1]]",
    "[..., 1, [0, 3]]",
    "[0, ..., [0, 3]]",
    "[[[0, 1], [1, 0]], [[2], [0]]]",  # nested lists broadcast like tensors
    "[(1, 0), (2, 0)]",
    "[[0, 0, 2], [1, 1, 3]]",  # repeated positions: their gradients add up
    "[[-1, -2]]",
    "[[]]",
    "[[True, False, True]]",
    "[:, lib.tensor([True, False, True, False])]",
    "[:, lib.tensor([True, False, True, False]), 1:3]",
    "[1, lib.tensor([True, False, True, False])]",
    "[lib.tensor([[True, False, True, False]] * 3)]",
    "[lib.tensor(1)]",  # a 0-d integer tensor selects
    "[lib.tensor(1), :, lib.tensor([0, 4])]",
    "[lib.tensor([[0, 1], [2, 0]]), lib.tensor([1, 2])]",
    "[np.array([2, 0])]",
    "[np.int64(2), [0, 1]]",
    "[True, 0, [1, 2]]",
    "[True]",
    "[0, True]",
]


def _weights(lib, shape):
    """Distinct weights, so a gradient sent to the wrong place shows."""
    n = int(np.prod(shape))
    return lib.arange(1.0, n + 1, dtype=lib.float64).reshape(shape) if n else lib.zeros(shape, dtype=lib.float64)


def _read(lib, key):
    x = lib.arange(60.0, dtype=lib.float64).reshape(SHAPE).requires_grad_()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        y = eval("x" + key, {"x": x, "lib": lib, "np": np})
    (y * _weights(lib, tuple(y.shape))).sum().backward()
    return y, x.grad


@pytest.mark.parametrize("key", READ_KEYS)
def test_reading_matches_pytorch(torch, key):
    ours, our_grad = _read(ad, key)
    theirs, their_grad = _read(torch, key)
    assert tuple(ours.shape) == tuple(theirs.shape)
    assert type(ours.grad_fn).__name__ == type(theirs.grad_fn).__name__
    np.testing.assert_array_equal(ours.detach().numpy(), theirs.detach().numpy())
    np.testing.assert_array_equal(our_grad.numpy(), their_grad.numpy())
    assert str(ours) == str(theirs)


WRITE_KEYS = [
    "[range(3), [0, 1, 2]]",
    "[:, [0, 2]]",
    "[[0, 1], :, 1]",
    "[[0, 1], 1:]",
    "[0, :, [1, 2]]",
    "[[0, 1], 1, [2, 3]]",
    "[None, [0, 1]]",
    "[[0, 1], ...]",
    "[..., [0, 1]]",
    "[[0, 1], 0:4]",
    "[lib.tensor([True, False, True]), 1:]",
    "[lib.tensor([True, False, True])]",
    "[True]",
    "[True, 0, [1, 2]]",
    "[1, lib.tensor([True, False, True, False])]",
]


def _write(lib, key, value_shape_from_read=True):
    base = lib.arange(60.0, dtype=lib.float64).reshape(SHAPE).requires_grad_()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        target_shape = tuple(eval("base" + key, {"base": base, "lib": lib, "np": np}).shape)
        value = (-_weights(lib, target_shape)).requires_grad_()
        t = base * 1
        exec("t" + key + " = value * 2", {"t": t, "value": value, "lib": lib, "np": np})
    (t * _weights(lib, SHAPE)).sum().backward()
    return t, base.grad, value.grad


@pytest.mark.parametrize("key", WRITE_KEYS)
def test_writing_matches_pytorch(torch, key):
    ours, our_base_grad, our_value_grad = _write(ad, key)
    theirs, their_base_grad, their_value_grad = _write(torch, key)
    assert type(ours.grad_fn).__name__ == type(theirs.grad_fn).__name__.replace("torch::autograd::", "")
    np.testing.assert_array_equal(ours.detach().numpy(), theirs.detach().numpy())
    np.testing.assert_array_equal(our_base_grad.numpy(), their_base_grad.numpy())
    np.testing.assert_array_equal(our_value_grad.numpy(), their_value_grad.numpy())


@pytest.mark.parametrize("key", ["[range(3), [0, 1, 2]] = -1.0", "[:, [0, 2]] = lib.tensor([7.0, 8.0, 9.0, 10.0, 11.0])",
                                 "[[0, 1], 1:3] += 5", "[range(2), 2] *= 2", "[0, :, [1, 2]] = lib.tensor([1.0, 2.0])",
                                 "[[0, 0], [1, 1]] += 1"])
def test_writing_without_gradients_matches_pytorch(torch, key):
    results = []
    for lib in (ad, torch):
        x = lib.arange(60.0).reshape(SHAPE)
        exec("x" + key, {"x": x, "lib": lib})
        results.append(str(x))
    assert results[0] == results[1]


def test_a_list_holding_lists_is_a_tuple_with_pytorchs_warning(torch):
    for lib in (ad, torch):
        x = lib.arange(60.0).reshape(SHAPE)
        with pytest.warns(UserWarning, match="non-tuple sequence for multidimensional indexing"):
            y = x[[0, [1, 2]]]
        assert tuple(y.shape) == (2, 5)
        with pytest.warns(UserWarning, match="non-tuple sequence"):
            assert tuple(x[[[0, 1], [1, 0]]].shape) == (2, 5)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert tuple(x[[0, 1]].shape) == (2, 4, 5)  # a flat list is positions: no warning
            assert tuple(x[[0.7, 1]].shape) == (2, 4, 5)  # PyTorch truncates floats in a list


@pytest.mark.parametrize("key, message", [
    ("[[0, 3]]", "index 3 is out of bounds for dimension 0 with size 3"),
    ("[:, [4, 0, -5]]", "index 4 is out of bounds"),
    ("[[0, 1], [0, 1, 2]]", "shape mismatch: indexing tensors could not be broadcast"),
    ("[lib.tensor([True, False])]", "The shape of the mask [2] at index 0 does not match"),
    ("[0, 0, 0, 0]", "too many indices for tensor of dimension 3"),
    ("[[0], [0], [0], [0]]", "too many indices for tensor of dimension 3"),
    ("[lib.tensor([0.5])]", "tensors used as indices must be long, int"),
    ("[[1, 0], False]", "shape mismatch: indexing tensors could not be broadcast"),
])
def test_bad_indices_raise_pytorchs_index_error(torch, key, message):
    for lib in (ad, torch):
        x = lib.arange(60.0).reshape(SHAPE)
        with pytest.raises(IndexError, match=message.replace("[", r"\[").replace("]", r"\]")):
            eval("x" + key, {"x": x, "lib": lib})


def test_a_0d_tensor_cannot_be_indexed(torch):
    for lib in (ad, torch):
        with pytest.raises(IndexError, match="invalid index of a 0-dim tensor"):
            lib.tensor(3.0)[0]


@pytest.mark.parametrize("key", [(0, slice(None), [1, 2]), (range(3), [0, 1, 2]),
                                 ([[0, 1], [2, 0]], 1, slice(1, 3)), (None, [0, 2], None, 1)])
def test_indexing_gradients_pass_finite_differences(key):
    x = ad.tensor(np.random.default_rng(0).standard_normal(SHAPE), requires_grad=True)

    def pick(t):
        return t[key] ** 2

    assert gradcheck(pick, (x,))
    assert gradgradcheck(pick, (x,))


def test_trace_label_shows_the_index_as_written():
    from autodidact.tracing import trace

    x = ad.arange(60.0).reshape(SHAPE).requires_grad_()
    with trace() as t:
        y = x[0, :, [1, 2]]
    assert "[0, :, [1, 2]]" in str(t)


def test_setitem_drops_the_values_leading_ones_as_pytorch_does():
    torch = pytest.importorskip("torch")

    def run(lib):
        x = lib.zeros(2, 3)
        x[0, 1] = lib.tensor([[5.0]])  # a [1, 1] value into one element
        x[1] = lib.ones(1, 3) * 2
        w = lib.ones(3, requires_grad=True)
        y = lib.zeros(2, 3)
        y[0] = (w * 3).reshape(1, 1, 3)
        y.sum().backward()
        with pytest.raises(RuntimeError):
            x[0] = lib.ones(2, 3)  # a leading 2 is not dropped
        return x.tolist(), y.tolist(), w.grad.tolist(), type(y.grad_fn).__name__

    assert run(ad) == run(torch)
