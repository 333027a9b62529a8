"""Convolution and pooling layers (nn.Conv2d, nn.MaxPool2d, nn.AvgPool2d, nn.AdaptiveAvgPool2d),
compared with PyTorch: printing, starting values, a CNN's training step, errors. The gradient
checks of the ops themselves (finite differences, PyTorch, second derivatives) are in
test_op_table.py, generated from the specs."""
import numpy as np
import pytest

import autodidact as ad
import autodidact.nn as nn
import autodidact.nn.functional as F

LAYERS = [
    "nn.Conv2d(1, 16, kernel_size=3, stride=2, padding=1)", "nn.Conv2d(3, 4, 3)",
    "nn.Conv2d(3, 4, (3, 5), bias=False, padding='same')", "nn.Conv2d(2, 2, 3, dilation=2, padding=(1, 2))",
    "nn.Conv2d(2, 2, 3, padding='valid')", "nn.MaxPool2d(2)", "nn.MaxPool2d(3, stride=1, padding=1)",
    "nn.MaxPool2d((2, 3), stride=(1, 2))", "nn.AvgPool2d(4)", "nn.AvgPool2d(3, stride=2, padding=1)",
    "nn.AdaptiveAvgPool2d(1)", "nn.AdaptiveAvgPool2d((1, 1))",
]


@pytest.mark.parametrize("layer", LAYERS)
def test_layers_print_as_pytorch(torch, layer):
    assert repr(eval(layer, {"nn": nn})) == repr(eval(layer, {"nn": torch.nn}))


def test_conv2d_parameters_and_starting_values(torch):
    ad.manual_seed(0)  # the spread check below is on 3 biases: unseeded, it failed now and then
    ours, theirs = nn.Conv2d(2, 3, (3, 4), stride=2), torch.nn.Conv2d(2, 3, (3, 4), stride=2)
    assert [tuple(p.shape) for p in ours.parameters()] == [tuple(p.shape) for p in theirs.parameters()]
    for name in ("in_channels", "out_channels", "kernel_size", "stride", "padding", "dilation", "groups",
                 "padding_mode"):
        assert getattr(ours, name) == getattr(theirs, name)
    bound = 1 / np.sqrt(2 * 3 * 4)  # U(-1/√fan_in, 1/√fan_in), as PyTorch's kaiming_uniform_(a=√5)
    for parameter in ours.parameters():
        values = parameter.detach().numpy()
        assert np.all(np.abs(values) <= bound) and values.std() > bound / 4


def _cnn(lib):
    return lib.nn.Sequential(
        lib.nn.Conv2d(1, 4, kernel_size=3, stride=2, padding=1), lib.nn.ReLU(),
        lib.nn.MaxPool2d(2), lib.nn.Conv2d(4, 6, 3, padding="same"), lib.nn.ReLU(),
        lib.nn.AvgPool2d(2, padding=1, count_include_pad=False), lib.nn.AdaptiveAvgPool2d(1), lib.nn.Flatten(),
        lib.nn.Linear(6, 3))


def test_a_cnn_trains_as_in_pytorch(torch):
    ours, theirs = _cnn(ad), _cnn(torch)
    theirs.double()
    for mine, reference in zip(ours.parameters(), theirs.parameters()):
        with ad.no_grad():
            mine.copy_(ad.tensor(reference.detach().numpy()))
    ours.double()
    images = np.random.default_rng(0).standard_normal((5, 1, 12, 12))
    labels = np.array([0, 2, 1, 1, 0])
    optimizers = [ad.optim.SGD(ours.parameters(), lr=0.1), torch.optim.SGD(theirs.parameters(), lr=0.1)]
    for _ in range(3):
        losses = []
        for lib, model, optimizer in ((ad, ours, optimizers[0]), (torch, theirs, optimizers[1])):
            optimizer.zero_grad()
            loss = lib.nn.functional.cross_entropy(model(lib.tensor(images)), lib.tensor(labels))
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        assert losses[0] == pytest.approx(losses[1], rel=1e-12)
    for mine, reference in zip(ours.parameters(), theirs.parameters()):
        np.testing.assert_allclose(mine.detach().numpy(), reference.detach().numpy(), rtol=1e-10, atol=1e-12)


def test_single_images_and_grad_fn_names_as_pytorch(torch):
    image = np.random.default_rng(1).standard_normal((3, 6, 6))
    weight = np.random.default_rng(2).standard_normal((2, 3, 3, 3))
    for call in (lambda t, x, w: t.nn.functional.conv2d(x, w), lambda t, x, w: t.nn.functional.max_pool2d(x, 2),
                 lambda t, x, w: t.nn.functional.avg_pool2d(x, 3), lambda t, x, w: t.nn.functional.conv2d(x[None], w),
                 lambda t, x, w: t.nn.functional.max_pool2d(x[None], 2), lambda t, x, w: t.nn.functional.avg_pool2d(x[None], 2)):
        results = []
        for t in (ad, torch):
            x, w = t.tensor(image, requires_grad=True), t.tensor(weight, requires_grad=True)
            out = call(t, x, w)
            out.sum().backward()
            results.append((type(out.grad_fn).__name__, tuple(out.shape), x.grad.numpy().round(10).tolist()))
        assert results[0] == results[1]


ERRORS = [
    "F.conv2d(x, t.ones(4, 2, 3, 3))", "F.conv2d(t.ones(5, 5), w)", "F.conv2d(x, w, t.ones(3))",
    "F.conv2d(x, t.ones(4, 3, 7, 7))", "F.conv2d(x, w, stride=0)", "F.conv2d(x, w, padding=-1)",
    "F.conv2d(x.double(), w)", "F.conv2d(x, w, padding='same', stride=2)", "F.conv2d(x, w, padding='full')",
    "F.max_pool2d(x, 7)", "F.max_pool2d(x, 3, padding=2)", "F.avg_pool2d(x, 2, padding=2)",
    "F.max_pool2d(t.ones(5, 5), 2)", "F.avg_pool2d(t.ones(5, 5), 2)", "nn.Conv2d(3, 4, 3, padding='full')",
    "F.conv2d(x, w.double())", "F.conv2d(x.double(), w)", "F.conv2d(x[0], w.double())", "F.conv2d(x, w, t.ones(4).double())",
]


@pytest.mark.parametrize("call", ERRORS)
def test_errors_as_pytorch(torch, call):
    def run(t):
        names = {"t": t, "F": t.nn.functional, "nn": t.nn, "x": t.ones(2, 3, 5, 5), "w": t.ones(4, 3, 3, 3)}
        eval(call, names)
    with pytest.raises(Exception) as theirs:
        run(torch)
    with pytest.raises(type(theirs.value)) as ours:
        run(ad)
    assert str(ours.value).startswith(str(theirs.value).split(".")[0][:60])


@pytest.mark.parametrize("call, feature", [
    ("F.conv2d(x, t.ones(4, 1, 3, 3), groups=3)", "groups"),
    ("nn.Conv2d(3, 3, 3, groups=3)", "groups"),
    ("F.max_pool2d(x, 2, ceil_mode=True)", "ceil_mode"),
    ("F.avg_pool2d(x, 2, ceil_mode=True)", "ceil_mode"),
    ("F.max_pool2d(x, 2, return_indices=True)", "return_indices"),
    ("F.avg_pool2d(x, 2, divisor_override=3)", "divisor_override"),
])
def test_what_is_not_supported_says_so(call, feature):
    with pytest.raises(NotImplementedError, match=feature):
        eval(call, {"t": ad, "F": F, "nn": nn, "x": ad.ones(2, 3, 5, 5)})
