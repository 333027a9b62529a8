"""nn.Conv1d, nn.LazyConv1d, nn.MaxPool1d and nn.AvgPool1d (and their functions) against PyTorch:
printing, values, gradients and grad_fn names; Conv2d's padding modes through the shared code. The
conv1d op's own gradient checks (finite differences, PyTorch, second derivatives) are generated in
test_op_table.py."""
import warnings

import numpy as np
import pytest

import autodidact as ad
import autodidact.nn.functional as F

LAYERS = ["Conv1d(3, 4, 2)", "Conv1d(3, 4, 3, stride=2, padding=1, dilation=2, bias=False)",
          "Conv1d(3, 4, 3, padding='same', padding_mode='circular')", "Conv1d(3, 4, 4, padding='same')",
          "Conv1d(3, 2, 3, padding=2, padding_mode='reflect')", "Conv1d(3, 2, (3,), stride=(2,), padding='valid')",
          "Conv2d(3, 2, 3, padding=1, padding_mode='replicate')",
          "Conv2d(3, 2, (2, 3), padding='same', padding_mode='reflect')",
          "MaxPool1d(2)", "MaxPool1d(3, stride=1, padding=1)", "AvgPool1d(3, stride=1, padding=1)", "AvgPool1d(2)",
          "AvgPool1d(3, stride=2, padding=1, count_include_pad=False)"]


def _ours(t):
    return ad.tensor(t.detach().numpy().copy())


@pytest.mark.parametrize("layer", LAYERS)
def test_layer_matches_pytorch(torch, layer):
    theirs, ours = eval("torch.nn." + layer, {"torch": torch}), eval("ad.nn." + layer, {"ad": ad})
    assert repr(ours) == repr(theirs)
    theirs.double(), ours.double()
    with ad.no_grad():
        for mine, reference in zip(ours.parameters(), theirs.parameters()):
            mine.copy_(_ours(reference))
    shapes = [(2, 3, 9), (3, 9)] if "1d" in layer else [(2, 3, 6, 7)]
    for shape in shapes:
        x = torch.randn(*shape, dtype=torch.float64, requires_grad=True)
        our_x = _ours(x).requires_grad_()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # padding='same' with an even kernel warns in both
            expected, got = theirs(x), ours(our_x)
        np.testing.assert_allclose(got.detach().numpy(), expected.detach().numpy(), atol=1e-12)
        assert type(got.grad_fn).__name__ == type(expected.grad_fn).__name__
        weights = torch.randn(*expected.shape, dtype=torch.float64)
        (expected * weights).sum().backward()
        (got * _ours(weights)).sum().backward()
        for mine, reference in zip([our_x, *ours.parameters()], [x, *theirs.parameters()]):
            np.testing.assert_allclose(mine.grad.numpy(), reference.grad.numpy(), atol=1e-10)
            mine.grad = reference.grad = None


@pytest.mark.parametrize("layer", ["LazyConv1d(4, 3)", "LazyConv1d(2, 2, bias=False, padding=1)"])
def test_lazy_conv1d_becomes_a_conv1d_as_pytorch(torch, layer):
    theirs, ours = eval("torch.nn." + layer, {"torch": torch}), eval("ad.nn." + layer, {"ad": ad})
    assert repr(ours) == repr(theirs)
    theirs(torch.randn(2, 3, 8))
    ours(ad.randn(2, 3, 8))
    assert repr(ours) == repr(theirs)
    assert [tuple(p.shape) for p in ours.parameters()] == [tuple(p.shape) for p in theirs.parameters()]


CALLS = [
    "F.conv1d(lib.ones(1, 5, 10), lib.ones(4, 3, 2))", "F.conv1d(lib.ones(10), lib.ones(4, 3, 2))",
    "F.conv1d(lib.ones(1, 3, 1), lib.ones(4, 3, 2))", "F.conv1d(lib.ones(2, 3, 10), lib.ones(4, 3, 2), lib.ones(3))",
    "F.conv1d(lib.ones(2, 3, 10), lib.ones(4, 3, 2, 2))",
    "F.conv1d(lib.ones(2, 3, 10), lib.ones(4, 3, 2), stride=2, padding='same')",
    "F.conv1d(lib.ones(2, 3, 10), lib.ones(4, 3, 2), padding='full')",
]


@pytest.mark.parametrize("call", CALLS)
def test_conv1d_errors_are_pytorchs(torch, call):
    def outcome(lib, functional):
        try:
            eval(call, {"lib": lib, "F": functional})
        except Exception as error:  # noqa: BLE001 (the class and message are compared)
            return type(error).__name__, str(error).split(":")[0]
        return None

    theirs = outcome(torch, torch.nn.functional)
    assert theirs is not None and outcome(ad, F) == theirs


def test_conv1d_with_an_even_kernel_and_same_padding_warns_as_pytorch():
    with pytest.warns(UserWarning, match="padding='same' with even kernel lengths"):
        out = F.conv1d(ad.ones(1, 2, 5), ad.ones(3, 2, 2), padding="same")
    assert tuple(out.shape) == (1, 3, 5)
