"""Lesson 5, Tensors and broadcasting: undoing broadcasting, matmul and bias gradient shapes."""
import numpy as np

import autodidact as ad

from ..core import Check, Exercise, as_array, as_tuple, describe, expect_array_close, fail, register
from ..plain import TensorFacts
from .common import draw, t64


def engine_broadcast_grad(upstream, small_shape):
    """The grader's engine's gradient for a tensor of small_shape broadcast up to upstream's shape."""
    upstream = np.asarray(upstream, dtype=np.float64)
    small = ad.zeros(*small_shape, dtype=ad.float64, requires_grad=True)
    (small + ad.zeros(*upstream.shape, dtype=ad.float64)).backward(t64(upstream))
    return small.grad.numpy()


def _cases(*pairs):
    """Inputs for sum_to_shape: for each (small, big) shape, a random upstream gradient of the big shape."""
    def inputs(rng):
        n, m, k = (int(v) for v in rng.integers(2, 5, size=3))
        sizes = {"n": n, "m": m, "k": k, "1": 1}
        cases = []
        for small, big in pairs:
            small_shape = [sizes[s] for s in small]
            big_shape = [sizes[s] for s in big]
            cases.append({"shape": small_shape, "grad": draw(rng, -1, 1, size=big_shape)})
        return {"cases": cases}
    return inputs


def _expect_tensor(value, what):
    """A gradient is a tensor: autograd passes it on to the next backward rule, which needs one."""
    if not isinstance(value, TensorFacts):
        fail(f"{what} is {describe(value)}, not a tensor. A gradient goes on to the next backward step "
             "as a tensor: compute it with tensor operations on the tensors you were given (.sum, @, .T).")


def _probe_sum_to_shape(learner, inputs):
    sum_to_shape = learner.get("sum_to_shape")
    return [sum_to_shape(t64(case["grad"]), tuple(case["shape"])) for case in inputs["cases"]]


def _judge_sum_to_shape(inputs, answer):
    if not isinstance(answer, list):
        fail("sum_to_shape did not return a tensor.")
    for case, result in zip(inputs["cases"], answer):
        grad = np.array(case["grad"])
        _expect_tensor(result, "sum_to_shape(grad, shape)")
        expect_array_close(result, engine_broadcast_grad(grad, case["shape"]), "sum_to_shape(grad, shape)",
                           f" for grad of shape {list(grad.shape)} and shape={tuple(case['shape'])}")


register(Exercise("5.1", "Undo broadcasting", 3, [
    Check("sums away extra leading dimensions",
          ("Broadcasting added dimensions at the front; every copy of a value received a share of the gradient.",
           "Sum over those added dimensions until the gradient has as many dimensions as the shape asked for."),
          _cases(("k", "nk"), ("mk", "nmk")), _probe_sum_to_shape, _judge_sum_to_shape),
    Check("sums over dimensions that were stretched from size 1",
          ("A dimension of size 1 in the target shape was copied along that axis.",
           "Sum over it with keepdim=True, so that it stays a dimension of size 1."),
          _cases(("n1", "nk"), ("1k", "nk")), _probe_sum_to_shape, _judge_sum_to_shape),
    Check("handles both at once",
          ("Do the two kinds of summing one after the other.",
           "First sum away the extra leading dimensions, then the size-1 ones. The result must have "
           "exactly the requested shape."),
          _cases(("m1", "nmk"), ("11", "nmk")), _probe_sum_to_shape, _judge_sum_to_shape),
], names=("sum_to_shape",)))


# 5.2 ----------------------------------------------------------------------------------------

def _matmul_inputs(rng):
    n, k, m = (int(v) for v in rng.choice(np.arange(2, 7), size=3, replace=False))
    return {"A": draw(rng, -1, 1, size=(n, k)), "B": draw(rng, -1, 1, size=(k, m)),
            "grad_out": draw(rng, -1, 1, size=(n, m))}


def _probe_matmul(learner, inputs):
    return learner.get("matmul_backward")(t64(inputs["A"]), t64(inputs["B"]), t64(inputs["grad_out"]))


def _judge_matmul(index, name):
    def judge(inputs, answer):
        result = as_tuple(answer, 2, "matmul_backward")
        A, B = t64(inputs["A"], requires_grad=True), t64(inputs["B"], requires_grad=True)
        (A @ B).backward(t64(inputs["grad_out"]))
        expected = (A.grad, B.grad)[index].numpy()
        shape = list(as_array(result[index], name).shape)
        if shape != list(expected.shape):
            fail(f"{name} has shape {shape}, but it must have the shape of {'AB'[index]}, {list(expected.shape)}.")
        _expect_tensor(result[index], name)
        expect_array_close(result[index], expected, name,
                           f" for A of shape {list(A.shape)} and B of shape {list(B.shape)}")
    return judge


register(Exercise("5.2", "The gradient of a matrix product", 3, [
    Check("grad_A has A's shape and the right values",
          ("grad_A must have A's shape [n, k]. Start from the shapes you have: grad_out [n, m] and B [k, m].",
           "Which product of grad_out with B or with its transpose gives the shape [n, k]?"),
          _matmul_inputs, _probe_matmul, _judge_matmul(0, "grad_A")),
    Check("grad_B has B's shape and the right values",
          ("grad_B must have B's shape [k, m]. Start from the shapes you have: A [n, k] and grad_out [n, m].",
           "Which product of A or its transpose with grad_out gives the shape [k, m]?"),
          _matmul_inputs, _probe_matmul, _judge_matmul(1, "grad_B")),
], names=("matmul_backward",)))


# 5.3 ----------------------------------------------------------------------------------------

def _bias_inputs(rng):
    n, d, k = (int(v) for v in rng.integers(2, 6, size=3))
    return {"X": draw(rng, -1, 1, size=(n, d)), "W": draw(rng, -1, 1, size=(d, k)), "b": draw(rng, -1, 1, size=(k,))}


def _probe_bias(learner, inputs):
    return learner.get("bias_gradient")(t64(inputs["X"]), t64(inputs["W"]), t64(inputs["b"]))


def _expected_bias(inputs):
    b = t64(inputs["b"], requires_grad=True)
    ((t64(inputs["X"]) @ t64(inputs["W"]) + b) ** 2).sum().backward()
    return b.grad.numpy()


def _judge_bias_shape(inputs, answer):
    expected = _expected_bias(inputs)
    shape = as_array(answer, "bias_gradient(X, W, b)").shape
    if shape != expected.shape:
        n, d = np.shape(inputs["X"])
        fail(f"for X of shape [{n}, {d}] and b of shape {list(expected.shape)}, your gradient has shape "
             f"{list(shape)}; it must have b's shape {list(expected.shape)}.")


def _judge_bias_values(inputs, answer):
    _expect_tensor(answer, "bias_gradient(X, W, b)")
    expect_array_close(answer, _expected_bias(inputs), "bias_gradient(X, W, b)")


register(Exercise("5.3", "The gradient of a broadcast bias", 2, [
    Check("has the shape of b",
          ("b was added to every row of X @ W: its gradient collects the gradients of all rows.",
           "Sum over the row dimension, so the result has b's shape."),
          _bias_inputs, _probe_bias, _judge_bias_shape),
    Check("has the right values",
          ("Start from the loss: what is the upstream gradient of out for a sum of squares?",
           "Then undo the broadcast of b, as in 5.1."),
          _bias_inputs, _probe_bias, _judge_bias_values),
], names=("bias_gradient",)))
