"""Lesson 5, Tensors and broadcasting: undoing broadcasting, matmul and bias gradient shapes."""
import numpy as np

import autodidact as ad

from ..core import Check, Exercise, as_array, expect_array_close, fail, register


def _engine_broadcast_grad(learner, small_shape, big_shape):
    """The engine's gradient for a tensor of small_shape broadcast up to big_shape, and the upstream grad."""
    small = ad.tensor(learner.uniform(-1, 1, size=small_shape), dtype=ad.float64, requires_grad=True)
    upstream = learner.uniform(-1, 1, size=big_shape)
    (small + ad.zeros(*big_shape, dtype=ad.float64)).backward(ad.tensor(upstream, dtype=ad.float64))
    return upstream, small.grad._array


def _sum_to_shape_case(learner, small_shape, big_shape):
    sum_to_shape = learner.get("sum_to_shape")
    upstream, expected = _engine_broadcast_grad(learner, small_shape, big_shape)
    result = sum_to_shape(ad.tensor(upstream, dtype=ad.float64), tuple(small_shape))
    expect_array_close(result, expected, "sum_to_shape(grad, shape)",
                       f" for grad of shape {list(big_shape)} and shape={tuple(small_shape)}")


def _leading(learner):
    n, m, k = (int(v) for v in learner.rng.integers(2, 5, size=3))
    _sum_to_shape_case(learner, (k,), (n, k))
    _sum_to_shape_case(learner, (m, k), (n, m, k))


def _size_one(learner):
    n, k = (int(v) for v in learner.rng.integers(2, 5, size=2))
    _sum_to_shape_case(learner, (n, 1), (n, k))
    _sum_to_shape_case(learner, (1, k), (n, k))


def _both(learner):
    n, m, k = (int(v) for v in learner.rng.integers(2, 5, size=3))
    _sum_to_shape_case(learner, (m, 1), (n, m, k))
    _sum_to_shape_case(learner, (1, 1), (n, m, k))


register(Exercise("5.1", "Undo broadcasting", 3, [
    Check("sums away extra leading dimensions", "Broadcasting added dimensions at the front; every "
          "copy of a value received a share of the gradient, so sum over those dimensions.", _leading),
    Check("sums over dimensions that were stretched from size 1", "A dimension of size 1 in the target "
          "shape was copied along that axis: sum over it with keepdim=True so it stays size 1.", _size_one),
    Check("handles both at once", "First sum away the extra leading dimensions, then the size-1 ones. "
          "The result must have exactly the requested shape.", _both),
], names=("sum_to_shape",)))


# 5.2 ----------------------------------------------------------------------------------------

def _matmul_case(learner, index, name):
    matmul_backward = learner.get("matmul_backward")
    n, k, m = (int(v) for v in learner.rng.choice(np.arange(2, 7), size=3, replace=False))
    A = ad.tensor(learner.uniform(-1, 1, size=(n, k)), dtype=ad.float64, requires_grad=True)
    B = ad.tensor(learner.uniform(-1, 1, size=(k, m)), dtype=ad.float64, requires_grad=True)
    upstream = ad.tensor(learner.uniform(-1, 1, size=(n, m)), dtype=ad.float64)
    (A @ B).backward(upstream)
    result = matmul_backward(A.detach(), B.detach(), upstream)
    if not isinstance(result, tuple) or len(result) != 2:
        fail(f"matmul_backward should return two tensors (grad_A, grad_B), got {type(result).__name__}.")
    expect_array_close(result[index], (A.grad, B.grad)[index]._array, name,
                       f" for A of shape [{n}, {k}] and B of shape [{k}, {m}]")


register(Exercise("5.2", "The gradient of a matrix product", 3, [
    Check("grad_A has A's shape and the right values", "grad_A must have A's shape [n, k]. Which product "
          "of grad_out [n, m] with B [k, m] or its transpose gives that shape?",
          lambda learner: _matmul_case(learner, 0, "grad_A")),
    Check("grad_B has B's shape and the right values", "grad_B must have B's shape [k, m]. Which of A [n, k], "
          "A.T and grad_out [n, m] multiply to that shape?", lambda learner: _matmul_case(learner, 1, "grad_B")),
], names=("matmul_backward",)))


# 5.3 ----------------------------------------------------------------------------------------

def _bias(learner):
    bias_gradient = learner.get("bias_gradient")
    n, d, k = (int(v) for v in learner.rng.integers(2, 6, size=3))
    X = ad.tensor(learner.uniform(-1, 1, size=(n, d)), dtype=ad.float64)
    W = ad.tensor(learner.uniform(-1, 1, size=(d, k)), dtype=ad.float64)
    b = ad.tensor(learner.uniform(-1, 1, size=(k,)), dtype=ad.float64, requires_grad=True)
    ((X @ W + b) ** 2).sum().backward()
    return bias_gradient(X, W, b.detach()), b.grad._array, (n, d, k)


def _bias_shape(learner):
    result, expected, (n, d, k) = _bias(learner)
    shape = as_array(result, "bias_gradient(X, W, b)").shape
    if shape != expected.shape:
        fail(f"for X of shape [{n}, {d}] and b of shape [{k}], your gradient has shape {list(shape)}; "
             f"it must have b's shape [{k}].")


def _bias_values(learner):
    result, expected, _ = _bias(learner)
    expect_array_close(result, expected, "bias_gradient(X, W, b)")


register(Exercise("5.3", "The gradient of a broadcast bias", 2, [
    Check("has the shape of b", "b was added to every row of X @ W, so its gradient collects the "
          "gradients of all rows: sum over the row dimension.", _bias_shape),
    Check("has the right values", "The loss is the sum of out², so the upstream gradient of out is "
          "2·out; then undo the broadcast of b.", _bias_values),
], names=("bias_gradient",)))
