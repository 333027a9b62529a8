"""Embedding, LayerNorm, BatchNorm1d: one backward node each, as in PyTorch (EmbeddingBackward0,
NativeLayerNormBackward0, NativeBatchNormBackward0), with PyTorch's values, gradients, running
statistics, printing and errors; gradients also checked by finite differences."""
import numpy as np
import pytest

import autodidact as ad
import autodidact.nn as nn
import autodidact.nn.functional as F
from autodidact.autograd import gradcheck, gradgradcheck

X = np.array([[0.5, -1.2, 2.0, 0.3], [1.5, 0.2, -0.7, -2.0], [0.0, 0.9, 1.1, -0.4]])


def copy_parameters(ours, theirs, torch):
    with torch.no_grad():
        for (name, mine), (_, reference) in zip(ours.named_parameters(), theirs.named_parameters()):
            values = np.linspace(-1.0, 1.5, mine.numel()).reshape(tuple(mine.shape))
            reference.copy_(torch.tensor(values, dtype=reference.dtype))
            with ad.no_grad():
                mine.copy_(ad.tensor(values, dtype=mine.dtype))


def run_both(torch, build, make_input, steps=1, train=True):
    """Build the layer in both libraries with equal parameters; forward and backward ``steps`` times."""
    ours, theirs = build(ad), build(torch)
    copy_parameters(ours, theirs, torch)
    ours.train(train)
    theirs.train(train)
    results = []
    for step in range(steps):
        outputs = []
        for t, layer in ((ad, ours), (torch, theirs)):
            x = make_input(t, step)
            out = layer(x)
            (out * t.linspace(-1, 1, out.numel()).reshape(tuple(out.shape))).sum().backward()
            outputs.append((out, x.grad if x.requires_grad else None, layer))
        results.append(outputs)
    return results


def assert_same(ours, theirs, rtol=1e-5, atol=1e-6):
    if theirs is None:
        assert ours is None
        return
    np.testing.assert_allclose(ours.detach().numpy(), theirs.detach().numpy(), rtol=rtol, atol=atol)


@pytest.mark.parametrize("padding_idx", [None, 2, -1])
def test_embedding_matches_pytorch(torch, padding_idx):
    def build(t):
        return t.nn.Embedding(5, 3, padding_idx=padding_idx)

    def make_input(t, step):
        return t.tensor([[0, 2, 2], [4, 1, 2]])

    [(mine, theirs)] = run_both(torch, build, make_input)
    assert repr(mine[2]) == repr(theirs[2])
    assert type(mine[0].grad_fn).__name__ == type(theirs[0].grad_fn).__name__ == "EmbeddingBackward0"
    assert_same(mine[0], theirs[0])
    assert_same(mine[2].weight.grad, theirs[2].weight.grad)


def test_embedding_init_and_from_pretrained(torch):
    layer = nn.Embedding(4, 2, padding_idx=1)
    assert layer.weight[1].tolist() == [0.0, 0.0] and layer.weight.requires_grad
    weights = ad.tensor([[1.0, 2.0], [3.0, 4.0]])
    frozen = nn.Embedding.from_pretrained(weights)
    assert repr(frozen) == repr(torch.nn.Embedding.from_pretrained(torch.tensor([[1.0, 2.0], [3.0, 4.0]])))
    assert not frozen.weight.requires_grad and nn.Embedding.from_pretrained(weights, freeze=False).weight.requires_grad
    assert repr(frozen(ad.tensor([1, 0]))) == "tensor([[3., 4.],\n        [1., 2.]])"


@pytest.mark.parametrize("call", [
    lambda t: t.nn.Embedding(3, 2)(t.tensor([1.0])),
    lambda t: t.nn.Embedding(3, 2)(t.tensor([3])),
    lambda t: t.nn.Embedding(3, 2)(t.tensor([-1])),
    lambda t: t.nn.Embedding(3, 2, padding_idx=5),
])
def test_embedding_errors_as_pytorch(torch, call):
    with pytest.raises(Exception) as ours:
        call(ad)
    with pytest.raises(Exception) as theirs:
        call(torch)
    assert type(ours.value) is type(theirs.value)


def test_embedding_gradient_by_finite_differences():
    weight = ad.tensor(np.linspace(-1, 1, 8).reshape(4, 2), dtype=ad.float64, requires_grad=True)
    indices = ad.tensor([[3, 0], [3, 3]])
    assert gradcheck(lambda w: F.embedding(indices, w), weight)
    out = F.embedding(indices, weight, padding_idx=3)
    out.sum().backward()
    assert weight.grad[3].tolist() == [0.0, 0.0] and weight.grad[0].tolist() == [1.0, 1.0]


@pytest.mark.parametrize("shape, options", [
    (4, {}), ((3, 4), {}), (4, {"elementwise_affine": False}), (4, {"bias": False}), (4, {"eps": 0.1}),
])
def test_layer_norm_matches_pytorch(torch, shape, options):
    def build(t):
        return t.nn.LayerNorm(shape, **options)

    def make_input(t, step):
        return t.tensor(np.stack([X, X[::-1] * 2]), dtype=t.float32, requires_grad=True)

    [(mine, theirs)] = run_both(torch, build, make_input)
    assert repr(mine[2]) == repr(theirs[2])
    assert type(mine[0].grad_fn).__name__ == type(theirs[0].grad_fn).__name__ == "NativeLayerNormBackward0"
    assert_same(mine[0], theirs[0])
    assert_same(mine[1], theirs[1])
    for (_, p), (_, q) in zip(mine[2].named_parameters(), theirs[2].named_parameters()):
        assert_same(p.grad, q.grad)


def test_layer_norm_gradients_by_finite_differences():
    x = ad.tensor(X, dtype=ad.float64, requires_grad=True)
    w = ad.tensor([0.5, -1.0, 2.0, 1.5], dtype=ad.float64, requires_grad=True)
    b = ad.tensor([0.1, 0.2, -0.3, 0.0], dtype=ad.float64, requires_grad=True)
    assert gradcheck(lambda x, w, b: F.layer_norm(x, (4,), w, b), (x, w, b))
    assert gradgradcheck(lambda x, w, b: F.layer_norm(x, (4,), w, b), (x, w, b))
    assert gradcheck(lambda x: F.layer_norm(x, (3, 4), eps=1e-3), (x,))


@pytest.mark.parametrize("options, three_d", [
    ({}, False), ({}, True), ({"momentum": None}, False), ({"affine": False}, False), ({"bias": False}, False),
    ({"track_running_stats": False}, False), ({"momentum": 0.5, "eps": 1e-3}, True),
])
def test_batch_norm_training_matches_pytorch(torch, options, three_d):
    def build(t):
        return t.nn.BatchNorm1d(4, **options)

    def make_input(t, step):
        values = np.stack([X, X * 0.5 + 1]) if three_d else X * (step + 1)
        if three_d:
            values = values.transpose(0, 2, 1)  # (N, C=4, L=3)
        return t.tensor(values, dtype=t.float32, requires_grad=True)

    results = run_both(torch, build, make_input, steps=3)
    for mine, theirs in results:
        assert type(mine[0].grad_fn).__name__ == type(theirs[0].grad_fn).__name__ == "NativeBatchNormBackward0"
        assert_same(mine[0], theirs[0])
        assert_same(mine[1], theirs[1])
    ours, reference = results[-1][0][2], results[-1][1][2]
    assert repr(ours) == repr(reference)
    for (name, a), (_, b) in zip(ours.state_dict().items(), reference.state_dict().items()):
        if a.dtype.is_floating_point:
            assert_same(a, b)
        else:
            assert a.tolist() == b.tolist(), name
    for (_, p), (_, q) in zip(ours.named_parameters(), reference.named_parameters()):
        assert_same(p.grad, q.grad, rtol=1e-4, atol=1e-5)


def test_batch_norm_eval_uses_running_statistics(torch):
    results = []
    for t in (ad, torch):
        layer = t.nn.BatchNorm1d(4)
        layer(t.tensor(X * 3 - 1, dtype=t.float32))
        layer(t.tensor(X, dtype=t.float32))
        layer.eval()
        x = t.tensor(X[:1], dtype=t.float32, requires_grad=True)  # one example: fine in eval mode
        out = layer(x)
        (out * t.tensor([1.0, -2.0, 0.5, 3.0])).sum().backward()
        results.append((out, x.grad, layer.weight.grad, layer.running_var, type(out.grad_fn).__name__))
    for mine, theirs in zip(results[0][:4], results[1][:4]):
        assert_same(mine, theirs)
    assert results[0][4] == results[1][4] == "NativeBatchNormBackward0"


def test_batch_norm_gradients_by_finite_differences():
    x = ad.tensor(X, dtype=ad.float64, requires_grad=True)
    w = ad.tensor([0.5, -1.0, 2.0, 1.5], dtype=ad.float64, requires_grad=True)
    b = ad.tensor([0.1, 0.2, -0.3, 0.0], dtype=ad.float64, requires_grad=True)
    assert gradcheck(lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True), (x, w, b))
    assert gradgradcheck(lambda x, w, b: F.batch_norm(x, None, None, w, b, training=True), (x, w, b))
    mean, var = ad.tensor([0.1, 0.2, 0.3, 0.4], dtype=ad.float64), ad.tensor([1.0, 2.0, 0.5, 4.0], dtype=ad.float64)
    assert gradcheck(lambda x, w, b: F.batch_norm(x, mean, var, w, b, training=False), (x, w, b))
    x3 = ad.tensor(np.ascontiguousarray(np.stack([X, -X]).transpose(0, 2, 1)), dtype=ad.float64, requires_grad=True)
    assert gradcheck(lambda x: F.batch_norm(x, None, None, training=True), (x3,))


@pytest.mark.parametrize("call", [
    lambda t: t.nn.BatchNorm1d(3)(t.ones(1, 3)),
    lambda t: t.nn.BatchNorm1d(3)(t.ones(2, 3, 4, 5)),
    lambda t: t.nn.BatchNorm1d(3)(t.ones(2, 4)),
    lambda t: t.nn.LayerNorm(3)(t.ones(2, 4)),
])
def test_normalization_errors_as_pytorch(torch, call):
    with pytest.raises(Exception) as ours:
        call(ad)
    with pytest.raises(Exception) as theirs:
        call(torch)
    assert type(ours.value) is type(theirs.value)
    assert str(ours.value).split(":")[0].split(".")[0] == str(theirs.value).split(":")[0].split(".")[0]


@pytest.mark.parametrize("call", [
    lambda t: t.nn.LayerNorm(3)(t.ones(2, 3, dtype=t.float64)),
    lambda t: t.nn.BatchNorm1d(3)(t.ones(2, 3, dtype=t.float64)),
    lambda t: t.nn.BatchNorm1d(3).eval()(t.ones(2, 3, dtype=t.float64)),
])
def test_mixed_dtypes_are_refused_as_in_pytorch(torch, call):
    with pytest.raises(RuntimeError, match="mixed dtype"):
        call(ad)
    with pytest.raises(RuntimeError, match="mixed dtype"):
        call(torch)
