"""How PyTorch's functions read their arguments: shapes given as ``f(2, 3)`` or ``f((2, 3))``,
negative dims, broadcasting (and its error), numbers next to tensors, and the named tuples that
``max(dim=...)`` and ``sort`` return. The ops (``ops/``) and the rest of the Tensor (``tensor.py``)
share these; none of it is needed to understand automatic differentiation.
"""
import builtins
import math
import numbers
from collections import namedtuple

import numpy as np

from ..parity import dtypes
from .tensor_core import Tensor


class Size(tuple):
    """A tensor's shape: a tuple that prints as ``torch.Size([2, 3])``."""

    def __repr__(self):
        return f"torch.Size({list(self)})"

    __str__ = __repr__

    def __getitem__(self, index):
        # A slice of a shape is a shape (x.shape[-2:] prints as torch.Size), an int is a dimension.
        item = super().__getitem__(index)
        return Size(item) if isinstance(index, slice) else item

    def __add__(self, other):
        return Size(tuple(self) + tuple(other))

    def numel(self):
        return int(np.prod(self, dtype=np.int64))


def return_type(name):
    """A (values, indices) named tuple that prints like PyTorch's ``torch.return_types.max(...)``."""

    def __repr__(self):
        return f"torch.return_types.{name}(\nvalues={self.values!r},\nindices={self.indices!r})"

    return type(name, (namedtuple(name, ["values", "indices"]),), {"__slots__": (), "__repr__": __repr__})


return_types_max = return_type("max")
return_types_min = return_type("min")
return_types_sort = return_type("sort")
return_types_topk = return_type("topk")


def shape_arg(shape):
    """Accept ``f(2, 3)``, ``f((2, 3))`` and ``f([2, 3])`` alike."""
    if len(shape) == 1 and isinstance(shape[0], (tuple, list, Size)):
        shape = shape[0]
    return tuple(int(n) for n in shape)


def dim_arg(dim, ndim):
    """Turn a possibly negative dim into a positive one; IndexError (as PyTorch) when out of range."""
    size = builtins.max(ndim, 1)
    if not -size <= dim < size:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{-size}, {size - 1}], but got {dim}). "
            f"The tensor has {ndim} dimension{'s' if ndim != 1 else ''}."
        )
    return dim % size


def check_broadcast(shape_a, shape_b):
    """Raise PyTorch's RuntimeError, with both shapes, when two shapes cannot be broadcast."""
    for i, (a, b) in enumerate(zip(reversed(shape_a), reversed(shape_b))):
        if a != b and a != 1 and b != 1:
            dim = builtins.max(len(shape_a), len(shape_b)) - 1 - i
            raise RuntimeError(
                f"The size of tensor a ({a}) must match the size of tensor b ({b}) at non-singleton "
                f"dimension {dim}. The shapes were {list(shape_a)} and {list(shape_b)}: broadcasting "
                "lines shapes up from the right, and each pair of sizes must be equal or one of them 1. "
                "Reshape one operand (e.g. with .unsqueeze() or .reshape()) so that they line up."
            )



def dims_arg(dim, ndim):
    """``dim`` (an int, or a tuple or list of them) as a sorted tuple of non-negative dims. A dim
    given twice is PyTorch's RuntimeError. A 0-d tensor accepts dim 0 or -1 but has no dim to act on:
    that gives ()."""
    dims = []
    for d in dim if isinstance(dim, (tuple, list)) else (dim,):
        d = dim_arg(d, ndim)
        if d in dims:
            raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
        dims.append(d)
    return tuple(sorted(dims)) if ndim else ()



def resolve_shape(shape, size):
    if -1 in shape:
        known = int(np.prod([n for n in shape if n != -1])) if len(shape) > 1 else 1
        if shape.count(-1) > 1:
            raise RuntimeError("only one dimension can be inferred (only one -1 is allowed in a shape); "
                               "give the other sizes explicitly")
        if known == 0 or size % known:
            raise RuntimeError(f"shape '{list(shape)}' is invalid for input of size {size}")
        shape = tuple(size // known if n == -1 else n for n in shape)
    if int(np.prod(shape)) != size:
        raise RuntimeError(
            f"shape '{list(shape)}' is invalid for input of size {size}: the new shape must hold exactly "
            f"{size} elements (use -1 for one size to have it worked out)"
        )
    return shape




def operand(value, dtype):
    if isinstance(value, Tensor):
        data = value._array
        return data if data.dtype == dtype.numpy else data.astype(dtype.numpy)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Number):
        if isinstance(value, (np.ndarray, list, tuple)):
            return np.asarray(value, dtype=dtype.numpy)
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(
                f"unsupported operand type: {type(value).__name__}. Tensors combine with other tensors "
                "and with Python numbers; wrap other data with autodidact.tensor(...) first."
            )
    if isinstance(value, np.generic):
        return dtype.numpy.type(value)
    if type(value) is int and dtype.numpy.kind in "iu" and dtype is not dtypes.int64:
        # PyTorch converts the number to the tensor's integer type as C does, wrapping around:
        # uint8 tensor - 3 subtracts 253 (mod 256); NumPy would raise OverflowError instead.
        return np.array(value).astype(dtype.numpy)
    return value



def operand_tensor(value, dtype):
    """``value`` itself if it is a tensor, else a number as the 0-d tensor of ``dtype`` it computes
    as (``2 // int8_tensor`` divides an int8 2; ``-3`` as uint8 is 253, as PyTorch converts it)."""
    return value if isinstance(value, Tensor) else Tensor._wrap(np.asarray(operand(value, dtype), dtype.numpy))


def needs_float(t):
    if not t.dtype.is_floating_point:
        return t.to(dtypes.DEFAULT_FLOAT)
    return t


def float_kernel(dtype, kernel):
    """Some PyTorch ops have no integer or bool version (softmax, mse_loss, gelu...): PyTorch raises
    NotImplementedError naming its kernel, where a silent conversion would hide the mistake."""
    if not dtype.is_floating_point:
        raise NotImplementedError(f'"{kernel}" not implemented for \'{dtypes.TYPE_NAMES_SHORT[dtype.name]}\'. '
                                  "This op needs floating-point values: convert first, e.g. t.float().")



def tensor_list(tensors):
    """cat and stack take tensors only, as in PyTorch (numbers or arrays are a TypeError)."""
    tensors = list(tensors)
    for position, v in enumerate(tensors):
        if not isinstance(v, Tensor):
            raise TypeError(f"expected Tensor as element {position} in argument 0, but got {type_name(v)}. "
                            "Wrap numbers or arrays in a tensor first: torch.tensor(...).")
    return tensors



def type_name(value):
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__.split('.')[0]}.{kind.__name__}"


# Functions that take tensors refuse other things as PyTorch does (torch.log(2.0) is a TypeError
# there), with a hint. Each function says which of its arguments must be tensors: with
# ``@public(..., tensors=(...))`` or, outside the public registry, with ``@takes_tensors(...)``.


def _not_a_tensor(name, argument, position, value):
    """PyTorch's TypeError for ``torch.log(2.0)``, with a hint for plain numbers."""
    message = f"{name}(): argument '{argument}' (position {position}) must be Tensor, not {type_name(value)}."
    plain = [f"{module}.{name}" for module, found in (("math", math), ("np", np)) if hasattr(found, name)]
    if isinstance(value, numbers.Number) and plain:
        message += f" For a plain number use {' or '.join(plain)};"
        message += " for a tensor, wrap the value: torch.tensor(...)."
    else:
        message += " Wrap the value in a tensor first: torch.tensor(...)."
    return TypeError(message)


def check_tensors(function, arguments, name=None):
    """``function`` refusing non-Tensors in the leading ``arguments``, as PyTorch does; the error
    names the function ``name`` (by default its own name)."""
    name = name or function.__name__

    def checked(*args, **kwargs):
        for position, (argument, value) in enumerate(zip(arguments, args), start=1):
            if not isinstance(value, Tensor):
                raise _not_a_tensor(name, argument, position, value)
        return function(*args, **kwargs)

    checked.__name__, checked.__qualname__ = name, name
    checked.__doc__, checked.__wrapped__ = function.__doc__, function
    checked.spec = getattr(function, "spec", None)
    checked.checks_tensors = tuple(arguments)  # read by ops.public.tensor_arguments()
    return checked


def takes_tensors(*arguments):
    """Decorator: the function refuses non-Tensors in its leading ``arguments`` (``check_tensors``)."""
    return lambda function: check_tensors(function, arguments)
