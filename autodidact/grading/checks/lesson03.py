"""Lesson 3, Gradient descent: the MSE loss, its gradient by hand, one step by autograd."""
import numpy as np

import autodidact as ad

from ..core import (Check, Exercise, TensorFacts, as_float, as_tensor, as_tuple, constant_factor_note, describe,
                    expect_array_close, expect_close, fail, register)
from .common import draw, t64


def _data(rng, n=None):
    n = n or int(rng.integers(4, 9))
    x = rng.uniform(-2, 2, size=n)
    y = rng.uniform(-1, 1) * x + rng.uniform(-1, 1) + 0.1 * rng.standard_normal(n)
    return {"x": x.tolist(), "y": y.tolist()}


def engine_linear_gradient(a, b, x, y):
    """(dL/da, dL/db) of L = mean((a·x + b − y)²), by the grader's engine."""
    params = ad.tensor([a, b], dtype=ad.float64, requires_grad=True)
    loss = ((params[0] * t64(x) + params[1] - t64(y)) ** 2).mean()
    loss.backward()
    return params.grad.numpy()


# 3.1 ----------------------------------------------------------------------------------------

def _loss_inputs(rng):
    data = _data(rng)
    return {"y_hat": data["x"], "y": data["y"]}


def _probe_loss(learner, inputs):
    return learner.get("mse_loss")(t64(inputs["y_hat"]), t64(inputs["y"]))


def _judge_value(inputs, answer):
    y_hat, y = np.array(inputs["y_hat"]), np.array(inputs["y"])
    loss = as_tensor(answer, "mse_loss(y_hat, y)")
    if loss.shape != []:
        fail(f"mse_loss returned a tensor of shape {loss.shape}: a loss is one number (shape []). "
             "Did you reduce the squared differences to one number?")
    expected = float(np.mean((y_hat - y) ** 2))
    value = float(loss.values)
    if abs(value - float(np.sum((y_hat - y) ** 2))) < 1e-6 * abs(value) + 1e-9 and len(y) > 1:
        fail(f"mse_loss is {value:.6g}, the sum of the squared differences; the mean is {expected:.6g}.")
    expect_close(value, expected, "mse_loss(y_hat, y)")


def _probe_loss_gradient(learner, inputs):
    y_hat = t64(inputs["y_hat"], requires_grad=True)
    loss = learner.get("mse_loss")(y_hat, t64(inputs["y"]))
    answer = {"loss": loss}
    if isinstance(loss, ad.Tensor) and loss.grad_fn is not None and loss.numel() == 1:
        loss.backward()
        answer["grad"] = y_hat.grad
    return answer


def _judge_loss_gradient(inputs, answer):
    loss = answer["loss"]
    if isinstance(loss, TensorFacts) and loss.grad_fn is None and not loss.requires_grad:
        fail("mse_loss returned a tensor that does not require grad, so backward() cannot reach y_hat: "
             "it was cut off from y_hat. Compute it from y_hat itself, not from y_hat.data, y_hat.detach(), "
             "a NumPy copy, or under torch.no_grad().")
    if getattr(loss, "grad_fn", None) is None:
        fail("mse_loss must return a tensor computed from y_hat with tensor operations, so that "
             f"backward() can reach y_hat (it returned {describe(loss)}).")
    if loss.values.size != 1:
        fail(f"mse_loss returned shape {loss.shape}; a loss is one number.")
    y_hat, y = np.array(inputs["y_hat"]), np.array(inputs["y"])
    expect_array_close(answer.get("grad"), 2 * (y_hat - y) / len(y),
                       "the gradient of your loss with respect to y_hat")


register(Exercise("3.1", "The mean squared error", 2, [
    Check("has the right value (one number)",
          ("Read the name: mean of the squared errors. Which of the three steps does your code do?",
           "The result is a single number, a tensor of shape []: an average over all the points, not a total."),
          _loss_inputs, _probe_loss, _judge_value),
    Check("lets gradients flow back to y_hat",
          ("If the value check fails too, fix the value first: the gradient follows from the same formula.",
           "Build the loss from -, ** and a tensor reduction: backward() can only follow tensor operations, "
           "not Python numbers or NumPy."),
          _loss_inputs, _probe_loss_gradient, _judge_loss_gradient),
], names=("mse_loss",)))


# 3.2 ----------------------------------------------------------------------------------------

def _line_inputs(rng):
    return {**_data(rng), "a": draw(rng, -2, 2), "b": draw(rng, -2, 2)}


def _probe_hand_gradient(learner, inputs):
    return learner.get("linear_mse_gradient")(inputs["a"], inputs["b"], np.array(inputs["x"]), np.array(inputs["y"]))


def _judge_hand_gradient(index, name):
    def judge(inputs, answer):
        result = as_tuple(answer, 2, "linear_mse_gradient")
        a, b = inputs["a"], inputs["b"]
        expected = engine_linear_gradient(a, b, inputs["x"], inputs["y"])
        other = as_float(result[1 - index], "the other gradient")
        if (abs(as_float(result[index], name) - expected[1 - index]) <= 1e-4 * abs(expected[1 - index])
                and abs(other - expected[index]) <= 1e-4 * abs(expected[index])
                and abs(expected[0] - expected[1]) > 1e-3 * abs(expected[index])):
            fail("the two gradients are swapped: return (dL/da, dL/db), in that order.")
        expect_close(result[index], expected[index], name, f" for a = {a:.3f}, b = {b:.3f} on random data")
    return judge


register(Exercise("3.2", "The gradient by hand", 3, [
    Check("dL_da agrees with autograd",
          ("Write the residual r = a·x + b − y first: L is the mean of r². Then apply the chain rule to r²: check its constant factor and the sign of r.",
           "Use the chain rule: the square contributes one factor, and r's own derivative with respect "
           "to a another. Do not forget either, nor the mean."),
          _line_inputs, _probe_hand_gradient, _judge_hand_gradient(0, "dL_da")),
    Check("dL_db agrees with autograd",
          ("The same chain rule as for a, with r's derivative with respect to b instead.",
           "How does r change when b grows by one? That is the only factor that differs from dL_da."),
          _line_inputs, _probe_hand_gradient, _judge_hand_gradient(1, "dL_db")),
], names=("linear_mse_gradient",)))


# 3.3 ----------------------------------------------------------------------------------------

def _step_inputs(rng):
    return {**_data(rng), "start": [draw(rng, -1, 1), draw(rng, -1, 1)], "lr": round(draw(rng, 0.01, 0.2), 3)}


def _reference_steps(inputs, steps):
    params = np.array(inputs["start"], dtype=np.float64)
    for _ in range(steps):
        params = params - inputs["lr"] * engine_linear_gradient(params[0], params[1], inputs["x"], inputs["y"])
    return params


def _probe_one_step(learner, inputs):
    step = learner.get("gradient_descent_step")
    return step(t64(inputs["start"], requires_grad=True), t64(inputs["x"]), t64(inputs["y"]), inputs["lr"])


def _judge_one_step(inputs, answer):
    expected = _reference_steps(inputs, 1)
    start = np.array(inputs["start"])
    values = as_tensor(answer, "gradient_descent_step's result").values
    if values.shape == (2,) and np.allclose(values, 2 * start - expected, rtol=1e-5):
        fail("the parameters moved uphill: they went along the gradient, not against it.")
    if values.shape == (2,):
        # a step of the wrong size: a sum where the mean is asked, the learning rate applied twice
        note = constant_factor_note(values - start, expected - start)
        if note:
            fail(f"the parameters moved by {np.round(values - start, 4).tolist()} instead of "
                 f"{np.round(expected - start, 4).tolist()} (that is -lr times the gradient of the mean "
                 f"squared error).{note}")
    expect_array_close(answer, expected, "the new parameters", f" (learning rate {inputs['lr']})", rtol=1e-5)


def _probe_two_steps(learner, inputs):
    step = learner.get("gradient_descent_step")
    x, y = t64(inputs["x"]), t64(inputs["y"])
    first = step(t64(inputs["start"], requires_grad=True), x, y, inputs["lr"])
    answer = {"first": first}
    if isinstance(first, ad.Tensor):
        answer["first_values"] = first.detach().numpy().copy()  # before a second step can change it
        if first.is_leaf and first.requires_grad:  # else the judge says why a second step cannot work
            answer["second"] = step(first, x, y, inputs["lr"])
    return answer


def _judge_two_steps(inputs, answer):
    first = as_tensor(answer["first"], "gradient_descent_step's result")
    if not first.requires_grad:
        fail("the returned parameters do not require grad (requires_grad=False): the next step's "
             "backward() would have no gradient to compute for them.")
    if not first.is_leaf:
        fail("the returned parameters are not a leaf (is_leaf=False): they were computed from the old "
             "ones, so the next step's backward() would leave their .grad as None and pass the gradient "
             "on to the old parameters instead.")
    one, two = _reference_steps(inputs, 1), _reference_steps(inputs, 2)
    expect_array_close(answer["first_values"], one, "the parameters after one step", rtol=1e-5)
    second = as_tensor(answer["second"], "the result of a second step")
    kept = one - inputs["lr"] * (engine_linear_gradient(*inputs["start"], inputs["x"], inputs["y"])
                                 + engine_linear_gradient(*one, inputs["x"], inputs["y"]))
    if second.values.shape == (2,) and np.allclose(second.values, kept, rtol=1e-5):
        fail(f"after a second step the parameters are {np.round(second.values, 4).tolist()} instead of "
             f"{np.round(two, 4).tolist()}: the second step used the first step's gradient as well. "
             "backward() adds to .grad, so a tensor reused for another step still holds the old gradient.")
    expect_array_close(second, two, "the parameters after two steps in a row", rtol=1e-5)


register(Exercise("3.3", "One step downhill", 3, [
    Check("moves the parameters against the gradient",
          ("Compute the loss of the line from params, then ask autograd for its gradient.",
           "The step goes downhill: against the gradient, scaled by the learning rate."),
          _step_inputs, _probe_one_step, _judge_one_step),
    Check("two steps in a row match two correct steps",
          ("The result of one step is the input of the next: it must be a tensor whose gradient the "
           "next step can compute, starting from nothing.",
           "A new leaf that requires grad has no old gradient in it: .detach() cuts a result loose "
           "from the graph, and .requires_grad_() makes it require grad again."),
          _step_inputs, _probe_two_steps, _judge_two_steps),
], names=("gradient_descent_step",)))
