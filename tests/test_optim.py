"""Tests for autodidact.optim: SGD and Adam, worked by hand and compared with torch.optim.

Tests that take the ``torch`` fixture (conftest.py) compare with real PyTorch; they are skipped, with
a reason, when it is not installed.
"""
import math

import numpy as np
import pytest

import autodidact as ad
import autodidact.nn as nn
import autodidact.optim as optim

XOR_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
XOR_Y = [[0.0], [1.0], [1.0], [0.0]]


def mlp(m):
    return m.Sequential(m.Linear(2, 16), m.Tanh(), m.Linear(16, 1), m.Sigmoid())


def param(value, grad):
    """A parameter holding ``value`` whose gradient is ``grad`` (as after a backward pass)."""
    p = nn.Parameter(ad.tensor(value))
    p.grad = ad.tensor(grad)
    return p


# -- training ------------------------------------------------------------------------------------


@pytest.mark.parametrize("make_optimizer", [
    lambda params: optim.SGD(params, lr=0.5, momentum=0.9),
    lambda params: optim.Adam(params, lr=0.05),
])
def test_mlp_learns_xor(make_optimizer):
    ad.manual_seed(0)
    model = mlp(nn)
    optimizer = make_optimizer(model.parameters())
    loss_fn = nn.BCELoss()
    x, y = ad.tensor(XOR_X), ad.tensor(XOR_Y)
    losses = []
    for _ in range(300):
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[0] > 0.6  # about log(2): the untrained net guesses
    assert losses[-1] < 0.05
    assert ((model(x) > 0.5).float()).equal(y)


def test_step_runs_under_no_grad_and_keeps_leaves():
    model = mlp(nn)
    optimizer = optim.SGD(model.parameters(), lr=0.1, momentum=0.9, weight_decay=0.1)
    model(ad.ones(3, 2)).sum().backward()
    before = [p._array.copy() for p in model.parameters()]
    optimizer.step()
    for p, old in zip(model.parameters(), before):
        assert p.is_leaf and p.requires_grad and p.grad_fn is None
        assert not np.array_equal(p._array, old)
    assert optimizer.state[model[0].weight]["momentum_buffer"].grad_fn is None
    assert ad.is_grad_enabled()


# -- SGD, worked by hand -------------------------------------------------------------------------


def test_plain_sgd_step():
    p = param([1.0, -2.0], [0.5, -1.0])
    optim.SGD([p], lr=0.1).step()
    np.testing.assert_allclose(p._array, [0.95, -1.9], rtol=1e-6)


def test_sgd_momentum_buffer_starts_at_the_first_gradient():
    p = param([1.0], [2.0])
    optimizer = optim.SGD([p], lr=0.1, momentum=0.9)
    optimizer.step()  # b = g = 2;            p = 1 - 0.1·2 = 0.8
    np.testing.assert_allclose(p._array, [0.8], rtol=1e-6)
    optimizer.step()  # b = 0.9·2 + 2 = 3.8;  p = 0.8 - 0.38 = 0.42
    np.testing.assert_allclose(p._array, [0.42], rtol=1e-6)
    np.testing.assert_allclose(optimizer.state[p]["momentum_buffer"]._array, [3.8], rtol=1e-6)


def test_sgd_dampening_weight_decay_and_nesterov():
    p = param([1.0], [2.0])
    optimizer = optim.SGD([p], lr=0.1, momentum=0.5, dampening=0.5)
    optimizer.step()  # b = 2 (no dampening on the first step); p = 0.8
    optimizer.step()  # b = 0.5·2 + 0.5·2 = 2;                   p = 0.6
    np.testing.assert_allclose(p._array, [0.6], rtol=1e-6)

    p = param([1.0], [2.0])
    optim.SGD([p], lr=0.1, weight_decay=0.5).step()  # g = 2 + 0.5·1 = 2.5; p = 0.75
    np.testing.assert_allclose(p._array, [0.75], rtol=1e-6)

    p = param([1.0], [2.0])
    optimizer = optim.SGD([p], lr=0.1, momentum=0.9, nesterov=True)
    optimizer.step()  # b = 2; step along g + 0.9·b = 3.8;  p = 0.62
    np.testing.assert_allclose(p._array, [0.62], rtol=1e-6)
    optimizer.step()  # b = 0.9·2 + 2 = 3.8; g + 0.9·b = 5.42; p = 0.078
    np.testing.assert_allclose(p._array, [0.078], rtol=1e-5)


def test_sgd_maximize_climbs():
    p = param([1.0], [2.0])
    optim.SGD([p], lr=0.1, maximize=True).step()
    np.testing.assert_allclose(p._array, [1.2], rtol=1e-6)


def test_parameters_without_gradient_are_left_alone():
    used, unused = param([1.0], [1.0]), nn.Parameter(ad.tensor([5.0]))
    optimizer = optim.SGD([used, unused], lr=0.1, momentum=0.9)
    optimizer.step()
    assert unused.tolist() == [5.0] and unused not in optimizer.state


# -- Adam, worked by hand ------------------------------------------------------------------------


def test_adam_first_step_has_size_lr_whatever_the_gradient_scale():
    # Bias correction makes m̂ = g and v̂ = g² on step 1, so the step is lr·g/|g| = lr·sign(g).
    p = param([1.0, 1.0, 1.0], [1e-3, -5.0, 200.0])
    optim.Adam([p], lr=0.01).step()
    np.testing.assert_allclose(p._array, [0.99, 1.01, 0.99], rtol=1e-5)


def test_adam_second_step_by_hand():
    p = param([0.0], [1.0])
    optimizer = optim.Adam([p], lr=0.1, betas=(0.5, 0.5), eps=0.0)
    optimizer.step()  # p = -0.1
    p.grad = ad.tensor([3.0])
    optimizer.step()  # m = 0.5·0.5 + 0.5·3 = 1.75 -> m̂ = 1.75/0.75; v = 0.25 + 4.5 = 4.75 -> v̂ = 4.75/0.75
    expected = -0.1 - 0.1 * (1.75 / 0.75) / math.sqrt(4.75 / 0.75)
    np.testing.assert_allclose(p._array, [expected], rtol=1e-6)
    assert optimizer.state[p]["step"] == 2


def test_adam_amsgrad_keeps_the_largest_second_moment():
    p = param([0.0], [10.0])
    optimizer = optim.Adam([p], lr=0.1, betas=(0.0, 0.5), eps=0.0, amsgrad=True)
    optimizer.step()  # v = 50, v_max = 50
    p.grad = ad.tensor([1.0])
    optimizer.step()  # v = 25.5 < v_max = 50: the step uses 50 -> 0.1·1/√(50/0.75)
    np.testing.assert_allclose(optimizer.state[p]["max_exp_avg_sq"]._array, [50.0], rtol=1e-6)
    np.testing.assert_allclose(p._array, [-0.1 - 0.1 / math.sqrt(50 / 0.75)], rtol=1e-6)


# -- the optimizer's bookkeeping -----------------------------------------------------------------


def test_zero_grad_sets_none_or_zeros():
    p = param([1.0], [2.0])
    optimizer = optim.SGD([p], lr=0.1)
    optimizer.zero_grad(set_to_none=False)
    assert p.grad.tolist() == [0.0]
    optimizer.zero_grad()
    assert p.grad is None


def test_param_groups_have_their_own_settings_and_can_be_changed():
    a, b = param([1.0], [1.0]), param([1.0], [1.0])
    optimizer = optim.SGD([{"params": [a]}, {"params": [b], "lr": 0.5}], lr=0.1, momentum=0.0)
    assert [g["lr"] for g in optimizer.param_groups] == [0.1, 0.5]
    assert optimizer.param_groups[1]["momentum"] == 0.0
    optimizer.step()
    np.testing.assert_allclose([a.item(), b.item()], [0.9, 0.5], rtol=1e-6)
    optimizer.param_groups[0]["lr"] = 0.2  # a learning-rate schedule does exactly this
    optimizer.step()
    np.testing.assert_allclose(a.item(), 0.7, rtol=1e-6)


def test_closure_is_evaluated_with_grad_enabled():
    w = nn.Parameter(ad.tensor([3.0]))
    optimizer = optim.SGD([w], lr=0.25)

    def closure():
        optimizer.zero_grad()
        loss = (w ** 2).sum()
        loss.backward()
        return loss

    loss = optimizer.step(closure)
    assert loss.item() == 9.0 and w.item() == pytest.approx(1.5)


def test_optimizer_repr(torch):
    optimizer = optim.SGD([param([1.0], [1.0])], lr=0.1)
    assert repr(optimizer) == repr(torch.optim.SGD([torch.ones(1, requires_grad=True)], lr=0.1))
    assert repr(optimizer).startswith("SGD (\nParameter Group 0\n    dampening: 0\n    differentiable: False\n")


@pytest.mark.parametrize("make, message", [
    (lambda ps: optim.SGD(ps, lr=-1), "Invalid learning rate: -1"),
    (lambda ps: optim.SGD(ps, lr=0.1, momentum=-0.5), "Invalid momentum value: -0.5"),
    (lambda ps: optim.SGD(ps, lr=0.1, weight_decay=-1), "Invalid weight_decay value: -1"),
    (lambda ps: optim.SGD(ps, lr=0.1, nesterov=True), "Nesterov momentum requires a momentum and zero dampening"),
    (lambda ps: optim.Adam(ps, lr=-0.01), "Invalid learning rate: -0.01"),
    (lambda ps: optim.Adam(ps, eps=-1e-8), "Invalid epsilon value: -1e-08"),
    (lambda ps: optim.Adam(ps, betas=(1.0, 0.999)), "Invalid beta parameter at index 0: 1.0"),
    (lambda ps: optim.Adam(ps, betas=(0.9, -0.1)), "Invalid beta parameter at index 1: -0.1"),
    (lambda ps: optim.SGD([], lr=0.1), "optimizer got an empty parameter list"),
])
def test_bad_settings_raise_value_errors_like_pytorch(make, message):
    with pytest.raises(ValueError) as error:
        make([param([1.0], [1.0])])
    assert str(error.value) == message


def test_bad_params_say_what_to_pass():
    w = nn.Parameter(ad.ones(2))
    with pytest.raises(TypeError, match=r"should be an iterable of Tensors or dicts, but got torch.FloatTensor"):
        optim.SGD(w, lr=0.1)
    with pytest.raises(TypeError, match=r"model.parameters\(\)"):
        optim.SGD(mlp(nn), lr=0.1)
    with pytest.raises(TypeError, match="can only optimize Tensors, but one of the params is float"):
        optim.SGD([w, 1.0], lr=0.1)
    with pytest.raises(ValueError, match="can't optimize a non-leaf Tensor"):
        optim.SGD([w * 2], lr=0.1)
    with pytest.raises(ValueError, match="more than one parameter group"):
        optim.SGD([{"params": [w]}, {"params": [w]}], lr=0.1)


# -- against real PyTorch ------------------------------------------------------------------------

SETTINGS = [
    ("SGD", dict(lr=0.5)),
    ("SGD", dict(lr=0.3, momentum=0.9)),
    ("SGD", dict(lr=0.3, momentum=0.9, dampening=0.3, weight_decay=0.01)),
    ("SGD", dict(lr=0.2, momentum=0.8, nesterov=True, weight_decay=0.05)),
    ("SGD", dict(lr=0.1, maximize=True)),
    ("Adam", dict(lr=0.05)),
    ("Adam", dict(lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.01)),
    ("Adam", dict(lr=0.05, amsgrad=True)),
]


@pytest.mark.parametrize("name, settings", SETTINGS, ids=[f"{n}-{'-'.join(s)}" for n, s in SETTINGS])
def test_training_matches_pytorch_step_by_step(torch, name, settings):
    ad.manual_seed(7)
    mine, theirs = mlp(nn), mlp(torch.nn)
    with torch.no_grad():
        for a, t in zip(mine.parameters(), theirs.parameters()):
            t.copy_(torch.from_numpy(a._array.copy()))
    ours_opt = getattr(optim, name)(mine.parameters(), **settings)
    real_opt = getattr(torch.optim, name)(theirs.parameters(), **settings)
    x, y = np.array(XOR_X, np.float32), np.array(XOR_Y, np.float32)
    for step in range(8):
        ours_opt.zero_grad()
        real_opt.zero_grad()
        ours = nn.BCELoss()(mine(ad.tensor(x)), ad.tensor(y))
        real = torch.nn.BCELoss()(theirs(torch.tensor(x)), torch.tensor(y))
        ours.backward()
        real.backward()
        np.testing.assert_allclose(ours.item(), real.item(), rtol=1e-5, err_msg=f"loss at step {step}")
        for (n, a), t in zip(mine.named_parameters(), theirs.parameters()):
            np.testing.assert_allclose(a.grad._array, t.grad.numpy(), rtol=1e-5, atol=1e-7,
                                       err_msg=f"grad of {n} at step {step}")
        ours_opt.step()
        real_opt.step()
        # PyTorch fuses a + α·b into one rounding (FMA), NumPy rounds twice: the parameters can
        # differ in the last bit, and Adam, which divides by √v, magnifies that for gradients near 0.
        for (n, a), t in zip(mine.named_parameters(), theirs.parameters()):
            np.testing.assert_allclose(a._array, t.detach().numpy(), rtol=1e-5, atol=1e-6,
                                       err_msg=f"{n} after step {step}")
