"""Lesson 6, Build your own op: custom Functions, gradcheck, and a scalar Value class of your own."""
import numpy as np

import autodidact as ad
from autodidact.autograd import Function

from ..core import Check, Exercise, as_float, expect_array_close, expect_close, fail, register


def _function_class(learner, name):
    cls = learner.get(name, kind="class")
    if not issubclass(cls, Function):
        fail(f"{name} should be a subclass of torch.autograd.Function (class {name}(Function): ...).")
    return cls


def _random_tensor(learner, shape, low=-2, high=2):
    return ad.tensor(learner.uniform(low, high, size=shape), dtype=ad.float64, requires_grad=True)


# 6.1 ----------------------------------------------------------------------------------------

def _cube_forward(learner):
    Cube = _function_class(learner, "Cube")
    x = _random_tensor(learner, (4,))
    expect_array_close(Cube.apply(x), x._array**3, "Cube.apply(x)")


def _cube_backward(learner):
    Cube = _function_class(learner, "Cube")
    x = _random_tensor(learner, (5,))
    weights = learner.uniform(-2, 2, size=5)
    (Cube.apply(x) * ad.tensor(weights, dtype=ad.float64)).sum().backward()
    expect_array_close(x.grad, 3 * x._array**2 * weights, "x.grad after backward through Cube",
                       " with a random upstream gradient")


def _cube_gradcheck(learner):
    Cube = _function_class(learner, "Cube")
    if not ad.autograd.gradcheck(Cube.apply, (_random_tensor(learner, (3,)),), raise_exception=False):
        fail("gradcheck found that Cube's backward does not match finite differences.")


register(Exercise("6.1", "A custom Function: Cube", 3, [
    Check("forward computes x³", "forward(ctx, x) returns x**3 and saves what backward needs with "
          "ctx.save_for_backward(x).", _cube_forward),
    Check("backward multiplies the local derivative by the upstream gradient", "backward(ctx, grad) "
          "gets the gradient of the final result with respect to the output: return grad times "
          "d(x³)/dx.", _cube_backward),
    Check("passes gradcheck", "gradcheck compares your backward with finite differences on random "
          "float64 inputs; if it fails, recheck the formula and the upstream factor.", _cube_gradcheck),
], names=("Cube",)))


# 6.2 ----------------------------------------------------------------------------------------

def _hypot_forward(learner):
    Hypot = _function_class(learner, "Hypot")
    x, y = _random_tensor(learner, (4,)), _random_tensor(learner, (4,))
    expect_array_close(Hypot.apply(x, y), np.hypot(x._array, y._array), "Hypot.apply(x, y)")


def _hypot_backward(learner):
    Hypot = _function_class(learner, "Hypot")
    x, y = _random_tensor(learner, (4,)), _random_tensor(learner, (4,))
    weights = ad.tensor(learner.uniform(-2, 2, size=4), dtype=ad.float64)
    (Hypot.apply(x, y) * weights).sum().backward()
    x_ref, y_ref = x.detach().requires_grad_(), y.detach().requires_grad_()
    (ad.sqrt(x_ref**2 + y_ref**2) * weights).sum().backward()
    expect_array_close(x.grad, x_ref.grad._array, "x.grad after backward through Hypot")
    expect_array_close(y.grad, y_ref.grad._array, "y.grad after backward through Hypot")


def _hypot_gradcheck(learner):
    Hypot = _function_class(learner, "Hypot")
    inputs = (_random_tensor(learner, (3,)), _random_tensor(learner, (3,)))
    if not ad.autograd.gradcheck(Hypot.apply, inputs, raise_exception=False):
        fail("gradcheck found that Hypot's backward does not match finite differences.")


register(Exercise("6.2", "Two inputs: Hypot", 3, [
    Check("forward computes sqrt(x² + y²)", "Compute the result with tensor operations and save what "
          "backward needs (the output itself is useful).", _hypot_forward),
    Check("backward returns the right gradient for each input", "backward returns a tuple with one "
          "gradient per input of forward: d/dx sqrt(x² + y²) = x / sqrt(x² + y²), times the upstream "
          "gradient.", _hypot_backward),
    Check("passes gradcheck", "If this fails but the values check passes, look at the inputs near "
          "zero and at the order of the two returned gradients.", _hypot_gradcheck),
], names=("Hypot",)))


# 6.3 ----------------------------------------------------------------------------------------

def _make_rule(kind):
    """A fresh single-input Function: a correct tanh, or one with a typical mistake in backward."""

    class Tanh(Function):
        @staticmethod
        def forward(ctx, x):
            out = ad.tanh(x)
            ctx.save_for_backward(out)
            return out

        @staticmethod
        def backward(ctx, grad):
            (out,) = ctx.saved_tensors
            if kind == "correct":
                return grad * (1 - out**2)
            if kind == "sign":
                return grad * (out**2 - 1)
            if kind == "no upstream":
                return 1 - out**2
            return grad * (1 - out)  # "formula": a wrong derivative

    return Tanh


def _judge(learner, kind):
    rule_is_correct = learner.get("rule_is_correct")
    verdict = rule_is_correct(_make_rule(kind))
    if not isinstance(verdict, (bool, np.bool_)):
        fail(f"rule_is_correct should return True or False, got {verdict!r:.60}.")
    return bool(verdict)


def _accepts_correct(learner):
    if not _judge(learner, "correct"):
        fail("rule_is_correct said False for a correct tanh Function.")


def _rejects_wrong(learner):
    kinds = ["sign", "no upstream", "formula"]
    for kind in learner.rng.permutation(kinds)[:2]:
        if _judge(learner, str(kind)):
            fail("rule_is_correct said True for a tanh Function whose backward is wrong.")


register(Exercise("6.3", "Let gradcheck judge", 2, [
    Check("accepts a correct backward rule", "Call torch.autograd.gradcheck(function_class.apply, "
          "(x,), raise_exception=False) on a random float64 tensor x with requires_grad=True.",
          _accepts_correct),
    Check("rejects wrong backward rules", "Your answer must come from the check itself: a fixed True "
          "cannot tell a right rule from a wrong one.", _rejects_wrong),
], names=("rule_is_correct",)))


# 6.4 ----------------------------------------------------------------------------------------

def _value_class(learner):
    return learner.get("Value", kind="class")


def _grad_of(value, what):
    return as_float(getattr(value, "grad", None), what)


def _check_against_engine(learner, build, names):
    """build(make, numbers) computes an expression from leaves; compare Value with autodidact."""
    Value = _value_class(learner)
    numbers = [round(learner.away_from_zero(0.3, 1.5), 3) for _ in names]
    values = [Value(n) for n in numbers]
    out = build(values)
    out.backward()
    tensors = [ad.tensor(n, dtype=ad.float64, requires_grad=True) for n in numbers]
    reference = build(tensors)
    reference.backward()
    where = " for " + ", ".join(f"{name} = {n}" for name, n in zip(names, numbers))
    expect_close(getattr(out, "data", None), float(reference.item()), "the result's .data", where)
    for name, value, tensor in zip(names, values, tensors):
        expect_close(_grad_of(value, f"{name}.grad"), float(tensor.grad.item()), f"{name}.grad", where)


def _value_add_mul(learner):
    _check_against_engine(learner, lambda v: v[0] * v[1] + v[2], ["a", "b", "c"])


def _value_fan_in(learner):
    _check_against_engine(learner, lambda v: v[0] * v[0] + v[0] * v[1], ["a", "b"])


def _value_constants(learner):
    _check_against_engine(learner, lambda v: 2 * v[0] + v[0] * 3 + 1 + v[1], ["a", "b"])


def _value_tanh(learner):
    _check_against_engine(learner, lambda v: (v[0] * v[1]).tanh(), ["a", "b"])


register(Exercise("6.4", "Your own Value class", 4, [
    Check("a·b + c: values and gradients match autodidact", "Each operation returns a new Value that "
          "remembers its inputs and a function that passes the gradient to them; backward() sets the "
          "output's grad to 1 and calls those functions from the output back to the leaves.",
          _value_add_mul),
    Check("a value used twice gets the sum of both contributions", "Accumulate with += in each "
          "backward function, and visit every node once, after all nodes that use it (a topological "
          "order).", _value_fan_in),
    Check("works with plain numbers on either side", "2 * a calls int.__mul__ first, then "
          "Value.__rmul__; wrap plain numbers in a Value inside __add__ and __mul__.", _value_constants),
    Check("tanh has the right local derivative", "d tanh(x)/dx = 1 − tanh(x)²; use the output you "
          "already computed.", _value_tanh),
], names=("Value",)))
