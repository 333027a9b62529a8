"""Containers, buffers, train/eval, apply, Dropout, Unflatten and nn.init, compared with torch.nn."""
import math

import numpy as np
import pytest

import autodidact as ad
import autodidact.nn as nn
import autodidact.nn.functional as F


def both(torch, build):
    """The same construction in autodidact and in PyTorch."""
    return build(ad), build(torch)


def test_module_list_and_dict_print_and_register_as_pytorch(torch):
    def build(t):
        return t.nn.ModuleList([t.nn.Linear(2, 2) for _ in range(3)] + [t.nn.ReLU(), t.nn.ReLU(), t.nn.Tanh()])

    ours, theirs = both(torch, build)
    assert repr(ours) == repr(theirs)
    assert [n for n, _ in ours.named_parameters()] == [n for n, _ in theirs.named_parameters()]
    assert repr(ours[1:3]) == repr(theirs[1:3]) and repr(ours[-1]) == repr(theirs[-1])
    ours.append(nn.Identity()); theirs.append(torch.nn.Identity())
    ours.insert(1, nn.Sigmoid()); theirs.insert(1, torch.nn.Sigmoid())
    del ours[0]; del theirs[0]
    assert repr(ours) == repr(theirs) and len(ours) == len(theirs)

    def build_dict(t):
        return t.nn.ModuleDict({"enc": t.nn.Linear(3, 2), "act": t.nn.ReLU()})

    ours, theirs = both(torch, build_dict)
    ours["dec"] = nn.Linear(2, 3); theirs["dec"] = torch.nn.Linear(2, 3)
    assert repr(ours) == repr(theirs)
    assert list(ours.keys()) == list(theirs.keys()) and "enc" in ours
    assert list(ours.state_dict()) == list(theirs.state_dict())
    assert repr(nn.ModuleList()) == repr(torch.nn.ModuleList())


@pytest.mark.parametrize("action", [
    lambda t: t.nn.ModuleList([t.nn.ReLU()])[3],
    lambda t: t.nn.ModuleList([t.nn.ReLU()]).append(3),
    lambda t: t.nn.ModuleList(t.nn.ReLU()),
    lambda t: t.nn.ModuleDict({"a.b": t.nn.ReLU()}),
    lambda t: t.nn.ModuleDict()["missing"],
    lambda t: t.nn.ModuleList([t.nn.ReLU()])(t.ones(1)),
    lambda t: t.nn.Sequential(t.nn.ReLU())[2],
])
def test_container_mistakes_raise_pytorchs_errors(torch, action):
    with pytest.raises(Exception) as ours:
        action(ad)
    with pytest.raises(Exception) as theirs:
        action(torch)
    assert type(ours.value) is type(theirs.value)


def test_sequential_edits_renumber_as_pytorch(torch):
    def build(t):
        model = t.nn.Sequential(t.nn.Linear(2, 3), t.nn.ReLU(), t.nn.Linear(3, 1))
        model.append(t.nn.Sigmoid())
        del model[1]
        model.insert(1, t.nn.Tanh())
        model[0] = t.nn.Linear(2, 3, bias=False)
        return model

    ours, theirs = both(torch, build)
    assert repr(ours) == repr(theirs)
    assert list(ours.state_dict()) == list(theirs.state_dict())


class WithBuffers:
    @staticmethod
    def build(t):
        class Scaled(t.nn.Module):
            def __init__(self):
                super().__init__()
                self.linear = t.nn.Linear(2, 2)
                self.register_buffer("scale", t.tensor([2.0, 3.0]))
                self.register_buffer("count", t.tensor(0))
                self.register_buffer("scratch", t.zeros(2), persistent=False)

            def forward(self, x):
                return self.linear(x) * self.scale

        return Scaled()


def test_buffers_are_saved_moved_and_not_trained(torch):
    ours, theirs = both(torch, WithBuffers.build)
    assert list(ours.state_dict()) == list(theirs.state_dict()) == ["scale", "count", "linear.weight",
                                                                     "linear.bias"]
    assert [n for n, _ in ours.named_buffers()] == [n for n, _ in theirs.named_buffers()]
    assert len(list(ours.parameters())) == 2
    ours.double(); theirs.double()
    assert ours.scale.dtype is ad.float64 and ours.count.dtype is ad.int64
    assert str(theirs.count.dtype) == str(ours.count.dtype)
    ours.scale = ad.tensor([1.0, 1.0], dtype=ad.float64)
    assert ours.state_dict()["scale"].tolist() == [1.0, 1.0]
    del ours.scratch
    assert "scratch" not in dict(ours.named_buffers())


@pytest.mark.parametrize("action", [
    lambda m, t: m.register_buffer("linear", t.ones(1)),
    lambda m, t: m.register_buffer("a.b", t.ones(1)),
    lambda m, t: m.register_buffer("", t.ones(1)),
    lambda m, t: m.register_buffer("q", 3),
    lambda m, t: setattr(m, "scale", 3),
    lambda m, t: m.to(t.int64),
    lambda m, t: m.load_state_dict({"scale": t.ones(3)}),
    lambda m, t: m.load_state_dict({**m.state_dict(), "extra": t.ones(1)}),
])
def test_buffer_and_state_dict_mistakes_raise_pytorchs_errors(torch, action):
    with pytest.raises(Exception) as ours:
        action(WithBuffers.build(ad), ad)
    with pytest.raises(Exception) as theirs:
        action(WithBuffers.build(torch), torch)
    assert type(ours.value) is type(theirs.value)
    assert str(ours.value).split(":")[0] == str(theirs.value).split(":")[0]


def test_load_state_dict_copies_in_place_and_reports_keys(torch):
    source, target = WithBuffers.build(ad), WithBuffers.build(ad)
    weight = target.linear.weight
    with ad.no_grad():
        source.scale.mul_(5)
    result = target.load_state_dict(source.state_dict())
    assert target.linear.weight is weight and np.array_equal(weight.detach().numpy(),
                                                             source.linear.weight.detach().numpy())
    assert target.scale.tolist() == [10.0, 15.0]
    assert repr(result) == repr(WithBuffers.build(torch).load_state_dict(
        WithBuffers.build(torch).state_dict())) == "<All keys matched successfully>"
    partial = target.load_state_dict({"scale": ad.ones(2), "zz": ad.ones(1)}, strict=False)
    theirs = WithBuffers.build(torch).load_state_dict({"scale": torch.ones(2), "zz": torch.ones(1)},
                                                      strict=False)
    assert repr(partial) == repr(theirs)


def test_train_eval_and_apply_reach_every_module(torch):
    def build(t):
        return t.nn.Sequential(t.nn.Linear(2, 2), t.nn.Sequential(t.nn.Dropout(0.3), t.nn.ReLU()))

    ours, theirs = both(torch, build)
    for model in (ours, theirs):
        model.eval()
    assert [m.training for m in ours.modules()] == [m.training for m in theirs.modules()] == [False] * 5
    visited = []
    ours.apply(lambda m: visited.append(type(m).__name__))
    expected = []
    theirs.apply(lambda m: expected.append(type(m).__name__))
    assert visited == expected
    assert ours.train() is ours and all(m.training for m in ours.modules())
    assert [n for n, _ in ours.named_modules()] == [n for n, _ in theirs.named_modules()]
    with pytest.raises(ValueError):
        ours.train("yes")


def test_dropout_trains_with_scaled_mask_and_is_identity_in_eval(torch):
    ad.manual_seed(0)
    x = ad.ones(2000, dtype=ad.float64, requires_grad=True)
    layer = nn.Dropout(0.25)
    assert repr(layer) == repr(torch.nn.Dropout(0.25))
    y = layer(x)
    assert type(y.grad_fn).__name__ == type(torch.nn.Dropout(0.25)(torch.ones(2, requires_grad=True)).grad_fn).__name__
    values = set(np.round(y.detach().numpy(), 12).tolist())
    assert values == {0.0, round(1 / 0.75, 12)}
    assert 0.2 < float((y == 0).double().mean()) < 0.3
    y.sum().backward()
    assert np.array_equal(x.grad.numpy(), y.detach().numpy())  # d(x·mask)/dx = mask
    layer.eval()
    assert layer(x) is x
    assert F.dropout(x, 0.0) is x and F.dropout(x, 0.5, training=False) is x
    assert F.dropout(x, 1.0).sum().item() == 0
    with pytest.raises(ValueError, match="between 0 and 1"):
        nn.Dropout(1.5)


def test_unflatten_flatten_identity(torch):
    for t in (ad, torch):
        assert repr(t.nn.Unflatten(1, (2, 2))) == "Unflatten(dim=1, unflattened_size=(2, 2))"
    x = ad.arange(12.0).reshape(3, 4).requires_grad_()
    y = nn.Unflatten(1, (2, -1))(x)
    assert y.shape == (3, 2, 2) and type(y.grad_fn).__name__ == "ViewBackward0"
    assert nn.Flatten()(y).shape == (3, 4) and nn.Identity(5, key=1)(x) is x


def test_calculate_gain_matches_pytorch(torch):
    for name in ("linear", "conv2d", "sigmoid", "tanh", "relu", "leaky_relu", "selu"):
        assert repr(nn.init.calculate_gain(name)) == repr(torch.nn.init.calculate_gain(name))
    assert nn.init.calculate_gain("leaky_relu", 0.2) == torch.nn.init.calculate_gain("leaky_relu", 0.2)
    for bad in (("foo",), ("leaky_relu", "x")):
        with pytest.raises(ValueError) as ours:
            nn.init.calculate_gain(*bad)
        with pytest.raises(ValueError) as theirs:
            torch.nn.init.calculate_gain(*bad)
        assert str(ours.value) == str(theirs.value)


@pytest.mark.parametrize("name, kwargs, expected_std", [
    ("kaiming_normal_", {"nonlinearity": "relu"}, math.sqrt(2 / 400)),
    ("kaiming_normal_", {"mode": "fan_out"}, math.sqrt(2 / (1 + 0)) / math.sqrt(300)),
    ("kaiming_uniform_", {"nonlinearity": "relu"}, math.sqrt(2 / 400)),
    ("xavier_normal_", {}, math.sqrt(2 / 700)),
    ("xavier_uniform_", {"gain": 2.0}, 2 * math.sqrt(2 / 700)),
    ("normal_", {"std": 0.02}, 0.02),
])
def test_scaled_inits_have_the_spread_pytorch_gives(torch, name, kwargs, expected_std):
    ad.manual_seed(0)
    w = ad.empty(300, 400)
    assert getattr(nn.init, name)(w, **kwargs) is w
    torch.manual_seed(0)
    reference = getattr(torch.nn.init, name)(torch.empty(300, 400), **kwargs)
    assert float(w.std()) == pytest.approx(expected_std, rel=0.03)
    assert float(reference.std()) == pytest.approx(expected_std, rel=0.03)


def test_trunc_normal_eye_orthogonal(torch):
    ad.manual_seed(1)
    w = nn.init.trunc_normal_(ad.empty(200, 50), std=0.05, a=-0.06, b=0.06)
    assert -0.06 <= float(w.min()) and float(w.max()) <= 0.06 and w.dtype is ad.float32
    assert repr(nn.init.eye_(ad.empty(2, 3))) == repr(torch.nn.init.eye_(torch.empty(2, 3)))
    for shape in ((3, 5), (5, 3), (4, 2, 2)):
        q = nn.init.orthogonal_(ad.empty(*shape, dtype=ad.float64), gain=2).reshape(shape[0], -1).numpy()
        small = min(q.shape)
        gram = q @ q.T if q.shape[0] == small else q.T @ q
        assert np.allclose(gram, 4 * np.eye(small))
    for function, tensor in ((nn.init.eye_, ad.empty(3)), (nn.init.orthogonal_, ad.empty(3)),
                             (nn.init.xavier_uniform_, ad.empty(3))):
        with pytest.raises(ValueError):
            function(tensor)
    with pytest.raises(ValueError, match="Mode x not supported"):
        nn.init.kaiming_normal_(ad.empty(2, 2), mode="x")


def test_init_on_a_parameter_keeps_it_a_leaf():
    layer = nn.Linear(3, 2)
    nn.init.zeros_(layer.bias)
    nn.init.kaiming_uniform_(layer.weight, a=math.sqrt(5))
    assert layer.weight.is_leaf and layer.weight.requires_grad and layer.bias.tolist() == [0.0, 0.0]
