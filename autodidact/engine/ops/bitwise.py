"""Bitwise operations on integer and bool tensors: ``& | ^ ~ << >>`` and their functions
(``torch.bitwise_and``...). They have no derivative, so no node is recorded (as in PyTorch).

Operands are promoted as for arithmetic (an int8 tensor & a Python int stays int8); floats are
refused, as PyTorch has no kernel for them. For bools, ``& | ^`` are the logical operations.
"""
import numpy as np

from ...parity import dtypes
from ..arguments import check_broadcast, operand
from ..spec import Tensor
from .public import public
from .public import check_tensors


def _no_kernel(kernel, dtype):
    return NotImplementedError(f'"{kernel}_cpu" not implemented for \'{dtypes.TYPE_NAMES_SHORT[dtype.name]}\'. '
                               "Bitwise operations work on integer and bool tensors; for a mask of floats "
                               "compare first (x > 0).")


def _operands(kernel, a, b, refuse_bool=False):
    if not isinstance(a, Tensor) and not isinstance(b, Tensor):
        raise TypeError(f"{kernel}: expected a tensor among the arguments, got {type(a).__name__} and "
                        f"{type(b).__name__}. Wrap one in a tensor: torch.tensor(...).")
    dtype = dtypes.result_type((a, b))
    if dtype.is_floating_point or (refuse_bool and dtype is dtypes.bool_):
        raise _no_kernel(kernel, dtype)
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        check_broadcast(a._array.shape, b._array.shape)
    return np.asarray(operand(a, dtype), dtype.numpy), np.asarray(operand(b, dtype), dtype.numpy)


def bitwise_and(input, other):
    """Bits set in both (for bools: both True)."""
    return Tensor._wrap(np.bitwise_and(*_operands("bitwise_and", input, other)))


def bitwise_or(input, other):
    """Bits set in either (for bools: either True)."""
    return Tensor._wrap(np.bitwise_or(*_operands("bitwise_or", input, other)))


def bitwise_xor(input, other):
    """Bits set in exactly one (for bools: exactly one True)."""
    return Tensor._wrap(np.bitwise_xor(*_operands("bitwise_xor", input, other)))


def bitwise_not(input):
    """Every bit flipped (for bools: not)."""
    if input.dtype.is_floating_point:
        raise _no_kernel("bitwise_not", input.dtype)
    array = input._array
    return Tensor._wrap(np.logical_not(array) if array.dtype == np.bool_ else np.invert(array))


def _shift_out_of_range(x, y):
    # C leaves a shift by a negative count or by the width or more undefined; PyTorch defines it:
    # << gives 0 there, >> fills with the sign (0, or -1 for a negative number).
    return (y < 0) | (y >= x.dtype.itemsize * 8)


def bitwise_left_shift(input, other):
    """``input << other``: the bits moved left (times 2**other, wrapping around the integer type)."""
    x, y = _operands("lshift", input, other, refuse_bool=True)
    outside = _shift_out_of_range(x, y)
    return Tensor._wrap(np.asarray(np.where(outside, 0, np.left_shift(x, np.where(outside, 0, y))), x.dtype))


def bitwise_right_shift(input, other):
    """``input >> other``: the bits moved right (floor division by 2**other)."""
    x, y = _operands("rshift", input, other, refuse_bool=True)
    outside = _shift_out_of_range(x, y)
    sign = np.where(x < 0, -1, 0).astype(x.dtype)
    return Tensor._wrap(np.asarray(np.where(outside, sign, np.right_shift(x, np.where(outside, 0, y))), x.dtype))


def in_place(function, t, other):
    """``function(t, other)`` written back into ``t`` (``t &= m``): PyTorch first checks that the result
    type fits ``t`` (an int tensor &= a float is refused as for +=, before the missing float kernel)."""
    dtype = dtypes.result_type((t, other))
    if dtype is not t.dtype and dtype.category > t.dtype.category:
        names = dtypes.TYPE_NAMES_SHORT
        raise RuntimeError(f"result type {names[dtype.name]} can't be cast to the desired output type "
                           f"{names[t.dtype.name]}: an in-place op keeps the tensor's dtype {t.dtype}.")
    return function(t, other)


# A number may come first (torch.bitwise_and(1, t)), as long as one argument is a tensor.
for _function in (bitwise_and, bitwise_or, bitwise_xor, bitwise_left_shift, bitwise_right_shift):
    public("function", "method", "inplace")(_function)
public("function", "method", "inplace")(check_tensors(bitwise_not, ("input",)))

__all__ = []
