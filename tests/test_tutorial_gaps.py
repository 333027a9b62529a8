"""Gaps that pasted PyTorch docs and tutorial code ran into, compared with PyTorch."""
import numpy as np
import pytest

import autodidact as ad


@pytest.mark.parametrize("beta, alpha", [(0.5, 2.0), (0, 1), (1, -3)])
def test_addmm_beta_alpha_values_and_gradients_match_pytorch(torch, beta, alpha):
    rng = np.random.default_rng(1)
    arrays = [rng.standard_normal(s) for s in [(2, 3), (2, 4), (4, 3)]]
    ours = [ad.tensor(a, requires_grad=True) for a in arrays]
    real = [torch.tensor(a, requires_grad=True) for a in arrays]
    out, expected = ad.addmm(*ours, beta=beta, alpha=alpha), torch.addmm(*real, beta=beta, alpha=alpha)
    np.testing.assert_allclose(out.detach().numpy(), expected.detach().numpy())
    assert out.grad_fn.name() == expected.grad_fn.name() == "AddmmBackward0"
    weights = rng.standard_normal((2, 3))
    (out * ad.tensor(weights)).sum().backward()
    (expected * torch.tensor(weights)).sum().backward()
    for a, b in zip(ours, real):
        np.testing.assert_allclose(a.grad.numpy(), b.grad.numpy())


def test_addmm_beta_zero_ignores_nan_in_input():
    out = ad.addmm(ad.tensor([float("nan"), 1.0]), ad.ones(2, 2), ad.ones(2, 2), beta=0)
    assert out.tolist() == [[2.0, 2.0], [2.0, 2.0]]


def test_repeat_interleave_of_counts_repeats_their_positions(torch):
    counts = [2, 0, 3, 1]
    assert ad.repeat_interleave(ad.tensor(counts)).tolist() == torch.repeat_interleave(torch.tensor(counts)).tolist()


def test_narrow_takes_a_zero_dim_tensor_start(torch):
    x = ad.arange(9).reshape(3, 3)
    assert ad.narrow(x, -1, ad.tensor(-1), 1).tolist() == [[2], [5], [8]]


class _Exp(ad.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        result = ad.exp(x)
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_out):
        result, = ctx.saved_tensors
        return result * grad_out


def test_a_function_that_saves_its_output_can_be_differentiated_twice():
    x = ad.tensor([0.5, -1.0], dtype=ad.float64, requires_grad=True)
    out = _Exp.apply(x)
    saved, = out.grad_fn.params["ctx"].saved_tensors
    assert saved is out  # the saved output is the tensor the caller got, with this grad_fn
    grad, = ad.autograd.grad(out.sum(), x, create_graph=True)
    second, = ad.autograd.grad(grad.sum(), x)
    np.testing.assert_allclose(second.numpy(), np.exp([0.5, -1.0]))
    assert ad.autograd.gradgradcheck(_Exp.apply, x)


@pytest.mark.parametrize("name", ["eq", "ne", "lt", "le", "gt", "ge", "greater", "greater_equal", "less",
                                  "less_equal", "not_equal"])
def test_comparison_functions_match_pytorch(torch, name):
    a, b = [0.5, -1.0, 2.0, 2.0], [[0.5], [2.0]]
    ours = getattr(ad, name)(ad.tensor(a), ad.tensor(b))
    real = getattr(torch, name)(torch.tensor(a), torch.tensor(b))
    assert ours.dtype == ad.bool and ours.tolist() == real.tolist()
    assert getattr(ad, name)(ad.tensor(a), 1.0).tolist() == getattr(torch, name)(torch.tensor(a), 1.0).tolist()
    with pytest.raises(TypeError):
        getattr(ad, name)(1.0, ad.tensor(a))


def test_type_as_and_broadcast_to_methods_match_pytorch(torch):
    w = ad.tensor([1.5, 2.5], requires_grad=True)
    d = w.type_as(ad.zeros(1, dtype=ad.float64))
    d.sum().backward()
    assert d.dtype == ad.float64 and d.grad_fn.name() == "ToCopyBackward0" and w.grad.tolist() == [1.0, 1.0]
    assert w.type_as(w) is w
    assert ad.tensor([1, 2]).type_as(ad.zeros(1)).dtype == ad.float32
    b = w.broadcast_to(3, -1)
    assert tuple(b.shape) == tuple(torch.ones(2).broadcast_to(3, -1).shape) == (3, 2)
    assert b.grad_fn.name() == "ExpandBackward0"
