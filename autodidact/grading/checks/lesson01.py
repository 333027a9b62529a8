"""Lesson 1, Derivatives and autograd: derivatives by hand, by autograd, and reading grad_fn."""
import numpy as np

import autodidact as ad

from ..core import Opaque, Check, Exercise, as_float, describe, expect_array_close, expect_close, fail, register
from .common import draw, engine_derivative


def _f(x):
    return x**3 - 4 * x


# 1.1 ----------------------------------------------------------------------------------------

def _points(rng):
    return {"xs": draw(rng, -3, 3, size=3, decimals=3)}


def _call_at_points(name):
    def probe(learner, inputs):
        function = learner.get(name)
        return [function(x) for x in inputs["xs"]]
    return probe


def _call_on_array(name):
    def probe(learner, inputs):
        return learner.get(name)(np.array(inputs["xs"]))
    return probe


def _judge_points(name, reference, mistakes=()):
    """Compare at each point; ``mistakes`` are (wrong formula, what it means) pairs worth naming."""
    def judge(inputs, answer):
        if not isinstance(answer, list):
            fail(f"{name} returned {describe(answer)}.")
        values = [as_float(value, f"{name}(x)") for value in answer]
        for wrong, meaning in mistakes:
            if all(abs(v - wrong(x)) <= 1e-6 + 1e-4 * abs(wrong(x)) for x, v in zip(inputs["xs"], values)):
                fail(f"{name}(x) at x = {inputs['xs'][0]} is {values[0]:.6g}: {meaning}")
        for x, value in zip(inputs["xs"], values):
            expect_close(value, engine_derivative(reference, x), f"{name}(x)", f" at x = {x}")
    return judge


def _judge_array(name, reference, size):
    def judge(inputs, answer):
        expected = [engine_derivative(reference, x) for x in inputs["xs"]]
        expect_array_close(answer, expected, f"{name}(xs) for an array xs of {size} points")
    return judge


register(Exercise("1.1", "A derivative by hand", 2, [
    Check("agrees with autograd at random points",
          ("Differentiate f one term at a time; a constant factor stays in front of its term.",
           "Check the sign of each term, and that your function uses its argument x rather than a "
           "number you worked out for one particular x."),
          _points, _call_at_points("f_prime"), _judge_points("f_prime", _f, [
              (lambda x: 3 * x**2 + 4, "the right terms, but one has the wrong sign.")])),
    Check("works for a whole array of points",
          ("Your formula should be arithmetic on x only, so NumPy applies it to every element.",
           "An if/else on x or a Python loop over a number breaks on arrays: write one expression with "
           "x**2, * and -."),
          lambda rng: {"xs": draw(rng, -3, 3, size=5)}, _call_on_array("f_prime"), _judge_array("f_prime", _f, 5)),
], names=("f_prime",)))


# 1.2 ----------------------------------------------------------------------------------------

def _functions(rng, count):
    return {"cases": [{"a": draw(rng, 0.5, 2), "b": draw(rng, -2, 2), "x": round(draw(rng, -2, 2), 3)}
                      for _ in range(count)]}


def _probe_autograd(learner, inputs):
    autograd_derivative = learner.get("autograd_derivative")
    answers = []
    for case in inputs["cases"]:
        a, b = case["a"], case["b"]
        answers.append(autograd_derivative(lambda x: a * ad.sin(x) + b * x**2, case["x"]))
    return answers


def _judge_autograd(inputs, answer):
    if not isinstance(answer, list):
        fail(f"autograd_derivative returned {describe(answer)}.")
    for case, value in zip(inputs["cases"], answer):
        a, b, x = case["a"], case["b"], case["x"]
        expect_close(value, a * np.cos(x) + 2 * b * x, "autograd_derivative(f, x)",
                     f" for f(x) = {a:.3f}·sin(x) {'−' if b < 0 else '+'} {abs(b):.3f}·x² at x = {x}", rtol=1e-3, atol=1e-4)


def _judge_float(inputs, answer):
    (value,) = answer
    if not isinstance(value, float):
        fail(f"autograd_derivative returned {describe(value)}, not a Python float.")


register(Exercise("1.2", "Ask autograd", 2, [
    Check("matches the true derivative of random functions",
          ("autograd needs a tensor that records what is done to it: look at how x is created.",
           "After calling f on that tensor, one call on the result fills in x.grad."),
          lambda rng: _functions(rng, 2), _probe_autograd, _judge_autograd),
    Check("returns a plain Python float",
          ("x.grad is a tensor, and the exercise asks for a Python number.",
           "A one-element tensor has a method that hands back its value as a Python number: "
           "lesson 1 shows it (.item())."),
          lambda rng: _functions(rng, 1), _probe_autograd, _judge_float),
], names=("autograd_derivative",)))


# 1.3 ----------------------------------------------------------------------------------------

_LAST_OPS = [
    lambda x: ad.log(x),
    lambda x: ad.exp(x),
    lambda x: x**2,
    lambda x: x * 3.0,
    lambda x: x + 1.0,
    lambda x: ad.sin(x),
]


def _chain(first, last, x_value):
    x = ad.tensor(x_value, requires_grad=True)
    return _LAST_OPS[last](_LAST_OPS[first](x))


def _op_inputs(rng):
    picks = [int(i) for i in rng.choice(len(_LAST_OPS), size=3, replace=False)]
    return {"pairs": [[first, last] for first, last in zip(picks, np.roll(picks, 1).tolist())],
            "x": draw(rng, 0.5, 2.0)}


def _probe_names(learner, inputs):
    grad_fn_name = learner.get("grad_fn_name")
    return [grad_fn_name(_chain(first, last, inputs["x"])) for first, last in inputs["pairs"]]


def _judge_names(inputs, answer):
    if not isinstance(answer, list):
        fail(f"grad_fn_name returned {describe(answer)}.")
    for (first, last), name in zip(inputs["pairs"], answer):
        expected = type(_chain(first, last, inputs["x"]).grad_fn).__name__
        if isinstance(name, Opaque):
            fail(f"for a tensor made last by {expected[:-9].lower()}, grad_fn_name returned the grad_fn "
                 f"object itself ({name.repr}), not the name of its class as a string.")
        if name != expected:
            fail(f"for a tensor made last by {expected[:-9].lower()}, grad_fn_name returned {describe(name)}; "
                 f"the answer is a class name such as {expected!r}.")


def _probe_leaves(learner, inputs):
    grad_fn_name = learner.get("grad_fn_name")
    return [grad_fn_name(ad.tensor(inputs["x"], requires_grad=True)), grad_fn_name(ad.tensor([1.0, 2.0]))]


def _judge_leaves(inputs, answer):
    for what, name in zip(("a leaf that requires grad", "a tensor made from a list"), answer):
        if name is not None:
            fail(f"for {what}, grad_fn_name returned {describe(name)} instead of None.")


register(Exercise("1.3", "Read the graph", 2, [
    Check("names the operation that made the tensor",
          ("Every result of an operation remembers it in its .grad_fn attribute.",
           "The exercise wants the name of that object's class, as a string: type(obj) is an "
           "object's class, and a class's name is its __name__."),
          _op_inputs, _probe_names, _judge_names),
    Check("returns None for a leaf",
          ("Tensors you create yourself were made by no operation: what is their .grad_fn?",
           "Test for that case first and return None, before asking for a class name."),
          lambda rng: {"x": draw(rng, 0.5, 2.0)}, _probe_leaves, _judge_leaves),
], names=("grad_fn_name",)))
