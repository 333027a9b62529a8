"""Padding layers, BatchNorm2d/3d, Conv2d(padding_mode=...) and the activations added with them
(LogSigmoid, Softsign, Softmin, Tanhshrink, SELU, CELU, Hardsigmoid, Hardswish, GLU, Threshold,
Hardshrink, Softshrink, PReLU), against PyTorch: printing, values, gradients, grad_fn names,
state dicts and exception classes."""
import numpy as np
import pytest

import autodidact as ad

X = np.array([[-3.5, -3.0, -1.0, -0.5, 0.0, 0.25], [0.5, 1.0, 2.9, 3.0, 4.0, -0.3]])
IMAGES = np.linspace(-1, 1, 2 * 2 * 4 * 5).reshape(2, 2, 4, 5)


def _run(lib, make, array, prepare=lambda x: x * 1):
    """Module or function ``make(lib)`` applied to a copy of ``array`` that requires grad; its repr,
    the result, the gradient of a weighted sum and the grad_fn name."""
    layer = make(lib)
    x = lib.tensor(array, requires_grad=True)
    y = layer(prepare(x))
    weights = lib.arange(float(y.numel())).reshape(tuple(y.shape)).to(y.dtype)
    (grad,) = lib.autograd.grad((y * weights).sum(), x)
    names = list(layer.state_dict()) if isinstance(layer, lib.nn.Module) else None
    return repr(layer) if names is not None else None, repr(y.detach()), grad.numpy(), type(y.grad_fn).__name__, names


def _same(torch, make, array, prepare=lambda x: x * 1):
    ours, theirs = _run(ad, make, array, prepare), _run(torch, make, array, prepare)
    assert ours[0] == theirs[0]
    assert ours[1] == theirs[1]
    np.testing.assert_allclose(ours[2], theirs[2], rtol=1e-12, atol=1e-12)
    assert ours[3:] == theirs[3:]


@pytest.mark.parametrize("make", [
    lambda t: t.nn.LogSigmoid(), lambda t: t.nn.Softsign(), lambda t: t.nn.Softmin(dim=1), lambda t: t.nn.Tanhshrink(),
    lambda t: t.nn.SELU(), lambda t: t.nn.CELU(0.5), lambda t: t.nn.Hardsigmoid(), lambda t: t.nn.Hardswish(),
    lambda t: t.nn.GLU(), lambda t: t.nn.GLU(0), lambda t: t.nn.Threshold(0.1, 20.0), lambda t: t.nn.Hardshrink(),
    lambda t: t.nn.Softshrink(0.3), lambda t: t.nn.SELU(inplace=True), lambda t: t.nn.CELU(0.5, True),
    lambda t: t.nn.Threshold(0.1, 20, True), lambda t: t.nn.Hardswish(True), lambda t: t.nn.Hardsigmoid(inplace=True),
    lambda t: t.nn.PReLU().double(), lambda t: t.nn.functional.logsigmoid, lambda t: t.nn.functional.selu,
    lambda t: (lambda x: t.nn.functional.softmin(x, 0)), lambda t: (lambda x: t.nn.functional.threshold_(x, 0.0, -1.0)),
])
def test_activations_match_pytorch(torch, make):
    _same(torch, make, X)


def test_prelu_learns_one_slope_per_channel_as_pytorch(torch):
    _same(torch, lambda t: t.nn.PReLU(2, 0.1).double(), X, prepare=lambda x: (x * 1).reshape(1, 2, 6))
    results = []
    for lib in (ad, torch):
        layer = lib.nn.PReLU(2).double()
        layer(lib.tensor(X).reshape(1, 2, 6)).sum().backward()
        results.append(layer.weight.grad.numpy())
    np.testing.assert_allclose(results[0], results[1])


@pytest.mark.parametrize("make", [
    lambda t: t.nn.ZeroPad2d(1), lambda t: t.nn.ZeroPad2d((1, 0, 2, 1)), lambda t: t.nn.ConstantPad2d((1, 0, 2, 1), -1.0),
    lambda t: t.nn.ReflectionPad2d((1, 1, 2, 0)), lambda t: t.nn.ReplicationPad2d(1), lambda t: t.nn.CircularPad2d((1, 2, 0, 1)),
    lambda t: t.nn.ZeroPad3d(1), lambda t: t.nn.ReplicationPad3d((1, 0, 1, 0, 0, 1)), lambda t: t.nn.ReflectionPad3d(1),
])
def test_padding_layers_of_images_match_pytorch(torch, make):
    _same(torch, make, IMAGES)


@pytest.mark.parametrize("make", [
    lambda t: t.nn.ZeroPad1d((2, -1)), lambda t: t.nn.ConstantPad1d(2, 3.5), lambda t: t.nn.ReflectionPad1d(2),
    lambda t: t.nn.ReplicationPad1d((0, 3)), lambda t: t.nn.CircularPad1d(1),
])
def test_padding_layers_of_sequences_match_pytorch(torch, make):
    _same(torch, make, IMAGES[0])


@pytest.mark.parametrize("mode", ["zeros", "reflect", "replicate", "circular"])
@pytest.mark.parametrize("padding, kernel", [(1, 3), ((2, 1), (3, 2)), ("same", (3, 2)), ("valid", 2)])
def test_conv2d_padding_modes_match_pytorch(torch, mode, padding, kernel):
    def make(t):
        layer = t.nn.Conv2d(2, 3, kernel, padding=padding, padding_mode=mode).double()
        with t.no_grad():
            layer.weight.copy_(t.linspace(-0.5, 0.5, layer.weight.numel()).reshape(tuple(layer.weight.shape)))
            layer.bias.fill_(0.1)
        return layer
    _same(torch, make, IMAGES)


def test_batchnorm2d_and_3d_match_pytorch(torch):
    _same(torch, lambda t: t.nn.BatchNorm2d(2).double(), IMAGES)
    _same(torch, lambda t: t.nn.BatchNorm3d(2, momentum=None).double(), IMAGES[:, :, None])
    results = []
    for lib in (ad, torch):
        norm = lib.nn.BatchNorm2d(2, momentum=0.5).double()
        norm(lib.tensor(IMAGES))
        norm.eval()
        results.append((repr(norm.running_mean), repr(norm.running_var), repr(norm.num_batches_tracked),
                        repr(norm(lib.tensor(IMAGES))[1, 1, 0])))
    assert results[0] == results[1]


@pytest.mark.parametrize("call", [
    lambda t: t.nn.BatchNorm2d(2)(t.ones(2, 4, 5)), lambda t: t.nn.BatchNorm3d(2)(t.ones(2, 2, 4, 5)),
    lambda t: t.nn.Conv2d(1, 1, 1, padding_mode="wrap"), lambda t: t.nn.functional.glu(t.ones(3)),
    lambda t: t.nn.functional.glu(t.tensor(1.0)), lambda t: t.nn.functional.prelu(t.ones(2, 3), t.ones(2)),
    lambda t: t.nn.functional.prelu(t.ones(2, 3, dtype=t.float64), t.ones(3)),
    lambda t: t.nn.functional.logsigmoid(t.tensor([1, 2])), lambda t: t.nn.functional.hardshrink(t.tensor([1, 2])),
    lambda t: t.nn.functional.softshrink(t.ones(2), -1.0), lambda t: t.nn.ReflectionPad2d(3)(t.ones(1, 3, 3)),
])
def test_refused_as_pytorch_refuses(torch, call):
    with pytest.raises(Exception) as theirs:
        call(torch)
    with pytest.raises(Exception) as ours:
        call(ad)
    assert type(ours.value) is type(theirs.value), (ours.value, theirs.value)


def _channel_dropout_facts(lib):
    import warnings
    nn, F = lib.nn, lib.nn.functional
    x = lib.ones(4, 8, 3, 3, requires_grad=True)
    y = F.dropout2d(x, 0.5)
    facts = [repr(nn.Dropout2d(0.25)), repr(nn.Dropout1d()), repr(nn.Dropout3d(p=0.1, inplace=True)),
             y.grad_fn.name(), tuple(y.shape),
             set(y[0, 0].detach().flatten().tolist()) <= {0.0, 2.0},  # kept channels scaled by 1/(1-p)
             bool((y.detach().sum(dim=(2, 3)) % 18 == 0).all())]  # each channel zeroed or kept whole
    y.sum().backward()
    facts += [bool((x.grad == y.detach()).all()), F.dropout1d(lib.ones(3, 5, requires_grad=True), 0.5).grad_fn.name(),
              tuple(F.dropout2d(lib.ones(2, 3), training=False).shape),
              F.dropout3d(lib.ones(2, 2, 2, 2, requires_grad=True), 0.3).grad_fn.name(),
              F.dropout2d(lib.ones(1, 2, 2, 2), 1.0).sum().item()]
    layer = nn.Dropout2d()
    layer.eval()
    facts.append(layer(x) is x)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        F.dropout2d(lib.ones(2, 3, 4))
        F.dropout2d(lib.ones(2, 3))
    facts.append([str(w.message)[:60] for w in caught])
    return facts


def test_channel_dropout_as_pytorch(torch):
    assert _channel_dropout_facts(ad) == _channel_dropout_facts(torch)


@pytest.mark.parametrize("call", [lambda t: t.nn.functional.dropout1d(t.ones(2, 2, 2, 2)), lambda t: t.nn.Dropout2d(1.5),
                                  lambda t: t.nn.functional.dropout2d(t.ones(2, 2, 2, 2), -0.1)])
def test_channel_dropout_refuses_as_pytorch(torch, call):
    with pytest.raises(Exception) as theirs:
        call(torch)
    with pytest.raises(type(theirs.value)):
        call(ad)
