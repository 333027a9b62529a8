"""F.interpolate, nn.Upsample and adaptive average pooling against PyTorch: values, gradients and
grad_fn for every mode, with sizes, scale factors (recomputed or not) and align_corners; printing
of the modules; PyTorch's errors."""
import numpy as np
import pytest

import autodidact as ad

RNG = np.random.default_rng(0)
SEQUENCES, IMAGES = RNG.standard_normal((1, 2, 5)), RNG.standard_normal((2, 1, 3, 4))
RESIZES = [{"size": 7}, {"size": 2}, {"scale_factor": 1.7}, {"scale_factor": 2}, {"scale_factor": 0.5},
           {"scale_factor": 1.7, "recompute_scale_factor": True}]
CASES = ([(SEQUENCES, mode, None, resize) for mode in ("nearest", "nearest-exact", "area") for resize in RESIZES]
         + [(SEQUENCES, "linear", corners, resize) for corners in (False, True) for resize in RESIZES]
         + [(IMAGES, mode, None, resize) for mode in ("nearest", "nearest-exact", "area")
            for resize in RESIZES + [{"size": (7, 2)}, {"scale_factor": (0.7, 3.3)}]]
         + [(IMAGES, "bilinear", corners, resize) for corners in (False, True)
            for resize in RESIZES + [{"size": (1, 5)}, {"scale_factor": (2.5, 1.5)}]])


def _resized(t, x, mode, corners, resize):
    x = t.tensor(x, requires_grad=True)
    y = t.nn.functional.interpolate(x, mode=mode, align_corners=corners, **resize)
    (y * t.arange(float(y.numel()), dtype=y.dtype).reshape(y.shape)).sum().backward()
    return y.detach().numpy(), x.grad.numpy(), type(y.grad_fn).__name__


@pytest.mark.parametrize("x, mode, corners, resize", CASES)
def test_interpolate_matches_pytorch(torch, x, mode, corners, resize):
    ours, theirs = _resized(ad, x, mode, corners, resize), _resized(torch, x, mode, corners, resize)
    assert ours[0].shape == theirs[0].shape
    np.testing.assert_allclose(ours[0], theirs[0], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(ours[1], theirs[1], rtol=1e-12, atol=1e-12)
    assert ours[2] == theirs[2]


def test_second_derivative_nodes_are_pytorchs(torch):
    names = []
    for t in (ad, torch):
        x = t.tensor(IMAGES, requires_grad=True)
        (g,) = t.autograd.grad(t.nn.functional.interpolate(x, scale_factor=2, mode="bilinear").pow(2).sum(), x,
                               create_graph=True)
        names.append(type(g.grad_fn).__name__)
    assert names[0] == names[1] == "UpsampleBilinear2DBackwardBackward0"


def test_modules_print_and_resize_as_pytorch(torch):
    x = np.arange(1.0, 5.0, dtype=np.float32).reshape(1, 1, 2, 2)
    for make in (lambda nn: nn.Upsample(scale_factor=2, mode="nearest"), lambda nn: nn.Upsample(size=(3, 5)),
                 lambda nn: nn.Upsample(scale_factor=(2, 1.5), mode="bilinear", align_corners=True),
                 lambda nn: nn.UpsamplingNearest2d(scale_factor=3), lambda nn: nn.UpsamplingBilinear2d(size=4),
                 lambda nn: nn.AdaptiveAvgPool2d((1, 3)), lambda nn: nn.AdaptiveAvgPool1d(2)):
        ours, theirs = make(ad.nn), make(torch.nn)
        assert repr(ours) == repr(theirs)
        batch = x[0] if "1d" in repr(ours) else x
        assert repr(ours(ad.tensor(batch))) == repr(theirs(torch.tensor(batch)))


@pytest.mark.parametrize("pool, shape, size", [
    ("adaptive_avg_pool2d", (1, 2, 5, 7), (3, 2)), ("adaptive_avg_pool2d", (2, 5, 7), (None, 4)),
    ("adaptive_avg_pool2d", (1, 2, 5, 7), 1), ("adaptive_avg_pool2d", (1, 2, 5, 7), (5, 7)),
    ("adaptive_avg_pool1d", (2, 3, 7), 3), ("adaptive_avg_pool1d", (3, 7), 1)])
def test_adaptive_average_pooling_matches_pytorch(torch, pool, shape, size):
    x = RNG.standard_normal(shape)
    results = []
    for t in (ad, torch):
        v = t.tensor(x, requires_grad=True)
        y = getattr(t.nn.functional, pool)(v, size)
        (y * t.arange(float(y.numel()), dtype=y.dtype).reshape(y.shape)).sum().backward()
        results.append((y.detach().numpy(), v.grad.numpy(), type(y.grad_fn).__name__))
    np.testing.assert_allclose(results[0][0], results[1][0], rtol=1e-12)
    np.testing.assert_allclose(results[0][1], results[1][1], rtol=1e-12)
    assert results[0][2] == results[1][2]


@pytest.mark.parametrize("call", [
    lambda t, x: t.nn.functional.interpolate(x, size=3, scale_factor=2),
    lambda t, x: t.nn.functional.interpolate(x),
    lambda t, x: t.nn.functional.interpolate(x, size=(2, 2, 2)),
    lambda t, x: t.nn.functional.interpolate(x, size=(2.0, 2)),
    lambda t, x: t.nn.functional.interpolate(x, scale_factor=(2, 2, 2)),
    lambda t, x: t.nn.functional.interpolate(x, size=4, align_corners=True),
    lambda t, x: t.nn.functional.interpolate(x, size=4, recompute_scale_factor=True),
    lambda t, x: t.nn.functional.interpolate(x, size=4, mode="linear"),
    lambda t, x: t.nn.functional.interpolate(x[0, 0], size=4),
    lambda t, x: t.nn.functional.interpolate(x, scale_factor=0.1),
    lambda t, x: t.nn.functional.adaptive_avg_pool2d(x[0, 0], 2),
    lambda t, x: t.nn.functional.adaptive_avg_pool1d(x, 2),
    lambda t, x: t.nn.functional.adaptive_avg_pool2d(x, (1, 2, 3)),
])
def test_interpolate_errors_are_pytorchs(torch, call):
    with pytest.raises(Exception) as ours:
        call(ad, ad.tensor(IMAGES))
    with pytest.raises(Exception) as theirs:
        call(torch, torch.tensor(IMAGES))
    assert type(ours.value) is type(theirs.value)
