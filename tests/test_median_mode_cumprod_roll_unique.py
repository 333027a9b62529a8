"""median, nanmedian, mode, cumprod, roll, unique and unique_consecutive against PyTorch: values,
the indices PyTorch returns (ties, NaN), gradients, printing and exception classes."""
import numpy as np
import pytest

import autodidact as ad

NAN = float("nan")
TIES = [[3.0, 1.0, 2.0, 1.0], [0.5, 4.0, 4.0, 0.5], [2.0, 1.0, 2.0, 2.0]]


def _both(torch, make):
    return make(ad), make(torch)


def _same_repr(torch, make):
    ours, theirs = _both(torch, make)
    assert repr(ours) == repr(theirs)


def _same_error(torch, call):
    with pytest.raises(Exception) as theirs:
        call(torch)
    with pytest.raises(Exception) as ours:
        call(ad)
    assert type(ours.value) is type(theirs.value), (ours.value, theirs.value)


@pytest.mark.parametrize("make", [
    lambda t: t.tensor(TIES).median(),
    lambda t: t.tensor(TIES).median(dim=1),
    lambda t: t.tensor(TIES).median(0, keepdim=True),
    lambda t: t.median(t.tensor([[1, 1, 2, 2, 3, 1, 1, 2]]), -1, True),
    lambda t: t.tensor([[1.0, NAN, 2.0, NAN], [1.0, 2.0, 3.0, 4.0]]).median(1),
    lambda t: t.tensor([1.0, NAN, 2.0]).median(),
    lambda t: t.tensor([[1.0, NAN, 2.0, NAN], [NAN, NAN, 3.0, 4.0], [NAN, 1.0, NAN, NAN]]).nanmedian(1),
    lambda t: t.tensor([1.0, NAN, 2.0, 3.0]).nanmedian(),
    lambda t: t.tensor([3, 1, 2]).median(),
    lambda t: t.tensor(3.0).median(0),
    lambda t: t.tensor(TIES, requires_grad=True).median(1),
    lambda t: t.tensor([]).median(),
])
def test_median_values_and_indices_as_pytorch(torch, make):
    _same_repr(torch, make)


@pytest.mark.parametrize("make", [
    lambda t: t.tensor(TIES).mode(),
    lambda t: t.tensor(TIES).mode(0),
    lambda t: t.tensor(TIES, requires_grad=True).mode(1, keepdim=True),
    lambda t: t.tensor([1, 2, 2, 3, 3, 1]).mode(),
    lambda t: t.mode(t.tensor([[5, 5, 1, 1, 2], [2.0, 1.0, 2.0, 1.0, 7.0]]), 1),
    lambda t: t.tensor(3.0).mode(),
])
def test_mode_values_and_indices_as_pytorch(torch, make):
    _same_repr(torch, make)


@pytest.mark.parametrize("reduce", [
    lambda x: x.median(), lambda x: x.median(1).values, lambda x: x.median(0, keepdim=True).values,
    lambda x: x.nanmedian(), lambda x: x.nanmedian(1).values, lambda x: x.mode(1).values, lambda x: x.mode(0).values,
])
def test_gradient_goes_where_pytorch_sends_it_with_ties(torch, reduce):
    grads = []
    for lib in (ad, torch):
        x = lib.tensor(TIES, requires_grad=True)
        out = reduce(x)
        out.backward(lib.ones_like(out) * 2)
        grads.append((x.grad.numpy(), type(out.grad_fn).__name__))
    np.testing.assert_allclose(grads[0][0], grads[1][0])
    assert grads[0][1] == grads[1][1]


def test_nanmedian_gradient_skips_nan(torch):
    grads = []
    for lib in (ad, torch):
        x = lib.tensor([[1.0, NAN, 2.0, 5.0], [NAN, 3.0, 0.0, NAN]], requires_grad=True)
        x.nanmedian(1).values.sum().backward()
        grads.append(x.grad.numpy())
    np.testing.assert_array_equal(grads[0], grads[1])


@pytest.mark.parametrize("values", [[2.0, 0.0, 3.0, -1.0], [0.0, 0.0, 2.0, 3.0], [1.5, -2.0, 0.5, 3.0]])
def test_cumprod_gradients_with_zeros_match_pytorch(torch, values):
    results = []
    for lib in (ad, torch):
        x = lib.tensor([values, values[::-1]], dtype=lib.float64, requires_grad=True)
        out = x.cumprod(1)
        weights = lib.tensor([[1.0, -2.0, 0.5, 3.0], [0.2, 0.3, -1.0, 2.0]], dtype=lib.float64)
        (g,) = lib.autograd.grad((out * weights).sum(), x, create_graph=True)
        (gg,) = lib.autograd.grad((g * g).sum(), x)
        results.append((repr(out), g.detach().numpy(), gg.numpy()))
    assert results[0][0] == results[1][0]
    np.testing.assert_allclose(results[0][1], results[1][1], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(results[0][2], results[1][2], rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("make", [
    lambda t: t.tensor([3, 1, 2]).cumprod(0), lambda t: t.tensor([True, False]).cumprod(0),
    lambda t: t.cumprod(t.tensor([3.0, 1.0]), 0, dtype=t.float64), lambda t: t.tensor(2.0).cumprod(0),
])
def test_cumprod_dtypes_as_pytorch(torch, make):
    _same_repr(torch, make)


@pytest.mark.parametrize("make", [
    lambda t: t.arange(6.0).reshape(2, 3).roll(1), lambda t: t.arange(6.0).reshape(2, 3).roll(-7),
    lambda t: t.roll(t.arange(6.0).reshape(2, 3), shifts=(1, 1), dims=(1, 1)),
    lambda t: t.arange(6.0).reshape(2, 3).roll(1, 1), lambda t: t.arange(6.0).reshape(2, 3).roll((1, -1), (0, 1)),
    lambda t: t.tensor(3.0).roll(1), lambda t: t.arange(6.0).reshape(2, 3).requires_grad_().roll(2, dims=0),
])
def test_roll_as_pytorch(torch, make):
    _same_repr(torch, make)


def test_roll_gradient_rolls_back(torch):
    grads = []
    for lib in (ad, torch):
        x = lib.arange(12.0).reshape(3, 4).requires_grad_()
        (x.roll((1, -3), (0, 1)) * lib.arange(12.0).reshape(3, 4)).sum().backward()
        grads.append(x.grad.numpy())
    np.testing.assert_array_equal(grads[0], grads[1])


@pytest.mark.parametrize("make", [
    lambda t: t.unique(t.tensor([3, 1, 3, 2, 1])),
    lambda t: t.unique(t.tensor([3, 1, 3, 2, 1]), return_inverse=True, return_counts=True),
    lambda t: t.tensor([[3.0, 1.0], [3.0, 1.0]]).unique(return_inverse=True),
    lambda t: t.unique(t.tensor([[3.0, 1.0], [3.0, 1.0]]), dim=1, return_inverse=True, return_counts=True),
    lambda t: t.unique(t.tensor([[1, 2], [1, 2], [0, 5]]), dim=0, return_counts=True),
    lambda t: t.unique(t.tensor([2.0, NAN, NAN, 1.0])),
    lambda t: t.unique(t.tensor([True, False, True])),
    lambda t: t.unique(t.tensor([]), return_counts=True),
    lambda t: t.tensor([3, 1, 3]).unique(sorted=False),
    lambda t: t.unique_consecutive(t.tensor([1, 1, 2, 2, 3, 1, 1, 2]), return_counts=True, return_inverse=True),
    lambda t: t.unique_consecutive(t.tensor([[1, 1], [1, 1], [2, 3]]), dim=0, return_counts=True),
    lambda t: t.tensor([[1, 1], [1, 2]]).unique_consecutive(return_inverse=True),
])
def test_unique_as_pytorch(torch, make):
    _same_repr(torch, make)


@pytest.mark.parametrize("call", [
    lambda t: t.zeros(2, 0).median(1), lambda t: t.zeros(2, 0).mode(1), lambda t: t.tensor([True, False]).median(),
    lambda t: t.ones(2, 3).median(5), lambda t: t.ones(2, 3).mode(2),
    lambda t: t.ones(2, 3).roll((1, 2), (0,)), lambda t: t.ones(2, 3).roll(1, 5), lambda t: t.ones(2, 3).roll((1, 2)),
    lambda t: t.ones(2, 3).roll([], []), lambda t: t.unique(t.ones(2, 3), dim=5), lambda t: t.median([1.0, 2.0]),
    lambda t: t.cumprod(t.ones(2), 3),
])
def test_refused_as_pytorch_refuses(torch, call):
    _same_error(torch, call)
