"""Tests for autodidact.nn: modules, parameters, layers, losses, and agreement with torch.nn.

Tests that take the ``torch`` fixture (conftest.py) compare with real PyTorch; they are skipped, with
a reason, when it is not installed.
"""
import copy
import math
import subprocess
import sys
import warnings
from collections import OrderedDict

import numpy as np
import pytest

import autodidact as ad
import autodidact.nn as nn
import autodidact.nn.functional as F
from autodidact.autograd import gradcheck


def mlp():
    return nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 1), nn.Sigmoid())


class TwoLayer(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(3, 4)
        self.scale = nn.Parameter(ad.ones(1))
        self.out = nn.Linear(4, 2, bias=False)

    def forward(self, x):
        return self.out(ad.relu(self.hidden(x))) * self.scale


# -- importing ---------------------------------------------------------------------------------


def test_every_import_style_reaches_the_same_module():
    from autodidact import nn as from_import

    assert ad.nn is nn is from_import
    assert ad.nn.Linear is nn.Linear
    assert ad.nn.functional is F
    assert ad.optim.SGD is __import__("autodidact.optim", fromlist=["SGD"]).SGD


def test_nn_loads_lazily_in_a_fresh_interpreter():
    code = ("import sys, autodidact as torch\n"
            "assert 'autodidact.nn' not in sys.modules\n"
            "layer = torch.nn.Linear(2, 3)\n"
            "opt = torch.optim.SGD(layer.parameters(), lr=0.1)\n"
            "print(layer)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=str(__import__("pathlib").Path(__file__).parents[1]))
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Linear(in_features=2, out_features=3, bias=True)\n"


# -- Parameter ---------------------------------------------------------------------------------


def test_parameter_is_a_leaf_that_requires_grad_and_prints_like_pytorch():
    p = nn.Parameter(ad.tensor([1.0, 2.0]))
    assert isinstance(p, ad.Tensor) and p.is_leaf and p.requires_grad and p.grad_fn is None
    assert repr(p) == "Parameter containing:\ntensor([1., 2.], requires_grad=True)"
    assert str(p) == f"{p}" == repr(p)
    frozen = nn.Parameter(ad.tensor([1.0]), requires_grad=False)
    assert repr(frozen) == "Parameter containing:\ntensor([1.])"


def test_parameter_shares_memory_and_its_results_are_plain_tensors():
    t = ad.tensor([1.0, 2.0])
    p = nn.Parameter(t)
    t._array[0] = 5.0
    assert p._array[0] == 5.0
    y = p * 2
    assert type(y) is ad.Tensor and y.grad_fn.name() == "MulBackward0"
    y.sum().backward()
    assert p.grad.tolist() == [2.0, 2.0]


def test_parameter_cuts_history_and_rejects_bad_input():
    x = ad.tensor([1.0], requires_grad=True)
    assert nn.Parameter(x * 3).is_leaf
    with pytest.raises(TypeError, match="expects a tensor"):
        nn.Parameter([1.0, 2.0])
    with pytest.raises(RuntimeError, match="floating point"):
        nn.Parameter(ad.tensor([1, 2]))


# -- Module: registration and traversal ------------------------------------------------------------


def test_parameters_come_in_registration_order_with_dotted_names():
    model = TwoLayer()
    names = [name for name, _ in model.named_parameters()]
    assert names == ["scale", "hidden.weight", "hidden.bias", "out.weight"]
    assert [p.shape for p in model.parameters()] == [(1,), (4, 3), (4,), (2, 4)]
    assert all(isinstance(p, nn.Parameter) for p in model.parameters())
    seq = mlp()
    assert [n for n, _ in seq.named_parameters()] == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert sum(p.numel() for p in seq.parameters()) == 2 * 16 + 16 + 16 + 1


def test_children_modules_and_named_modules():
    model = TwoLayer()
    assert [name for name, _ in model.named_children()] == ["hidden", "out"]
    assert list(model.children()) == [model.hidden, model.out]
    assert [name for name, _ in model.named_modules()] == ["", "hidden", "out"]
    assert list(model.modules())[0] is model


def test_shared_parameters_and_modules_are_listed_once():
    shared = nn.Linear(2, 2)
    model = nn.Sequential(shared, nn.Tanh(), shared)
    assert len(list(model.parameters())) == 2
    assert len(list(model.modules())) == 3  # the Sequential, the Linear (once), the Tanh
    assert list(model.state_dict()) == ["0.weight", "0.bias", "2.weight", "2.bias"]


def test_attribute_rules():
    model = TwoLayer()
    with pytest.raises(TypeError, match=r"cannot assign 'torch.FloatTensor' as parameter 'scale' "
                                        r"\(torch.nn.Parameter or None expected\)"):
        model.scale = ad.ones(1)
    model.scale = None
    assert [n for n, _ in model.named_parameters()] == ["hidden.weight", "hidden.bias", "out.weight"]
    model.note = "plain attributes are not registered"
    assert model.note.startswith("plain")
    del model.out
    assert [n for n, _ in model.named_children()] == ["hidden"]
    with pytest.raises(AttributeError, match="'TwoLayer' object has no attribute 'out'"):
        model.out
    model.hidden = nn.Tanh()  # replacing a child with another child is fine
    assert list(model.parameters()) == []


def test_forgetting_super_init_or_forward_gives_teaching_errors():
    class NoInit(nn.Module):
        def __init__(self):
            self.w = nn.Parameter(ad.ones(1))

    class NoForward(nn.Module):
        pass

    with pytest.raises(AttributeError, match=r"before Module.__init__\(\) call.*super\(\).__init__\(\)"):
        NoInit()
    with pytest.raises(NotImplementedError, match=r'Module \[NoForward\] is missing the required "forward"'):
        NoForward()(ad.ones(1))


def test_sequential_rejects_functions_and_classes_with_a_hint():
    with pytest.raises(TypeError, match=r"not a Module subclass.*parentheses.*Tanh\(\)"):
        nn.Sequential(nn.Linear(2, 2), nn.Tanh)
    with pytest.raises(TypeError, match=r"not a Module subclass.*nn.Tanh\(\)"):
        nn.Sequential(nn.Linear(2, 2), ad.tanh)


def test_custom_module_trains_through_its_parameters():
    ad.manual_seed(3)
    model = TwoLayer()
    x = ad.randn(5, 3)
    model(x).sum().backward()
    assert all(p.grad is not None and p.grad.shape == p.shape for p in model.parameters())


# -- zero_grad, train/eval, requires_grad_, dtype --------------------------------------------------


def test_zero_grad_sets_none_by_default_and_zeros_on_request():
    model = mlp()
    x = ad.tensor([[0.0, 1.0], [1.0, 1.0]])
    model(x).sum().backward()
    first = [p.grad._array.copy() for p in model.parameters()]
    model(x).sum().backward()  # without zero_grad the gradients add up
    for p, g in zip(model.parameters(), first):
        np.testing.assert_allclose(p.grad._array, 2 * g, rtol=1e-6)
    model.zero_grad(set_to_none=False)
    assert all(p.grad is not None and not p.grad._array.any() for p in model.parameters())
    model.zero_grad()
    assert all(p.grad is None for p in model.parameters())


def test_train_and_eval_set_the_flag_everywhere():
    model = TwoLayer()
    assert model.training and model.hidden.training
    assert model.eval() is model
    assert not any(m.training for m in model.modules())
    model.train()
    assert all(m.training for m in model.modules())
    with pytest.raises(ValueError, match="boolean"):
        model.train("no")


def test_requires_grad_freezes_parameters():
    model = mlp()
    model[0].requires_grad_(False)
    model(ad.ones(1, 2)).sum().backward()
    assert model[0].weight.grad is None and model[2].weight.grad is not None


def test_double_keeps_the_same_parameter_objects():
    model = mlp()
    params = list(model.parameters())
    assert model.to("cpu") is model and params[0].dtype is ad.float32
    model.double()
    assert all(a is b for a, b in zip(model.parameters(), params))
    assert all(p.dtype is ad.float64 for p in params)
    assert model(ad.ones(3, 2, dtype=ad.float64)).dtype is ad.float64


def test_deepcopy_makes_an_independent_model():
    model = mlp()
    clone = copy.deepcopy(model)
    assert repr(clone) == repr(model)
    clone[0].weight._array[0, 0] += 1.0
    assert clone[0].weight._array[0, 0] != model[0].weight._array[0, 0]
    assert isinstance(clone[0].weight, nn.Parameter) and clone[0].weight.requires_grad


# -- state_dict ------------------------------------------------------------------------------------


def test_state_dict_round_trip():
    ad.manual_seed(1)
    a, b = mlp(), mlp()
    state = a.state_dict()
    assert list(state) == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert all(not v.requires_grad for v in state.values())
    result = b.load_state_dict(state)
    assert repr(result) == "<All keys matched successfully>"
    x = ad.randn(4, 2)
    assert b(x).equal(a(x))
    assert b[0].weight is not a[0].weight  # values copied, parameters kept


def test_load_state_dict_errors_name_the_keys_and_shapes():
    layer = nn.Linear(2, 3)
    with pytest.raises(RuntimeError) as error:
        layer.load_state_dict({"weight": ad.ones(3, 2)})
    assert str(error.value) == 'Error(s) in loading state_dict for Linear:\n\tMissing key(s) in state_dict: "bias". '
    with pytest.raises(RuntimeError) as error:
        layer.load_state_dict({"weight": ad.ones(2, 2), "bias": ad.ones(3), "x": ad.ones(1)})
    assert str(error.value) == (
        'Error(s) in loading state_dict for Linear:\n\tUnexpected key(s) in state_dict: "x". \n\t'
        "size mismatch for weight: copying a param with shape torch.Size([2, 2]) from checkpoint, "
        "the shape in current model is torch.Size([3, 2]).")
    result = layer.load_state_dict({"bias": ad.zeros(3)}, strict=False)
    assert result.missing_keys == ["weight"] and result.unexpected_keys == []
    assert layer.bias.tolist() == [0.0, 0.0, 0.0]


# -- Linear ----------------------------------------------------------------------------------------


def test_linear_shapes_and_default_init_bounds():
    ad.manual_seed(0)
    layer = nn.Linear(9, 200)
    assert layer.weight.shape == (200, 9) and layer.bias.shape == (200,)
    bound = 1 / math.sqrt(9)
    for p in (layer.weight, layer.bias):
        assert np.abs(p._array).max() <= bound
        assert np.abs(p._array).max() > 0.9 * bound  # spread over the whole interval, not a tiny corner
    assert abs(layer.weight._array.mean()) < 0.02


def test_linear_init_is_reproducible_with_manual_seed():
    ad.manual_seed(42)
    first = nn.Linear(3, 4)
    ad.manual_seed(42)
    second = nn.Linear(3, 4)
    third = nn.Linear(3, 4)
    assert first.weight.equal(second.weight) and first.bias.equal(second.bias)
    assert not first.weight.equal(third.weight)


def test_linear_forward_and_backward():
    layer = nn.Linear(3, 2)
    x = ad.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]], requires_grad=True)
    y = layer(x)
    np.testing.assert_allclose(y._array, x._array @ layer.weight._array.T + layer.bias._array, rtol=1e-6)
    upstream = np.array([[1.0, -2.0], [0.5, 3.0]], dtype=np.float32)
    y.backward(ad.tensor(upstream))
    np.testing.assert_allclose(layer.weight.grad._array, upstream.T @ x._array, rtol=1e-6)
    np.testing.assert_allclose(layer.bias.grad._array, upstream.sum(0), rtol=1e-6)
    np.testing.assert_allclose(x.grad._array, upstream @ layer.weight._array, rtol=1e-6)


def test_linear_without_bias_and_other_input_ranks():
    layer = nn.Linear(3, 2, bias=False)
    assert layer.bias is None and len(list(layer.parameters())) == 1
    assert repr(layer) == "Linear(in_features=3, out_features=2, bias=False)"
    assert layer(ad.ones(3)).shape == (2,)
    assert layer(ad.ones(5, 4, 3)).shape == (5, 4, 2)


def test_linear_wrong_input_size_names_both_shapes():
    model = mlp()
    with pytest.raises(RuntimeError, match=r"mat1 and mat2 shapes cannot be multiplied \(4x3 and 2x16\)"):
        model(ad.ones(4, 3))
    with pytest.raises(RuntimeError, match=r"\(8x3 and 2x16\).*shape \[2, 4, 3\]"):
        model(ad.ones(2, 4, 3))


def test_linear_integer_input_says_how_to_fix_it():
    with pytest.raises(RuntimeError, match=r"same dtype, but got Long and Float.*x.float\(\)"):
        nn.Linear(2, 1)(ad.tensor([[0, 1]]))


def test_functional_linear_gradcheck():
    ad.manual_seed(5)
    x = ad.randn(3, 4, dtype=ad.float64, requires_grad=True)
    w = ad.randn(2, 4, dtype=ad.float64, requires_grad=True)
    b = ad.randn(2, dtype=ad.float64, requires_grad=True)
    assert gradcheck(F.linear, (x, w, b))


# -- Sequential and activations --------------------------------------------------------------------


def test_sequential_indexing_iteration_and_repr():
    model = mlp()
    assert len(model) == 4
    assert isinstance(model[0], nn.Linear) and isinstance(model[-1], nn.Sigmoid)
    assert [type(m).__name__ for m in model] == ["Linear", "Tanh", "Linear", "Sigmoid"]
    head = model[:2]
    assert isinstance(head, nn.Sequential) and head[0] is model[0]
    assert repr(head) == "Sequential(\n  (0): Linear(in_features=2, out_features=16, bias=True)\n  (1): Tanh()\n)"
    with pytest.raises(IndexError, match="index 4 is out of range"):
        model[4]
    x = ad.randn(5, 2)
    assert model(x).equal(model[3](model[2](model[1](model[0](x)))))
    assert repr(model) == (
        "Sequential(\n"
        "  (0): Linear(in_features=2, out_features=16, bias=True)\n"
        "  (1): Tanh()\n"
        "  (2): Linear(in_features=16, out_features=1, bias=True)\n"
        "  (3): Sigmoid()\n"
        ")"
    )


def test_sequential_from_ordered_dict_and_append():
    model = nn.Sequential(OrderedDict([("hidden", nn.Linear(2, 3)), ("act", nn.ReLU())]))
    model.append(nn.Linear(3, 1))
    assert [n for n, _ in model.named_children()] == ["hidden", "act", "2"]
    assert model.hidden is model[0]


def test_nested_module_repr_indents_like_pytorch():
    model = nn.Sequential(nn.Sequential(nn.Linear(1, 2), nn.ReLU(inplace=True)), nn.Flatten(), nn.Identity())
    assert repr(model) == (
        "Sequential(\n"
        "  (0): Sequential(\n"
        "    (0): Linear(in_features=1, out_features=2, bias=True)\n"
        "    (1): ReLU(inplace=True)\n"
        "  )\n"
        "  (1): Flatten(start_dim=1, end_dim=-1)\n"
        "  (2): Identity()\n"
        ")"
    )


@pytest.mark.parametrize("module, function, grad_fn", [
    (nn.Tanh(), np.tanh, "TanhBackward0"),
    (nn.Sigmoid(), lambda v: 1 / (1 + np.exp(-v)), "SigmoidBackward0"),
    (nn.ReLU(), lambda v: np.maximum(v, 0), "ReluBackward0"),
])
def test_activations(module, function, grad_fn):
    x = ad.tensor([-2.0, -0.5, 0.5, 3.0], requires_grad=True)
    y = module(x)
    np.testing.assert_allclose(y._array, function(x._array), rtol=1e-6)
    assert y.grad_fn.name() == grad_fn


def test_relu_inplace_overwrites_its_input():
    h = ad.tensor([-1.0, 2.0], requires_grad=True) * 1
    out = nn.ReLU(inplace=True)(h)
    assert out is h and h.tolist() == [0.0, 2.0] and h.grad_fn.name() == "ReluBackward0"


def test_flatten_and_identity():
    x = ad.ones(2, 3, 4)
    assert nn.Flatten()(x).shape == (2, 12)
    assert nn.Flatten(0, 1)(x).shape == (6, 4)
    assert nn.Identity(54, unused="ignored")(x) is x


# -- losses ----------------------------------------------------------------------------------------


def test_mse_loss_is_one_op_of_the_table():
    pred = ad.tensor([2.5, 0.0, 2.0, 8.0], requires_grad=True)
    target = ad.tensor([3.0, -0.5, 2.0, 7.0])
    loss = nn.MSELoss()(pred, target)
    assert loss.grad_fn.name() == "MseLossBackward0" and loss.shape == ()
    assert loss.item() == pytest.approx(0.375)
    loss.backward()
    np.testing.assert_allclose(pred.grad._array, [-0.25, 0.25, 0.0, 0.5], rtol=1e-6)


def test_mse_loss_reductions():
    pred = ad.tensor([1.0, 2.0, 4.0])
    target = ad.tensor([1.0, 0.0, 1.0])
    assert F.mse_loss(pred, target, reduction="sum").item() == pytest.approx(13.0)
    assert F.mse_loss(pred, target, reduction="none").tolist() == [0.0, 4.0, 9.0]
    with pytest.raises(ValueError, match="avg is not a valid value for reduction"):
        F.mse_loss(pred, target, reduction="avg")
    with pytest.raises(TypeError, match="argument 'target'.*must be Tensor, not list"):
        F.mse_loss(pred, [1.0, 0.0, 1.0])


def test_mse_loss_warns_about_broadcasting_a_mismatched_target():
    pred = ad.zeros(4, 1, requires_grad=True)
    target = ad.tensor([0.0, 1.0, 2.0, 3.0])
    with pytest.warns(UserWarning, match=r"target size \(torch.Size\(\[4\]\)\) that is different to the "
                                         r"input size \(torch.Size\(\[4, 1\]\)\)"):
        loss = F.mse_loss(pred, target)
    assert loss.item() == pytest.approx(3.5)  # all 16 pairs: the silent bug the warning is about
    loss.backward()
    assert pred.grad.shape == (4, 1)


def test_mse_loss_promotes_an_integer_target():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = F.mse_loss(ad.tensor([1.0, 3.0]), ad.tensor([1, 1]))
    assert loss.dtype is ad.float32 and loss.item() == pytest.approx(2.0)


def test_bce_loss_value_gradient_and_grad_fn():
    p = ad.tensor([0.9, 0.2, 0.6], requires_grad=True)
    y = ad.tensor([1.0, 0.0, 1.0])
    loss = nn.BCELoss()(p, y)
    assert loss.grad_fn.name() == "BinaryCrossEntropyBackward0"
    expected = -np.mean([math.log(0.9), math.log(0.8), math.log(0.6)])
    assert loss.item() == pytest.approx(expected, rel=1e-6)
    loss.backward()
    pv, yv = p._array.astype(np.float64), y._array
    np.testing.assert_allclose(p.grad._array, (pv - yv) / (pv * (1 - pv)) / 3, rtol=1e-5)


def test_bce_loss_clamps_the_log_at_minus_100():
    p = ad.tensor([0.0, 1.0], requires_grad=True)
    y = ad.tensor([1.0, 1.0])
    for reduction, expected in [("mean", 50.0), ("sum", 100.0)]:
        loss = F.binary_cross_entropy(p, y, reduction=reduction)
        assert loss.item() == pytest.approx(expected)
        loss.backward()
        assert np.isfinite(p.grad._array).all()
        p.grad = None
    assert F.binary_cross_entropy(p, y, reduction="none").tolist() == [100.0, 0.0]


def test_bce_loss_errors():
    p = ad.tensor([[0.5], [0.5]])
    with pytest.raises(ValueError, match="target size .* different to the input size"):
        F.binary_cross_entropy(p, ad.tensor([1.0, 0.0]))
    with pytest.raises(RuntimeError, match="between 0 and 1.*sigmoid"):
        F.binary_cross_entropy(ad.tensor([1.5]), ad.tensor([1.0]))
    with pytest.raises(RuntimeError, match=r"Found dtype Long but expected Float.*y.float\(\)"):
        F.binary_cross_entropy(ad.tensor([0.5]), ad.tensor([1]))


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_loss_gradchecks(reduction):
    ad.manual_seed(9)
    pred = ad.rand(3, 2, dtype=ad.float64, requires_grad=True)
    target = ad.rand(3, 2, dtype=ad.float64)
    assert gradcheck(lambda p: F.mse_loss(p, target, reduction=reduction), (pred,))
    probabilities = (ad.rand(3, 2, dtype=ad.float64) * 0.8 + 0.1).requires_grad_()
    assert gradcheck(lambda p: F.binary_cross_entropy(p, target, reduction=reduction), (probabilities,))


# -- nn.init ---------------------------------------------------------------------------------------


def test_init_functions():
    w = nn.Parameter(ad.empty(50, 30))
    nn.init.zeros_(w)
    assert not w._array.any() and w.requires_grad and w.is_leaf
    nn.init.constant_(w, 0.5)
    assert (w._array == 0.5).all()
    nn.init.xavier_uniform_(w)
    assert np.abs(w._array).max() <= math.sqrt(6 / 80)
    nn.init.kaiming_uniform_(w, nonlinearity="relu")
    assert np.abs(w._array).max() <= math.sqrt(2) * math.sqrt(3 / 30)
    nn.init.normal_(w, 0.0, 0.01)
    assert 0.005 < w._array.std() < 0.015
    assert nn.init.calculate_gain("tanh") == pytest.approx(5 / 3)
    with pytest.raises(ValueError, match="fewer than 2 dimensions"):
        nn.init.xavier_uniform_(ad.empty(3))


# -- against real PyTorch --------------------------------------------------------------------------


def build_pair(torch, build):
    """The same model in autodidact and in torch, with autodidact's starting weights copied over."""
    mine = build(nn)
    theirs = build(torch.nn)
    with torch.no_grad():
        for a, t in zip(mine.parameters(), theirs.parameters()):
            t.copy_(torch.from_numpy(a._array.copy()))
    return mine, theirs


REPR_CASES = [
    lambda m: m.Sequential(m.Linear(2, 16), m.Tanh(), m.Linear(16, 1), m.Sigmoid()),
    lambda m: m.Linear(3, 1, bias=False),
    lambda m: m.Sequential(m.Sequential(m.Linear(1, 2), m.ReLU()), m.ReLU(inplace=True), m.Flatten(0),
                           m.Identity()),
    lambda m: m.MSELoss(reduction="sum"),
    lambda m: m.BCELoss(),
]


@pytest.mark.parametrize("build", REPR_CASES)
def test_module_reprs_match_pytorch(torch, build):
    assert repr(build(nn)) == repr(build(torch.nn))


def test_parameter_repr_matches_pytorch(torch):
    values = [[0.5, -1.25], [3.0, 0.125]]
    assert repr(nn.Parameter(ad.tensor(values))) == repr(torch.nn.Parameter(torch.tensor(values)))
    assert str(nn.Parameter(ad.tensor([1.0]), requires_grad=False)) == \
        str(torch.nn.Parameter(torch.tensor([1.0]), requires_grad=False))


def test_custom_module_matches_pytorch_names_and_repr(torch):
    def build(m):
        class Net(m.Module):
            def __init__(self):
                super().__init__()
                self.body = m.Sequential(m.Linear(3, 4), m.Tanh())
                self.gain = m.Parameter(m.Linear(1, 1).weight.detach().clone().reshape(1))
                self.head = m.Linear(4, 2)
        return Net()

    mine, theirs = build(nn), build(torch.nn)
    assert repr(mine) == repr(theirs)
    assert [n for n, _ in mine.named_parameters()] == [n for n, _ in theirs.named_parameters()]
    assert [n for n, _ in mine.named_modules()] == [n for n, _ in theirs.named_modules()]
    assert list(mine.state_dict()) == list(theirs.state_dict())


@pytest.mark.parametrize("loss_name, reduction", [
    (loss, reduction) for loss in ("MSELoss", "BCELoss") for reduction in ("mean", "sum", "none")])
def test_forward_backward_match_pytorch(torch, loss_name, reduction):
    ad.manual_seed(11)
    mine, theirs = build_pair(torch, lambda m: m.Sequential(m.Linear(3, 8), m.Tanh(), m.Linear(8, 8),
                                                             m.ReLU(), m.Linear(8, 2), m.Sigmoid()))
    x = np.random.default_rng(0).standard_normal((5, 3)).astype(np.float32)
    y = (np.random.default_rng(1).random((5, 2)) > 0.5).astype(np.float32)
    ours = getattr(nn, loss_name)(reduction=reduction)(mine(ad.tensor(x)), ad.tensor(y))
    real = getattr(torch.nn, loss_name)(reduction=reduction)(theirs(torch.tensor(x)), torch.tensor(y))
    np.testing.assert_allclose(ours._array, real.detach().numpy(), rtol=1e-5, atol=1e-7)
    if reduction == "mean":
        assert ours.grad_fn.name() == type(real.grad_fn).__name__
    ours.sum().backward()
    real.sum().backward()
    for (name, a), t in zip(mine.named_parameters(), theirs.parameters()):
        np.testing.assert_allclose(a.grad._array, t.grad.numpy(), rtol=1e-5, atol=1e-7, err_msg=name)


def test_wrong_input_size_message_starts_like_pytorch(torch):
    with pytest.raises(RuntimeError) as theirs:
        torch.nn.Linear(2, 16)(torch.ones(4, 3))
    with pytest.raises(RuntimeError) as ours:
        nn.Linear(2, 16)(ad.ones(4, 3))
    assert str(ours.value).startswith(str(theirs.value))
