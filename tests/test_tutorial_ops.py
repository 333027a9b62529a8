"""Ops that PyTorch tutorials use, compared with PyTorch: values, gradients, grad_fn names, prints.

The per-op gradient checks (finite differences, second derivatives) run from the registry in
``autodidact.testing`` (tests/test_op_table.py); these tests check what a learner sees.
"""
import numpy as np
import pytest

import autodidact as ad
import autodidact.nn as nn
import autodidact.nn.functional as F


def _names(node):
    return [None if n is None else type(n).__name__ for n, _ in node.next_functions]


def _pair(torch, array, requires_grad=True):
    return (ad.tensor(array, requires_grad=requires_grad), torch.tensor(array, requires_grad=requires_grad))


# -- addmm and Linear ------------------------------------------------------------------------


def test_addmm_matches_pytorch(torch):
    rng = np.random.default_rng(0)
    b, m1, m2 = (rng.standard_normal(s).astype(np.float32) for s in [(3,), (2, 4), (4, 3)])
    ours = ad.addmm(*(ad.tensor(a, requires_grad=True) for a in (b, m1, m2)))
    leaves = [torch.tensor(a, requires_grad=True) for a in (b, m1, m2)]
    real = torch.addmm(*leaves)
    assert str(ours) == str(real)
    assert type(ours.grad_fn).__name__ == "AddmmBackward0"
    (ours * ours).sum().backward()
    (real * real).sum().backward()
    ours_leaves = [e.variable for e, _ in ours.grad_fn.next_functions]
    for mine, theirs in zip(ours_leaves, leaves):
        np.testing.assert_allclose(mine.grad._array, theirs.grad.numpy(), rtol=1e-5, atol=1e-6)


def test_addmm_rejects_bad_shapes():
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        ad.addmm(ad.zeros(3), ad.zeros(2, 4), ad.zeros(5, 3))
    with pytest.raises(RuntimeError, match="must be a matrix"):
        ad.addmm(ad.zeros(3), ad.zeros(4), ad.zeros(4, 3))
    with pytest.raises(RuntimeError):
        ad.addmm(ad.zeros(5), ad.zeros(2, 4), ad.zeros(4, 3))


@pytest.mark.parametrize("shape", [(2, 4), (4,), (5, 2, 4)])
@pytest.mark.parametrize("bias", [True, False])
def test_linear_graph_matches_pytorch(torch, shape, bias):
    rng = np.random.default_rng(1)
    w, b = rng.standard_normal((3, 4)).astype(np.float32), rng.standard_normal(3).astype(np.float32)
    x = rng.standard_normal(shape).astype(np.float32)
    results = []
    for lib in (ad, torch):
        weight = lib.tensor(w, requires_grad=True)
        bias_ = lib.tensor(b, requires_grad=True) if bias else None
        input = lib.tensor(x, requires_grad=True)
        out = lib.nn.functional.linear(input, weight, bias_)
        (out * out).sum().backward()
        results.append((out, weight.grad, input.grad, bias_.grad if bias else None))
    (ours, *our_grads), (real, *real_grads) = results
    np.testing.assert_allclose(ours._array, real.detach().numpy(), rtol=1e-6)
    for mine, theirs in zip(our_grads, real_grads):
        if theirs is not None:
            np.testing.assert_allclose(mine._array, theirs.numpy(), rtol=1e-5)
    # Known difference: without a bias PyTorch squeezes a 1-D result (SqueezeBackward4, ours
    # SqueezeBackward1) and makes a 3-D one from an mm (ours: one batched matmul node).
    if bias or len(shape) == 2:
        assert type(ours.grad_fn).__name__ == type(real.grad_fn).__name__
        assert _names(ours.grad_fn) == _names(real.grad_fn)
        inner_ours, inner_real = ours.grad_fn.next_functions[0][0], real.grad_fn.next_functions[0][0]
        assert _names(inner_ours) == _names(inner_real)


def test_small_mlp_prints_and_trains_like_pytorch(torch):
    ad.manual_seed(3)

    def build(m):
        return m.Sequential(m.Linear(3, 5), m.Tanh(), m.Linear(5, 2))

    mine, theirs = build(nn), build(torch.nn)
    with torch.no_grad():
        for a, t in zip(mine.parameters(), theirs.parameters()):
            t.copy_(torch.from_numpy(a._array.copy()))
    x = np.random.default_rng(4).standard_normal((4, 3)).astype(np.float32)
    y = np.random.default_rng(5).standard_normal((4, 2)).astype(np.float32)
    ours, real = mine(ad.tensor(x)), theirs(torch.tensor(x))
    assert str(ours) == str(real)  # includes grad_fn=<AddmmBackward0>
    assert _names(ours.grad_fn) == _names(real.grad_fn) == ["AccumulateGrad", "TanhBackward0", "TBackward0"]
    loss_ours = F.mse_loss(ours, ad.tensor(y))
    loss_real = torch.nn.functional.mse_loss(real, torch.tensor(y))
    assert loss_ours.item() == loss_real.item()
    loss_ours.backward()
    loss_real.backward()
    for (name, a), t in zip(mine.named_parameters(), theirs.parameters()):
        np.testing.assert_allclose(a.grad._array, t.grad.numpy(), rtol=1e-5, atol=1e-7, err_msg=name)


# -- inference_mode ------------------------------------------------------------------------------


def _inference_mode_run(lib):
    """What a learner observes about inference_mode, as a list of plain values."""
    x = lib.ones(2, requires_grad=True)
    seen = [lib.is_inference_mode_enabled()]
    with lib.inference_mode():
        y = x * 2
        seen += [lib.is_inference_mode_enabled(), lib.is_grad_enabled(), y.requires_grad, y.grad_fn is None,
                 str(y)]
        with lib.inference_mode(False):
            seen += [lib.is_inference_mode_enabled(), lib.is_grad_enabled()]
        seen += [lib.is_inference_mode_enabled()]
    with lib.no_grad():
        with lib.inference_mode(False):
            seen += [lib.is_grad_enabled()]

    @lib.inference_mode
    def bare():
        return (x * 2).requires_grad, lib.is_inference_mode_enabled()

    @lib.inference_mode()
    def called():
        """Doubles x."""
        return (x * 2).requires_grad

    seen += [bare(), called(), called.__name__, called.__doc__, lib.is_inference_mode_enabled(),
             lib.is_grad_enabled(), (x * 2).requires_grad]
    try:
        with lib.inference_mode():
            raise KeyError("inside")
    except KeyError:
        seen += [lib.is_inference_mode_enabled(), lib.is_grad_enabled()]
    return seen


def test_inference_mode_behaves_like_pytorch(torch):
    ours = _inference_mode_run(ad)
    assert ours == _inference_mode_run(torch)
    assert ours[:4] == [False, True, False, False]
