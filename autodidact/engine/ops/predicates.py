"""Elementwise tests that answer True or False (isnan, isinf, isfinite, isclose).

They are not ops of the table: a bool has no derivative, so their results never require a gradient
and no node is recorded (as in PyTorch). Each gives a bool tensor shaped like its input.
"""
import numpy as np

from ...parity import dtypes
from ..arguments import check_broadcast
from ..spec import Tensor
from .public import public
from .public import check_tensors


def _bools(array):
    return Tensor._wrap(np.asarray(array, dtype=np.bool_))


def isnan(input):
    """True where an element is NaN (not a number), e.g. a missing value read from a CSV file."""
    return _bools(np.isnan(input._array) if input.dtype.is_floating_point else np.zeros(input.shape, np.bool_))


def isinf(input):
    """True where an element is +inf or -inf."""
    return _bools(np.isinf(input._array) if input.dtype.is_floating_point else np.zeros(input.shape, np.bool_))


def isfinite(input):
    """True where an element is an ordinary number: neither NaN nor ±inf."""
    return _bools(np.isfinite(input._array) if input.dtype.is_floating_point else np.ones(input.shape, np.bool_))


def isclose(input, other, rtol=1e-05, atol=1e-08, equal_nan=False):
    """True where ``|input - other| <= atol + rtol * |other|`` (elementwise, broadcasting).

    Compare floats this way rather than with ``==``: 0.1 + 0.2 == 0.3 is False in floating point."""
    if input.dtype is not other.dtype:
        names = dtypes.TYPE_NAMES_SHORT
        raise RuntimeError(f"{names[input.dtype.name]} did not match {names[other.dtype.name]}: isclose "
                           "compares tensors of one dtype. Convert one, e.g. other.to(input.dtype).")
    check_broadcast(input._array.shape, other._array.shape)
    with np.errstate(all="ignore"):
        return _bools(np.isclose(input._array, other._array, rtol=rtol, atol=atol, equal_nan=equal_nan))


for _function, _arguments in ((isnan, ("input",)), (isinf, ("input",)), (isfinite, ("input",)),
                              (isclose, ("input", "other"))):
    public("function", "method")(check_tensors(_function, _arguments))


def _truth(t):
    return t._array if t.dtype is dtypes.bool_ else t._array != 0


def logical_not(input):
    """True where an element is 0 (or False)."""
    return _bools(~_truth(input))


def logical_and(input, other):
    """True where both elements are nonzero."""
    return _bools(np.logical_and(_truth(input), _truth(other)))


def logical_or(input, other):
    """True where either element is nonzero."""
    return _bools(np.logical_or(_truth(input), _truth(other)))


def logical_xor(input, other):
    """True where exactly one of the two elements is nonzero."""
    return _bools(np.logical_xor(_truth(input), _truth(other)))


for _function, _arguments in ((logical_not, ("input",)), (logical_and, ("input", "other")),
                              (logical_or, ("input", "other")), (logical_xor, ("input", "other"))):
    public("function", "method")(check_tensors(_function, _arguments))

__all__ = []


# The comparison operators as functions (torch.eq(a, b) is a == b), with PyTorch's longer aliases
# (torch.greater, a.less_equal(b)...). Tensor.eq and friends are the Tensor's own methods.
_COMPARISONS = {"eq": "__eq__", "ne": "__ne__", "lt": "__lt__", "le": "__le__", "gt": "__gt__", "ge": "__ge__"}
_ALIASES = {"not_equal": "ne", "less": "lt", "less_equal": "le", "greater": "gt", "greater_equal": "ge"}


def _comparison(name, operator):
    def compare(input, other):
        return getattr(input, operator)(other)
    compare.__name__ = compare.__qualname__ = name
    compare.__doc__ = f"``input.{name}(other)``: a bool tensor, True where the comparison holds (broadcasting)."
    return compare


for _name, _operator in _COMPARISONS.items():
    public("function")(check_tensors(_comparison(_name, _operator), ("input",)))
for _alias, _name in _ALIASES.items():
    public("function", "method")(check_tensors(_comparison(_alias, _COMPARISONS[_name]), ("input",)))
