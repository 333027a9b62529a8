"""Lesson 10, From scalars to tensors: a NumPy Tensor class with +, ×, sum, broadcasting undone,
matmul, tanh and mean, and the loss of a small MLP, compared with autodidact.

The probe builds the learner's ``Tensor`` from the arrays the grader sent, runs the computation and
answers with the output's value and each input's grad as NumPy arrays; the judge runs the same
computation with autodidact in float64. A gradient of the wrong shape is named with both shapes,
which is what a missing unbroadcast looks like.
"""
import numpy as np

import autodidact as ad

from ..core import Check, CheckFailed, Exercise, as_array, constant_factor_note, describe, fail, register
from . import programs
from .common import draw

SHAPE_NAMES = ("a", "b", "c", "d")


def _tensor_class(learner):
    return learner.get("Tensor", kind="class")


def _shape_text(shape):
    return str(tuple(int(n) for n in shape))


def _grads_of(leaves):
    return [getattr(leaf, "grad", None) for leaf in leaves]


def _backward(out):
    """Run the learner's backward(); NumPy's shape errors come back as text (they name the shapes)."""
    try:
        out.backward()
    except ValueError as error:
        return f"backward() raised ValueError: {error}"
    return None


def _judge_arrays(inputs, answer, expected_value, expected_grads, names, what):
    """Compare the learner's value and grads with autodidact's; name shapes when they differ."""
    if not isinstance(answer, dict):
        fail(f"your code returned {describe(answer)}.")
    if answer.get("raised"):
        shapes = ", ".join(f"{name} has shape {_shape_text(g.shape)}" for name, g in zip(names, expected_grads))
        fail(f"{answer['raised']}\n  In {what}, {shapes}. Each gradient must end with its own tensor's "
             "shape: where a tensor was broadcast, sum its gradient back to that shape before adding it "
             "to .grad.")
    value = as_array(answer["value"], "the output's .data")
    if value.size != 1 or not np.isclose(value.reshape(()), expected_value, rtol=1e-6, atol=1e-9):
        fail(f"the output's .data is {np.array2string(value, precision=5)}, but should be "
             f"{expected_value:.6g} for {what}.")
    for name, grad, expected in zip(names, answer["grads"], expected_grads):
        if grad is None:
            fail(f"{name}.grad is None after backward() for {what}.")
        grad = as_array(grad, f"{name}.grad")
        if grad.shape != expected.shape:
            fail(f"{name}.grad has shape {_shape_text(grad.shape)}, but {name} has shape "
                 f"{_shape_text(expected.shape)} (for {what}). A gradient always has its tensor's shape: "
                 f"where {name} was broadcast, sum the gradient back to {_shape_text(expected.shape)}.")
        if not np.allclose(grad, expected, rtol=1e-6, atol=1e-9):
            worst = np.unravel_index(np.argmax(np.abs(grad - expected)), expected.shape) if expected.ndim else ()
            at = f" at index {[int(i) for i in worst]}" if expected.ndim else ""
            fail(f"{name}.grad{at} is {grad[worst]:.6g}, but should be {expected[worst]:.6g} for {what}."
                 + (_all_zero_note(answer) or constant_factor_note(grad, expected, rtol=1e-6)))


def _all_zero_note(answer):
    """Why every input's gradient is 0, when it is: no seed, or the steps run parents first."""
    try:
        grads = [np.asarray(as_array(g, "grad")) for g in answer["grads"]]
    except CheckFailed:
        return ""
    if any(np.any(g != 0) for g in grads):
        return ""
    try:
        seeded = np.allclose(as_array(answer.get("output_grad"), "the output's grad"), 1.0)
    except CheckFailed:
        seeded = False
    if seeded:
        return ("\n  Every input's gradient is 0, though the output's grad is 1: nothing was passed on from "
                "the output. Run the steps in reversed(topological_order(self)), the output's first, and check "
                "that each op stores its step in out.backward_step and that a step multiplies out.grad by a "
                "local derivative made from .data (not .grad).")
    return ("\n  Every input's gradient is 0: backward() must start by setting the output's grad to ones "
            "(np.ones_like(self.data)), then run the steps, the output's first.")


# 10.1 ---------------------------------------------------------------------------------------

UNBROADCAST_PAIRS = {
    "leading": (("k", "nk"), ("mk", "nmk")),
    "ones": (("n1", "nk"), ("1k", "nk")),
    "both": (("m1", "nmk"), ("11", "nmk"), ("1", "nk")),
}


def _unbroadcast_cases(kind):
    def inputs(rng):
        n, m, k = (int(v) for v in rng.choice(np.arange(2, 6), size=3, replace=False))
        sizes = {"n": n, "m": m, "k": k, "1": 1}
        return {"cases": [{"shape": [sizes[c] for c in small],
                           "grad": draw(rng, -1, 1, size=[sizes[c] for c in big], decimals=3)}
                          for small, big in UNBROADCAST_PAIRS[kind]]}
    return inputs


def _probe_unbroadcast(learner, inputs):
    unbroadcast = learner.get("unbroadcast")
    return [unbroadcast(np.array(case["grad"], dtype=float), tuple(case["shape"])) for case in inputs["cases"]]


def _judge_unbroadcast(inputs, answer):
    if not isinstance(answer, list):
        fail(f"unbroadcast returned {describe(answer)}.")
    for case, result in zip(inputs["cases"], answer):
        grad, shape = np.array(case["grad"]), tuple(case["shape"])
        small = ad.zeros(*shape, dtype=ad.float64, requires_grad=True)
        (small + ad.zeros(*grad.shape, dtype=ad.float64)).backward(ad.tensor(grad, dtype=ad.float64))
        expected = small.grad.numpy()
        got = as_array(result, "unbroadcast(grad, shape)")
        call = f"unbroadcast(grad of shape {_shape_text(grad.shape)}, {_shape_text(shape)})"
        if got.shape != expected.shape:
            fail(f"{call} has shape {_shape_text(got.shape)}, but it should have shape {_shape_text(shape)}: "
                 "the gradient must end with exactly the tensor's shape.")
        if not np.allclose(got, expected, rtol=1e-6, atol=1e-9):
            fail(f"{call}: the shape is right, but the values are not the sums over the broadcast copies.")


register(Exercise("10.1", "Undo broadcasting", 3, [
    Check("sums away the dimensions broadcasting added in front",
          ("Broadcasting added dimensions at the front; every copy sent back a share of the gradient.",
           "Sum over axis 0 until grad has as many dimensions as shape."),
          _unbroadcast_cases("leading"), _probe_unbroadcast, _judge_unbroadcast),
    Check("sums over dimensions stretched from size 1, keeping them",
          ("A size-1 dimension of shape was copied along that axis.",
           "Sum over it with keepdims=True, so it stays a dimension of size 1."),
          _unbroadcast_cases("ones"), _probe_unbroadcast, _judge_unbroadcast),
    Check("does both at once",
          ("First the added dimensions, then the size-1 ones.",
           "After the first loop, shape and grad have the same number of dimensions: compare them axis by axis."),
          _unbroadcast_cases("both"), _probe_unbroadcast, _judge_unbroadcast),
], names=("unbroadcast",)))


# 10.2 ---------------------------------------------------------------------------------------

def _same_shape_programs(rng):
    shape = [int(n) for n in rng.integers(2, 5, size=2)]
    program = programs.random_program(rng, ("add", "mul"), n_inputs=3, n_steps=6, numbers=False)
    program["inputs"] = [draw(rng, -1.5, 1.5, size=shape, decimals=3) for _ in program["inputs"]]
    return {"program": program}


def _probe_program(learner, inputs):
    Tensor = _tensor_class(learner)
    program = inputs["program"]
    leaves = [Tensor(np.array(x, dtype=float)) for x in program["inputs"]]
    out = programs.run_program(program, leaves)[-1].sum()
    raised = _backward(out)
    return {"value": getattr(out, "data", None), "grads": _grads_of(leaves), "raised": raised,
                "output_grad": getattr(out, "grad", None)}


def _judge_program(inputs, answer):
    program = inputs["program"]
    leaves = [ad.tensor(x, dtype=ad.float64, requires_grad=True) for x in program["inputs"]]
    out = programs.run_program(program, leaves)[-1].sum()
    out.backward()
    grads = [np.zeros(np.shape(x)) if leaf.grad is None else leaf.grad.numpy()
             for x, leaf in zip(program["inputs"], leaves)]
    _judge_arrays(inputs, answer, float(out.item()), grads, [f"x{i}" for i in range(len(leaves))],
                  f"({programs.describe(program)}).sum()")


def _reused(rng):
    shape = [int(n) for n in rng.integers(2, 5, size=2)]
    return {"program": {"inputs": [draw(rng, -1.5, 1.5, size=shape, decimals=3) for _ in range(2)],
                        "steps": [["mul", 0, 0], ["add", 2, 0], ["mul", 3, 1], ["add", 4, 1]]}}


BROADCAST_PAIRS = (("nk", "k"), ("nk", "n1"), ("n1", "1k"), ("k", "nk"), ("nk", "1"), ("mnk", "nk"))


def _broadcast_inputs(rng):
    n, m, k = (int(v) for v in rng.choice(np.arange(2, 6), size=3, replace=False))
    sizes = {"n": n, "m": m, "k": k, "1": 1}
    cases = []
    for big, small in BROADCAST_PAIRS:
        op = str(rng.choice(["add", "mul"]))
        shapes = [[sizes[c] for c in big], [sizes[c] for c in small]]
        cases.append({"op": op, "a": draw(rng, -1.5, 1.5, size=shapes[0], decimals=3),
                      "b": draw(rng, -1.5, 1.5, size=shapes[1], decimals=3),
                      "weights": draw(rng, -1, 1, size=list(np.broadcast_shapes(*map(tuple, shapes))),
                                      decimals=3)})
    return {"cases": cases}


def _weighted(a, b, op, weights):
    return ((a + b if op == "add" else a * b) * weights).sum()


def _probe_broadcast(learner, inputs):
    Tensor = _tensor_class(learner)
    answers = []
    for case in inputs["cases"]:
        a, b = Tensor(np.array(case["a"], dtype=float)), Tensor(np.array(case["b"], dtype=float))
        out = _weighted(a, b, case["op"], Tensor(np.array(case["weights"], dtype=float)))
        raised = _backward(out)
        answers.append({"value": getattr(out, "data", None), "grads": _grads_of([a, b]), "raised": raised,
                "output_grad": getattr(out, "grad", None)})
    return answers


def _judge_broadcast(inputs, answer):
    if not isinstance(answer, list):
        fail(f"your code returned {describe(answer)}.")
    for case, result in zip(inputs["cases"], answer):
        a = ad.tensor(case["a"], dtype=ad.float64, requires_grad=True)
        b = ad.tensor(case["b"], dtype=ad.float64, requires_grad=True)
        out = _weighted(a, b, case["op"], ad.tensor(case["weights"], dtype=ad.float64))
        out.backward()
        symbol = "+" if case["op"] == "add" else "*"
        what = (f"((a {symbol} b) * w).sum() with a of shape {_shape_text(np.shape(case['a']))} and b of "
                f"shape {_shape_text(np.shape(case['b']))}")
        _judge_arrays(inputs, result, float(out.item()), [a.grad.numpy(), b.grad.numpy()], ["a", "b"], what)


register(Exercise("10.2", "A Tensor class: +, ×, sum, backward", 5, [
    Check("values and gradients match autodidact on random programs of + and × (one shape)",
          ("The Value of lesson 9 with NumPy arrays inside: data and grad are arrays of one shape.",
           "grad starts as np.zeros_like(data); backward() seeds the output with np.ones_like(data); "
           "sum()'s step sends out.grad to every element."),
          _same_shape_programs, _probe_program, _judge_program),
    Check("a tensor used more than once receives the sum of its contributions",
          ("x * x + x uses x three times: three contributions must add up.",
           "Add into grad with +=, as in lesson 9; a fresh array with = loses the earlier parts."),
          _reused, _probe_program, _judge_program),
    Check("broadcast + and ×: each gradient has its input's shape and autodidact's values",
          ("NumPy stretched the smaller input; in backward each stretched copy sends back a share.",
           "Pass each contribution through unbroadcast(..., input.shape) from Exercise 10.1 before "
           "adding it to that input's grad, in both + and ×."),
          _broadcast_inputs, _probe_broadcast, _judge_broadcast),
], names=("Tensor",)))


# 10.3 ---------------------------------------------------------------------------------------

def _matmul_inputs(rng):
    n, k, m = (int(v) for v in rng.choice(np.arange(2, 7), size=3, replace=False))
    return {"A": draw(rng, -1, 1, size=(n, k), decimals=3), "B": draw(rng, -1, 1, size=(k, m), decimals=3),
            "weights": draw(rng, -1, 1, size=(n, m), decimals=3)}


def _probe_matmul(learner, inputs):
    Tensor = _tensor_class(learner)
    A, B = Tensor(np.array(inputs["A"], dtype=float)), Tensor(np.array(inputs["B"], dtype=float))
    out = ((A @ B) * Tensor(np.array(inputs["weights"], dtype=float))).sum()
    raised = _backward(out)  # NumPy's words for a product of mismatched shapes
    return {"value": getattr(out, "data", None), "grads": _grads_of([A, B]), "raised": raised,
                "output_grad": getattr(out, "grad", None)}


def _judge_matmul(inputs, answer):
    A = ad.tensor(inputs["A"], dtype=ad.float64, requires_grad=True)
    B = ad.tensor(inputs["B"], dtype=ad.float64, requires_grad=True)
    out = ((A @ B) * ad.tensor(inputs["weights"], dtype=ad.float64)).sum()
    out.backward()
    (n, k), m = A.shape, B.shape[1]
    if isinstance(answer, dict) and answer.get("raised"):
        fail(f"{answer['raised']}\n  With A of shape ({n}, {k}), B of shape ({k}, {m}) and out.grad of shape "
             f"({n}, {m}), only one product of out.grad with B or A has A's shape ({n}, {k}), and one has "
             f"B's shape ({k}, {m}): a transpose is missing or misplaced.")
    _judge_arrays(inputs, answer, float(out.item()), [A.grad.numpy(), B.grad.numpy()], ["A", "B"],
                  f"((A @ B) * w).sum() with A of shape ({n}, {k}) and B of shape ({k}, {m})")


register(Exercise("10.3", "Matrix multiplication", 3, [
    Check("A @ B: gradients of both inputs match autodidact (random shapes, random upstream)",
          ("Let the shapes guide you: A.grad must have A's shape, B.grad B's shape.",
           "For out = A @ B: A.grad += out.grad @ B.T and B.grad += A.T @ out.grad (lesson 5)."),
          _matmul_inputs, _probe_matmul, _judge_matmul),
], names=("Tensor",)))


# 10.4 ---------------------------------------------------------------------------------------

def _functions_inputs(rng):
    shape = [int(n) for n in rng.integers(2, 5, size=2)]
    # mean() is scaled afterwards so that its out.grad is not 1: a step that forgets to multiply by
    # out.grad must not pass
    return {"x": draw(rng, -2, 2, size=shape, decimals=3), "weights": draw(rng, -1, 1, size=shape, decimals=3),
            "scale": round(float(rng.uniform(1.5, 3)) * float(rng.choice([-1, 1])), 3)}


def _mean_scaled(x, weights, scale):
    return (x * weights).mean() * scale


def _probe_functions(learner, inputs):
    Tensor = _tensor_class(learner)
    answers = []
    for which in ("tanh", "mean"):
        x = Tensor(np.array(inputs["x"], dtype=float))
        weights = Tensor(np.array(inputs["weights"], dtype=float))
        scale = Tensor(np.array(inputs["scale"], dtype=float))
        out = (x.tanh() * weights).sum() if which == "tanh" else _mean_scaled(x, weights, scale)
        raised = _backward(out)
        answers.append({"value": getattr(out, "data", None), "grads": _grads_of([x]), "raised": raised,
                "output_grad": getattr(out, "grad", None)})
    return answers


def _judge_functions(inputs, answer):
    if not isinstance(answer, list):
        fail(f"your code returned {describe(answer)}.")
    for which, result in zip(("tanh", "mean"), answer):
        x = ad.tensor(inputs["x"], dtype=ad.float64, requires_grad=True)
        weights = ad.tensor(inputs["weights"], dtype=ad.float64)
        scale = ad.tensor(inputs["scale"], dtype=ad.float64)
        out = (x.tanh() * weights).sum() if which == "tanh" else _mean_scaled(x, weights, scale)
        out.backward()
        what = "(x.tanh() * w).sum()" if which == "tanh" else f"(x * w).mean() * {inputs['scale']}"
        _judge_arrays(inputs, result, float(out.item()), [x.grad.numpy()], ["x"],
                      f"{what} with x of shape {_shape_text(np.shape(inputs['x']))}")


register(Exercise("10.4", "tanh and mean", 2, [
    Check("x.tanh() and x.mean() pass the right gradient back",
          ("tanh works element by element: its local derivative is an array of x's shape.",
           "mean() is sum() divided by the number of elements: every element gets out.grad / x.size."),
          _functions_inputs, _probe_functions, _judge_functions),
], names=("Tensor",)))


# 10.5 ---------------------------------------------------------------------------------------

def _mlp_inputs(rng):
    n, hidden = int(rng.integers(6, 11)), int(rng.integers(3, 7))
    return {"X": draw(rng, -1, 1, size=(n, 2), decimals=3),
            "y": [[float(v)] for v in rng.integers(0, 2, size=n)],
            "W1": draw(rng, -1, 1, size=(2, hidden), decimals=3), "b1": draw(rng, -0.5, 0.5, size=hidden, decimals=3),
            "W2": draw(rng, -1, 1, size=(hidden, 1), decimals=3), "b2": draw(rng, -0.5, 0.5, size=1, decimals=3)}


PARAMETERS = ("W1", "b1", "W2", "b2")


def _probe_mlp(learner, inputs):
    Tensor = _tensor_class(learner)
    mlp_loss = learner.get("mlp_loss")
    params = [Tensor(np.array(inputs[name], dtype=float)) for name in PARAMETERS]
    X, y = Tensor(np.array(inputs["X"], dtype=float)), Tensor(np.array(inputs["y"], dtype=float))
    loss = mlp_loss(X, y, *params)
    if not isinstance(loss, Tensor):  # a NumPy number has no backward(): say so, not AttributeError
        return {"not a tensor": loss}
    raised = _backward(loss)
    return {"value": getattr(loss, "data", None), "grads": _grads_of(params), "raised": raised,
                "output_grad": getattr(loss, "grad", None)}


def _judge_mlp(inputs, answer):
    if isinstance(answer, dict) and "not a tensor" in answer:
        fail(f"mlp_loss returned {describe(answer['not a tensor'])}, not one of your Tensors: build the loss "
             "with your Tensor's operations (no .data, no NumPy), so that its backward() can run.")
    params = [ad.tensor(inputs[name], dtype=ad.float64, requires_grad=True) for name in PARAMETERS]
    W1, b1, W2, b2 = params
    X, y = ad.tensor(inputs["X"], dtype=ad.float64), ad.tensor(inputs["y"], dtype=ad.float64)
    loss = (((X @ W1 + b1).tanh() @ W2 + b2 - y) ** 2).mean()
    loss.backward()
    _judge_arrays(inputs, answer, float(loss.item()), [p.grad.numpy() for p in params], PARAMETERS,
                  f"the mean squared error of a 2-{W1.shape[1]}-1 tanh network on {X.shape[0]} points")


register(Exercise("10.5", "The loss of a small network", 3, [
    Check("loss and the gradients of W1, b1, W2, b2 match autodidact",
          ("Write only the forward pass: your Tensor's backward() does the rest.",
           "hidden = (X @ W1 + b1).tanh(); prediction = hidden @ W2 + b2; the loss is the mean of "
           "the squared differences from y."),
          _mlp_inputs, _probe_mlp, _judge_mlp),
], names=("mlp_loss",)))
