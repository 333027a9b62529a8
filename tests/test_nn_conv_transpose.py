"""ConvTranspose1d/2d and F.conv_transpose1d/2d against PyTorch: values and gradients over a grid
of geometries (stride, padding, output_padding, dilation), the layers' weights, starting-value
bounds, printing and output_size, and PyTorch's errors."""
import itertools

import numpy as np
import pytest

import autodidact as ad

RNG = np.random.default_rng(1)
GEOMETRIES = [(s, p, op, d) for s, p, op, d in itertools.product([1, 2, 3], [0, 2], [0, 1, 2], [1, 2])
              if op < max(s, d)]


def _transposed(t, dims, x, w, b, stride, padding, output_padding, dilation):
    x, w, b = (t.tensor(a, requires_grad=True) for a in (x, w, b))
    function = t.nn.functional.conv_transpose1d if dims == 1 else t.nn.functional.conv_transpose2d
    y = function(x, w, b, stride=stride, padding=padding, output_padding=output_padding, dilation=dilation)
    y.backward(t.tensor(np.linspace(-1.0, 1.0, y.numel()).reshape(tuple(y.shape))))
    return [y.detach().numpy(), x.grad.numpy(), w.grad.numpy(), b.grad.numpy(), type(y.grad_fn).__name__]


@pytest.mark.parametrize("dims", [1, 2])
@pytest.mark.parametrize("stride, padding, output_padding, dilation", GEOMETRIES)
def test_conv_transpose_matches_pytorch(torch, dims, stride, padding, output_padding, dilation):
    spatial = (4, 3)[-dims:] if dims == 2 else (4,)
    arrays = (RNG.standard_normal((2, 2) + spatial), RNG.standard_normal((2, 3) + (3,) * dims), RNG.standard_normal(3))
    ours = _transposed(ad, dims, *arrays, stride, padding, output_padding, dilation)
    theirs = _transposed(torch, dims, *arrays, stride, padding, output_padding, dilation)
    for a, b in zip(ours[:4], theirs[:4]):
        assert a.shape == b.shape
        np.testing.assert_allclose(a, b, rtol=1e-10, atol=1e-12)
    assert ours[4] == theirs[4] == "ConvolutionBackward0"


def test_layers_have_pytorchs_weights_printing_and_output_size(torch):
    for make in (lambda nn: nn.ConvTranspose2d(2, 6, 3), lambda nn: nn.ConvTranspose1d(4, 2, 5, bias=False),
                 lambda nn: nn.ConvTranspose2d(2, 3, (3, 2), stride=2, padding=1, output_padding=1, dilation=2)):
        ours, theirs = make(ad.nn), make(torch.nn)
        assert repr(ours) == repr(theirs)
        assert [(n, tuple(p.shape)) for n, p in ours.named_parameters()] == \
               [(n, tuple(p.shape)) for n, p in theirs.named_parameters()]
    # Starting values U(-b, b), b = 1/√(weight.shape[1] · kernel size): out_channels here, not in.
    layer = ad.nn.ConvTranspose2d(1, 100, 3)
    bound = 1 / np.sqrt(100 * 9)
    assert bound * 0.9 < layer.weight.abs().max().item() <= bound
    assert layer.bias.abs().max().item() <= bound
    x = ad.randn(1, 2, 5, 5)
    up = ad.nn.ConvTranspose2d(2, 3, 3, stride=2, padding=1)
    assert up(x).shape == (1, 3, 9, 9) and up(x, output_size=(10, 10)).shape == (1, 3, 10, 10)
    assert up(x[0], output_size=[3, 10, 9]).shape == (3, 10, 9)


@pytest.mark.parametrize("call", [
    lambda t, x, w: t.nn.functional.conv_transpose2d(x, t.ones(3, 3, 3, 3)),
    lambda t, x, w: t.nn.functional.conv_transpose2d(x, w, output_padding=1),
    lambda t, x, w: t.nn.functional.conv_transpose2d(x, w, padding="same"),
    lambda t, x, w: t.nn.functional.conv_transpose2d(x, w, bias=t.ones(2)),
    lambda t, x, w: t.nn.functional.conv_transpose2d(x[0, 0], w),
    lambda t, x, w: t.nn.functional.conv_transpose2d(x, w, stride=0),
    lambda t, x, w: t.nn.functional.conv_transpose2d(x, w, padding=-1),
    lambda t, x, w: t.nn.functional.conv_transpose2d(x, w, padding=5),
    lambda t, x, w: t.nn.functional.conv_transpose1d(x[0], w[:, :, 0]),
    lambda t, x, w: t.nn.ConvTranspose2d(2, 3, 3, padding_mode="reflect"),
    lambda t, x, w: t.nn.ConvTranspose2d(2, 3, 3, stride=2)(x, output_size=(20, 20)),
    lambda t, x, w: t.nn.ConvTranspose2d(2, 3, 3, stride=2)(x, output_size=(20,)),
])
def test_conv_transpose_errors_are_pytorchs(torch, call):
    with pytest.raises(Exception) as ours:
        call(ad, ad.ones(1, 2, 5, 5), ad.ones(2, 3, 3, 3))
    with pytest.raises(Exception) as theirs:
        call(torch, torch.ones(1, 2, 5, 5), torch.ones(2, 3, 3, 3))
    assert type(ours.value) is type(theirs.value)
    assert str(ours.value).split(":")[0][:40] == str(theirs.value).split(":")[0][:40]
