"""Lesson 4, The training loop: zero_(), updates under no_grad, choosing a learning rate."""
import numpy as np

from ..core import (Check, Exercise, as_float, as_tuple, constant_factor_note, describe, expect_array_close, fail,
                    register)
from .common import draw, t64
from .lesson03 import _data, engine_linear_gradient


def _reference_training(start, x, y, lr, steps):
    params, losses = np.array(start, dtype=np.float64), []
    for _ in range(steps):
        losses.append(float(np.mean((params[0] * np.array(x) + params[1] - np.array(y)) ** 2)))
        params = params - lr * engine_linear_gradient(params[0], params[1], x, y)
    return params, losses


# 4.1 ----------------------------------------------------------------------------------------

def _train_inputs(rng):
    return {**_data(rng, n=6), "start": [draw(rng, -1, 1), draw(rng, -1, 1)], "lr": 0.1,
            "steps": int(rng.integers(5, 9))}


def _probe_train(learner, inputs):
    params = t64(inputs["start"], requires_grad=True)
    losses = learner.get("train")(params, t64(inputs["x"]), t64(inputs["y"]), inputs["lr"], inputs["steps"])
    return {"params": params, "losses": losses}


def _judge_parameters(inputs, answer):
    expected, _ = _reference_training(inputs["start"], inputs["x"], inputs["y"], inputs["lr"], inputs["steps"])
    expect_array_close(answer["params"], expected, "the parameters after training", f" ({inputs['steps']} steps)",
                       rtol=1e-5)


def _judge_losses(inputs, answer):
    _, expected = _reference_training(inputs["start"], inputs["x"], inputs["y"], inputs["lr"], inputs["steps"])
    losses = answer["losses"]
    if not isinstance(losses, (list, tuple)) or len(losses) != inputs["steps"]:
        fail(f"train should return a list of {inputs['steps']} losses (one per step), got {describe(losses)}.")
    expect_array_close([as_float(v, "each loss") for v in losses], expected, "the list of losses", rtol=1e-5)


register(Exercise("4.1", "Find the bug in the training loop", 3, [
    Check("the parameters match a correct training loop",
          ("The first step is right and the later ones drift: what does each step inherit from the one before?",
           "backward() adds the new gradient to whatever .grad already holds. Every step must start "
           "from a zero gradient."),
          _train_inputs, _probe_train, _judge_parameters),
    Check("the recorded losses match a correct training loop",
          ("The loss of each step depends on the parameters of that step, so one wrong step changes "
           "every loss after it.",
           "Fix the parameters first; the losses follow."),
          _train_inputs, _probe_train, _judge_losses),
], names=("train",)))


# 4.2 ----------------------------------------------------------------------------------------

_SHAPES = ((3,), (2, 2))


def _update_inputs(rng):
    return {"params": [draw(rng, -1, 1, size=s) for s in _SHAPES],
            "grads": [draw(rng, -1, 1, size=s) for s in _SHAPES], "lr": 0.1}


def _probe_update(learner, inputs):
    sgd_update_ = learner.get("sgd_update_")
    parameters = []
    for values, grad in zip(inputs["params"], inputs["grads"]):
        p = t64(values, requires_grad=True)
        (p * t64(grad)).sum().backward()  # p.grad is now `grad`
        parameters.append(p)
    objects = [id(p) for p in parameters]
    sgd_update_(parameters, inputs["lr"])
    return {"same_tensors": [id(p) for p in parameters] == objects, "params": parameters,
            "grads": [p.grad for p in parameters]}


def _judge_in_place(inputs, answer):
    if answer["same_tensors"] is not True:
        fail("the list now holds different tensors: update the tensors themselves, not the list.")
    unchanged = [i for i, (p, values) in enumerate(zip(answer["params"], inputs["params"]))
                 if _same_values(p, values)]
    for i, (p, values, grad) in enumerate(zip(answer["params"], inputs["params"], inputs["grads"])):
        before = np.array(values)
        values = getattr(p, "values", None)
        if i in unchanged:
            if _gradient_zeroed(answer["grads"][i]):
                fail(f"parameter {i} did not change, and its gradient is zero now: the gradient was zeroed "
                     "before the update used it. Subtract lr * p.grad first, then zero p.grad.")
            if len(unchanged) < len(inputs["params"]):
                changed = next(j for j in range(len(inputs["params"])) if j not in unchanged)
                fail(f"parameter {i} did not change, though parameter {changed} did: does your loop reach "
                     "every tensor in the list?")
            fail(f"parameter {i} did not change: assigning p = p - lr * p.grad rebinds the name p to a new "
                 "tensor and leaves the parameter as it was.")
        expected = before - inputs["lr"] * np.array(grad)
        if values is not None and values.shape == before.shape:
            # name a step of the wrong sign or size (+= instead of -=, lr applied twice)
            note = constant_factor_note(values - before, expected - before)
            if note:
                fail(f"parameter {i} moved by {np.round(values - before, 4).tolist()} instead of "
                     f"{np.round(expected - before, 4).tolist()} (that is -lr * p.grad).{note}")
        expect_array_close(p, expected, f"parameter {i} after the update")


def _same_values(p, values):
    before, after = np.array(values), getattr(p, "values", None)
    return after is not None and after.shape == before.shape and np.allclose(after, before)


def _gradient_zeroed(grad):
    return grad is None or not np.any(np.asarray(getattr(grad, "values", 1.0)) != 0)


def _judge_leaves(inputs, answer):
    for i, p in enumerate(answer["params"]):
        if not (getattr(p, "is_leaf", False) and getattr(p, "requires_grad", False)):
            fail(f"after the update parameter {i} is no longer a leaf that requires grad ({describe(p)}).")


def _judge_zeroed(inputs, answer):
    for i, grad in enumerate(answer["grads"]):
        if not _gradient_zeroed(grad):
            fail(f"after the update parameter {i} still holds its gradient: the next backward() would add to it.")


register(Exercise("4.2", "An update that autograd does not record", 3, [
    Check("updates every parameter in place",
          ("Writing p = p - lr * p.grad only rebinds the local name p; the tensor in the list stays as it was.",
           "Change the tensor itself with an in-place operator (-=), inside `with torch.no_grad():` so "
           "autograd does not record it."),
          _update_inputs, _probe_update, _judge_in_place),
    Check("parameters stay leaves that require grad",
          ("An update that autograd records makes the parameter the result of an operation.",
           "Only an in-place update inside torch.no_grad() keeps the tensor a leaf."),
          _update_inputs, _probe_update, _judge_leaves),
    Check("gradients are zero afterwards",
          ("What does the next backward() find in .grad if you leave it as it is?",
           "Once a gradient has been used, zero it in place: p.grad has a method for that (zero_())."),
          _update_inputs, _probe_update, _judge_zeroed),
], names=("sgd_update_",)))


# 4.3 ----------------------------------------------------------------------------------------

def _fit_inputs(rng, n=40):
    x = rng.uniform(-3, 3, size=n)
    y = rng.uniform(-2, 2) * x + rng.uniform(-2, 2) + 0.3 * rng.standard_normal(n)
    return {"x": x.tolist(), "y": y.tolist()}


def _probe_fit(learner, inputs):
    import autodidact as ad

    return learner.get("fit_line")(ad.tensor(inputs["x"], dtype=ad.float32), ad.tensor(inputs["y"], dtype=ad.float32))


def _judge_fit(inputs, answer):
    x, y = np.array(inputs["x"]), np.array(inputs["y"])
    a_fit, b_fit = (as_float(v, name) for v, name in zip(as_tuple(answer, 2, "fit_line"), ("a", "b")))
    loss = float(np.mean((a_fit * x + b_fit - y) ** 2))
    best_a, best_b = np.polyfit(x, y, 1)
    best = float(np.mean((best_a * x + best_b - y) ** 2))
    if np.isnan(loss) or np.isinf(loss):
        fail("the loss of your line is not a number: the training diverged.")
    if loss > best + 0.01:
        fail(f"your line's loss is {loss:.4g}; the best line reaches {best:.4g} (the target is within 0.01 of it).")


register(Exercise("4.3", "Train until the loss is low", 3, [
    Check("reaches a loss within 0.01 of the best line",
          ("Print the loss every few steps: does it grow, or creep down?",
           "If the loss grows or becomes nan, the learning rate is too large (the training diverged); if "
           "it creeps down slowly, raise the learning rate or take more steps."),
          _fit_inputs, _probe_fit, _judge_fit),
], names=("fit_line",)))
