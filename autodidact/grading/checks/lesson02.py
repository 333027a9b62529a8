"""Lesson 2, The chain rule: nested functions, the seed notebook's wrong product, fan-in."""
import numpy as np

import autodidact as ad

from ..core import Check, Exercise, as_float, expect_array_close, expect_close, fail, register
from .lesson01 import _engine_derivative


def _z(x):
    return ad.log(x**2 + 1)


# 2.1 ----------------------------------------------------------------------------------------

def _nested_at_points(learner):
    dz_dx = learner.get("dz_dx")
    for _ in range(3):
        x = round(learner.away_from_zero(0.3, 3), 3)
        expect_close(dz_dx(x), _engine_derivative(_z, x), "dz_dx(x)", f" at x = {x}")


def _nested_on_array(learner):
    dz_dx = learner.get("dz_dx")
    xs = learner.uniform(-3, 3, size=4)
    expect_array_close(dz_dx(xs), [_engine_derivative(_z, x) for x in xs],
                       "dz_dx(xs) for an array xs of 4 points")


register(Exercise("2.1", "The chain rule by hand", 2, [
    Check("agrees with autograd at random points", "Name the inner function h = x² + 1. The chain rule "
          "multiplies the outer derivative, taken at h, by the inner derivative dh/dx.", _nested_at_points),
    Check("works for a whole array of points", "Use arithmetic on x only (no fixed numbers), so the "
          "formula works element by element.", _nested_on_array),
], names=("dz_dx",)))


# 2.2 ----------------------------------------------------------------------------------------

def _parts(learner):
    chain_rule_parts = learner.get("chain_rule_parts")
    x = round(learner.uniform(1.5, 6), 3)
    result = chain_rule_parts(x)
    if not isinstance(result, tuple) or len(result) != 3:
        fail(f"chain_rule_parts should return three numbers (dz_dh, dh_dx, dz_dx), got {result!r}.")
    return x, [as_float(value, name) for value, name in zip(result, ("dz_dh", "dh_dx", "dz_dx"))]


def _dz_dh(learner):
    x, (dz_dh, _, _) = _parts(learner)
    if np.isclose(dz_dh, 2 / x, rtol=1e-4):
        fail(f"at x = {x} your dz_dh is {dz_dh:.6g}: that is dz/dx, not dz/dh.")
    expect_close(dz_dh, 1 / x**2, "dz_dh", f" at x = {x}")


def _dh_dx(learner):
    x, (_, dh_dx, _) = _parts(learner)
    expect_close(dh_dx, 2 * x, "dh_dx", f" at x = {x}")


def _dz_dx(learner):
    x, (dz_dh, dh_dx, dz_dx) = _parts(learner)
    expect_close(dz_dx, 2 / x, "dz_dx", f" at x = {x}")
    if not np.isclose(dz_dh * dh_dx, dz_dx, rtol=1e-4):
        fail(f"dz_dx is right, but dz_dh · dh_dx = {dz_dh * dh_dx:.6g} does not equal it.")


register(Exercise("2.2", "Fix the chain rule", 3, [
    Check("dz_dh is the derivative of z with respect to h", "After z.backward(), x.grad holds dz/dx "
          "(autograd has already applied the chain rule). To read dz/dh, call h.retain_grad() before "
          "backward and look at h.grad.", _dz_dh),
    Check("dh_dx is the derivative of h with respect to x", "h = x², so dh/dx is the local derivative "
          "of the square at x.", _dh_dx),
    Check("dz_dx is the product and equals the true derivative", "The chain rule multiplies "
          "dz/dh by dh/dx; autograd's x.grad after z.backward() must give the same number.", _dz_dx),
], names=("chain_rule_parts",)))


# 2.3 ----------------------------------------------------------------------------------------

def _x_log_x(x):
    return x * ad.log(x)


def _fan_in_at_points(learner):
    fan_in_derivative = learner.get("fan_in_derivative")
    for _ in range(3):
        x = round(learner.uniform(0.2, 5), 3)
        expect_close(fan_in_derivative(x), _engine_derivative(_x_log_x, x), "fan_in_derivative(x)",
                     f" at x = {x}")


def _fan_in_on_array(learner):
    fan_in_derivative = learner.get("fan_in_derivative")
    xs = learner.uniform(0.2, 5, size=4)
    expect_array_close(fan_in_derivative(xs), [_engine_derivative(_x_log_x, x) for x in xs],
                       "fan_in_derivative(xs) for an array xs of 4 points")


register(Exercise("2.3", "Two paths meet", 2, [
    Check("adds the contributions of both paths", "x reaches z = x·h twice: directly as a factor, and "
          "through h = ln(x). Work out each path's contribution and add them.", _fan_in_at_points),
    Check("works for a whole array of points", "Use np.log (not math.log) so the formula also works "
          "for an array of points.", _fan_in_on_array),
], names=("fan_in_derivative",)))
