"""nn.GroupNorm / F.group_norm and nn.InstanceNorm1d/2d/3d against PyTorch: printing, values, gradients,
grad_fn and errors. The group_norm op's own gradient checks (finite differences, PyTorch, second
derivatives) are generated in test_op_table.py."""
import numpy as np
import pytest

import autodidact as ad


def _ours(t):
    return ad.tensor(t.detach().numpy().copy())


@pytest.mark.parametrize("groups, channels, shape, affine", [
    (2, 4, (3, 4, 5), True), (1, 3, (2, 3, 2, 2), True), (3, 3, (2, 3, 4), False), (2, 6, (2, 6), True)])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_group_norm_matches_pytorch(torch, groups, channels, shape, affine, dtype):
    theirs = torch.nn.GroupNorm(groups, channels, affine=affine).to(getattr(torch, dtype))
    ours = ad.nn.GroupNorm(groups, channels, affine=affine).to(getattr(ad, dtype))
    assert repr(ours) == repr(theirs)
    with torch.no_grad():
        for parameter in theirs.parameters():
            parameter.copy_(torch.randn(parameter.shape))
    with ad.no_grad():
        for mine, reference in zip(ours.parameters(), theirs.parameters()):
            mine.copy_(_ours(reference))
    tolerance = 1e-12 if dtype == "float64" else 2e-5
    x = torch.randn(*shape, dtype=getattr(torch, dtype), requires_grad=True)
    our_x = _ours(x).requires_grad_()
    expected, got = theirs(x), ours(our_x)
    np.testing.assert_allclose(got.detach().numpy(), expected.detach().numpy(), rtol=tolerance, atol=tolerance)
    assert got.grad_fn.name() == expected.grad_fn.name() == "NativeGroupNormBackward0"
    weights = torch.randn(*shape, dtype=getattr(torch, dtype))
    (expected * weights).sum().backward()
    (got * _ours(weights)).sum().backward()
    for mine, reference in zip([our_x, *ours.parameters()], [x, *theirs.parameters()]):
        np.testing.assert_allclose(mine.grad.numpy(), reference.grad.numpy(), rtol=10 * tolerance, atol=10 * tolerance)


@pytest.mark.parametrize("call", [
    "lib.nn.GroupNorm(2, 5)", "lib.nn.functional.group_norm(lib.ones(2, 5, 3), 2)",
    "lib.nn.functional.group_norm(lib.ones(4), 2)", "lib.nn.functional.group_norm(lib.ones(2, 4), 2, lib.ones(3))",
    "lib.nn.GroupNorm(2, 4)(lib.ones(4, 3))"])
def test_group_norm_errors_are_pytorchs(torch, call):
    def outcome(lib):
        try:
            eval(call, {"lib": lib})
        except Exception as error:  # noqa: BLE001 (class and message are compared)
            return type(error).__name__, str(error)
        return None

    assert outcome(torch) is not None and outcome(ad) == outcome(torch)


@pytest.mark.parametrize("layer, shape", [
    ("InstanceNorm1d(3)", (2, 3, 5)), ("InstanceNorm1d(3, affine=True)", (3, 5)),
    ("InstanceNorm2d(3, affine=True, eps=1e-3)", (2, 3, 4, 4)), ("InstanceNorm3d(2)", (1, 2, 2, 3, 2))])
def test_instance_norm_matches_pytorch(torch, layer, shape):
    theirs, ours = eval("torch.nn." + layer, {"torch": torch}).double(), eval("ad.nn." + layer, {"ad": ad}).double()
    assert repr(ours) == repr(theirs)
    with torch.no_grad():
        for parameter in theirs.parameters():
            parameter.copy_(torch.randn(parameter.shape))
    with ad.no_grad():
        for mine, reference in zip(ours.parameters(), theirs.parameters()):
            mine.copy_(_ours(reference))
    x = torch.randn(*shape, dtype=torch.float64, requires_grad=True)
    our_x = _ours(x).requires_grad_()
    expected, got = theirs(x), ours(our_x)
    np.testing.assert_allclose(got.detach().numpy(), expected.detach().numpy(), atol=1e-12)
    assert got.grad_fn.name() == expected.grad_fn.name()  # ViewBackward0 (SqueezeBackward1 without a batch)
    weights = torch.randn(*shape, dtype=torch.float64)
    (expected * weights).sum().backward()
    (got * _ours(weights)).sum().backward()
    for mine, reference in zip([our_x, *ours.parameters()], [x, *theirs.parameters()]):
        np.testing.assert_allclose(mine.grad.numpy(), reference.grad.numpy(), atol=1e-10)


def test_instance_norm_refuses_running_statistics_and_wrong_dims_as_pytorch(torch):
    with pytest.raises(NotImplementedError, match="track_running_stats"):
        ad.nn.InstanceNorm2d(3, track_running_stats=True)
    for lib in (ad, torch):
        with pytest.raises(ValueError, match=r"expected 2D or 3D input \(got 4D input\)"):
            lib.nn.InstanceNorm1d(3)(lib.ones(1, 2, 3, 4))
