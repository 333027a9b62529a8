"""The rest of PyTorch's Tensor, added to the class of ``tensor_core.py``: shape and dtype,
conversions, printing, the operators (``+ - * / ** @ == <``...), in-place changes and indexing.

An operator works out the result's dtype the way PyTorch does and runs an op spec (``ops/``, in the
form of ``spec.py``), which computes the values and, when grad mode is on and an input requires
grad, records a node (``grad_fn``). The derivatives live in the specs, not here; the public
functions (``autodidact.sum``, ``autodidact.reshape``...) live next to their specs and are installed
here, so this module is also the engine's namespace of functions.
"""
import builtins
import numbers

import numpy as np

from ..parity import devices, dtypes, indexing, layout, versions
from ..parity.dtypes import DType
from ..parity.float_errors import quiet
from ..parity.once import warn_once
from ..parity.printing import format_scalar, tensor_repr
from . import dual, hooks, tensor_core
from .arguments import (Size, check_broadcast, dim_arg, needs_float, operand, operand_tensor, resolve_shape,  # noqa: F401
                        shape_arg, takes_tensors)
from .creation import (arange, as_tensor, empty, empty_like, eye, from_numpy, full, full_like, linspace,  # noqa: F401
                       logspace, ones, ones_like, tensor, tensor_data, tensor_of, zeros, zeros_like)
from .generator import numpy_generator
from .graph import _grad_mode
from . import ops
# What the operators and methods below call (the functions live next to their specs in ops/), and
# the functions that have no Tensor method of their own (autodidact.cat, autodidact.broadcast_to...).
from .ops.arithmetic_more import (_check_bool_subtraction, _floor_divide, _rpow, _rsub, clip, divide,  # noqa: F401
                                  floor_divide, multiply, negative, pow, reciprocal, remainder, subtract,
                                  true_divide)
from .ops.elementwise_more import abs
from .ops.linalg import ger, matmul  # noqa: F401
from .ops.linalg import matmul as _matmul_tensors  # (install() below wraps `matmul` in a check)
from .ops.shape import (broadcast_shapes, broadcast_tensors, broadcast_to, cat, concat, concatenate,  # noqa: F401
                        expand, flip, permute, reshape, stack)



def _apply(op, *inputs, **params):
    """Run ``op`` (a spec) forward on ``inputs`` and record it: the same as ``op(*inputs, **params)``."""
    return op(*inputs, **params)


_SEQUENCES = (list, tuple)  # not operands of PyTorch's operators (see Tensor.__add__)
_NOT_LEFT = (list, tuple, np.ndarray)  # not on the left of a tensor either


def _binary(op, a, b):
    """Elementwise arithmetic with PyTorch's dtype promotion and broadcasting."""
    # Fast path, the common case: two tensors of one dtype, or a float tensor and a Python float.
    if type(b) is Tensor and a._array.dtype == b._array.dtype:
        x, y = a._array, b._array
    elif type(b) is float and a._array.dtype.kind == "f":
        x, y = a._array, b
    else:
        dtype = dtypes.result_type((a, b))
        x = operand(a, dtype)
        y = operand(b, dtype)
    try:
        return op.on((x, y), (a, b))
    except ValueError:  # NumPy could not broadcast: say so with PyTorch's error and both shapes
        check_broadcast(np.shape(x), np.shape(y))
        raise


def _true_divide(a, b):
    dtype = dtypes.result_type((a, b))
    if not dtype.is_floating_point:
        dtype = dtypes.DEFAULT_FLOAT
    x, y = operand(a, dtype), operand(b, dtype)
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        check_broadcast(a._array.shape, b._array.shape)
    return ops.DIV.on((x, y), (a, b))  # its forward ignores NumPy's warnings: 1/0 is inf, as in PyTorch


def _compare(ufunc, a, b):
    dtype = dtypes.result_type((a, b))
    x, y = operand(a, dtype), operand(b, dtype)
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        check_broadcast(a._array.shape, b._array.shape)
    return Tensor._wrap(np.asarray(ufunc(x, y)))


def _unary(op, t):
    t = needs_float(t)
    return _apply(op, t)  # log(-1) gives nan, as in PyTorch: no warning (spec.on silences it)


def _refuse_inference_write(t):
    """Called once ``t`` was changed in place. PyTorch notices an inference tensor only when it counts
    the change (inference tensors have no version counter), so the values are already written."""
    if t._inference and not _grad_mode.inference:
        raise RuntimeError(
            "Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone "
            "to get a normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 "
            "for more details.")


def _add_to_core(cls):
    """Class decorator: add what ``cls`` defines to the Tensor of ``tensor_core.py``; return that."""
    for name, value in vars(cls).items():
        if name not in ("__dict__", "__weakref__", "__module__", "__qualname__", "__doc__"):
            setattr(tensor_core.Tensor, name, value)
    return tensor_core.Tensor


@_add_to_core
class Tensor:
    """The rest of PyTorch's Tensor, added to the class defined in ``tensor_core.py``: shape and
    dtype, conversions, printing, arithmetic operators, in-place changes, indexing.

    An n-dimensional array of numbers that can record how it was computed.

    Create one with ``autodidact.tensor(data, requires_grad=...)``. The values live in ``._array``,
    a NumPy array; ``grad_fn`` is the backward node of the op that made it (None for leaves).
    """

    def __init__(self, *args):
        # torch.Tensor(...) is a legacy constructor: data or a shape, always float32.
        if len(args) == 1 and not isinstance(args[0], numbers.Number):
            data = tensor_data(args[0], dtypes.float32)
        else:
            data = np.empty(shape_arg(args), dtype=np.float32)
        self._init(data)

    # -- attributes ---------------------------------------------------------------------------
    @property
    def data(self):
        """The same values as a new tensor outside the graph (shared memory), as in PyTorch.

        Changes made through ``.data`` are invisible to autograd, so prefer ``with no_grad():`` for
        updates and ``.detach()`` for a copy without history. The NumPy array itself is ``.numpy()``
        (or ``._array`` inside autodidact).
        """
        return self._same_memory()

    @data.setter
    def data(self, value):
        if not isinstance(value, Tensor):
            raise TypeError(f"Variable data has to be a tensor, but got {type(value).__name__}")
        self._array = value._array

    @property
    def dtype(self):
        return dtypes.from_numpy_dtype(self._array.dtype)

    @property
    def shape(self):
        return Size(self._array.shape)

    def size(self, dim=None):
        if dim is None:
            return Size(self._array.shape)
        return self._array.shape[dim_arg(dim, self._array.ndim)]

    @property
    def ndim(self):
        return self._array.ndim

    def dim(self):
        return self._array.ndim

    def numel(self):
        return int(self._array.size)

    nelement = numel

    def element_size(self):
        return self._array.itemsize

    @property
    def is_cuda(self):
        return False

    @property
    def is_cpu(self):
        return True

    @property
    def device(self):
        return devices.CPU

    def get_device(self):
        return -1  # PyTorch's answer for a CPU tensor

    @property
    def T(self):
        if self.ndim != 2:  # PyTorch's deprecation (given once): .T is meant for matrices
            warn_once(
                "Tensor.T is deprecated on 0-D tensors. This function is the identity in these cases."
                if self.ndim == 0 else
                "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is deprecated "
                "and it will throw an error in a future release. Consider `x.mT` to transpose batches of "
                "matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` to reverse the dimensions of a "
                "tensor.", UserWarning, stacklevel=2)
        dims = tuple(range(self.ndim))[::-1]
        return _apply(ops.PERMUTE, self, dims=dims)

    @property
    def mT(self):
        if self.ndim == 1:
            raise RuntimeError(f"tensor.mT is only supported on matrices or batches of matrices. Got "
                               f"{self.ndim}-D tensor.")
        return self.transpose(-2, -1)

    # -- conversion ----------------------------------------------------------------------------
    def item(self):
        if self._array.size != 1:
            raise RuntimeError(
                f"a Tensor with {self._array.size} elements cannot be converted to Scalar. item() reads "
                "the one number in a single-element tensor; use .tolist() for all values, or index "
                "first (t[0].item())."
            )
        return self._array.reshape(()).item()

    def tolist(self):
        return self._array.tolist()

    def numpy(self, *, force=False):
        # As in PyTorch, only while recording: under no_grad() nothing could differentiate the array.
        if self._requires_grad and _grad_mode.enabled and not force:
            raise RuntimeError(
                "Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead."
            )
        return self._array

    def __array__(self, dtype=None, copy=None):
        array = self.numpy()
        return array if dtype is None else array.astype(dtype)

    def __float__(self):
        if self._requires_grad and _grad_mode.enabled:  # PyTorch is silent under no_grad
            warn_once("Converting a tensor with requires_grad=True to a scalar may lead to "
                      "unexpected behavior.\nConsider using tensor.detach() first.", UserWarning, stacklevel=2)
        return float(self._scalar("float"))

    def __int__(self):
        return int(self._scalar("int"))

    def __index__(self):
        if self.dtype.is_floating_point or self._array.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self._array.reshape(()))

    def __bool__(self):
        if self._array.size != 1:
            raise RuntimeError(
                f"Boolean value of Tensor with more than one value is ambiguous (this one has "
                f"{self._array.size}). Use .any() or .all() to say which you mean."
            )
        return bool(self._array.reshape(()))

    def _scalar(self, kind):
        if self._array.size != 1:
            raise ValueError(f"only one element tensors can be converted to Python scalars (this one has "
                            f"{self._array.size}); use .tolist() for all of them")
        return self._array.reshape(()).item()

    def __len__(self):
        if self._array.ndim == 0:
            raise TypeError("len() of a 0-d tensor: it holds one number and has no length. Use .item() "
                            "to read the number, or .numel() to count elements.")
        return self._array.shape[0]

    def __iter__(self):
        if self._array.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return (self[i] for i in range(self._array.shape[0]))

    __hash__ = object.__hash__

    def __repr__(self):
        return tensor_repr(self._array, self._suffixes())

    __str__ = __repr__

    def _suffixes(self):
        suffixes = []
        dtype = self.dtype
        if self._array.size == 0:
            if dtype is not dtypes.float32:
                suffixes.append(f"dtype={dtype}")
        elif dtype not in (dtypes.float32, dtypes.int64, dtypes.bool_):
            suffixes.append(f"dtype={dtype}")
        try:
            grad_fn = self.grad_fn
        except RuntimeError:  # a view PyTorch cannot follow after an in-place change: it prints so
            suffixes.append("grad_fn=<Invalid>")
            return suffixes
        if grad_fn is not None:
            suffixes.append(f"grad_fn=<{type(grad_fn).__name__}>")
        elif self.requires_grad:
            suffixes.append("requires_grad=True")
        if dual._level is not None and (tangent := dual.tangent_of(self)) is not None:
            suffixes.append(f"tangent={tangent}")
        return suffixes

    def __format__(self, spec):
        if self._array.ndim == 0:
            return format_scalar(self.item(), spec)
        if spec:
            raise TypeError(
                f"unsupported format string passed to Tensor.__format__: only 0-d tensors take a format "
                f"spec like '{spec}'; this one has shape {list(self.shape)}. Format one element "
                "(f'{t[0]:.2f}') or the list (t.tolist())."
            )
        return str(self)

    # -- dtype conversion ----------------------------------------------------------------------
    def to(self, *args, dtype=None, device=None, non_blocking=False, copy=False):
        """This tensor converted to ``dtype`` (``x.to(torch.float64)``, ``x.to(other)`` for other's
        dtype). A device is checked and otherwise has no effect: everything is on the CPU."""
        for arg in args:
            if isinstance(arg, DType):
                dtype = arg
            elif isinstance(arg, Tensor):
                dtype = arg.dtype
            elif arg in (bool, int, float):
                dtype = arg
            elif devices.is_device_name(arg):
                device = arg
            else:
                raise TypeError(f"to() received an invalid combination of arguments - got "
                                f"({type(arg).__name__}): pass a dtype, a device or a tensor")
        devices.check_device(device)
        dtype = dtypes.resolve(dtype, "to")
        if dtype is None or dtype is self.dtype:
            return self.clone() if copy else self
        if not dtype.is_floating_point:  # integers and bools have no gradient: nothing to record
            with quiet():  # nan or inf to an integer, silently as in PyTorch
                return Tensor._wrap(self._array.astype(dtype.numpy))
        return _apply(ops.TO_DTYPE, self, dtype=dtype)

    def type(self, dtype=None):
        if dtype is None:
            return f"torch.{dtypes.TYPE_NAMES_SHORT[self.dtype.name]}Tensor"
        if isinstance(dtype, str):  # x.type("torch.DoubleTensor")
            from .legacy_types import BY_NAME

            if dtype not in BY_NAME:
                raise ValueError(f"invalid type: '{dtype}'")
            dtype = BY_NAME[dtype]
        return self.to(getattr(dtype, "dtype", dtype))  # a dtype, or torch.LongTensor and the like

    def float(self):
        return self.to(dtypes.float32)

    def double(self):
        return self.to(dtypes.float64)

    def long(self):
        return self.to(dtypes.int64)

    def int(self):
        return self.to(dtypes.int32)

    def bool(self):
        return self.to(dtypes.bool_)

    def half(self):
        return self.to(dtypes.float16)

    def short(self):
        return self.to(dtypes.int16)

    def char(self):
        return self.to(dtypes.int8)

    def byte(self):
        return self.to(dtypes.uint8)

    def is_floating_point(self):
        return self.dtype.is_floating_point

    def cpu(self):
        return self

    def cuda(self, device=None, non_blocking=False):
        devices.check_device("cuda")

    def contiguous(self):
        """This tensor if its elements are laid out row by row, else a copy that is (CloneBackward0)."""
        if self._array.flags.c_contiguous:
            return self
        # clone keeps the layout it is given (as PyTorch's does): give it the values row by row
        return ops.CLONE.on((np.ascontiguousarray(self._array),), (self,))

    # -- autograd ------------------------------------------------------------------------------
    register_hook = hooks.register_hook  # t.register_hook(fn): see engine/hooks.py

    @property
    def _version(self):
        """How many times these values were changed in place. A view (and ``detach()``) shares the
        count with its base, as in PyTorch, so a change through either one is seen by both."""
        return self._versions[0]

    @_version.setter
    def _version(self, value):
        self._versions[0] = value

    @property
    def retains_grad(self):
        return self._retains_grad

    def detach(self):
        """The same values (shared memory), cut off from the graph: no grad_fn, no requires_grad.
        It shares the version count too, so an in-place change through it is seen by backward."""
        detached = self._same_memory()
        detached._versions = self._versions
        return detached

    def detach_(self):
        self.grad_fn = None
        self._requires_grad = False
        return self

    def _same_memory(self):
        """A new tensor on this one's memory; an inference tensor's stays one (as PyTorch's views)."""
        t = Tensor._wrap(self._array)
        t._inference = self._inference
        return t

    def is_inference(self):
        """True for a tensor made inside ``torch.inference_mode()``. Outside that mode it cannot be
        changed in place, nor saved by an op that autograd records: ``.clone()`` it first."""
        return self._inference

    def clone(self):
        return ops.CLONE.on((self._array,), (self,))  # the same as ops.CLONE(self), shorter

    # x.new_ones(5, 3): a new tensor with x's dtype (and device) unless dtype= says otherwise.
    def new_zeros(self, *size, dtype=None, device=None, requires_grad=False):
        return zeros(*size, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def new_ones(self, *size, dtype=None, device=None, requires_grad=False):
        return ones(*size, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def new_empty(self, *size, dtype=None, device=None, requires_grad=False):
        return empty(*size, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def new_full(self, size, fill_value, *, dtype=None, device=None, requires_grad=False):
        return full(size, fill_value, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def new_tensor(self, data, dtype=None, device=None, requires_grad=False):
        return tensor(data, dtype=dtype or self.dtype, device=device, requires_grad=requires_grad)

    def _recorded_copy(self):
        """``torch.empty_like(self).copy_(self)``, recorded as PyTorch records it (CopyBackwards):
        how a leaf's first gradient is stored under ``create_graph`` (``accumulate.accumulate``)."""
        return _apply(ops.COPY, Tensor._wrap(np.empty_like(self._array)), self, key=Ellipsis)

    # -- arithmetic ----------------------------------------------------------------------------
    # As in PyTorch, operators combine a tensor with tensors and numbers, and a NumPy array on its
    # right; a list or tuple (t + [1, 2]) or an array on its left (np.array(...) + t) is a TypeError:
    # the operator returns NotImplemented, so Python raises it. Wrap the data with torch.tensor(...).
    def __add__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        return _binary(ops.ADD, self, other)

    def __radd__(self, other):
        if type(other) in _NOT_LEFT:
            return NotImplemented
        return _binary(ops.ADD, self, other)

    def __sub__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        _check_bool_subtraction(self, other)
        return _binary(ops.SUB, self, other)

    def __rsub__(self, other):
        if type(other) in _NOT_LEFT:
            return NotImplemented
        _check_bool_subtraction(other, self)
        return _rsub(self, other)

    def __mul__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        return _binary(ops.MUL, self, other)

    def __rmul__(self, other):
        if type(other) in _NOT_LEFT:
            return NotImplemented
        return _binary(ops.MUL, self, other)

    def __truediv__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        return _true_divide(self, other)

    def __floordiv__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        return _floor_divide(self, other)

    def __rfloordiv__(self, other):
        if type(other) in _NOT_LEFT:
            return NotImplemented
        return _floor_divide(operand_tensor(other, dtypes.result_type((other, self))), self)

    def __mod__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        return _binary(ops.REMAINDER_TENSOR if isinstance(other, Tensor) else ops.REMAINDER, self, other)

    def __rmod__(self, other):
        if type(other) in _NOT_LEFT:
            return NotImplemented
        return _binary(ops.REMAINDER_TENSOR, operand_tensor(other, dtypes.result_type((other, self))), self)

    def __rtruediv__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        # PyTorch computes number / t as reciprocal(t) * number (so its grad_fn is MulBackward0).
        return reciprocal(self) * other

    def __pow__(self, exponent):
        if type(exponent) in _SEQUENCES:
            return NotImplemented
        return pow(self, exponent)

    def __rpow__(self, base):
        if type(base) in _NOT_LEFT:
            return NotImplemented
        return _rpow(base, self)

    def __neg__(self):
        if self._array.dtype == np.bool_:
            raise RuntimeError("Negation, the `-` operator, on a bool tensor is not supported. If you are "
                               "trying to invert a mask, use the `~` or `logical_not()` operator instead.")
        return _apply(ops.NEG, self)

    def __pos__(self):
        return self

    def __abs__(self):
        return abs(self)

    def __matmul__(self, other):
        if type(other) is Tensor:  # the common case: no need for torch.matmul's check of its arguments
            return _matmul_tensors(self, other)
        if type(other) in _SEQUENCES:
            return NotImplemented
        return matmul(self, other)

    def __rmatmul__(self, other):
        if type(other) in _NOT_LEFT:
            return NotImplemented
        return matmul(other, self)

    def __eq__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        return _compare(np.equal, self, other)

    def __ne__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        return _compare(np.not_equal, self, other)

    def __lt__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        return _compare(np.less, self, other)

    def __le__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        return _compare(np.less_equal, self, other)

    def __gt__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        return _compare(np.greater, self, other)

    def __ge__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        return _compare(np.greater_equal, self, other)

    def __and__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        return ops.bitwise.bitwise_and(self, other)

    def __or__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        return ops.bitwise.bitwise_or(self, other)

    def __xor__(self, other):
        if type(other) in _SEQUENCES:
            return NotImplemented
        return ops.bitwise.bitwise_xor(self, other)

    def __rand__(self, other):
        return NotImplemented if type(other) in _NOT_LEFT else self & other

    def __ror__(self, other):
        return NotImplemented if type(other) in _NOT_LEFT else self | other

    def __rxor__(self, other):
        return NotImplemented if type(other) in _NOT_LEFT else self ^ other

    def __invert__(self):
        return ops.bitwise.bitwise_not(self)

    def __lshift__(self, other):
        return ops.bitwise.bitwise_left_shift(self, other)

    def __rshift__(self, other):
        return ops.bitwise.bitwise_right_shift(self, other)

    def __rlshift__(self, other):
        return ops.bitwise.bitwise_left_shift(other, self)

    def __rrshift__(self, other):
        return ops.bitwise.bitwise_right_shift(other, self)

    def eq(self, other):
        return self == other

    def ne(self, other):
        return self != other

    def lt(self, other):
        return self < other

    def le(self, other):
        return self <= other

    def gt(self, other):
        return self > other

    def ge(self, other):
        return self >= other

    def equal(self, other):
        return self._array.shape == other._array.shape and bool(np.array_equal(self._array, other._array))

    def allclose(self, other, rtol=1e-05, atol=1e-08, equal_nan=False):
        return bool(np.allclose(self._array, tensor_of(other)._array, rtol, atol, equal_nan))

    # -- in-place operations -------------------------------------------------------------------
    def _inplace(self, compute):
        """Run ``compute(t)`` out of place and write the result into this tensor (see parity.versions)."""
        if dual._level is not None:  # forward-mode AD: in-place changes of dual tensors are refused
            compute = dual.refuse_in_place(self, compute)
        if self._view_of is not None and _grad_mode.enabled and ops.write_through_view(self, compute):
            return self  # a view: the change was recorded in its base's history (ops/indexing.py)
        versions.write_in_place(self, compute, _grad_mode.enabled)
        if self._inference:
            _refuse_inference_write(self)
        return self

    def _update(self, ufunc, other):
        """The parameter update of every training step (``p -= lr * g`` under no_grad), written
        straight into the array: the same values as ``t - other`` copied in, without making that
        tensor first. Returns False, for the general path, when anything else is involved: grad
        mode, forward AD, a view, an inference tensor, dtype promotion or broadcasting."""
        array = self._array
        if _grad_mode.enabled or dual._level is not None or self._view_of is not None or self._inference \
                or array.dtype.kind != "f" or not array.flags.writeable:
            return False
        if type(other) is Tensor and other._array.dtype == array.dtype and other._array.shape == array.shape:
            other = other._array
        elif type(other) is not float:
            return False
        with quiet():  # 1/0 is inf, as in PyTorch, without NumPy's warning
            ufunc(array, other, out=array)  # NumPy copies first when `other` overlaps `array`
        self._versions[0] += 1  # self._version += 1, without the property's two calls
        return True

    def add_(self, other, alpha=1):
        if alpha == 1 and self._update(np.add, other):
            return self
        return self._inplace(lambda t: t + (other * alpha if alpha != 1 else other))

    def sub_(self, other, alpha=1):
        if alpha == 1 and self._update(np.subtract, other):
            return self
        return self._inplace(lambda t: t - (other * alpha if alpha != 1 else other))

    def mul_(self, other):
        if self._update(np.multiply, other):
            return self
        return self._inplace(lambda t: t * other)

    def div_(self, other):
        if self._update(np.true_divide, other):
            return self
        return self._inplace(lambda t: t / other)

    def pow_(self, exponent):
        return self._inplace(lambda t: t ** exponent)

    def clamp_(self, min=None, max=None):
        return self._inplace(lambda t: t.clamp(min, max))

    def neg_(self):
        return self._inplace(lambda t: -t)

    def exp_(self):
        return self._inplace(lambda t: t.exp())

    def zero_(self):
        if _grad_mode.enabled and self.grad_fn is not None:  # the old history no longer counts
            return self._inplace(lambda t: _apply(ops.ZERO, t))
        return self.fill_(0)

    def fill_(self, value):
        if _grad_mode.enabled and self.grad_fn is None and self._requires_grad:
            raise versions.leaf_in_place_error()
        if isinstance(value, Tensor) and value.ndim != 0:
            raise RuntimeError(
                f"fill_ only supports 0-dimension value tensor but got tensor with {value.ndim} "
                "dimensions. To copy a whole tensor in, use t.copy_(values) or t[...] = values."
            )
        value_requires = isinstance(value, Tensor) and value._requires_grad
        if _grad_mode.enabled and (self._requires_grad or value_requires):
            if isinstance(value, Tensor):
                return self._inplace(lambda t: _apply(ops.FILL_TENSOR, t, value.to(t.dtype)))
            return self._inplace(lambda t: _apply(ops.FILL, t, value=value))
        value = value.item() if isinstance(value, Tensor) else value
        if self._array.flags.writeable:
            self._array[...] = value
        else:  # an expanded view: its elements share memory places, which the base can fill
            versions.fill_through_base(self, value)
        self._versions[0] += 1  # self._version += 1, without the property's two calls (zero_() runs per step)
        if self._inference:
            _refuse_inference_write(self)
        return self

    def copy_(self, source):
        # The new values are the source's, broadcast to this tensor's shape (CopyBackwards, as in
        # PyTorch; not t * 0 + source, which turns inf or nan already in t into nan).
        values = tensor_of(source).to(self.dtype)
        if values._array.shape != self._array.shape:
            expand(values, self._array.shape)  # only to refuse, with PyTorch's error, what cannot broadcast
        return self._inplace(lambda t: _apply(ops.COPY, t, values, key=Ellipsis))

    def normal_(self, mean=0.0, std=1.0, *, generator=None):
        if std < 0:
            raise RuntimeError(f"normal expects std >= 0.0, but found std {std}")
        return self._overwrite_randomly("normal_", lambda rng: rng.normal(mean, std, self._array.shape), generator)

    def uniform_(self, a=0.0, b=1.0, *, generator=None):
        if a > b:
            raise RuntimeError(f"uniform_ expects to return a [from, to) range, but found from={a} > to={b}")
        return self._overwrite_randomly("uniform_", lambda rng: rng.uniform(a, b, self._array.shape), generator)

    def _overwrite_randomly(self, method, draw, generator):
        if _grad_mode.enabled and self.grad_fn is None and self._requires_grad:
            raise versions.leaf_in_place_error()  # initialise parameters under no_grad, as nn.init does
        if not self.dtype.is_floating_point:  # PyTorch has no kernel for random integers here
            kernel = {"normal_": "normal_kernel_cpu", "uniform_": "check_uniform_bounds"}[method]
            raise NotImplementedError(f'"{kernel}" not implemented for \'{dtypes.TYPE_NAMES_SHORT[self.dtype.name]}\'')
        values = draw(numpy_generator(generator, method))
        self._array[...] = values
        self._version += 1
        _refuse_inference_write(self)
        return self

    def __iadd__(self, other):
        return self.add_(other)

    def __isub__(self, other):
        return self.sub_(other)

    def __imul__(self, other):
        return self.mul_(other)

    def __itruediv__(self, other):
        return self.div_(other)

    # t //= 2 and the others change t itself, as in PyTorch (without these Python would make a new
    # tensor and rebind the name, leaving views and other names of t unchanged).
    def __ifloordiv__(self, other):
        return self._inplace(lambda t: t // other)

    def __imod__(self, other):
        return self._inplace(lambda t: t % other)

    def __ipow__(self, exponent):
        return self.pow_(exponent)

    def __iand__(self, other):
        return self._inplace(lambda t: ops.bitwise.in_place(ops.bitwise.bitwise_and, t, other))

    def __ior__(self, other):
        return self._inplace(lambda t: ops.bitwise.in_place(ops.bitwise.bitwise_or, t, other))

    def __ixor__(self, other):
        return self._inplace(lambda t: ops.bitwise.in_place(ops.bitwise.bitwise_xor, t, other))

    def __ilshift__(self, other):
        return self._inplace(lambda t: ops.bitwise.in_place(ops.bitwise.bitwise_left_shift, t, other))

    def __irshift__(self, other):
        return self._inplace(lambda t: ops.bitwise.in_place(ops.bitwise.bitwise_right_shift, t, other))

    # -- indexing --------------------------------------------------------------------------------
    def __getitem__(self, key):
        key, kind = indexing.interpret(key, self._array.shape)
        return ops.INDEX_BY_KIND[kind].on((self._array,), (self,), {"key": key})  # op(self, key=key), shorter

    def __setitem__(self, key, value):
        bare_slice = isinstance(key, slice)
        key, kind = indexing.interpret(key, self._array.shape)
        if kind == "index" and isinstance(value, Tensor) and value.dtype is not self.dtype:
            indexing.check_index_put_dtypes(key, self.dtype, value)
        if bare_slice:  # unlike reading, writing t[:] = v skips a slice that keeps everything
            kind = indexing.basic_index_kind((key,), self._array.shape)
        if kind == "index" and indexing.writes_into_a_view(key, self._array.shape):
            kind = "slice"  # PyTorch names it CopySlices, as for a write into t[0], t[1:]
        if _grad_mode.enabled and self.grad_fn is None and self._requires_grad and self._view_of is None:
            # PyTorch writes t[0] = v into the view t[0]: then the leaf error names a view
            raise (versions.view_of_leaf_error() if kind in ("select", "slice", "unsqueeze")
                   else versions.leaf_in_place_error())
        value_requires = isinstance(value, Tensor) and value._requires_grad
        if _grad_mode.enabled and (self.requires_grad or value_requires):
            self._inplace(lambda t: _index_put(t, key, value, kind))
            return
        if isinstance(value, Tensor):
            value = value._array.reshape(indexing.setitem_shape(self._array[key].shape, value._array.shape))
        self._array[key] = value
        self._version += 1
        _refuse_inference_write(self)

    # -- methods that forward to the functions below ------------------------------------------
    def flip(self, *dims):
        return flip(self, dims[0] if len(dims) == 1 and isinstance(dims[0], (tuple, list)) else dims)

    def is_contiguous(self):
        """True when the elements sit in memory row by row; transposes and permutes are views that
        do not (``.contiguous()`` makes a copy that does)."""
        return builtins.bool(self._array.flags.c_contiguous)

    def stride(self, dim=None):
        """How many elements apart in memory neighbours along each dim are (``t.stride()``, or one
        dim's ``t.stride(dim)``): (3, 1) for a 2x3 tensor, (1, 3) for its transpose."""
        steps = layout.strides(self._array)
        return steps if dim is None else steps[dim_arg(dim, self.ndim)]

    def storage_offset(self):
        """Where this tensor's first element is in the memory it shares with its base (``t[1:]``: 1)."""
        return layout.storage_offset(self._array)

    def reshape(self, *shape):
        return reshape(self, shape_arg(shape))

    def view(self, *shape):
        shape = resolve_shape(shape_arg(shape), self._array.size)
        view = self._array.view()
        try:
            view.shape = shape
        except AttributeError:
            raise RuntimeError(
                f"view size is not compatible with input tensor's size and stride: a tensor of shape "
                f"{list(self.shape)} laid out like this one (e.g. after a transpose) cannot be viewed as "
                f"{list(shape)} without copying. Use .reshape(...) instead, which copies when it must."
            ) from None
        return ops.VIEW(self, shape=shape)  # it can be a view: checked just above

    def view_as(self, other):
        return self.view(other.shape)

    def reshape_as(self, other):
        return self.reshape(other.shape)

    def permute(self, *dims):
        return permute(self, shape_arg(dims))

    def expand(self, *shape):
        return expand(self, shape_arg(shape))

    def expand_as(self, other):
        return expand(self, other.shape)

    def repeat(self, *sizes):
        """Tile the tensor: ``sizes[d]`` copies along each dim d (RepeatBackward0). With more sizes
        than dims, the tensor first gets leading dims of size 1, so ``[1, 2].repeat(2, 2)`` is 2×4."""
        sizes = shape_arg(sizes)
        if len(sizes) < self.ndim:
            raise RuntimeError(
                "Number of dimensions of repeat dims can not be smaller than number of dimensions of "
                f"tensor. The tensor has {self.ndim} dims, so give at least {self.ndim} sizes "
                f"(got {len(sizes)}); use 1 for a dim to keep as it is."
            )
        if builtins.any(n < 0 for n in sizes):
            raise RuntimeError(f"Trying to create tensor with negative dimension: repeat{sizes}. "
                               "Each size is a number of copies, 0 or more.")
        return _apply(ops.REPEAT, self, repeats=sizes)


# ---------------------------------------------------------------------------------------------
# Indexing: what an index means and how PyTorch names it is parity code (parity/indexing.py);
# here each kind of index gets its op (ops.INDEX_BY_KIND).

def _index_put(t, key, value, index_kind):
    """Out-of-place ``t[key] = value``, named as PyTorch names it: IndexPutBackward0 when the key holds
    tensors (masks, positions), CopyBackwards when it covers everything (``t[...]``), else CopySlices.
    ``index_kind`` is the kind of index reading ``t[key]`` is (see parity.indexing)."""
    value = tensor_of(value, dtype=t.dtype).to(t.dtype)
    fitted = indexing.setitem_shape(t._array[key].shape, value._array.shape)
    if fitted != value._array.shape:
        value = value.reshape(fitted)
    op = {"index": ops.INDEX_PUT_TENSOR, "alias": ops.COPY}.get(index_kind, ops.INDEX_PUT)
    if op is ops.COPY and value.ndim == 0:  # t[...] = a 0-d tensor: PyTorch fills
        return _apply(ops.FILL_TENSOR, t, value)
    return _apply(op, t, value, key=key)




# ---------------------------------------------------------------------------------------------
# Small functions of tensors (the others live next to their specs in ops/)


@takes_tensors("input")
def numel(t):
    return t.numel()


def is_tensor(obj):
    return isinstance(obj, Tensor)


@takes_tensors("input", "other")
def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    return a.allclose(b, rtol, atol, equal_nan)


@takes_tensors("input", "other")
def equal(a, b):
    return a.equal(b)


# The public functions, methods and in-place variants made from the specs (ops/public.py), with
# the hand-written ones registered next to their specs, are installed here and on Tensor. A
# function that says which arguments must be tensors (@public(..., tensors=...)) is installed
# checking them, as the functions above that say so with @takes_tensors.
ops.public.generate()
ops.public.install(Tensor, globals())
Tensor.clip = Tensor.clamp
