"""Lesson 1, Derivatives and autograd: derivatives by hand, by autograd, and reading grad_fn."""
import numpy as np

import autodidact as ad

from ..core import Check, Exercise, expect_array_close, expect_close, fail, register


def _engine_derivative(f, x_value):
    """d f / dx at x_value, computed by the engine in float64 (the reference for every check)."""
    x = ad.tensor(float(x_value), dtype=ad.float64, requires_grad=True)
    f(x).backward()
    return float(x.grad.item())


def _f(x):
    return x**3 - 4 * x


# 1.1 ----------------------------------------------------------------------------------------

def _hand_derivative_at_points(learner):
    f_prime = learner.get("f_prime")
    for _ in range(3):
        x = round(learner.uniform(-3, 3), 3)
        expect_close(f_prime(x), _engine_derivative(_f, x), "f_prime(x)", f" at x = {x}")


def _hand_derivative_on_array(learner):
    f_prime = learner.get("f_prime")
    xs = learner.uniform(-3, 3, size=5)
    expected = [_engine_derivative(_f, x) for x in xs]
    expect_array_close(f_prime(xs), expected, "f_prime(xs) for an array xs of 5 points")


register(Exercise("1.1", "A derivative by hand", 2, [
    Check("agrees with autograd at random points", "Differentiate term by term: d/dx x^n = n·x^(n-1), "
          "and a constant factor stays in front. Your function must work for any x, not just one.",
          _hand_derivative_at_points),
    Check("works for a whole array of points", "Write the derivative with arithmetic on x only "
          "(x**2, *, -), no if/else and no fixed number, so NumPy applies it to every element.",
          _hand_derivative_on_array),
], names=("f_prime",)))


# 1.2 ----------------------------------------------------------------------------------------

def _random_function(learner):
    a, b = learner.uniform(0.5, 2), learner.uniform(-2, 2)
    return (lambda x: a * ad.sin(x) + b * x**2), a, b


def _autograd_matches(learner):
    autograd_derivative = learner.get("autograd_derivative")
    for _ in range(2):
        f, a, b = _random_function(learner)
        x = round(learner.uniform(-2, 2), 3)
        expect_close(autograd_derivative(f, x), a * np.cos(x) + 2 * b * x,
                     "autograd_derivative(f, x)", f" for f(x) = {a:.3f}·sin(x) + {b:.3f}·x² at x = {x}",
                     rtol=1e-3, atol=1e-4)


def _autograd_returns_float(learner):
    autograd_derivative = learner.get("autograd_derivative")
    f, _, _ = _random_function(learner)
    result = autograd_derivative(f, 0.5)
    if not isinstance(result, float):
        fail(f"autograd_derivative returned a {type(result).__name__}, not a Python float.")


register(Exercise("1.2", "Ask autograd", 2, [
    Check("matches the true derivative of random functions", "Make x a tensor with requires_grad=True, "
          "call f on it, call backward() on the result, then read x.grad.", _autograd_matches),
    Check("returns a plain Python float", "x.grad is a tensor; .item() turns a one-element tensor "
          "into a Python number.", _autograd_returns_float),
], names=("autograd_derivative",)))


# 1.3 ----------------------------------------------------------------------------------------

_LAST_OPS = [
    (lambda x: ad.log(x), "LogBackward0"),
    (lambda x: ad.exp(x), "ExpBackward0"),
    (lambda x: x**2, "PowBackward0"),
    (lambda x: x * 3.0, "MulBackward0"),
    (lambda x: x + 1.0, "AddBackward0"),
    (lambda x: ad.sin(x), "SinBackward0"),
]


def _names_last_operation(learner):
    grad_fn_name = learner.get("grad_fn_name")
    picks = learner.rng.choice(len(_LAST_OPS), size=3, replace=False)
    for first, last in zip(picks, np.roll(picks, 1)):
        x = ad.tensor(learner.uniform(0.5, 2.0), requires_grad=True)
        y = _LAST_OPS[last][0](_LAST_OPS[first][0](x))
        expected = _LAST_OPS[last][1]
        answer = grad_fn_name(y)
        if answer != expected:
            fail(f"for a tensor made last by {expected[:-9].lower()}, grad_fn_name returned {answer!r}.")


def _leaf_has_none(learner):
    grad_fn_name = learner.get("grad_fn_name")
    for leaf in (ad.tensor(2.0, requires_grad=True), ad.tensor([1.0, 2.0])):
        answer = grad_fn_name(leaf)
        if answer is not None:
            fail(f"for a leaf tensor ({leaf!r}) grad_fn_name returned {answer!r} instead of None.")


register(Exercise("1.3", "Read the graph", 2, [
    Check("names the operation that made the tensor", "Every result of an operation remembers it in "
          ".grad_fn; the name of an object's class is type(obj).__name__.", _names_last_operation),
    Check("returns None for a leaf", "Tensors you create yourself have no grad_fn (it is None): "
          "test for that before asking for a class name.", _leaf_has_none),
], names=("grad_fn_name",)))
