"""F.cosine_similarity, F.pairwise_distance, their modules, and nn.init.dirac_ / sparse_, against
PyTorch: values, gradients (including at a zero vector, where eps matters), grad_fn, errors."""
import numpy as np
import pytest

import autodidact as ad

X1 = np.array([[0.9, 0.02, -1.0], [0.0, 0.0, 0.0], [-0.3, -2.4, 1.1]])
X2 = np.array([[-2.2, -0.5, 0.3], [0.7, 1.4, -0.1], [-0.3, -2.4, 1.1]])  # row 1 of X1 is zero, row 2 equal


def _run(t, call, a=X1, b=X2):
    x1 = t.tensor(a, requires_grad=True)
    x2 = t.tensor(b, requires_grad=True)
    out = call(t.nn.functional, x1, x2)
    (out * t.arange(1.0, out.numel() + 1, dtype=out.dtype).reshape(out.shape)).sum().backward()
    return out, x1.grad.numpy(), x2.grad.numpy(), type(out.grad_fn).__name__


@pytest.mark.parametrize("call", [
    lambda F, a, b: F.cosine_similarity(a, b),
    lambda F, a, b: F.cosine_similarity(a, b, dim=0, eps=0.5),
    lambda F, a, b: F.cosine_similarity(a[:, None], b[None], dim=-1),  # broadcast: every pair
    lambda F, a, b: F.pairwise_distance(a, b),
    lambda F, a, b: F.pairwise_distance(a, b, p=1, eps=0.0, keepdim=True),
    lambda F, a, b: F.pairwise_distance(a, b[0]),
    lambda F, a, b: F.pairwise_distance(a, b, p=3.0),
])
def test_distances_match_pytorch(torch, call):
    ours, theirs = _run(ad, call), _run(torch, call)
    np.testing.assert_allclose(ours[0].detach().numpy(), theirs[0].detach().numpy(), rtol=1e-12, atol=1e-12)
    assert ours[0].shape == tuple(theirs[0].shape)
    for a, b in zip(ours[1:3], theirs[1:3]):
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9)
    assert ours[3] == theirs[3]


def test_distance_modules_print_and_forward_as_pytorch(torch):
    for t in (ad, torch):
        assert repr(t.nn.CosineSimilarity(dim=0)) == "CosineSimilarity()"
        assert repr(t.nn.PairwiseDistance(p=1)) == "PairwiseDistance()"
    ours = ad.nn.PairwiseDistance(p=1, keepdim=True)(ad.tensor(X1), ad.tensor(X2))
    theirs = torch.nn.PairwiseDistance(p=1, keepdim=True)(torch.tensor(X1), torch.tensor(X2))
    np.testing.assert_allclose(ours.numpy(), theirs.numpy())
    assert (ad.nn.PairwiseDistance().norm, ad.nn.CosineSimilarity().eps) == (2.0, 1e-8)


@pytest.mark.parametrize("call", [
    lambda t: t.nn.functional.cosine_similarity(t.ones(2, 3), t.ones(2, 4)),
    lambda t: t.nn.functional.cosine_similarity(t.tensor([1, 2]), t.tensor([1, 2]), dim=0),
    lambda t: t.nn.functional.cosine_similarity([1.0], t.ones(1)),
    lambda t: t.nn.functional.pairwise_distance(t.ones(2, 3), t.ones(2, 4)),
])
def test_distance_errors_are_pytorchs(torch, call):
    with pytest.raises(Exception) as ours:
        call(ad)
    with pytest.raises(Exception) as theirs:
        call(torch)
    assert type(ours.value) is type(theirs.value)


def test_dirac_is_the_identity_convolution(torch):
    for shape, groups in (((4, 2, 3), 2), ((3, 5, 3, 2), 1), ((2, 2, 1, 3, 3), 1)):
        ours, theirs = ad.empty(*shape), torch.empty(*shape)
        ad.nn.init.dirac_(ours, groups), torch.nn.init.dirac_(theirs, groups)
        np.testing.assert_array_equal(ours.numpy(), theirs.numpy())
    x = ad.randn(1, 3, 5, 5)
    np.testing.assert_allclose(ad.nn.functional.conv2d(x, ad.nn.init.dirac_(ad.empty(3, 3, 3, 3)), padding=1).numpy(),
                               x.numpy(), atol=1e-6)
    with pytest.raises(ValueError, match="3, 4, or 5"):
        ad.nn.init.dirac_(ad.empty(2, 2))
    with pytest.raises(ValueError, match="divisible by groups"):
        ad.nn.init.dirac_(ad.empty(3, 2, 3), groups=2)


def test_sparse_zeroes_a_fraction_of_each_column():
    ad.manual_seed(0)
    w = ad.nn.init.sparse_(ad.empty(10, 200), sparsity=0.25, std=0.5)
    assert ((w == 0).sum(0) == 3).all()  # ceil(0.25 · 10) zeros in every column
    nonzero = w.numpy()[w.numpy() != 0]
    assert 0.4 < nonzero.std() < 0.6
    with pytest.raises(ValueError, match="2 dimensions"):
        ad.nn.init.sparse_(ad.empty(3), 0.1)
