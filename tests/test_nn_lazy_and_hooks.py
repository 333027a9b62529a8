"""Lazy layers (nn.LazyConv2d; nn.LazyLinear is in test_nn_tutorial_api.py) and module backward
hooks (register_full_backward_hook, register_full_backward_pre_hook), against PyTorch."""
import numpy as np
import pytest

import autodidact as ad
import autodidact.nn as nn


def test_lazy_conv2d_prints_and_becomes_a_conv2d_as_pytorch(torch):
    ours, theirs = nn.LazyConv2d(6, kernel_size=5, padding=2), torch.nn.LazyConv2d(6, kernel_size=5, padding=2)
    assert repr(ours) == repr(theirs)
    assert repr(ours.weight) == repr(theirs.weight) == "<UninitializedParameter>"
    assert repr(ours.state_dict()) == repr(theirs.state_dict())
    output = ours(ad.randn(2, 3, 8, 8))
    theirs(torch.randn(2, 3, 8, 8))
    assert repr(ours) == repr(theirs) and type(ours).__name__ == "Conv2d"
    assert tuple(ours.weight.shape) == tuple(theirs.weight.shape) and output.grad_fn.name() == "ConvolutionBackward0"
    bound = 1 / np.sqrt(3 * 5 * 5)
    assert np.abs(ours.weight.detach().numpy()).max() <= bound


def test_lazy_conv2d_without_bias_on_a_single_image_and_from_a_state_dict(torch):
    ours = nn.LazyConv2d(2, (1, 2), bias=False)
    assert repr(ours) == repr(torch.nn.LazyConv2d(2, (1, 2), bias=False))
    ours(ad.ones(3, 4, 5))  # one image (C, H, W): 3 channels
    assert tuple(ours.weight.shape) == (2, 3, 1, 2) and ours.bias is None
    copy = nn.Sequential(nn.LazyConv2d(2, (1, 2), bias=False))
    copy.load_state_dict({"0.weight": ours.weight.detach()})
    assert ad.equal(copy(ad.ones(1, 3, 4, 5))[0], ours(ad.ones(3, 4, 5)))
    assert repr(copy[0]) == "Conv2d(3, 2, kernel_size=(1, 2), stride=(1, 1), bias=False)"


def _hooked(lib, hook=None, pre_hook=None):
    layer = lib.nn.Linear(3, 2)
    with lib.no_grad():
        layer.weight.copy_(lib.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]]))
        layer.bias.copy_(lib.tensor([0.1, -0.2]))
    seen = []
    if hook:
        layer.register_full_backward_hook(lambda m, gi, go: hook(seen, gi, go))
    if pre_hook:
        layer.register_full_backward_pre_hook(lambda m, go: pre_hook(seen, go))
    return layer, seen


def _run(lib, hook=None, pre_hook=None, input_grad=True):
    layer, seen = _hooked(lib, hook, pre_hook)
    x = lib.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]], requires_grad=input_grad)
    out = layer(x)
    (out * lib.tensor([1.0, -2.0])).sum().backward()
    grads = [x.grad, layer.weight.grad, layer.bias.grad]
    return type(out.grad_fn).__name__, [None if g is None else g.tolist() for g in grads], seen


def _describe(values):
    return [None if v is None else v.tolist() for v in values]


HOOKS = {
    "look": dict(hook=lambda seen, gi, go: seen.append((_describe(gi), _describe(go)))),
    "replace grad_input": dict(hook=lambda seen, gi, go: (None if gi[0] is None else gi[0] * 10,)),
    "replace grad_output": dict(pre_hook=lambda seen, go: (go[0] * 3,)),
    "both": dict(hook=lambda seen, gi, go: seen.append(("hook", _describe(gi), _describe(go))),
                 pre_hook=lambda seen, go: seen.append(("pre", _describe(go)))),
}


@pytest.mark.parametrize("name", HOOKS)
@pytest.mark.parametrize("input_grad", [True, False])
def test_backward_hooks_see_and_replace_gradients_as_pytorch(torch, name, input_grad):
    import warnings
    with warnings.catch_warnings(record=True) as ours_warned:
        warnings.simplefilter("always")
        ours = _run(ad, input_grad=input_grad, **HOOKS[name])
    with warnings.catch_warnings(record=True) as theirs_warned:
        warnings.simplefilter("always")
        theirs = _run(torch, input_grad=input_grad, **HOOKS[name])
    assert ours == theirs
    assert [str(w.message) for w in ours_warned] == [str(w.message) for w in theirs_warned]


def test_hook_handles_remove_and_wrong_counts_raise_as_pytorch(torch):
    for lib in (ad, torch):
        layer = lib.nn.Linear(3, 2)
        handle = layer.register_full_backward_hook(lambda m, gi, go: (gi[0], gi[0]))
        with pytest.raises(RuntimeError, match="Backward hook returned an invalid number of grad_input, got 2, "
                                               "but expected 1"):
            layer(lib.ones(1, 3, requires_grad=True)).sum().backward()
        handle.remove()
        out = layer(lib.ones(1, 3, requires_grad=True))
        assert type(out.grad_fn).__name__ == "AddmmBackward0"


def test_hooks_in_a_model_and_under_no_grad():
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
    names = []
    for name, layer in model.named_children():
        layer.register_full_backward_hook(lambda m, gi, go, name=name: names.append(name))
    with pytest.warns(UserWarning, match="Full backward hook is firing"):  # the input needs no grad
        model(ad.ones(2, 3)).sum().backward()
    assert names == ["2", "1", "0"]  # from the output back
    with ad.no_grad():
        assert model(ad.ones(2, 3)).grad_fn is None


def test_several_inputs_or_outputs_needing_grad_are_refused_loudly():
    class Pair(nn.Module):
        def forward(self, a, b):
            return a * b

    pair = Pair()
    pair.register_full_backward_hook(lambda m, gi, go: None)
    with pytest.raises(NotImplementedError, match="register_hook"):
        pair(ad.ones(2, requires_grad=True), ad.ones(2, requires_grad=True))
    assert pair(ad.ones(2, requires_grad=True), ad.ones(2)).requires_grad  # one input needing grad is fine
    with pytest.raises(NotImplementedError, match="register_full_backward_hook"):
        nn.Linear(2, 2).register_backward_hook(lambda m, gi, go: None)


def test_lazy_batch_norm_prints_shapes_and_trains_as_pytorch(torch):
    def run(lib):
        seen = []
        norm = lib.nn.LazyBatchNorm2d()
        seen += [repr(norm), repr(norm.weight), repr(norm.running_mean), repr(norm.state_dict())]
        x = lib.tensor(np.arange(24, dtype=np.float32).reshape(2, 3, 2, 2) % 5)
        y = norm(x)
        seen += [repr(norm), norm.running_mean.tolist(), norm.running_var.tolist(), y.grad_fn.name()]
        plain = lib.nn.LazyBatchNorm1d(affine=False, track_running_stats=False)
        plain(x[:, :, 0, 0])
        model = lib.nn.Sequential(lib.nn.LazyConv2d(4, 3, padding=1), lib.nn.LazyBatchNorm2d(), lib.nn.ReLU())
        model(x)
        return seen + [repr(plain), repr(model), list(model.state_dict())]

    ours, theirs = run(ad), run(torch)
    assert ours[:6] == theirs[:6] and ours[7:] == theirs[7:]
    np.testing.assert_allclose(ours[6], theirs[6], rtol=1e-6)  # running_var (float32 last bits)
