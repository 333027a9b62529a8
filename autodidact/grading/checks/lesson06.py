"""Lesson 6, Build your own op: custom Functions, gradcheck, and a scalar Value class of your own."""
import numpy as np

import autodidact as ad

from ..core import Check, Exercise, as_array, as_float, describe, expect_array_close, expect_close, fail, register
from .common import away_from_zero, draw, t64

EPS = 1e-6


def _function_class(learner, name):
    from autodidact.autograd import Function

    cls = learner.get(name, kind="class")
    if not issubclass(cls, Function):
        raise TypeError(f"{name} should be a subclass of torch.autograd.Function (class {name}(Function): ...).")
    return cls


def _probe_gradcheck(name):
    """Backward and forward of the learner's Function at the inputs: the judge does gradcheck's sums."""
    def probe(learner, inputs):
        apply = _function_class(learner, name).apply
        points = [np.array(x, dtype=np.float64) for x in inputs["xs"]]
        size = points[0].size
        analytic = []
        for i in range(size):  # one backward per output element: row i of the Jacobian
            tensors = [t64(x, requires_grad=True) for x in points]
            upstream = np.zeros(size)
            upstream[i] = 1.0
            (apply(*tensors) * t64(upstream)).sum().backward()
            analytic.append([t.grad for t in tensors])
        plus, minus = [], []
        with ad.no_grad():
            for k, x in enumerate(points):
                for j in range(x.size):
                    for sign, out in ((1, plus), (-1, minus)):
                        moved = [p.copy() for p in points]
                        moved[k].reshape(-1)[j] += sign * inputs["eps"]
                        out.append(apply(*[t64(m) for m in moved]))
        return {"analytic": analytic, "plus": plus, "minus": minus}
    return probe


def _argument(k):
    """The name of forward's k-th argument, as the exercises write it: forward(ctx, x, y)."""
    return ("x", "y")[k] if k < 2 else f"input {k + 1}"


def _judge_gradcheck(name):
    def judge(inputs, answer):
        points = [np.array(x) for x in inputs["xs"]]
        size, eps = points[0].size, inputs["eps"]
        numeric = (np.array([as_array(v, f"{name}.apply at a moved point") for v in answer["plus"]])
                   - np.array([as_array(v, f"{name}.apply at a moved point") for v in answer["minus"]])) / (2 * eps)
        columns = [(k, j) for k, x in enumerate(points) for j in range(x.size)]
        for i, row in enumerate(answer["analytic"]):
            for column, (k, j) in enumerate(columns):
                grad = row[k]
                if grad is None:
                    fail(f"after backward through {name}, input {k + 1} has no gradient.")
                got, want = as_array(grad, "a gradient").reshape(-1)[j], numeric[column].reshape(-1)[i]
                if not abs(got - want) <= 1e-5 + 1e-3 * abs(want):
                    fail(f"gradcheck found that {name}'s backward does not match finite differences: "
                         f"∂out[{i}]/∂{_argument(k)}[{j}] is {got:.6g} by your backward and {want:.6g} "
                         "by finite differences.")
    return judge


# 6.1 ----------------------------------------------------------------------------------------

def _probe_cube_forward(learner, inputs):
    return _function_class(learner, "Cube").apply(t64(inputs["x"], requires_grad=True))


def _probe_cube_backward(learner, inputs):
    x = t64(inputs["x"], requires_grad=True)
    (_function_class(learner, "Cube").apply(x) * t64(inputs["weights"])).sum().backward()
    return x.grad


def _judge_cube_backward(inputs, answer):
    x, weights = np.array(inputs["x"]), np.array(inputs["weights"])
    if answer is not None and np.allclose(as_array(answer, "x.grad"), 3 * x**2, rtol=1e-4):
        fail("x.grad is the local derivative alone: backward must multiply it by the upstream gradient it receives.")
    expect_array_close(answer, 3 * x**2 * weights, "x.grad after backward through Cube", " with a random upstream gradient")


register(Exercise("6.1", "A custom Function: Cube", 3, [
    Check("forward computes x³",
          ("forward(ctx, x) returns the result and saves what backward will need.",
           "ctx.save_for_backward(...) keeps tensors for backward; forward returns x cubed."),
          lambda rng: {"x": draw(rng, -2, 2, size=4)}, _probe_cube_forward,
          lambda inputs, answer: expect_array_close(answer, np.array(inputs["x"]) ** 3, "Cube.apply(x)")),
    Check("backward multiplies the local derivative by the upstream gradient",
          ("backward(ctx, grad) receives the gradient of the final result with respect to Cube's output.",
           "It returns that upstream gradient times the local derivative of x³."),
          lambda rng: {"x": draw(rng, -2, 2, size=5), "weights": draw(rng, -2, 2, size=5)},
          _probe_cube_backward, _judge_cube_backward),
    Check("passes gradcheck",
          ("gradcheck compares your backward with finite differences of your forward on random float64 inputs.",
           "If this fails while the values pass, recheck the formula in backward and the upstream factor."),
          lambda rng: {"xs": [draw(rng, -2, 2, size=3)], "eps": EPS}, _probe_gradcheck("Cube"), _judge_gradcheck("Cube")),
], names=("Cube",)))


# 6.2 ----------------------------------------------------------------------------------------

def _pair(rng):
    return {"x": draw(rng, -2, 2, size=4), "y": draw(rng, -2, 2, size=4), "weights": draw(rng, -2, 2, size=4)}


def _probe_hypot_forward(learner, inputs):
    return _function_class(learner, "Hypot").apply(t64(inputs["x"], requires_grad=True), t64(inputs["y"], requires_grad=True))


def _probe_hypot_backward(learner, inputs):
    x, y = t64(inputs["x"], requires_grad=True), t64(inputs["y"], requires_grad=True)
    (_function_class(learner, "Hypot").apply(x, y) * t64(inputs["weights"])).sum().backward()
    return [x.grad, y.grad]


def _judge_hypot_backward(inputs, answer):
    x, y = t64(inputs["x"], requires_grad=True), t64(inputs["y"], requires_grad=True)
    (ad.sqrt(x**2 + y**2) * t64(inputs["weights"])).sum().backward()
    for name, got, want in (("x.grad", answer[0], x.grad.numpy()), ("y.grad", answer[1], y.grad.numpy())):
        if got is None:
            fail(f"{name} is None after backward through Hypot: backward must return one gradient per input of forward.")
        expect_array_close(got, want, f"{name} after backward through Hypot")


register(Exercise("6.2", "Two inputs: Hypot", 3, [
    Check("forward computes sqrt(x² + y²)",
          ("Compute the result with tensor operations, and save what backward needs.",
           "The output itself is useful in backward: save it too."),
          _pair, _probe_hypot_forward,
          lambda inputs, answer: expect_array_close(answer, np.hypot(inputs["x"], inputs["y"]), "Hypot.apply(x, y)")),
    Check("backward returns the right gradient for each input",
          ("backward returns a tuple with one gradient per input of forward, in the same order.",
           "Each is the upstream gradient times the partial derivative with respect to that input; the "
           "saved output makes both short."),
          _pair, _probe_hypot_backward, _judge_hypot_backward),
    Check("passes gradcheck",
          ("If this fails but the values check passes, look at the order of the two returned gradients.",
           "Also look at inputs near zero, where the derivative is largest."),
          lambda rng: {"xs": [draw(rng, -2, 2, size=3), draw(rng, -2, 2, size=3)], "eps": EPS},
          _probe_gradcheck("Hypot"), _judge_gradcheck("Hypot")),
], names=("Hypot",)))


# 6.3 ----------------------------------------------------------------------------------------

def _make_rule(kind):
    """A fresh single-input Function: a correct tanh, or one with a typical mistake in backward."""
    from autodidact.autograd import Function

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


def _probe_verdicts(learner, inputs):
    rule_is_correct = learner.get("rule_is_correct")
    verdicts = []
    for kind in inputs["kinds"]:
        try:
            verdicts.append(rule_is_correct(_make_rule(kind)))
        except Exception as error:
            if type(error).__name__ != "GradcheckError":
                raise
            verdicts.append({"gradcheck raised": kind})  # gradcheck's default when a rule is wrong
    return verdicts


def _verdicts(answer):
    verdicts = []
    for verdict in answer:
        if isinstance(verdict, dict) and "gradcheck raised" in verdict:
            fail("rule_is_correct raised GradcheckError for a wrong rule instead of returning False: by "
                 "default gradcheck raises when the gradients disagree. Pass raise_exception=False to "
                 "get False instead.")
        if not isinstance(verdict, (bool, np.bool_)):
            fail(f"rule_is_correct should return True or False, got {describe(verdict)}.")
        verdicts.append(bool(verdict))
    return verdicts


def _judge_accepts(inputs, answer):
    if not _verdicts(answer)[0]:
        fail("rule_is_correct said False for a correct tanh Function.")


def _judge_rejects(inputs, answer):
    if any(_verdicts(answer)):
        fail("rule_is_correct said True for a tanh Function whose backward is wrong.")


register(Exercise("6.3", "Let gradcheck judge", 2, [
    Check("accepts a correct backward rule",
          ("Let torch.autograd.gradcheck decide, on a random float64 input that requires grad.",
           "gradcheck takes the function to test and a tuple of inputs; with raise_exception=False it "
           "answers True or False instead of raising."),
          lambda rng: {"kinds": ["correct"]}, _probe_verdicts, _judge_accepts),
    Check("rejects wrong backward rules",
          ("Your answer must come from the check itself: a fixed True cannot tell a right rule from a wrong one.",
           "Call gradcheck on the class you are given, not on a class of your own."),
          lambda rng: {"kinds": [str(k) for k in rng.permutation(["sign", "no upstream", "formula"])[:2]]},
          _probe_verdicts, _judge_rejects),
], names=("rule_is_correct",)))


# 6.4 ----------------------------------------------------------------------------------------

EXPRESSIONS = {
    "a·b + c": (lambda v: v[0] * v[1] + v[2], ["a", "b", "c"]),
    "a·a + a·b": (lambda v: v[0] * v[0] + v[0] * v[1], ["a", "b"]),
    "2·a + a·3 + 1 + b": (lambda v: 2 * v[0] + v[0] * 3 + 1 + v[1], ["a", "b"]),
    "tanh(a·b)": (lambda v: (v[0] * v[1]).tanh(), ["a", "b"]),
}


def _expression(expression):
    def inputs(rng):
        return {"expression": expression,
                "numbers": [away_from_zero(rng, 0.3, 1.5) for _ in EXPRESSIONS[expression][1]]}
    return inputs


def _probe_value(learner, inputs):
    Value = learner.get("Value", kind="class")
    build, _ = EXPRESSIONS[inputs["expression"]]
    values = [Value(n) for n in inputs["numbers"]]
    out = build(values)
    out.backward()
    return {"data": getattr(out, "data", None), "grads": [getattr(v, "grad", None) for v in values]}


def _judge_value(inputs, answer):
    build, names = EXPRESSIONS[inputs["expression"]]
    tensors = [ad.tensor(n, dtype=ad.float64, requires_grad=True) for n in inputs["numbers"]]
    reference = build(tensors)
    reference.backward()
    where = f" for {inputs['expression']} with " + ", ".join(f"{n} = {v}" for n, v in zip(names, inputs["numbers"]))
    expect_close(answer["data"], float(reference.item()), "the result's .data", where)
    for name, grad, tensor in zip(names, answer["grads"], tensors):
        expect_close(as_float(grad, f"{name}.grad"), float(tensor.grad.item()), f"{name}.grad", where)


register(Exercise("6.4", "Your own Value class", 4, [
    Check("a·b + c: values and gradients match autodidact",
          ("Each operation returns a new Value that remembers its inputs and how to pass a gradient back to them.",
           "backward() sets the output's grad to 1, then runs those steps from the output back to the leaves."),
          _expression("a·b + c"), _probe_value, _judge_value),
    Check("a value used twice gets the sum of both contributions",
          ("A value used twice receives a gradient along each use: do both reach it?",
           "Accumulate with += in each backward step, and visit every node once, after all nodes that "
           "use it (a topological order)."),
          _expression("a·a + a·b"), _probe_value, _judge_value),
    Check("works with plain numbers on either side",
          ("2 * a calls int.__mul__ first, then Value.__rmul__.",
           "Inside __add__ and __mul__, wrap plain numbers in a Value before using .data."),
          _expression("2·a + a·3 + 1 + b"), _probe_value, _judge_value),
    Check("tanh has the right local derivative",
          ("tanh's derivative can be written with tanh's own output.",
           "Use the output you already computed in the backward step, times the upstream grad."),
          _expression("tanh(a·b)"), _probe_value, _judge_value),
], names=("Value",)))
