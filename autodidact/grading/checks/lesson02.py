"""Lesson 2, The chain rule: nested functions, the seed notebook's wrong product, fan-in."""
import math

import autodidact as ad

from ..core import Check, Exercise, as_float, as_tuple, expect_close, fail, register
from .common import away_from_zero, draw
from .lesson01 import _call_at_points, _call_on_array, _judge_array, _judge_points


def _z(x):
    return ad.log(x**2 + 1)


# 2.1 ----------------------------------------------------------------------------------------

register(Exercise("2.1", "The chain rule by hand", 2, [
    Check("agrees with autograd at random points",
          ("Name the inner function h = x² + 1 and work out two derivatives: the outer one and the inner one.",
           "The chain rule multiplies them; the outer derivative is taken at h, not at x."),
          lambda rng: {"xs": [away_from_zero(rng, 0.3, 3) for _ in range(3)]},
          _call_at_points("dz_dx"), _judge_points("dz_dx", _z, [
              (lambda x: 1 / (x**2 + 1), "that is the outer derivative alone, taken at h; the chain rule "
               "also needs the inner derivative.")])),
    Check("works for a whole array of points",
          ("Use arithmetic on x only (no fixed numbers), so the formula works element by element.",
           "If the check above fails as well, fix the formula there first: this check runs the same "
           "formula on a whole array."),
          lambda rng: {"xs": draw(rng, -3, 3, size=4)}, _call_on_array("dz_dx"), _judge_array("dz_dx", _z, 4)),
], names=("dz_dx",)))


# 2.2 ----------------------------------------------------------------------------------------

def _probe_parts(learner, inputs):
    return learner.get("chain_rule_parts")(inputs["x"])


_PART_NAMES = ("dz_dh", "dh_dx", "dz_dx")


def _parts(inputs, answer, *names):
    """The learner's values of ``names`` (all three by default), as floats: a check reads only the
    parts it judges, so one missing part is reported once, where it belongs."""
    parts = as_tuple(answer, 3, "chain_rule_parts")
    values = []
    for name in names or _PART_NAMES:
        value = parts[_PART_NAMES.index(name)]
        if value is None:
            fail(f"{name} is None. The .grad of a tensor made by an operation (h = x**2, not a leaf) stays "
                 "None unless you call h.retain_grad() before backward().")
        values.append(as_float(value, name))
    return inputs["x"], values


def _judge_dz_dh(inputs, answer):
    x, (dz_dh,) = _parts(inputs, answer, "dz_dh")
    if abs(dz_dh - 2 / x) <= 1e-4 * abs(2 / x):
        fail(f"at x = {x} your dz_dh is {dz_dh:.6g}: that is dz/dx, not dz/dh.")
    expect_close(dz_dh, 1 / x**2, "dz_dh", f" at x = {x}")


def _judge_dh_dx(inputs, answer):
    x, (dh_dx,) = _parts(inputs, answer, "dh_dx")
    if abs(dh_dx - (2 * x + 2 / x)) <= 1e-4 * (2 * x + 2 / x):
        fail(f"at x = {x} your dh_dx is {dh_dx:.6g}, which is dh/dx + dz/dx = {2 * x:.6g} + {2 / x:.6g}: "
             "x.grad still held the first backward's gradient. backward() adds into .grad, so zero "
             "x.grad before a second backward.")
    expect_close(dh_dx, 2 * x, "dh_dx", f" at x = {x}")


def _judge_dz_dx(inputs, answer):
    x, (dz_dh, dh_dx, dz_dx) = _parts(inputs, answer)
    if abs(dz_dx - 4) <= 1e-4 * 4:  # (2/x) · 2x: the seed document's product, at every x
        fail(f"dz_dx at x = {x} is 4, which is (dz/dx) · (dh/dx) = {2 / x:.6g} · {2 * x:.6g}, and 4 at every x: "
             "dh/dx counted twice. After z.backward(), x.grad already is dz/dx, the whole chain; multiply "
             "dz/dh by dh/dx, or read x.grad, but not both.")
    expect_close(dz_dx, 2 / x, "dz_dx", f" at x = {x}")
    if abs(dz_dh * dh_dx - dz_dx) > 1e-4 * abs(dz_dx):
        fail(f"dz_dx is right, but dz_dh · dh_dx = {dz_dh * dh_dx:.6g} does not equal it.")


def _point(rng):
    return {"x": round(draw(rng, 1.5, 6), 3)}


register(Exercise("2.2", "Fix the chain rule", 3, [
    Check("dz_dh is the derivative of z with respect to h",
          ("After z.backward(), x.grad holds dz/dx: autograd has already applied the chain rule.",
           "To read dz/dh, ask autograd to keep the gradient of the intermediate tensor h "
           "(h.retain_grad() before backward) and look at h.grad."),
          _point, _probe_parts, _judge_dz_dh),
    Check("dh_dx is the derivative of h with respect to x",
          ("h is made from x by one operation: what is its local derivative at x?",
           "Work it out by hand, or by a separate backward from h alone."),
          _point, _probe_parts, _judge_dh_dx),
    Check("dz_dx is the product and equals the true derivative",
          ("The chain rule combines dz/dh and dh/dx into dz/dx.",
           "Autograd's x.grad after z.backward() must give the same number as your product."),
          _point, _probe_parts, _judge_dz_dx),
], names=("chain_rule_parts",)))


# 2.3 ----------------------------------------------------------------------------------------

def _x_log_x(x):
    return x * ad.log(x)


register(Exercise("2.3", "Two paths meet", 2, [
    Check("adds the contributions of both paths",
          ("x reaches z = x·h twice: directly as a factor, and through h = ln(x).",
           "Work out each path's contribution on its own (local derivative times the derivative "
           "of what follows), then combine them as the lesson's fan-in rule says."),
          lambda rng: {"xs": draw(rng, 0.2, 5, size=3, decimals=3)},
          _call_at_points("fan_in_derivative"), _judge_points("fan_in_derivative", _x_log_x, [
              (lambda x: math.log(x), "that is the contribution of one path only; x reaches z along two."),
              (lambda x: 1.0, "that is the contribution of one path only; x reaches z along two.")])),
    Check("works for a whole array of points",
          ("Your formula must work element by element on an array of points.",
           "Use np.log (not math.log), which works on arrays."),
          lambda rng: {"xs": draw(rng, 0.2, 5, size=4)},
          _call_on_array("fan_in_derivative"), _judge_array("fan_in_derivative", _x_log_x, 4)),
], names=("fan_in_derivative",)))
