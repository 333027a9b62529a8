"""AdamW, RMSprop, Adagrad, Adadelta, learning-rate schedulers and optimizer state_dicts, against torch.optim."""
import math
import warnings

import numpy as np
import pytest

import autodidact as ad
from autodidact import optim
from autodidact.optim import lr_scheduler

START = np.array([[0.5, -1.5, 2.0], [1.0, 0.25, -0.75]])


def train(t, make_optimizer, steps=6, dtype="float64"):
    """A few steps on a fixed problem; returns the weights after each step and the optimizer."""
    w = t.tensor(START, dtype=getattr(t, dtype), requires_grad=True)
    optimizer = make_optimizer(t, [w])
    history = []
    for step in range(steps):
        optimizer.zero_grad()
        loss = ((w * w * (step + 1)).sum() - (w * 3).sum()).tanh() + (w ** 3).mean()
        loss.backward()
        optimizer.step()
        history.append(w.detach().numpy().copy())
    return np.array(history), optimizer


OPTIMIZERS = {
    "adamw": lambda t, ps: t.optim.AdamW(ps, lr=0.1),
    "adamw_amsgrad": lambda t, ps: t.optim.AdamW(ps, lr=0.05, weight_decay=0.1, amsgrad=True, betas=(0.8, 0.9)),
    "adam_decoupled": lambda t, ps: t.optim.Adam(ps, lr=0.05, weight_decay=0.1, decoupled_weight_decay=True),
    "adam_l2": lambda t, ps: t.optim.Adam(ps, lr=0.05, weight_decay=0.1),
    "rmsprop": lambda t, ps: t.optim.RMSprop(ps, lr=0.01),
    "rmsprop_all": lambda t, ps: t.optim.RMSprop(ps, lr=0.01, momentum=0.9, centered=True, weight_decay=0.1,
                                                 alpha=0.9),
    "rmsprop_maximize": lambda t, ps: t.optim.RMSprop(ps, lr=0.01, maximize=True, momentum=0.5),
    "adagrad": lambda t, ps: t.optim.Adagrad(ps, lr=0.1),
    "adagrad_all": lambda t, ps: t.optim.Adagrad(ps, lr=0.1, lr_decay=0.1, weight_decay=0.05,
                                                 initial_accumulator_value=0.5, eps=1e-6),
    "adadelta": lambda t, ps: t.optim.Adadelta(ps),
    "adadelta_all": lambda t, ps: t.optim.Adadelta(ps, lr=0.5, rho=0.8, eps=1e-4, weight_decay=0.1, maximize=True),
    "sgd_nesterov": lambda t, ps: t.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
}


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_updates_match_pytorch(torch, name):
    ours, our_optimizer = train(ad, OPTIMIZERS[name])
    theirs, their_optimizer = train(torch, OPTIMIZERS[name])
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)
    assert repr(our_optimizer) == repr(their_optimizer)
    ours_state, theirs_state = our_optimizer.state_dict(), their_optimizer.state_dict()
    assert ours_state["param_groups"] == theirs_state["param_groups"]
    assert list(ours_state["state"]) == list(theirs_state["state"])
    for key, value in theirs_state["state"][0].items():
        assert repr(ours_state["state"][0][key]) == repr(value), key


@pytest.mark.parametrize("name", ["adamw", "rmsprop", "adagrad", "adadelta"])
def test_float32_updates_print_as_pytorch(torch, name):
    ours, _ = train(ad, OPTIMIZERS[name], steps=3, dtype="float32")
    theirs, _ = train(torch, OPTIMIZERS[name], steps=3, dtype="float32")
    np.testing.assert_allclose(ours, theirs, rtol=2e-6, atol=1e-7)


def test_state_dict_round_trip_resumes_training_exactly():
    straight, _ = train(ad, OPTIMIZERS["rmsprop_all"], steps=6)
    w = ad.tensor(START, dtype=ad.float64, requires_grad=True)
    first = OPTIMIZERS["rmsprop_all"](ad, [w])

    def run(optimizer, steps):
        for step in steps:
            optimizer.zero_grad()
            (((w * w * (step + 1)).sum() - (w * 3).sum()).tanh() + (w ** 3).mean()).backward()
            optimizer.step()

    run(first, range(3))
    saved = first.state_dict()
    second = optim.RMSprop([w], lr=123.0)  # settings come back from the state_dict too
    second.load_state_dict(saved)
    assert second.param_groups[0]["lr"] == 0.01 and second.param_groups[0]["params"][0] is w
    assert second.state[w]["square_avg"] is not first.state[w]["square_avg"]  # copied in
    run(second, range(3, 6))
    np.testing.assert_allclose(w.detach().numpy(), straight[-1], rtol=1e-15)


def test_load_state_dict_mismatches_raise_pytorchs_errors(torch):
    for t in (ad, torch):
        a, b = t.zeros(2, requires_grad=True), t.zeros(2, requires_grad=True)
        saved = t.optim.SGD([a, b], lr=0.1).state_dict()
        with pytest.raises(ValueError, match="doesn't match the size"):
            t.optim.SGD([a], lr=0.1).load_state_dict(saved)
        with pytest.raises(ValueError, match="different number of parameter groups"):
            t.optim.SGD([{"params": [a]}, {"params": [b]}], lr=0.1).load_state_dict(saved)


@pytest.mark.parametrize("make", [
    lambda t, ps: t.optim.RMSprop(ps, lr=-1), lambda t, ps: t.optim.RMSprop(ps, alpha=-0.5),
    lambda t, ps: t.optim.Adagrad(ps, lr_decay=-1), lambda t, ps: t.optim.Adagrad(ps, eps=-1),
    lambda t, ps: t.optim.Adagrad(ps, initial_accumulator_value=-1), lambda t, ps: t.optim.AdamW(ps, betas=(1.0, 0.9)),
    lambda t, ps: t.optim.Adadelta(ps, rho=1.5), lambda t, ps: t.optim.Adadelta(ps, eps=-1),
    lambda t, ps: t.optim.lr_scheduler.LinearLR(t.optim.SGD(ps), start_factor=0),
    lambda t, ps: t.optim.lr_scheduler.LinearLR(t.optim.SGD(ps), end_factor=1.5),
    lambda t, ps: t.optim.lr_scheduler.ConstantLR(t.optim.SGD(ps), factor=2),
])
def test_bad_settings_give_pytorchs_message(torch, make):
    with pytest.raises(ValueError) as ours:
        make(ad, [ad.zeros(1, requires_grad=True)])
    with pytest.raises(ValueError) as theirs:
        make(torch, [torch.zeros(1, requires_grad=True)])
    assert str(ours.value) == str(theirs.value)


def test_differentiable_optimizer_is_refused_loudly():
    with pytest.raises(NotImplementedError, match="differentiable=True"):
        optim.Adam([ad.zeros(1, requires_grad=True)], differentiable=True)


SCHEDULERS = {
    "step": lambda L, o: L.StepLR(o, step_size=3, gamma=0.5),
    "multistep": lambda L, o: L.MultiStepLR(o, milestones=[2, 5, 5, 9], gamma=0.5),
    "exponential": lambda L, o: L.ExponentialLR(o, gamma=0.9),
    "cosine": lambda L, o: L.CosineAnnealingLR(o, T_max=5, eta_min=0.001),
    "cosine_restart": lambda L, o: L.CosineAnnealingLR(o, T_max=3),
    "lambda": lambda L, o: L.LambdaLR(o, lr_lambda=lambda epoch: 0.95 ** epoch / (1 + epoch)),
    "lambda_list": lambda L, o: L.LambdaLR(o, [lambda e: 1 / (e + 1), lambda e: 0.5 ** e]),
    "multiplicative": lambda L, o: L.MultiplicativeLR(o, lr_lambda=lambda epoch: 0.95 if epoch % 3 else 0.5),
    "linear": lambda L, o: L.LinearLR(o, start_factor=0.25, total_iters=6),
    "linear_decay": lambda L, o: L.LinearLR(o, start_factor=1.0, end_factor=0.1, total_iters=7),
    "constant": lambda L, o: L.ConstantLR(o, factor=0.5, total_iters=4),
    "polynomial": lambda L, o: L.PolynomialLR(o, total_iters=8, power=2.0),
    "sequential": lambda L, o: L.SequentialLR(o, [L.LinearLR(o, start_factor=0.2, total_iters=3),
                                                  L.CosineAnnealingLR(o, T_max=6)], milestones=[4]),
    "sequential_three": lambda L, o: L.SequentialLR(o, [L.ConstantLR(o, factor=0.5, total_iters=2),
                                                        L.StepLR(o, step_size=2, gamma=0.5),
                                                        L.ExponentialLR(o, gamma=0.9)], milestones=[3, 8]),
    "chained": lambda L, o: L.ChainedScheduler([L.ConstantLR(o, factor=0.1, total_iters=4),
                                                L.ExponentialLR(o, gamma=0.9)]),
    "cyclic": lambda L, o: L.CyclicLR(o, base_lr=0.01, max_lr=[0.1, 0.5], step_size_up=3, step_size_down=2),
    "cyclic_triangular2": lambda L, o: L.CyclicLR(o, 0.01, 0.1, step_size_up=2, mode="triangular2",
                                                  base_momentum=0.5, max_momentum=0.95),
    "cyclic_exp_range": lambda L, o: L.CyclicLR(o, 0.01, 0.1, step_size_up=2, mode="exp_range", gamma=0.9,
                                                cycle_momentum=False),
    "cyclic_scale_fn": lambda L, o: L.CyclicLR(o, 0.01, 0.1, step_size_up=3, scale_fn=lambda x: 0.5 ** x,
                                               scale_mode="iterations"),
    "warm_restarts": lambda L, o: L.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2, eta_min=0.01),
    "warm_restarts_same": lambda L, o: L.CosineAnnealingWarmRestarts(o, T_0=4),
    "one_cycle": lambda L, o: L.OneCycleLR(o, max_lr=[0.1, 0.3], total_steps=15),
    "one_cycle_three_phase": lambda L, o: L.OneCycleLR(o, max_lr=0.2, epochs=3, steps_per_epoch=5, pct_start=0.25,
                                                       anneal_strategy="linear", three_phase=True),
}
NO_EPOCH_ARGUMENT = {"sequential", "sequential_three", "chained"}  # their step() takes none, as PyTorch's


def lr_history(t, name, epochs=14, step_with_epoch=False):
    a, b = t.zeros(1, requires_grad=True), t.zeros(1, requires_grad=True)
    optimizer = t.optim.SGD([{"params": [a]}, {"params": [b], "lr": 0.3}], lr=0.1)
    scheduler = SCHEDULERS[name](t.optim.lr_scheduler, optimizer)
    history = [(scheduler.get_last_lr(), [group["momentum"] for group in optimizer.param_groups])]
    for epoch in range(epochs):
        optimizer.step()
        if step_with_epoch:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                scheduler.step(epoch + 1)
        else:
            scheduler.step()
        history.append((scheduler.get_last_lr(), [group["momentum"] for group in optimizer.param_groups]))
    return (history, optimizer.param_groups[0]["initial_lr"], getattr(scheduler, "last_epoch", None),
            sorted(scheduler.state_dict()))


@pytest.mark.parametrize("name", SCHEDULERS)
def test_schedules_match_pytorch_to_the_last_bit(torch, name):
    assert lr_history(ad, name) == lr_history(torch, name)
    if name not in NO_EPOCH_ARGUMENT | {"lambda_list"}:
        assert lr_history(ad, name, step_with_epoch=True) == lr_history(torch, name, step_with_epoch=True)


def test_reduce_on_plateau_matches_pytorch(torch):
    losses = [1.0, 0.9, 0.9, 0.95, 0.9, 0.91, 0.92, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.49999, 0.5]

    def history(t, **options):
        optimizer = t.optim.SGD([t.zeros(1, requires_grad=True)], lr=1.0)
        scheduler = t.optim.lr_scheduler.ReduceLROnPlateau(optimizer, **options)
        out = []
        for loss in losses:
            scheduler.step(loss)
            out.append((optimizer.param_groups[0]["lr"], scheduler.num_bad_epochs, scheduler.best))
        return out

    for options in ({"patience": 1}, {"patience": 2, "factor": 0.5, "cooldown": 2},
                    {"mode": "max", "patience": 0, "threshold_mode": "abs", "threshold": 0.05},
                    {"patience": 0, "min_lr": 0.05}):
        assert history(ad, **options) == history(torch, **options), options
    with pytest.raises(ValueError, match="Factor should be < 1.0."):
        lr_scheduler.ReduceLROnPlateau(optim.SGD([ad.zeros(1, requires_grad=True)], lr=1), factor=2)


def test_scheduler_before_optimizer_warns_as_pytorch(torch):
    for t in (ad, torch):
        optimizer = t.optim.SGD([t.zeros(1, requires_grad=True)], lr=0.1)
        scheduler = t.optim.lr_scheduler.StepLR(optimizer, 2)
        with pytest.warns(UserWarning, match="before `optimizer.step\\(\\)`"):
            scheduler.step()


def test_scheduler_state_dict_resumes(torch):
    optimizer = optim.SGD([ad.zeros(1, requires_grad=True)], lr=1.0)
    scheduler = lr_scheduler.CosineAnnealingLR(optimizer, T_max=10)
    for _ in range(4):
        optimizer.step()
        scheduler.step()
    saved = scheduler.state_dict()
    assert "optimizer" not in saved and saved["last_epoch"] == 4
    fresh = lr_scheduler.CosineAnnealingLR(optim.SGD([ad.zeros(1, requires_grad=True)], lr=1.0), T_max=10)
    fresh.load_state_dict(saved)
    assert fresh.last_epoch == 4 and fresh.get_last_lr() == scheduler.get_last_lr()
    assert math.isclose(scheduler.get_last_lr()[0], (1 + math.cos(math.pi * 4 / 10)) / 2)
    lambdas = lr_scheduler.LambdaLR(optim.SGD([ad.zeros(1, requires_grad=True)], lr=1.0), lambda e: 1.0)
    assert lambdas.state_dict()["lr_lambdas"] == [None]


def test_cyclic_schedules_move_adams_first_beta_as_pytorch(torch):
    def history(t, make):
        optimizer = t.optim.Adam([t.zeros(1, requires_grad=True)], lr=0.1, betas=(0.9, 0.99))
        scheduler = make(t.optim.lr_scheduler, optimizer)
        out = []
        for _ in range(6):
            optimizer.step()
            scheduler.step()
            out.append((scheduler.get_last_lr(), optimizer.param_groups[0]["betas"]))
        return out

    for make in (lambda L, o: L.OneCycleLR(o, max_lr=0.5, total_steps=6),
                 lambda L, o: L.CyclicLR(o, 0.001, 0.01, step_size_up=2)):
        assert history(ad, make) == history(torch, make)


def test_combined_and_cyclic_schedulers_refuse_what_pytorch_refuses(torch):
    def message(t, make):
        optimizer = t.optim.SGD([t.zeros(1, requires_grad=True)], lr=0.1)
        other = t.optim.SGD([t.zeros(1, requires_grad=True)], lr=0.1)
        L = t.optim.lr_scheduler
        with pytest.raises((ValueError, TypeError)) as info:
            make(L, optimizer, other)
        return type(info.value), str(info.value).replace("autodidact.optim.sgd", "torch.optim.sgd")

    cases = [
        lambda L, o, _: L.SequentialLR(o, [L.StepLR(o, 2), L.StepLR(o, 3)], milestones=[]),
        lambda L, o, _: L.SequentialLR(o, [], milestones=[]),
        lambda L, o, _: L.ChainedScheduler([L.StepLR(o, 2), L.ReduceLROnPlateau(o)]),
        lambda L, o, _: L.OneCycleLR(o, max_lr=0.1),
        lambda L, o, _: L.OneCycleLR(o, max_lr=0.1, total_steps=5, pct_start=1),
        lambda L, o, _: L.CosineAnnealingWarmRestarts(o, T_0=0),
        lambda L, o, _: L.CyclicLR(o, 0.01, 0.1, mode="zigzag"),
        lambda L, o, _: L.CyclicLR(L.OneCycleLR(o, 0.1, 3).optimizer, [0.1, 0.2], 0.3),
    ]
    for make in cases:
        assert message(ad, make) == message(torch, make)
    for t in (ad, torch):  # a different optimizer is named by its repr, which differs; the class is the same
        with pytest.raises(ValueError, match="expects all schedulers to belong to the same optimizer"):
            optimizer = t.optim.SGD([t.zeros(1, requires_grad=True)], lr=0.1)
            other = t.optim.SGD([t.zeros(1, requires_grad=True)], lr=0.1)
            t.optim.lr_scheduler.SequentialLR(optimizer, [t.optim.lr_scheduler.StepLR(other, 2)], milestones=[])


def test_one_cycle_past_its_steps_and_an_overridden_step_are_reported_as_pytorch(torch):
    for t in (ad, torch):
        optimizer = t.optim.SGD([t.zeros(1, requires_grad=True)], lr=0.1, momentum=0.9)
        scheduler = t.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=0.1, total_steps=2)
        optimizer.step()
        scheduler.step()
        scheduler.step()
        with pytest.raises(ValueError, match="Tried to step 3 times. The specified number of total steps is 2"):
            scheduler.step()
        optimizer = t.optim.SGD([t.zeros(1, requires_grad=True)], lr=0.1)
        scheduler = t.optim.lr_scheduler.StepLR(optimizer, 2)
        optimizer.step = lambda: None
        with pytest.warns(UserWarning, match="Seems like `optimizer.step\\(\\)` has been overridden"):
            scheduler.step()


def test_sequential_state_dict_holds_each_schedulers_and_resumes():
    def make(optimizer):
        L = lr_scheduler
        return L.SequentialLR(optimizer, [L.LinearLR(optimizer, start_factor=0.1, total_iters=3),
                                          L.ExponentialLR(optimizer, gamma=0.5)], milestones=[3])

    optimizer = optim.SGD([ad.zeros(1, requires_grad=True)], lr=1.0)
    scheduler = make(optimizer)
    for _ in range(5):
        optimizer.step()
        scheduler.step()
    saved = scheduler.state_dict()
    assert [inner["last_epoch"] for inner in saved["_schedulers"]] == [2, 2] and saved["last_epoch"] == 5
    fresh_optimizer = optim.SGD([ad.zeros(1, requires_grad=True)], lr=1.0)
    fresh = make(fresh_optimizer)
    fresh.load_state_dict(saved)
    fresh_optimizer.param_groups[0]["lr"] = optimizer.param_groups[0]["lr"]
    fresh_optimizer.step()
    optimizer.step()
    fresh.step()
    scheduler.step()
    assert fresh.get_last_lr() == scheduler.get_last_lr() == [0.125]
