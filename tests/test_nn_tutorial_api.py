"""nn pieces tutorials use, compared with PyTorch: F.one_hot, nn.LazyLinear, in-place activations
(relu_, sigmoid_, clamp_min_, F.relu(inplace=True)...), nn.HuberLoss and nn.SmoothL1Loss."""
import numpy as np
import pytest

import autodidact as ad
import autodidact.nn as nn
import autodidact.nn.functional as F


@pytest.mark.parametrize("call", [
    lambda t, F: F.one_hot(t.tensor([0, 2, 1])),
    lambda t, F: F.one_hot(t.tensor([0, 2, 1]), 5),
    lambda t, F: F.one_hot(t.tensor([0, 2, 1]), num_classes=-1),
    lambda t, F: F.one_hot(t.tensor([[0], [1]]), 3),
    lambda t, F: F.one_hot(t.tensor(1), 3),
    lambda t, F: F.one_hot(t.tensor([], dtype=t.long), 3),
    lambda t, F: F.one_hot(t.tensor([3, 1]), 4).float() @ t.ones(4, 2),
])
def test_one_hot_prints_as_pytorch(torch, call):
    ours = call(ad, F)
    theirs = call(torch, torch.nn.functional)
    assert repr(ours) == repr(theirs)
    assert not ours.requires_grad


@pytest.mark.parametrize("call", [
    lambda t, F: F.one_hot(t.tensor([0, 3]), 3),
    lambda t, F: F.one_hot(t.tensor([-1, 1]), 3),
    lambda t, F: F.one_hot(t.tensor([0.0, 1.0]), 3),
    lambda t, F: F.one_hot(t.tensor([0, 1], dtype=t.int32), 3),
    lambda t, F: F.one_hot(t.tensor([True, False]), 2),
    lambda t, F: F.one_hot(t.tensor([], dtype=t.long)),
    lambda t, F: F.one_hot(t.tensor([0, 1]), 0),
    lambda t, F: F.one_hot(t.tensor([0, 1]), -2),
    lambda t, F: F.one_hot([0, 1], 3),
    lambda t, F: F.one_hot(t.tensor([1, 0]), 2.0),
])
def test_one_hot_errors_as_pytorch(torch, call):
    with pytest.raises(Exception) as theirs:
        call(torch, torch.nn.functional)
    with pytest.raises(type(theirs.value)) as ours:
        call(ad, F)
    assert str(ours.value).startswith(str(theirs.value).split(".")[0].split(",")[0])


def test_lazy_linear_prints_and_refuses_use_before_its_first_call(torch):
    for make in (lambda nn: nn.LazyLinear(3), lambda nn: nn.LazyLinear(3, bias=False),
                 lambda nn: nn.Sequential(nn.LazyLinear(4), nn.ReLU(), nn.LazyLinear(1))):
        assert repr(make(nn)) == repr(make(torch.nn))
    layer, reference = nn.LazyLinear(3), torch.nn.LazyLinear(3)
    assert repr(layer.weight) == repr(reference.weight) == "<UninitializedParameter>"
    assert repr(list(layer.parameters())) == repr(list(reference.parameters()))
    assert repr(layer.state_dict()) == repr(reference.state_dict())
    assert layer.in_features == reference.in_features == 0 and layer.weight.dtype is ad.float32
    assert repr(layer.weight.data) == repr(reference.weight.data)  # empty: d2l's .data.normal_() is a no-op
    for use in (lambda t, m: m.weight.shape, lambda t, m: m.weight + 1, lambda t, m: m.weight.numel(),
                lambda t, m: m(t.tensor(1.0))):
        with pytest.raises(Exception) as theirs:
            use(torch, reference)
        with pytest.raises(type(theirs.value)) as ours:
            use(ad, layer)
        assert str(ours.value)[:40] == str(theirs.value)[:40]


def test_lazy_linear_becomes_a_linear_layer_that_trains(torch):
    ad.manual_seed(0)
    layer = nn.LazyLinear(3)
    optimizer = ad.optim.SGD(layer.parameters(), lr=0.1)  # made before the shapes are known
    x = ad.ones(2, 4)
    out = layer(x)
    assert type(layer) is nn.Linear and type(layer.weight) is nn.Parameter
    assert repr(layer) == repr(torch.nn.Linear(4, 3)) and layer.in_features == 4
    assert out.shape == (2, 3) and out.grad_fn.name() == "AddmmBackward0"
    bound = 1 / np.sqrt(4)  # drawn as Linear draws them
    assert np.all(np.abs(layer.weight.detach().numpy()) <= bound) and np.all(np.abs(layer.bias.detach().numpy()) <= bound)
    before = layer.weight.detach().clone()
    out.sum().backward()
    optimizer.step()
    np.testing.assert_allclose(layer.weight.detach().numpy(), (before - 0.1 * 2).numpy(), rtol=1e-6)
    unbiased = nn.LazyLinear(2, bias=False)
    unbiased(ad.ones(5))
    assert repr(unbiased) == "Linear(in_features=5, out_features=2, bias=False)" and unbiased.bias is None
    with pytest.raises(RuntimeError, match="mat1 and mat2 shapes cannot be multiplied"):
        layer(ad.ones(1, 5))
    ad.manual_seed(1)
    lazy = nn.LazyLinear(3)(ad.ones(1, 4))
    ad.manual_seed(1)
    assert lazy.equal(nn.Linear(4, 3)(ad.ones(1, 4)))  # the same starting values as a Linear


def test_a_lazy_layer_takes_its_shapes_from_a_loaded_state_dict(torch):
    trained = nn.LazyLinear(3)
    trained(ad.ones(2, 4))
    for t, source in ((ad, trained), (torch, torch.nn.LazyLinear(3))):
        if t is torch:
            source(torch.ones(2, 4))
        fresh = t.nn.LazyLinear(3)
        fresh.load_state_dict(source.state_dict())
        assert repr(fresh) == "LazyLinear(in_features=0, out_features=3, bias=True)"
        fresh(t.ones(1, 4))
        assert repr(fresh) == "Linear(in_features=4, out_features=3, bias=True)"
    assert fresh.weight.shape == (3, 4)
    copy = nn.LazyLinear(3)
    copy.load_state_dict(trained.state_dict())
    assert copy.weight.equal(trained.weight) and copy(ad.ones(1, 4)).equal(trained(ad.ones(1, 4)))


INPLACE = {
    "leaf relu_": "x = t.tensor([-1., 2.], requires_grad=True); r = x.relu_()",
    "leaf sigmoid_": "x = t.tensor([-1., 2.], requires_grad=True); r = x.sigmoid_()",
    "relu_": "x = t.tensor([-1., 2.], requires_grad=True); y = x * 2; r = y.relu_(); r.sum().backward(); r = (r, x.grad)",
    "F.relu inplace": "x = t.tensor([-1., 2.], requires_grad=True); y = x * 2; r = F.relu(y, inplace=True); r = (r, r is y)",
    "nn.ReLU inplace": "m = nn.ReLU(inplace=True); x = t.tensor([-1., 2.], requires_grad=True); r = (m, m(x + 0))",
    "sigmoid_": "x = t.tensor([-1., 2.], requires_grad=True); y = x * 1; r = y.sigmoid_(); r.sum().backward(); r = (r, x.grad)",
    "tanh_": "x = t.tensor([-1., 2.], requires_grad=True); y = x * 1; r = y.tanh_(); r.sum().backward(); r = (r, x.grad)",
    "exp_": "x = t.tensor([-1., 2.], requires_grad=True); y = x * 1; r = y.exp_(); r.sum().backward(); r = (r, x.grad)",
    "clamp_": "x = t.tensor([-1., 2.], requires_grad=True); y = x * 1; r = y.clamp_(0, 1); r.sum().backward(); r = (r, x.grad)",
    "clamp_min_": "x = t.tensor([-1., 2.], requires_grad=True); y = x * 1; r = y.clamp_min_(0); r.sum().backward(); r = (r, x.grad)",
    "clamp_max_": "x = t.tensor([-1., 2.], requires_grad=True); y = x * 1; r = y.clamp_max_(0); r.sum().backward(); r = (r, x.grad)",
    "clamp_min": "x = t.tensor([-1., 2.], requires_grad=True); r = (x.clamp_min(0), t.clamp_min(x, 0), t.clamp_max(x, 0))",
    "torch.relu_": "x = t.tensor([-1., 2.]); r = (t.relu_(x), x, F.relu_(x))",
    "leaf exp_ under no_grad": "x = t.tensor([-1., 2.], requires_grad=True)\nwith t.no_grad(): x.exp_()\nr = x",
    "relu_ of ints": "x = t.tensor([-1, 2]); r = x.relu_()",
    "sigmoid_ of ints": "x = t.tensor([-1, 2]); r = x.sigmoid_()",
    "F.leaky_relu inplace": "x = t.tensor([-1., 2.], requires_grad=True); y = x*1; r = F.leaky_relu(y, 0.1, inplace=True); r.sum().backward(); r = (r, x.grad)",
    "nn.LeakyReLU inplace": "r = nn.LeakyReLU(0.1, inplace=True)",
    "sigmoid output changed in place": "x = t.tensor([-1., 2.], requires_grad=True); y = x.sigmoid(); y.mul_(2); y.sum().backward()",
    "exp output through relu_": "x = t.tensor([-1., 2.], requires_grad=True); y = x.exp(); y.relu_(); y.sum().backward()",
    "relu then relu_": "x = t.tensor([-1., 2.], requires_grad=True); y = x*1; z = y.relu(); y.relu_(); z.sum().backward(); r = x.grad",
}


def _outcome(t, code):
    names = {"t": t, "nn": t.nn, "F": t.nn.functional}
    try:
        exec(code, names)
    except Exception as error:  # the class, and PyTorch's sentence (ours may go on with a hint)
        return type(error).__name__, str(error).split(":")[0].split(".")[0]
    return repr(names.get("r"))


@pytest.mark.parametrize("name", INPLACE)
def test_in_place_activations_as_pytorch(torch, name):
    assert _outcome(ad, INPLACE[name]) == _outcome(torch, INPLACE[name])


@pytest.mark.parametrize("layer", ["nn.HuberLoss()", "nn.HuberLoss(delta=2.0, reduction='sum')", "nn.SmoothL1Loss()",
                                   "nn.SmoothL1Loss(beta=0.5)"])
def test_robust_losses_as_pytorch(torch, layer):
    results = []
    for t in (ad, torch):
        loss_fn = eval(layer, {"nn": t.nn})
        x = t.tensor([-3.0, -0.5, 0.2, 1.0, 2.5], requires_grad=True)
        loss = loss_fn(x, t.tensor([0.0, 0.1, -0.3, 1.0, 0.0]))
        loss.backward()
        results.append((repr(loss_fn), repr(loss), repr(x.grad), getattr(loss_fn, "delta", None),
                        getattr(loss_fn, "beta", None)))
    assert results[0] == results[1]
    assert repr(F.smooth_l1_loss(ad.ones(2, requires_grad=True), ad.zeros(2), beta=0.0)) == \
        repr(torch.nn.functional.smooth_l1_loss(torch.ones(2, requires_grad=True), torch.zeros(2), beta=0.0))
