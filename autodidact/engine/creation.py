"""Making tensors: ``tensor(data)``, ``zeros``, ``ones``, ``full``, ``arange``, ``linspace``, ``eye``
and the ``*_like`` functions, with PyTorch's dtypes (a Python float becomes float32, an int int64).
Random tensors (rand, randn, randint, normal, ...) are in ``random.py``.
"""
import builtins
import numbers
import warnings

import numpy as np

from ..parity import devices, dtypes, layout, ranges
from ..parity.float_errors import quiet
from ..parity.once import warn_once
from .arguments import shape_arg, takes_tensors
from .tensor_core import Tensor


def tensor_of(value, dtype=None):
    """``value`` itself when it is a tensor, else a new tensor of it (numbers, lists, arrays)."""
    return value if isinstance(value, Tensor) else tensor(value, dtype=dtype)


def tensor_data(data, dtype):
    dtype = dtypes.resolve(dtype)
    if isinstance(data, Tensor):
        array = data._array
    elif isinstance(data, (np.ndarray, np.generic)):  # NumPy data keeps its dtype: np.float64(0.5) too
        array = np.asarray(data)
    else:
        if isinstance(data, (list, tuple)):
            if data and isinstance(data[0], np.ndarray):
                warn_once("Creating a tensor from a list of numpy.ndarrays is extremely slow. Please consider "
                          "converting the list to a single numpy.ndarray with numpy.array() before converting "
                          "to a tensor.", stacklevel=3)
            listed_dtype, holds_tensors = _listed_dtype(data)
            dtype = dtype or listed_dtype
            if holds_tensors:
                data = _unwrap_nested(data)
        elif isinstance(data, str) or data is None:
            raise TypeError(
                f"new(): invalid data type '{type(data).__name__}'. Pass numbers, nested lists of "
                "numbers, or a NumPy array."
            )
        try:
            # With an explicit dtype convert in one step: 0.1 as float64 must not pass through float32.
            with quiet():  # 1e300 as float32 is inf, silently, as in PyTorch
                array = np.array(data, dtype=dtype.numpy if dtype is not None else None)
        except ValueError as error:
            raise ValueError(
                f"expected a rectangular list of numbers (every row the same length): {error}"
            ) from None
        if dtype is not None:
            pass
        elif array.dtype.kind == "f":
            array = array.astype(np.float32)
        elif array.dtype.kind in "iu":
            array = array.astype(np.int64)
        elif array.dtype.kind == "O" or array.dtype.kind in "USV":
            raise TypeError(
                "new(): invalid data type: tensor() takes numbers, bools, or nested lists of them."
            )
    if dtype is not None:
        with quiet():  # nan or 1e300 into a smaller type: no warning
            array = array.astype(dtype.numpy)
    else:
        dtypes.from_numpy_dtype(array.dtype)  # raises a clear TypeError for unsupported types
    return array


_PYTHON_NUMBER_DTYPES = {float: dtypes.DEFAULT_FLOAT, int: dtypes.int64, bool: dtypes.bool_}


def _listed_dtype(data):
    """The dtype PyTorch infers for a (nested) list that holds NumPy scalars, arrays or tensors: the
    promotion of every element's own dtype, a Python float counting as float32 and an int as int64
    (``[np.float64(0.5), 1.5]`` is float64). None for Python numbers only: NumPy's inference serves.
    Also says whether the list holds tensors (they are unwrapped into numbers first)."""
    found, from_numpy, holds_tensors, stack = set(), False, False, [data]
    while stack:
        items = stack.pop()
        for kind in set(map(type, items)):  # one pass in C, then one step per kind of element
            if kind in _PYTHON_NUMBER_DTYPES:
                found.add(_PYTHON_NUMBER_DTYPES[kind])
            elif kind in (list, tuple):
                stack.extend(v for v in items if type(v) is kind)
            elif issubclass(kind, np.generic):
                found.add(dtypes.from_numpy_dtype(np.dtype(kind)))
                from_numpy = True
            elif issubclass(kind, (np.ndarray, Tensor)):
                found.update(dtypes.from_numpy_dtype(v.dtype) if isinstance(v, np.ndarray) else v.dtype
                             for v in items if type(v) is kind)
                from_numpy = True
                holds_tensors = holds_tensors or issubclass(kind, Tensor)
    if not from_numpy:
        return None, holds_tensors
    result = found.pop()
    for other in found:
        result = dtypes.promote_types(result, other)
    return result, holds_tensors


def _unwrap_nested(data):
    return [(_unwrap_nested(v) if isinstance(v, (list, tuple)) else
             v.item() if isinstance(v, Tensor) else v) for v in data]


def tensor(data, dtype=None, device=None, requires_grad=False):
    """A new tensor holding a copy of ``data`` (numbers, nested lists, or a NumPy array).

    Python floats become float32 and ints int64, as in PyTorch. ``requires_grad=True`` makes it a
    leaf whose gradient is collected in ``.grad``.
    """
    devices.check_creation_device(device)
    if isinstance(data, Tensor):
        warnings.warn(
            "To copy construct from a tensor, it is recommended to use sourceTensor.detach().clone() or "
            "sourceTensor.detach().clone().requires_grad_(True), rather than torch.tensor(sourceTensor).",
            UserWarning, stacklevel=2)
    array = np.array(tensor_data(data, dtype), copy=True)
    t = Tensor._wrap(array)
    if requires_grad:
        t.requires_grad_(True)
    return t


def as_tensor(data, dtype=None, device=None):
    devices.check_creation_device(device)
    if isinstance(data, Tensor):  # the same tensor, or a converted one that keeps its history
        return data if dtype is None else data.to(dtype)
    return tensor(data, dtype)


def from_numpy(array):
    """A tensor sharing memory with the NumPy array (changes to one show in the other)."""
    if not isinstance(array, np.ndarray):
        raise TypeError(f"expected np.ndarray (got {type(array).__name__})")
    dtypes.from_numpy_dtype(array.dtype)
    if not array.flags.writeable:
        warn_once("The given NumPy array is not writable, and PyTorch does not support non-writable tensors. "
                  "This means writing to this tensor will result in undefined behavior. You may want to copy "
                  "the array to protect its data or make it writable before converting it to a tensor. This "
                  "type of warning will be suppressed for the rest of this program.", stacklevel=2)
    return Tensor._wrap(array)


def _new(array, requires_grad):
    t = Tensor._wrap(array)
    if requires_grad:
        t.requires_grad_(True)
    return t


def _float_dtype(dtype):
    return (dtypes.resolve(dtype) or dtypes.DEFAULT_FLOAT).numpy


def zeros(*shape, dtype=None, requires_grad=False, device=None):
    devices.check_creation_device(device)
    return _new(np.zeros(shape_arg(shape), _float_dtype(dtype)), requires_grad)


def ones(*shape, dtype=None, requires_grad=False, device=None):
    devices.check_creation_device(device)
    return _new(np.ones(shape_arg(shape), _float_dtype(dtype)), requires_grad)


def empty(*shape, dtype=None, requires_grad=False, device=None):
    devices.check_creation_device(device)
    return zeros(*shape, dtype=dtype, requires_grad=requires_grad)


def full(shape, fill_value, dtype=None, requires_grad=False, device=None):
    devices.check_creation_device(device)
    if dtype is None:
        dtype = dtypes.scalar_dtype(fill_value)
    return _new(np.full(shape_arg((shape,)), fill_value, dtype.numpy), requires_grad)


@takes_tensors("input")
def zeros_like(t, dtype=None, requires_grad=False, device=None):
    devices.check_creation_device(device)
    order = layout.preserved_order(t._array)  # t's layout (stride()), unless t is expanded
    return _new(np.zeros_like(t._array, (dtype or t.dtype).numpy, order=order), requires_grad)


@takes_tensors("input")
def ones_like(t, dtype=None, requires_grad=False, device=None):
    devices.check_creation_device(device)
    order = layout.preserved_order(t._array)  # t's layout (stride()), unless t is expanded
    return _new(np.ones_like(t._array, (dtype or t.dtype).numpy, order=order), requires_grad)


@takes_tensors("input")
def full_like(t, fill_value, dtype=None, requires_grad=False, device=None):
    devices.check_creation_device(device)
    order = layout.preserved_order(t._array)  # t's layout (stride()), unless t is expanded
    return _new(np.full_like(t._array, fill_value, (dtype or t.dtype).numpy, order=order), requires_grad)


@takes_tensors("input")
def empty_like(t, dtype=None, requires_grad=False, device=None):
    """Like PyTorch's, a tensor of t's shape whose values you are to overwrite (here they are zeros)."""
    return zeros_like(t, dtype=dtype, requires_grad=requires_grad, device=device)


def arange(start, end=None, step=1, dtype=None, requires_grad=False, device=None):
    devices.check_creation_device(device)
    if end is None:
        start, end = 0, start
    start, end, step = (v.item() if isinstance(v, (Tensor, np.generic)) else v for v in (start, end, step))
    dtype = dtypes.resolve(dtype, "arange")
    if dtype is None:
        is_float = builtins.any(isinstance(v, float) for v in (start, end, step))
        dtype = dtypes.DEFAULT_FLOAT if is_float else dtypes.int64
    return _new(ranges.arange(start, end, step, dtype.numpy), requires_grad)


def linspace(start, end, steps, dtype=None, requires_grad=False, device=None):
    """``steps`` evenly spaced values from ``start`` to ``end``, both included (PyTorch's exact values)."""
    devices.check_creation_device(device)
    return _new(ranges.linspace(start, end, _steps(steps), _float_dtype(dtype)), requires_grad)


def logspace(start, end, steps, base=10.0, dtype=None, requires_grad=False, device=None):
    """``base ** linspace(start, end, steps)``: values evenly spaced on a log scale."""
    devices.check_creation_device(device)
    return _new(ranges.logspace(start, end, _steps(steps), builtins.float(base), _float_dtype(dtype)),
                requires_grad)


def _steps(steps):
    if isinstance(steps, builtins.bool) or not isinstance(steps, (numbers.Integral, Tensor)):
        raise TypeError(f"argument 'steps' must be int, not {type(steps).__name__}")
    steps = builtins.int(steps)
    if steps < 0:
        raise RuntimeError("number of steps must be non-negative")
    return steps


def eye(n, m=None, dtype=None, requires_grad=False, device=None):
    devices.check_creation_device(device)
    return _new(np.eye(n, m, dtype=_float_dtype(dtype)), requires_grad)
