"""Adamax, NAdam, RAdam, Rprop and ASGD step by step next to torch.optim (same start, same problem)."""
import numpy as np
import pytest

import autodidact as ad
from test_optim_more import START, train

OPTIMIZERS = {
    "adamax": lambda t, ps: t.optim.Adamax(ps, lr=0.1),
    "adamax_all": lambda t, ps: t.optim.Adamax(ps, lr=0.05, betas=(0.8, 0.9), eps=1e-3, weight_decay=0.1,
                                               maximize=True),
    "nadam": lambda t, ps: t.optim.NAdam(ps, lr=0.1),
    "nadam_l2": lambda t, ps: t.optim.NAdam(ps, lr=0.05, weight_decay=0.1, momentum_decay=0.1, maximize=True),
    "nadam_decoupled": lambda t, ps: t.optim.NAdam(ps, lr=0.05, weight_decay=0.1, decoupled_weight_decay=True),
    "radam": lambda t, ps: t.optim.RAdam(ps, lr=0.1, betas=(0.9, 0.5)),  # rho_t passes 5 within the steps
    "radam_default_betas": lambda t, ps: t.optim.RAdam(ps, lr=0.1, weight_decay=0.1),
    "radam_decoupled": lambda t, ps: t.optim.RAdam(ps, lr=0.05, betas=(0.8, 0.6), weight_decay=0.1,
                                                   decoupled_weight_decay=True, maximize=True),
    "rprop": lambda t, ps: t.optim.Rprop(ps, lr=0.1),
    "rprop_all": lambda t, ps: t.optim.Rprop(ps, lr=0.3, etas=(0.3, 1.5), step_sizes=(0.05, 0.4), maximize=True),
    "asgd": lambda t, ps: t.optim.ASGD(ps, lr=0.1),
    "asgd_averaging": lambda t, ps: t.optim.ASGD(ps, lr=0.1, lambd=0.1, alpha=0.5, t0=2, weight_decay=0.1),
    "asgd_maximize": lambda t, ps: t.optim.ASGD(ps, lr=0.05, t0=0, maximize=True),
}


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_updates_match_pytorch(torch, name):
    ours, our_optimizer = train(ad, OPTIMIZERS[name], steps=7)
    theirs, their_optimizer = train(torch, OPTIMIZERS[name], steps=7)
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)
    assert repr(our_optimizer) == repr(their_optimizer)
    ours_state, theirs_state = our_optimizer.state_dict(), their_optimizer.state_dict()
    assert ours_state["param_groups"] == theirs_state["param_groups"]
    assert list(ours_state["state"][0]) == list(theirs_state["state"][0])  # same keys, same order
    for key, value in theirs_state["state"][0].items():
        assert repr(ours_state["state"][0][key]) == repr(value), key


@pytest.mark.parametrize("name", ["adamax", "nadam", "radam", "rprop", "asgd_averaging"])
def test_float32_updates_match_pytorch(torch, name):
    ours, _ = train(ad, OPTIMIZERS[name], steps=7, dtype="float32")
    theirs, _ = train(torch, OPTIMIZERS[name], steps=7, dtype="float32")
    np.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-6)


def train_with_a_reload(t, make_optimizer):
    """Three steps, state_dict() into a fresh optimizer (made with another lr), three more steps."""
    w = t.tensor(START, dtype=t.float64, requires_grad=True)
    first = make_optimizer(t, [w])

    def run(optimizer, steps):
        for step in steps:
            optimizer.zero_grad()
            (((w * w * (step + 1)).sum() - (w * 3).sum()).tanh() + (w ** 3).mean()).backward()
            optimizer.step()

    run(first, range(3))
    second = type(first)([w], lr=123.0)
    second.load_state_dict(first.state_dict())
    assert second.param_groups[0]["lr"] == first.param_groups[0]["lr"]  # settings come back too
    run(second, range(3, 6))
    return w.detach().numpy(), second.state[w]


@pytest.mark.parametrize("name", ["nadam_l2", "radam", "rprop_all", "asgd_averaging", "adamax_all"])
def test_state_dict_round_trip_resumes_as_pytorch(torch, name):
    # Loading casts the float32 numbers kept in the state (NAdam's mu_product, ASGD's eta and mu)
    # to the parameter's dtype, except the step count: PyTorch does the same.
    ours, our_state = train_with_a_reload(ad, OPTIMIZERS[name])
    theirs, their_state = train_with_a_reload(torch, OPTIMIZERS[name])
    np.testing.assert_allclose(ours, theirs, rtol=1e-12, atol=1e-12)
    assert {key: repr(value) for key, value in our_state.items()} == \
        {key: repr(value) for key, value in their_state.items()}


@pytest.mark.parametrize("make", [
    lambda t, ps: t.optim.Adamax(ps, lr=-1), lambda t, ps: t.optim.Adamax(ps, betas=(0.9, 1.0)),
    lambda t, ps: t.optim.Adamax(ps, weight_decay=-0.1), lambda t, ps: t.optim.NAdam(ps, eps=-1),
    lambda t, ps: t.optim.NAdam(ps, momentum_decay=-1), lambda t, ps: t.optim.RAdam(ps, betas=(-0.1, 0.9)),
    lambda t, ps: t.optim.Rprop(ps, etas=(1.5, 2.0)), lambda t, ps: t.optim.Rprop(ps, lr=-0.1),
    lambda t, ps: t.optim.ASGD(ps, weight_decay=-1),
])
def test_bad_settings_give_pytorchs_message(torch, make):
    with pytest.raises(ValueError) as ours:
        make(ad, [ad.zeros(1, requires_grad=True)])
    with pytest.raises(ValueError) as theirs:
        make(torch, [torch.zeros(1, requires_grad=True)])
    assert str(ours.value) == str(theirs.value)


def lbfgs_run(t, steps=3, **settings):
    """L-BFGS on a curved valley (Rosenbrock's function, two weights split over two tensors)."""
    a = t.tensor([-1.2, 0.5], dtype=t.float64, requires_grad=True)
    b = t.tensor([[1.0], [0.3]], dtype=t.float64, requires_grad=True)
    optimizer = t.optim.LBFGS([a, b], **settings)

    def closure():
        optimizer.zero_grad()
        x = t.cat([a, b.reshape(-1)])
        loss = ((1 - x[:-1]) ** 2 + 10 * (x[1:] - x[:-1] ** 2) ** 2).sum()
        loss.backward()
        return loss

    losses = [optimizer.step(closure).item() for _ in range(steps)]
    return np.concatenate([a.detach().numpy(), b.detach().numpy().ravel()]), losses, optimizer


@pytest.mark.parametrize("settings", [dict(lr=0.1, max_iter=5), dict(lr=1, history_size=3, line_search_fn="strong_wolfe"),
                                      dict(lr=0.5, max_iter=10, max_eval=12, line_search_fn="strong_wolfe")])
def test_lbfgs_matches_pytorch(torch, settings):
    ours, our_losses, our_optimizer = lbfgs_run(ad, **settings)
    theirs, their_losses, their_optimizer = lbfgs_run(torch, **settings)
    np.testing.assert_allclose(ours, theirs, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(our_losses, their_losses, rtol=1e-9, atol=1e-15)
    assert repr(our_optimizer) == repr(their_optimizer)
    for key in ("func_evals", "n_iter"):
        assert list(our_optimizer.state.values())[0][key] == list(their_optimizer.state.values())[0][key], key


def test_lbfgs_refuses_what_pytorch_refuses(torch):
    for t in (ad, torch):
        a, b = t.zeros(1, requires_grad=True), t.zeros(1, requires_grad=True)
        with pytest.raises(ValueError, match=r"doesn't support per-parameter options \(parameter groups\)"):
            t.optim.LBFGS([{"params": [a]}, {"params": [b]}])
        with pytest.raises(ValueError, match="Invalid learning rate: -1"):
            t.optim.LBFGS([a], lr=-1)
