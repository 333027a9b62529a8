"""How PyTorch's functions may be called, beyond their own signatures: NumPy's argument names
(``axis=``, ``keepdims=``, ``size=``; see ``parity/aliases.py``) and ``out=``, a tensor the result
is written into (``torch.add(a, b, out=c)``).

Nothing here is written per function: :func:`install` passes every function of the ``torch``
namespace and every Tensor method through these wrappers once, at import, using the tables in
``parity/aliases.py`` to know which accept what. A function or method with none of these
parameters is left as it is, so the common calls cost nothing extra.
"""
import functools
import types
import warnings

import numpy as np

from ..parity import aliases, dtypes
from .grad_mode import _grad_mode, no_grad
from .arguments import return_type
from .tensor import Tensor


def install(namespace, tensor_class=Tensor):
    """Give the functions in ``namespace`` (a module's globals) and the methods of ``tensor_class``
    PyTorch's extra argument names, and ``out=`` to the functions PyTorch gives it to."""
    for name, function in list(namespace.items()):
        if isinstance(function, types.FunctionType) and not name.startswith("_") \
                and name not in aliases.PYTHON_WRITTEN and not getattr(function, "_pytorch_conventions", False):
            plain, function = function, aliases.numpy_names(function, name)
            if name in aliases.FUNCTIONS_WITH_OUT:
                function = accepting_out(function, name, plain)
            namespace[name] = _mark(function)
    for name, method in list(vars(tensor_class).items()):
        if callable(method) and not name.startswith("_") and name not in aliases.PYTHON_WRITTEN \
                and not getattr(method, "_pytorch_conventions", False):
            setattr(tensor_class, name, _mark(aliases.numpy_names(method, name, method=True)))


def _mark(function):
    try:
        function._pytorch_conventions = True  # installed once, even if install() runs again
    except AttributeError:  # a builtin or a slot wrapper: nothing was wrapped
        pass
    return function


def accepting_out(function, name, plain=None):
    """``function``, also accepting ``out=``: the result is written into that tensor (or tuple of
    tensors, for functions returning values and indices), which is returned. ``plain`` is the
    function before ``numpy_names`` wrapped it: a call without keywords (``torch.tanh(x)``, the
    common one) needs neither wrapper, so it goes there directly, one Python call shorter."""
    plain = plain or function

    @functools.wraps(function)
    def with_out(*args, out=None, **kwargs):
        if out is None:
            return function(*args, **kwargs) if kwargs else plain(*args)
        return _write_into(out, name, function, args, kwargs)

    return with_out


def _tensors_in(values):
    for value in values:
        if isinstance(value, Tensor):
            yield value
        elif isinstance(value, (list, tuple)):
            yield from _tensors_in(value)


def _write_into(out, name, function, args, kwargs):
    outs = tuple(out) if isinstance(out, (tuple, list)) else (out,)
    for target in outs:
        if not isinstance(target, Tensor):
            raise TypeError(f"{name}(): argument 'out' must be Tensor, not {type(target).__name__}")
    inputs = list(_tensors_in(args)) + list(_tensors_in(kwargs.values()))
    if _grad_mode.enabled and any(t.requires_grad for t in inputs + list(outs)):
        raise RuntimeError(
            f"{name}(): functions with out=... arguments don't support automatic differentiation, but one "
            "of the arguments requires grad. Leave out out= (write y = torch.f(...)), or wrap the call in "
            "`with torch.no_grad():`.")
    if name in aliases.CREATION_FUNCTIONS:
        kwargs = _creation_dtype(name, kwargs, outs[0])
    with no_grad():
        result = function(*args, **kwargs)
    results = result if isinstance(result, tuple) else (result,)
    if len(results) != len(outs):
        raise TypeError(f"{name}(): out= needs {len(results)} tensor{'s' if len(results) > 1 else ''} "
                        f"here, got {len(outs)}")
    for value, target in zip(results, outs):
        _write(value, target, inputs)
    if isinstance(result, tuple) and hasattr(result, "_fields"):  # torch.return_types.max_out(...)
        if result._fields != ("values", "indices"):  # aminmax_out(min=..., max=...): the result's own names
            return _named_out(name, result._fields)(*outs)
        return return_type(f"{name}_out")(*outs)
    return out


def _named_out(name, fields):
    """A ``torch.return_types.NAME_out`` tuple with ``fields`` (aminmax's min and max)."""
    from collections import namedtuple

    def __repr__(self):
        shown = ",\n".join(f"{field}={value!r}" for field, value in zip(fields, self))
        return f"torch.return_types.{name}_out(\n{shown})"

    return type(f"{name}_out", (namedtuple(f"{name}_out", fields),), {"__slots__": (), "__repr__": __repr__})


def _creation_dtype(name, kwargs, target):
    """A new tensor written into ``out`` takes out's dtype, unless another is asked for."""
    asked = kwargs.get("dtype")
    if asked is None:
        return {**kwargs, "dtype": target.dtype}
    if asked is not target.dtype:
        raise RuntimeError(f"dtype {dtypes.TYPE_NAMES_SHORT[asked.name]} does not match dtype of out parameter "
                           f"({dtypes.TYPE_NAMES_SHORT[target.dtype.name]})")
    return kwargs


def _write(value, target, inputs):
    array, storage = value._array, target._array
    for source in inputs:
        if source._array is not storage and np.may_share_memory(source._array, storage) \
                and not _same_elements(source._array, storage):
            raise RuntimeError(
                "unsupported operation: some elements of the input tensor and the written-to tensor refer to a "
                "single memory location. Please clone() the tensor before performing the operation.")
    if not np.can_cast(array.dtype, storage.dtype, casting="same_kind"):  # PyTorch's rule: never to a lower kind
        raise RuntimeError(
            f"result type {dtypes.TYPE_NAMES_SHORT[value.dtype.name]} can't be cast to the desired output type "
            f"{dtypes.TYPE_NAMES_SHORT[target.dtype.name]}")
    if array.shape != storage.shape:
        if storage.size:
            warnings.warn(
                f"An output with one or more elements was resized since it had shape {list(storage.shape)}, which "
                f"does not match the required output shape {list(array.shape)}. This behavior is deprecated, and "
                "in a future PyTorch release outputs will not be resized unless they have zero elements. You can "
                "explicitly reuse an out tensor t by resizing it, inplace, to zero elements with t.resize_(0).",
                UserWarning, stacklevel=4)
        target._array = array.astype(storage.dtype, copy=True)
    elif not storage.flags.writeable:
        raise RuntimeError(
            "unsupported operation: more than one element of the written-to tensor refers to a single memory "
            "location. Please clone() the tensor before performing the operation.")
    else:
        np.copyto(storage, array, casting="unsafe")
    target._version += 1


def _same_elements(a, b):
    """Whether two arrays are the same view of memory (out=x with x an input is allowed)."""
    return (a.__array_interface__["data"][0] == b.__array_interface__["data"][0] and a.shape == b.shape
            and a.strides == b.strides)
