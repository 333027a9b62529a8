"""nn.utils: gradient clipping and parameter vectors, compared with PyTorch."""
import math

import numpy as np
import pytest

import autodidact as ad


def clipped(t, clip, **options):
    """Gradients of a small model after clipping, and what the clip function returned."""
    model = t.nn.Linear(3, 2)
    with t.no_grad():
        model.weight.copy_(t.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]]))
        model.bias.fill_(0.1)
    model(t.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])).pow(2).sum().backward()
    returned = clip(t.nn.utils, model.parameters(), **options)
    grads = [p.grad.numpy().copy() for p in model.parameters()]
    return grads, None if returned is None else returned.numpy()


@pytest.mark.parametrize("options", [{"max_norm": 1.0}, {"max_norm": 1e6}, {"max_norm": 2.0, "norm_type": 1},
                                     {"max_norm": 3.0, "norm_type": math.inf}, {"max_norm": 0.5, "norm_type": 3.0}])
def test_clip_grad_norm_scales_as_pytorch(torch, options):
    clip = lambda utils, params, **kw: utils.clip_grad_norm_(params, **kw)
    (ours, our_total), (theirs, their_total) = clipped(ad, clip, **options), clipped(torch, clip, **options)
    np.testing.assert_allclose(our_total, their_total, rtol=1e-6)
    assert our_total.dtype == their_total.dtype == np.float32
    for a, b in zip(ours, theirs):
        np.testing.assert_allclose(a, b, rtol=1e-6)


def test_clip_grad_value_clamps_as_pytorch(torch):
    clip = lambda utils, params, **kw: utils.clip_grad_value_(params, **kw)
    (ours, none), (theirs, _) = clipped(ad, clip, clip_value=5.0), clipped(torch, clip, clip_value=5.0)
    assert none is None
    for a, b in zip(ours, theirs):
        np.testing.assert_array_equal(a, b)


def test_clip_grad_norm_skips_missing_grads_and_can_refuse_a_nonfinite_norm():
    w, unused = ad.tensor([3.0, 4.0], requires_grad=True), ad.zeros(2, requires_grad=True)
    (w * w).sum().backward()  # grad [6, 8], norm 10
    total = ad.nn.utils.clip_grad_norm_([w, unused], max_norm=5.0)
    assert total.item() == pytest.approx(10.0) and unused.grad is None
    assert np.allclose(w.grad.numpy(), [3.0, 4.0], rtol=1e-5)
    w.grad = ad.tensor([float("inf"), 1.0])
    with pytest.raises(RuntimeError, match="non-finite"):
        ad.nn.utils.clip_grad_norm_(w, 1.0, error_if_nonfinite=True)


def test_parameters_to_vector_and_back(torch):
    for t in (ad, torch):
        model = t.nn.Linear(2, 2)
        vector = t.nn.utils.parameters_to_vector(model.parameters())
        assert tuple(vector.shape) == (6,) and type(vector.grad_fn).__name__ == "CatBackward0"
        t.nn.utils.vector_to_parameters(t.arange(6.0), model.parameters())
        assert model.weight.tolist() == [[0.0, 1.0], [2.0, 3.0]] and model.bias.tolist() == [4.0, 5.0]
        with pytest.raises(TypeError):
            t.nn.utils.vector_to_parameters([1.0], model.parameters())
