"""The public functions of the elementwise ops that are written by hand: relu (and relu_), abs, sign,
floor, ceil, round. They keep an integer tensor's dtype, as PyTorch does, where the functions made
from the specs compute in floating point.
"""
import numpy as np

from ...parity import dtypes
from ..spec import Tensor, public
from .elementwise import ABS, CEIL, FLOOR, RELU, ROUND, SIGN


@public("function", "method", "inplace", tensors=("input",))
def relu(t):
    return RELU(t)


@public("function")
def relu_(input):
    """``input.relu_()``: negative values set to 0 in place."""
    return input.relu_()


@public("function", "method", tensors=("input",))
def abs(t):
    return ABS(t)


@public("function", "method", tensors=("input",))
def sign(t):
    """-1, 0 or 1 by the sign of each element. Its derivative is 0 (SignBackward0)."""
    if not t.dtype.is_floating_point:  # no gradient for whole numbers; bools are their own sign
        return Tensor._wrap(t._array.copy() if t.dtype is dtypes.bool_ else np.sign(t._array))
    return SIGN(t)


def _step_function(op, t):
    if not t.dtype.is_floating_point:  # whole numbers already: a copy, as in PyTorch
        return Tensor._wrap(t._array.copy())
    return op(t)


@public("function", "method", tensors=("input",))
def floor(t):
    """Round down to a whole number. Its derivative is 0 (FloorBackward0)."""
    return _step_function(FLOOR, t)


@public("function", "method", tensors=("input",))
def ceil(t):
    """Round up to a whole number. Its derivative is 0 (CeilBackward0)."""
    return _step_function(CEIL, t)


@public("function", "method", tensors=("input",))
def round(t):
    """Round to the nearest whole number, halves to even (2.5 -> 2.). Its derivative is 0."""
    return _step_function(ROUND, t)
