"""Lesson 3, Gradient descent: the MSE loss, its gradient by hand, one step by autograd."""
import numpy as np

import autodidact as ad

from ..core import Check, Exercise, as_array, as_float, expect_array_close, expect_close, fail, register


def _data(learner, n=None):
    n = n or int(learner.rng.integers(4, 9))
    x = learner.uniform(-2, 2, size=n)
    y = learner.uniform(-1, 1) * x + learner.uniform(-1, 1) + 0.1 * learner.rng.standard_normal(n)
    return x, y


# 3.1 ----------------------------------------------------------------------------------------

def _mse_value(learner):
    mse_loss = learner.get("mse_loss")
    y_hat, y = _data(learner)
    loss = mse_loss(ad.tensor(y_hat), ad.tensor(y))
    expect_array_close(loss, np.array(np.mean((y_hat - y) ** 2)), "mse_loss(y_hat, y)", rtol=1e-4)


def _mse_gradient(learner):
    mse_loss = learner.get("mse_loss")
    y_hat, y = _data(learner)
    y_hat_tensor = ad.tensor(y_hat, requires_grad=True)
    loss = mse_loss(y_hat_tensor, ad.tensor(y))
    if not isinstance(loss, ad.Tensor) or loss.grad_fn is None:
        fail("mse_loss must return a tensor computed from y_hat with tensor operations, so that "
             f"backward() can reach y_hat (got {type(loss).__name__}).")
    if loss._array.size != 1:
        fail(f"mse_loss returned shape {list(loss.shape)}; a loss is one number.")
    loss.backward()
    expect_array_close(y_hat_tensor.grad, 2 * (y_hat - y) / len(y), "the gradient of your loss with "
                       "respect to y_hat", rtol=1e-4)


register(Exercise("3.1", "The mean squared error", 2, [
    Check("has the right value (one number)", "Square the differences y_hat - y, then take their "
          "mean: the result is a single number (a tensor of shape [])." , _mse_value),
    Check("lets gradients flow back to y_hat", "Build the loss from tensor operations (-, **, .mean()) "
          "so backward() can follow it; do not convert to Python numbers.", _mse_gradient),
], names=("mse_loss",)))


# 3.2 ----------------------------------------------------------------------------------------

def _engine_linear_gradient(a, b, x, y):
    params = ad.tensor([a, b], dtype=ad.float64, requires_grad=True)
    loss = ((params[0] * ad.tensor(x, dtype=ad.float64) + params[1] - ad.tensor(y, dtype=ad.float64)) ** 2).mean()
    loss.backward()
    return params.grad._array


def _hand_gradient(learner, index, name):
    linear_mse_gradient = learner.get("linear_mse_gradient")
    x, y = _data(learner)
    a, b = learner.uniform(-2, 2), learner.uniform(-2, 2)
    result = linear_mse_gradient(a, b, x, y)
    if not isinstance(result, tuple) or len(result) != 2:
        fail(f"linear_mse_gradient should return two numbers (dL_da, dL_db), got {result!r}.")
    expected = _engine_linear_gradient(a, b, x, y)
    expect_close(result[index], expected[index], name, f" for a = {a:.3f}, b = {b:.3f} on random data")


register(Exercise("3.2", "The gradient by hand", 3, [
    Check("dL_da agrees with autograd", "With r = a·x + b − y, L = mean(r²). Its derivative with "
          "respect to a is the mean of 2·r·(dr/da), and dr/da = x. Mind the sign of r.",
          lambda learner: _hand_gradient(learner, 0, "dL_da")),
    Check("dL_db agrees with autograd", "dr/db = 1, so dL/db is the mean of 2·r.",
          lambda learner: _hand_gradient(learner, 1, "dL_db")),
], names=("linear_mse_gradient",)))


# 3.3 ----------------------------------------------------------------------------------------

def _one_step(learner):
    step = learner.get("gradient_descent_step")
    x, y = _data(learner)
    start = np.array([learner.uniform(-1, 1), learner.uniform(-1, 1)])
    lr = round(learner.uniform(0.01, 0.2), 3)
    params = ad.tensor(start, dtype=ad.float64, requires_grad=True)
    new = step(params, ad.tensor(x, dtype=ad.float64), ad.tensor(y, dtype=ad.float64), lr)
    expected = start - lr * _engine_linear_gradient(start[0], start[1], x, y)
    return new, expected, lr, x, y


def _step_values(learner):
    new, expected, lr, _, _ = _one_step(learner)
    expect_array_close(new, expected, "the new parameters", f" (learning rate {lr})", rtol=1e-5)


def _step_fresh_leaf(learner):
    step = learner.get("gradient_descent_step")
    new, _, lr, x, y = _one_step(learner)
    if not isinstance(new, ad.Tensor):
        fail(f"gradient_descent_step should return a tensor, got {type(new).__name__}.")
    if not (new.is_leaf and new.requires_grad):
        fail(f"the returned parameters have is_leaf={new.is_leaf}, requires_grad={new.requires_grad}: "
             "the next step could not compute their gradient.")
    again = step(new, ad.tensor(x, dtype=ad.float64), ad.tensor(y, dtype=ad.float64), lr)
    as_array(again, "the result of a second step")


register(Exercise("3.3", "One step downhill", 3, [
    Check("moves the parameters against the gradient", "Compute the loss of the line, call backward(), "
          "then new = params − lr · params.grad (minus: downhill).", _step_values),
    Check("returns a fresh leaf ready for the next step", "The new parameters must be a leaf that "
          "requires grad: .detach().requires_grad_() on the result does that.", _step_fresh_leaf),
], names=("gradient_descent_step",)))
