"""Lesson 4, The training loop: zero_(), updates under no_grad, choosing a learning rate."""
import numpy as np

import autodidact as ad

from ..core import Check, Exercise, as_float, expect_array_close, fail, register
from .lesson03 import _data, _engine_linear_gradient


def _reference_training(start, x, y, lr, steps):
    params, losses = np.array(start, dtype=np.float64), []
    for _ in range(steps):
        losses.append(float(np.mean((params[0] * x + params[1] - y) ** 2)))
        params = params - lr * _engine_linear_gradient(params[0], params[1], x, y)
    return params, losses


# 4.1 ----------------------------------------------------------------------------------------

def _run_train(learner):
    train = learner.get("train")
    x, y = _data(learner, n=6)
    start = np.array([learner.uniform(-1, 1), learner.uniform(-1, 1)])
    lr, steps = 0.1, int(learner.rng.integers(5, 9))
    params = ad.tensor(start, dtype=ad.float64, requires_grad=True)
    losses = train(params, ad.tensor(x, dtype=ad.float64), ad.tensor(y, dtype=ad.float64), lr, steps)
    return params, losses, _reference_training(start, x, y, lr, steps), steps


def _train_parameters(learner):
    params, _, (expected, _), steps = _run_train(learner)
    expect_array_close(params, expected, "the parameters after training", f" ({steps} steps)", rtol=1e-5)


def _train_losses(learner):
    _, losses, (_, expected), steps = _run_train(learner)
    if not isinstance(losses, (list, tuple)) or len(losses) != steps:
        fail(f"train should return a list of {steps} losses (one per step), got {losses!r:.80}.")
    expect_array_close([as_float(v, "each loss") for v in losses], expected, "the list of losses", rtol=1e-5)


register(Exercise("4.1", "Find the bug in the training loop", 3, [
    Check("the parameters match a correct training loop", "backward() adds the new gradient to "
          "whatever .grad already holds. Every step must start from a zero gradient.", _train_parameters),
    Check("the recorded losses match a correct training loop", "The loss of each step depends on the "
          "parameters of that step, so one wrong step changes every loss after it.", _train_losses),
], names=("train",)))


# 4.2 ----------------------------------------------------------------------------------------

def _parameters_with_grads(learner):
    tensors = []
    for shape in ((3,), (2, 2)):
        p = ad.tensor(learner.uniform(-1, 1, size=shape), dtype=ad.float64, requires_grad=True)
        (p * ad.tensor(learner.uniform(-1, 1, size=shape), dtype=ad.float64)).sum().backward()
        tensors.append(p)
    return tensors


def _update_in_place(learner):
    sgd_update_ = learner.get("sgd_update_")
    parameters = _parameters_with_grads(learner)
    expected = [p._array - 0.1 * p.grad._array for p in parameters]
    objects = [id(p) for p in parameters]
    sgd_update_(parameters, 0.1)
    if [id(p) for p in parameters] != objects:
        fail("the list now holds different tensors: update the tensors themselves, not the list.")
    for i, (p, e) in enumerate(zip(parameters, expected)):
        expect_array_close(p, e, f"parameter {i} after the update")


def _still_leaves(learner):
    sgd_update_ = learner.get("sgd_update_")
    parameters = _parameters_with_grads(learner)
    sgd_update_(parameters, 0.1)
    for i, p in enumerate(parameters):
        if not (p.is_leaf and p.requires_grad):
            fail(f"after the update parameter {i} has is_leaf={p.is_leaf}, requires_grad={p.requires_grad}.")


def _grads_zeroed(learner):
    sgd_update_ = learner.get("sgd_update_")
    parameters = _parameters_with_grads(learner)
    sgd_update_(parameters, 0.1)
    for i, p in enumerate(parameters):
        if p.grad is not None and np.any(p.grad._array != 0):
            fail(f"after the update parameter {i} still has gradient {p.grad!r}.")


register(Exercise("4.2", "An update that autograd does not record", 3, [
    Check("updates every parameter in place", "Writing p = p - lr * p.grad only rebinds the local name "
          "p. Change the tensor itself with p -= lr * p.grad, inside `with torch.no_grad():`.",
          _update_in_place),
    Check("parameters stay leaves that require grad", "An in-place update inside torch.no_grad() keeps "
          "the tensor a leaf; an out-of-place one creates a new tensor.", _still_leaves),
    Check("gradients are zero afterwards", "Call p.grad.zero_() for each parameter once it has been "
          "used, so the next backward() starts from zero.", _grads_zeroed),
], names=("sgd_update_",)))


# 4.3 ----------------------------------------------------------------------------------------

def _fit(learner):
    fit_line = learner.get("fit_line")
    n = 40
    x = learner.uniform(-3, 3, size=n)
    a, b = learner.uniform(-2, 2), learner.uniform(-2, 2)
    y = a * x + b + 0.3 * learner.rng.standard_normal(n)
    result = fit_line(ad.tensor(x, dtype=ad.float32), ad.tensor(y, dtype=ad.float32))
    if not isinstance(result, tuple) or len(result) != 2:
        fail(f"fit_line should return two numbers (a, b), got {result!r:.80}.")
    a_fit, b_fit = (as_float(v, name) for v, name in zip(result, ("a", "b")))
    loss = float(np.mean((a_fit * x + b_fit - y) ** 2))
    best_a, best_b = np.polyfit(x, y, 1)
    best = float(np.mean((best_a * x + best_b - y) ** 2))
    return loss, best


def _fit_reaches_target(learner):
    loss, best = _fit(learner)
    if np.isnan(loss) or np.isinf(loss):
        fail("the loss of your line is not a number: the training diverged.")
    if loss > best + 0.01:
        fail(f"your line's loss is {loss:.4g}; the best line reaches {best:.4g} (the target is within 0.01 of it).")


register(Exercise("4.3", "Train until the loss is low", 3, [
    Check("reaches a loss within 0.01 of the best line", "If the loss grows or becomes nan, the "
          "learning rate is too large; if it creeps down slowly, raise the learning rate or take more "
          "steps. Print the loss every few steps to see which.", _fit_reaches_target),
], names=("fit_line",)))
