"""The Tensor: a NumPy array plus what autograd needs to know about it.

Every differentiable function here does three things: work out the result's dtype the way PyTorch
does, compute the values with the op's ``forward`` from the op table, and, when grad mode is on and
an input requires grad, record a node (``grad_fn``) that points back to the inputs. The derivatives
themselves live in the op specs (``ops/``, in the form of ``spec.py``), not here.
"""
import builtins
import numbers
import warnings
import weakref
from collections import namedtuple

import numpy as np

from ..parity import devices, dtypes, indexing, layout, ranges, versions
from ..parity.dtypes import DType
from ..parity.float_errors import quiet
from ..parity.once import warn_once
from ..parity.printing import format_scalar, tensor_repr
from . import tensor_core
from .generator import numpy_generator
from .graph import _grad_mode
from .spec import public


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


def _return_type(name):
    """A (values, indices) named tuple that prints like PyTorch's ``torch.return_types.max(...)``."""

    def __repr__(self):
        return f"torch.return_types.{name}(\nvalues={self.values!r},\nindices={self.indices!r})"

    return type(name, (namedtuple(name, ["values", "indices"]),), {"__slots__": (), "__repr__": __repr__})


return_types_max = _return_type("max")
return_types_min = _return_type("min")
return_types_sort = _return_type("sort")
return_types_topk = _return_type("topk")


def _as_tensor(value, dtype=None):
    return value if isinstance(value, Tensor) else tensor(value, dtype=dtype)


def _shape_arg(shape):
    """Accept ``f(2, 3)``, ``f((2, 3))`` and ``f([2, 3])`` alike."""
    if len(shape) == 1 and isinstance(shape[0], (tuple, list, Size)):
        shape = shape[0]
    return tuple(int(n) for n in shape)


def _dim_arg(dim, ndim):
    """Turn a possibly negative dim into a positive one; IndexError (as PyTorch) when out of range."""
    size = builtins.max(ndim, 1)
    if not -size <= dim < size:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{-size}, {size - 1}], but got {dim}). "
            f"The tensor has {ndim} dimension{'s' if ndim != 1 else ''}."
        )
    return dim % size


def _check_broadcast(shape_a, shape_b):
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


def _apply(op, *inputs, **params):
    """Run ``op`` (a spec) forward on ``inputs`` and record it: the same as ``op(*inputs, **params)``."""
    return op(*inputs, **params)


def _binary(op, a, b):
    """Elementwise arithmetic with PyTorch's dtype promotion and broadcasting."""
    # Fast path, the common case: two tensors of one dtype, or a float tensor and a Python float.
    if type(b) is Tensor and a._array.dtype == b._array.dtype:
        x, y = a._array, b._array
    elif type(b) is float and a._array.dtype.kind == "f":
        x, y = a._array, b
    else:
        dtype = dtypes.result_type((a, b))
        x = _operand(a, dtype)
        y = _operand(b, dtype)
    try:
        return op.on((x, y), (a, b))
    except ValueError:  # NumPy could not broadcast: say so with PyTorch's error and both shapes
        _check_broadcast(np.shape(x), np.shape(y))
        raise


def _operand(value, dtype):
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
    return dtype.numpy.type(value) if isinstance(value, np.generic) else value


def _true_divide(a, b):
    dtype = dtypes.result_type((a, b))
    if not dtype.is_floating_point:
        dtype = dtypes.DEFAULT_FLOAT
    x, y = _operand(a, dtype), _operand(b, dtype)
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        _check_broadcast(a._array.shape, b._array.shape)
    return ops.DIV.on((x, y), (a, b))  # its forward ignores NumPy's warnings: 1/0 is inf, as in PyTorch


def _compare(ufunc, a, b):
    dtype = dtypes.result_type((a, b))
    x, y = _operand(a, dtype), _operand(b, dtype)
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        _check_broadcast(a._array.shape, b._array.shape)
    return Tensor._wrap(np.asarray(ufunc(x, y)))


def _needs_float(t):
    if not t.dtype.is_floating_point:
        return t.to(dtypes.DEFAULT_FLOAT)
    return t


def _unary(op, t):
    t = _needs_float(t)
    with np.errstate(all="ignore"):  # log(-1) gives nan, as in PyTorch: no warning
        return _apply(op, t)


def _refuse_inference_write(t):
    """Called once ``t`` was changed in place. PyTorch notices an inference tensor only when it counts
    the change (inference tensors have no version counter), so the values are already written."""
    if t._inference and not _grad_mode.inference:
        raise RuntimeError(
            "Inplace update to inference tensor outside InferenceMode is not allowed.You can make a clone "
            "to get a normal tensor before doing inplace update.See https://github.com/pytorch/rfcs/pull/17 "
            "for more details.")


@tensor_core.add_methods
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
            data = _tensor_data(args[0], dtypes.float32)
        else:
            data = np.empty(_shape_arg(args), dtype=np.float32)
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
        return self._array.shape[_dim_arg(dim, self._array.ndim)]

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
        if self._requires_grad:
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
        return _apply(ops.CLONE, self)

    # -- autograd ------------------------------------------------------------------------------

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
        return _apply(ops.CLONE, self)

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

    def register_hook(self, hook):
        raise NotImplementedError(
            "register_hook is not part of autodidact; use retain_grad() to see a non-leaf's gradient, "
            "or autodidact.trace() to watch every backward step."
        )

    # -- arithmetic ----------------------------------------------------------------------------
    def __add__(self, other):
        return _binary(ops.ADD, self, other)

    def __radd__(self, other):
        return _binary(ops.ADD, self, other)

    def __sub__(self, other):
        _check_bool_subtraction(self, other)
        return _binary(ops.SUB, self, other)

    def __rsub__(self, other):
        _check_bool_subtraction(other, self)
        return _rsub(self, other)

    def __mul__(self, other):
        return _binary(ops.MUL, self, other)

    def __rmul__(self, other):
        return _binary(ops.MUL, self, other)

    def __truediv__(self, other):
        return _true_divide(self, other)

    def __floordiv__(self, other):
        return _floor_divide(self, other)

    def __rfloordiv__(self, other):
        return _floor_divide(_as_tensor(other), self)

    def __mod__(self, other):
        return _binary(ops.REMAINDER_TENSOR if isinstance(other, Tensor) else ops.REMAINDER, self, other)

    def __rmod__(self, other):
        return _binary(ops.REMAINDER_TENSOR, _as_tensor(other, dtype=dtypes.result_type((other,))), self)

    def __rtruediv__(self, other):
        # PyTorch computes number / t as reciprocal(t) * number (so its grad_fn is MulBackward0).
        return reciprocal(self) * other

    def __pow__(self, exponent):
        return pow(self, exponent)

    def __rpow__(self, base):
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
        return matmul(self, other)

    def __rmatmul__(self, other):
        return matmul(other, self)

    def __eq__(self, other):
        return _compare(np.equal, self, other)

    def __ne__(self, other):
        return _compare(np.not_equal, self, other)

    def __lt__(self, other):
        return _compare(np.less, self, other)

    def __le__(self, other):
        return _compare(np.less_equal, self, other)

    def __gt__(self, other):
        return _compare(np.greater, self, other)

    def __ge__(self, other):
        return _compare(np.greater_equal, self, other)

    def __and__(self, other):
        return _logical(np.logical_and, np.bitwise_and, self, other)

    def __or__(self, other):
        return _logical(np.logical_or, np.bitwise_or, self, other)

    def __xor__(self, other):
        return _logical(np.logical_xor, np.bitwise_xor, self, other)

    __rand__, __ror__, __rxor__ = __and__, __or__, __xor__

    def __invert__(self):
        if self.dtype is dtypes.bool_:
            return Tensor._wrap(np.logical_not(self._array))
        return Tensor._wrap(np.invert(self._array))

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
        return bool(np.allclose(self._array, _as_tensor(other)._array, rtol, atol, equal_nan))

    # -- in-place operations -------------------------------------------------------------------
    def _inplace(self, compute):
        """Run ``compute(t)`` out of place and write the result into this tensor (see parity.versions)."""
        if self._view_of is not None and _grad_mode.enabled and ops.write_through_view(self, compute):
            return self  # a view: the change was recorded in its base's history (ops/indexing.py)
        versions.write_in_place(self, compute, _grad_mode.enabled)
        _refuse_inference_write(self)
        return self

    def add_(self, other, alpha=1):
        return self._inplace(lambda t: t + (other * alpha if alpha != 1 else other))

    def sub_(self, other, alpha=1):
        return self._inplace(lambda t: t - (other * alpha if alpha != 1 else other))

    def mul_(self, other):
        return self._inplace(lambda t: t * other)

    def div_(self, other):
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
        self._version += 1
        _refuse_inference_write(self)
        return self

    def copy_(self, source):
        # The new values are the source's, broadcast to this tensor's shape (not t * 0 + source,
        # which turns inf or nan already in t into nan).
        return self._inplace(lambda t: expand(_as_tensor(source).to(self.dtype), self._array.shape))

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

    # -- indexing --------------------------------------------------------------------------------
    def __getitem__(self, key):
        key, kind = indexing.interpret(key, self._array.shape)
        return _apply(ops.INDEX_BY_KIND[kind], self, key=key)

    def __setitem__(self, key, value):
        bare_slice = isinstance(key, slice)
        key, kind = indexing.interpret(key, self._array.shape)
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
            indexing.check_setitem_shape(self._array[key].shape, value._array.shape)
        self._array[key] = value._array if isinstance(value, Tensor) else value
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
        return steps if dim is None else steps[_dim_arg(dim, self.ndim)]

    def storage_offset(self):
        """Where this tensor's first element is in the memory it shares with its base (``t[1:]``: 1)."""
        return layout.storage_offset(self._array)

    def reshape(self, *shape):
        return reshape(self, _shape_arg(shape))

    def view(self, *shape):
        shape = _resolve_shape(_shape_arg(shape), self._array.size)
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
        return permute(self, _shape_arg(dims))

    def expand(self, *shape):
        return expand(self, _shape_arg(shape))

    def expand_as(self, other):
        return expand(self, other.shape)

    def repeat(self, *sizes):
        """Tile the tensor: ``sizes[d]`` copies along each dim d (RepeatBackward0). With more sizes
        than dims, the tensor first gets leading dims of size 1, so ``[1, 2].repeat(2, 2)`` is 2×4."""
        sizes = _shape_arg(sizes)
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


def _logical(logical, bitwise, a, b):
    x = _as_tensor(a)
    y = _as_tensor(b)
    if x.dtype is dtypes.bool_ and y.dtype is dtypes.bool_:
        return Tensor._wrap(np.asarray(logical(x._array, y._array)))
    return Tensor._wrap(np.asarray(bitwise(x._array, y._array)))


# ---------------------------------------------------------------------------------------------
# Indexing: what an index means and how PyTorch names it is parity code (parity/indexing.py);
# here each kind of index gets its op (ops.INDEX_BY_KIND).

def _index_put(t, key, value, index_kind):
    """Out-of-place ``t[key] = value``, named as PyTorch names it: IndexPutBackward0 when the key holds
    tensors (masks, positions), CopyBackwards when it covers everything (``t[...]``), else CopySlices.
    ``index_kind`` is the kind of index reading ``t[key]`` is (see parity.indexing)."""
    value = _as_tensor(value, dtype=t.dtype).to(t.dtype)
    indexing.check_setitem_shape(t._array[key].shape, value._array.shape)
    op = {"index": ops.INDEX_PUT_TENSOR, "alias": ops.COPY}.get(index_kind, ops.INDEX_PUT)
    if op is ops.COPY and value.ndim == 0:  # t[...] = a 0-d tensor: PyTorch fills
        return _apply(ops.FILL_TENSOR, t, value)
    return _apply(op, t, value, key=key)


# ---------------------------------------------------------------------------------------------
# Creating tensors


def _tensor_data(data, dtype):
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
    array = np.array(_tensor_data(data, dtype), copy=True)
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
    return _new(np.zeros(_shape_arg(shape), _float_dtype(dtype)), requires_grad)


def ones(*shape, dtype=None, requires_grad=False, device=None):
    devices.check_creation_device(device)
    return _new(np.ones(_shape_arg(shape), _float_dtype(dtype)), requires_grad)


def empty(*shape, dtype=None, requires_grad=False, device=None):
    devices.check_creation_device(device)
    return zeros(*shape, dtype=dtype, requires_grad=requires_grad)


def full(shape, fill_value, dtype=None, requires_grad=False, device=None):
    devices.check_creation_device(device)
    if dtype is None:
        dtype = dtypes.scalar_dtype(fill_value)
    return _new(np.full(_shape_arg((shape,)), fill_value, dtype.numpy), requires_grad)


def zeros_like(t, dtype=None, requires_grad=False, device=None):
    devices.check_creation_device(device)
    return _new(np.zeros(t._array.shape, (dtype or t.dtype).numpy), requires_grad)


def ones_like(t, dtype=None, requires_grad=False, device=None):
    devices.check_creation_device(device)
    return _new(np.ones(t._array.shape, (dtype or t.dtype).numpy), requires_grad)


def full_like(t, fill_value, dtype=None, requires_grad=False, device=None):
    devices.check_creation_device(device)
    return _new(np.full(t._array.shape, fill_value, (dtype or t.dtype).numpy), requires_grad)


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


# Random tensors (rand, randn, randint, normal, ...) are in random.py.


# ---------------------------------------------------------------------------------------------
# Math functions (each is one op of the table)


@public("function", "method", "inplace")
def relu(t):
    return _apply(ops.RELU, t)


@public("function", "method")
def abs(t):
    return _apply(ops.ABS, t)


@public("function", "method")
def neg(input):
    return -input


negative = neg


@public("function", "method")
def reciprocal(t):
    t = _needs_float(t)
    with np.errstate(divide="ignore"):
        return _apply(ops.RECIPROCAL, t)


@public("function", "method")
def square(t):
    return t ** 2


@public("function", "method")
def sign(t):
    """-1, 0 or 1 by the sign of each element. Its derivative is 0 (SignBackward0)."""
    if not t.dtype.is_floating_point:  # no gradient for whole numbers; bools are their own sign
        return Tensor._wrap(t._array.copy() if t.dtype is dtypes.bool_ else np.sign(t._array))
    return _apply(ops.SIGN, t)


@public("function", "method")
def pow(t, exponent):
    """``t ** exponent``: a number exponent (PowBackward0) or a tensor one (PowBackward1)."""
    if not isinstance(t, Tensor):
        return _rpow(t, exponent)
    if isinstance(exponent, Tensor):
        dtype = dtypes.result_type((t, exponent))
        if dtype is dtypes.bool_:
            raise _pow_of_bools()
        if not dtype.is_floating_point and (exponent._array < 0).any():
            raise RuntimeError("Integers to negative integer powers are not allowed.")
        x, y = _operand(t, dtype), _operand(exponent, dtype)
        _check_broadcast(t._array.shape, exponent._array.shape)
        with np.errstate(all="ignore"):
            return ops.POW_TENSOR.on((x, y), (t, exponent))
    if not isinstance(exponent, numbers.Number):
        raise TypeError(f"unsupported exponent type {type(exponent).__name__}: use a number or a tensor")
    dtype = dtypes.result_type((t, exponent))
    x = _operand(t, dtype)
    if dtype is dtypes.bool_:  # bools to a bool power: True ** False is True, as in PyTorch
        return Tensor._wrap(np.power(x.astype(np.int64), int(exponent)).astype(np.bool_))
    if not dtype.is_floating_point and exponent < 0:
        raise RuntimeError("Integers to negative integer powers are not allowed.")
    with np.errstate(all="ignore"):
        return ops.POW.on((x,), (t,), {"exponent": exponent})


def _pow_of_bools():
    return NotImplementedError('"pow" not implemented for \'Bool\'. Convert the bools first, e.g. '
                               't.long() or t.float().')


def _rpow(base, t):
    dtype = dtypes.result_type((base, t))
    if dtype is dtypes.bool_:
        raise _pow_of_bools()
    x = _operand(t, dtype if dtype.is_floating_point else dtypes.DEFAULT_FLOAT) \
        if isinstance(base, float) else _operand(t, dtype)
    with np.errstate(all="ignore"):
        return ops.RPOW.on((x,), (t,), {"self": base})


def _is_bool(value):
    if isinstance(value, Tensor):
        return value._array.dtype == np.bool_
    return isinstance(value, (bool, np.bool_))


def _check_bool_subtraction(a, b):
    """PyTorch refuses ``-`` on bools (True - True has no bool answer); say what to use instead."""
    if type(a) is Tensor and type(b) in (Tensor, float) and a._array.dtype.kind == "f" \
            and (type(b) is float or b._array.dtype.kind == "f"):
        return  # the common case, decided at once: floats
    a_bool = _is_bool(a)
    b_bool = _is_bool(b)
    if a_bool and b_bool:
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. "
                           "Use the `^` or `logical_xor()` operator instead.")
    if a_bool or b_bool:
        raise RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. If you "
                           "are trying to invert a mask, use the `~` or `logical_not()` operator "
                           "instead; to do arithmetic, convert first (e.g. mask.float()).")


def _floor_divide(a, b):
    """``a // b``. PyTorch has no derivative for it: the result has a grad_fn that refuses backward."""
    dtype = dtypes.result_type((a, b))
    return ops.FLOOR_DIVIDE.on((_operand(a, dtype), _operand(b, dtype)), (a, b))


def remainder(a, b):
    return _as_tensor(a) % b


def floor_divide(a, b):
    return _as_tensor(a) // b


def _rsub(t, number):
    dtype = dtypes.result_type((t, number))
    return ops.RSUB.on((_operand(t, dtype), _operand(number, dtype)), (t, number))


@public("function", "method")
def add(input, other, alpha=1):
    return _as_tensor(input) + (other * alpha if alpha != 1 else other)


@public("function", "method")
def sub(input, other, alpha=1):
    return _as_tensor(input) - (other * alpha if alpha != 1 else other)


subtract = sub


@public("function", "method")
def mul(a, b):
    return _as_tensor(a) * b


multiply = mul


@public("function", "method")
def div(a, b):
    return _as_tensor(a) / b


divide = true_divide = div


@public("function", "method")
def clamp(t, min=None, max=None):
    """Limit values to [min, max]; the gradient is 1 inside (bounds included) and 0 outside."""
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    low = min.item() if isinstance(min, Tensor) else min
    high = max.item() if isinstance(max, Tensor) else max
    return _apply(ops.CLAMP, t, min=low, max=high)


clip = clamp


def _bound(function, value):
    if isinstance(value, Tensor):
        if value.requires_grad and _grad_mode.enabled:
            raise NotImplementedError(f"{function} with a bound that requires grad is not part of autodidact "
                                      "(PyTorch's ClampMinBackward1/ClampMaxBackward1); give the bound as a number.")
        return value.item()
    return value


@public("function")
def relu_(input):
    """``input.relu_()``: negative values set to 0 in place."""
    return input.relu_()


@public("function", "method")
def bincount(input, weights=None, minlength=0):
    """How often each value 0, 1, 2... occurs in ``input`` (1-D, non-negative integers); with
    ``weights``, the sum of the weights at each value's places instead. Not differentiable."""
    if input.dtype.is_floating_point or input.dtype is dtypes.bool_:
        raise NotImplementedError(f'"bincount_cpu" not implemented for \'{dtypes.TYPE_NAMES_SHORT[input.dtype.name]}\'')
    values = input._array
    if values.ndim != 1 or (values.size and values.min() < 0):
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    if minlength < 0:
        raise RuntimeError("minlength should be >= 0")
    if weights is None:
        return Tensor._wrap(np.bincount(values, minlength=minlength).astype(np.int64))
    if weights.ndim != 1 or weights.shape[0] != values.shape[0]:
        raise RuntimeError("weights should be 1-d and have the same length as input")
    if weights.requires_grad and _grad_mode.enabled:
        raise NotImplementedError("the derivative for bincount is not implemented (as in PyTorch): pass "
                                  "weights.detach().")
    dtype = np.float32 if weights.dtype is dtypes.float32 else np.float64  # as PyTorch: float64 otherwise
    return Tensor._wrap(np.bincount(values, weights._array, minlength=minlength).astype(dtype))


@public("function", "method", "inplace")
def clamp_min(input, min):
    """Raise every value below ``min`` to ``min``: the gradient is 1 where ``input ≥ min``, else 0."""
    return _apply(ops.CLAMP_MIN, input, min=_bound("clamp_min", min))


@public("function", "method", "inplace")
def clamp_max(input, max):
    """Lower every value above ``max`` to ``max``: the gradient is 1 where ``input ≤ max``, else 0."""
    return _apply(ops.CLAMP_MAX, input, max=_bound("clamp_max", max))


@public("function")
def where(condition, a=None, b=None):
    """Pick from ``a`` where ``condition`` is True, else from ``b`` (all broadcast together).
    ``where(condition)`` alone gives the positions where it is True (nonzero(as_tuple=True))."""
    if a is None and b is None:
        return nonzero(_as_tensor(condition), as_tuple=True)
    condition = _as_tensor(condition)
    if condition.dtype is not dtypes.bool_:
        raise RuntimeError(f"where expected condition to be a boolean tensor, but got a tensor with dtype "
                           f"{dtypes.TYPE_NAMES_SHORT[condition.dtype.name]}. Compare first, e.g. where(x > 0, ...).")
    dtype = dtypes.result_type((a, b))
    x, y = np.asarray(_operand(a, dtype), dtype.numpy), np.asarray(_operand(b, dtype), dtype.numpy)
    return ops.WHERE.on((condition._array, x, y), (condition, a, b))


def _pairwise_extreme(op, a, b):
    for position, (name, value) in enumerate((("input", a), ("other", b)), start=1):
        if not isinstance(value, Tensor):
            raise TypeError(f"{op.name}(): argument '{name}' (position {position}) must be Tensor, not "
                            f"{type(value).__name__}. "
                            f"Wrap numbers with torch.tensor(...), or use clamp(min=...)/clamp(max=...).")
    dtype = dtypes.result_type((a, b))
    _check_broadcast(a._array.shape, b._array.shape)
    return op.on((_operand(a, dtype), _operand(b, dtype)), (a, b))


@public("function", "method")
def maximum(a, b):
    """The larger of ``a`` and ``b``, elementwise (MaximumBackward0); a tie splits the gradient."""
    return _pairwise_extreme(ops.MAXIMUM, a, b)


@public("function", "method")
def minimum(a, b):
    """The smaller of ``a`` and ``b``, elementwise (MinimumBackward0); a tie splits the gradient."""
    return _pairwise_extreme(ops.MINIMUM, a, b)


# Reductions ----------------------------------------------------------------------------------


def _dims(dim, ndim):
    dims = dim if isinstance(dim, (tuple, list)) else (dim,)
    return tuple(sorted(_dim_arg(d, ndim) for d in dims))


@public("function", "method")
def sum(t, dim=None, keepdim=False, dtype=None):
    """Add up all elements, or along ``dim`` (SumBackward0 / SumBackward1)."""
    if dtype is not None:
        t = t.to(dtype)
    elif not t.dtype.is_floating_point:
        t = t.to(dtypes.int64)  # as in PyTorch: sums of bools and of integers of any size are int64
    if dim is None:
        return _apply(ops.SUM, t)
    dims = _dims(dim, t.ndim)
    return _apply(ops.SUM_DIM, t, dim=dims, keepdim=keepdim)


@public("function", "method")
def mean(t, dim=None, keepdim=False):
    """The average of all elements, or along ``dim`` (MeanBackward0 / MeanBackward1)."""
    if not t.dtype.is_floating_point:
        raise RuntimeError(
            f"mean(): could not infer output dtype. Input dtype must be either a floating point or "
            f"complex dtype. Got: {dtypes.TYPE_NAMES_SHORT[t.dtype.name]}. Convert first, e.g. t.float().mean()."
        )
    if dim is None:
        with np.errstate(invalid="ignore", divide="ignore"):
            return _apply(ops.MEAN, t)
    return _apply(ops.MEAN_DIM, t, dim=_dims(dim, t.ndim), keepdim=keepdim)


def _extreme(t, dim, keepdim, whole_op, dim_op, arg, result_type):
    if dim is None:
        if t._array.size == 0:
            raise RuntimeError(
                f"{whole_op.name}(): Expected reduction dim to be specified for input.numel() == 0. "
                "The tensor is empty, so it has no largest or smallest element."
            )
        return _apply(whole_op, t)
    dim = _dim_arg(dim, t.ndim)
    indices = arg(t._array, axis=dim)
    values = _apply(dim_op, t, dim=dim, keepdim=keepdim, indices=indices)
    indices_tensor = Tensor._wrap(np.expand_dims(indices, dim) if keepdim else np.asarray(indices))
    return result_type(values, indices_tensor.long())


@public("function", "method")
def max(t, dim=None, keepdim=False):
    """The largest element, or ``(values, indices)`` along ``dim``; also elementwise max of two tensors."""
    if isinstance(dim, Tensor):
        return maximum(t, dim)
    return _extreme(t, dim, keepdim, ops.MAX, ops.MAX_DIM, np.argmax, return_types_max)


@public("function", "method")
def min(t, dim=None, keepdim=False):
    if isinstance(dim, Tensor):
        return minimum(t, dim)
    return _extreme(t, dim, keepdim, ops.MIN, ops.MIN_DIM, np.argmin, return_types_min)


@public("function", "method")
def argmax(t, dim=None, keepdim=False):
    if dim is None:  # the position in the flattened tensor (with keepdim: of shape (1, 1, ...))
        position = np.asarray(np.argmax(t._array), dtype=np.int64)
        return Tensor._wrap(position.reshape((1,) * t.ndim) if keepdim else position)
    return Tensor._wrap(np.asarray(np.argmax(t._array, axis=_dim_arg(dim, t.ndim), keepdims=keepdim),
                                   dtype=np.int64))


@public("function", "method")
def argmin(t, dim=None, keepdim=False):
    if dim is None:  # the position in the flattened tensor (with keepdim: of shape (1, 1, ...))
        position = np.asarray(np.argmin(t._array), dtype=np.int64)
        return Tensor._wrap(position.reshape((1,) * t.ndim) if keepdim else position)
    return Tensor._wrap(np.asarray(np.argmin(t._array, axis=_dim_arg(dim, t.ndim), keepdims=keepdim),
                                   dtype=np.int64))


# Ops from common tutorials ---------------------------------------------------------------------


@public("function", "method")
def softmax(t, dim):
    """``exp(t) / exp(t).sum(dim)``: each slice along ``dim`` becomes probabilities (SoftmaxBackward0)."""
    t = _needs_float(t)
    return _apply(ops.SOFTMAX, t, dim=_dim_arg(dim, t.ndim))


@public("function", "method")
def log_softmax(t, dim):
    """``log(softmax(t, dim))``, computed without overflow or log(0) (LogSoftmaxBackward0)."""
    t = _needs_float(t)
    return _apply(ops.LOG_SOFTMAX, t, dim=_dim_arg(dim, t.ndim))


def _step_function(op, t):
    if not t.dtype.is_floating_point:  # whole numbers already: a copy, as in PyTorch
        return Tensor._wrap(t._array.copy())
    return _apply(op, t)


@public("function", "method")
def floor(t):
    """Round down to a whole number. Its derivative is 0 (FloorBackward0)."""
    return _step_function(ops.FLOOR, t)


@public("function", "method")
def ceil(t):
    """Round up to a whole number. Its derivative is 0 (CeilBackward0)."""
    return _step_function(ops.CEIL, t)


@public("function", "method")
def round(t):
    """Round to the nearest whole number, halves to even (2.5 -> 2.). Its derivative is 0."""
    return _step_function(ops.ROUND, t)


def flip(t, dims):
    """Reverse the order of the elements along ``dims`` (FlipBackward0)."""
    dims = (dims,) if isinstance(dims, int) else tuple(dims)
    return _apply(ops.FLIP, t, dims=tuple(_dim_arg(d, t.ndim) for d in dims))


def _spread(name, op, t, dim, unbiased, keepdim, correction):
    if isinstance(dim, builtins.bool):  # the old spelling t.std(False): dim is "unbiased"
        dim, unbiased = None, dim
    if not t.dtype.is_floating_point:
        raise RuntimeError(f"{name}(): input dtype should be either floating point or complex dtypes. "
                           f"Got {dtypes.TYPE_NAMES_SHORT[t.dtype.name]} instead. Convert first, e.g. t.float().")
    if correction is None:
        correction = 0 if unbiased is False else 1
    dims = tuple(range(t.ndim)) if dim is None else _dims(dim, t.ndim)
    if int(np.prod([t._array.shape[d] for d in dims])) - correction <= 0:  # nan (or inf), as PyTorch warns
        warnings.warn(f"{name}(): degrees of freedom is <= 0. Correction should be strictly less than the "
                      "reduction factor (input numel divided by output numel).", UserWarning, stacklevel=3)
    return _apply(op, t, dim=dims, correction=correction, keepdim=keepdim)


@public("function", "method")
def var(t, dim=None, unbiased=None, keepdim=False, *, correction=None):
    """The variance: the mean squared distance from the mean, dividing by N - 1 by default
    (``correction=1``, Bessel's correction for a sample); ``correction=0`` divides by N."""
    return _spread("var", ops.VAR, t, dim, unbiased, keepdim, correction)


@public("function", "method")
def std(t, dim=None, unbiased=None, keepdim=False, *, correction=None):
    """The standard deviation, ``sqrt(var)``, with the same ``dim``/``correction`` as ``var``."""
    return _spread("std", ops.STD, t, dim, unbiased, keepdim, correction)


@public("function", "method")
def prod(t, dim=None, keepdim=False):
    """Multiply all elements, or along ``dim`` (ProdBackward0 / ProdBackward1). Integer and bool
    tensors give int64, as in PyTorch."""
    if not t.dtype.is_floating_point:
        t = t.to(dtypes.int64)
    if dim is None:
        return _apply(ops.PROD, t)
    return _apply(ops.PROD_DIM, t, dim=_dim_arg(dim, t.ndim), keepdim=keepdim)


@public("function", "method")
def cumsum(t, dim):
    """Running totals along ``dim``: ``out[i] = t[0] + ... + t[i]`` (CumsumBackward0). Integer and
    bool tensors give int64, as in PyTorch."""
    if not t.dtype.is_floating_point:
        t = t.to(dtypes.int64)
    return _apply(ops.CUMSUM, t, dim=_dim_arg(dim, t.ndim))


@public("function", "method")
def logsumexp(t, dim, keepdim=False):
    """``log(exp(t).sum(dim))`` without overflow: the largest value is taken out before ``exp``
    (LogsumexpBackward0). Its gradient is the softmax of ``t`` along ``dim``."""
    t = _needs_float(t)
    dims = _dims(dim, t.ndim) if t.ndim else ()
    return _apply(ops.LOGSUMEXP, t, dim=dims, keepdim=keepdim)


def _order(array, dim, descending):
    """Indices that sort ``array`` along ``dim``; equal values keep their order (a stable sort)."""
    if array.ndim == 0:
        return np.zeros((), dtype=np.int64)
    if not descending:
        return np.argsort(array, axis=dim, kind="stable").astype(np.int64)
    # Largest first, equal values still in their original order: sort the reversed array stably
    # and reverse the result. NaN, sorted last, then comes first, as in PyTorch.
    reversed_order = np.argsort(np.flip(array, dim), axis=dim, kind="stable")
    return (array.shape[dim] - 1 - np.flip(reversed_order, dim)).astype(np.int64)


@public("function", "method")
def sort(t, dim=-1, descending=False, *, stable=False):
    """``(values, indices)``: the elements along ``dim`` in increasing order (SortBackward0).

    Equal values always keep their original order. PyTorch's default sort does that too for up to
    16 elements; for longer rows only ``stable=True`` promises it, so the indices of ties can
    differ from PyTorch's there (the values never do)."""
    dim = _dim_arg(dim, t.ndim)
    indices = _order(t._array, dim, descending)
    values = _apply(ops.SORT, t, dim=dim, descending=descending, indices=indices)
    return return_types_sort(values, Tensor._wrap(indices))


@public("function", "method")
def topk(t, k, dim=-1, largest=True, sorted=True):
    """``(values, indices)`` of the ``k`` largest elements along ``dim`` (``largest=False``: the
    smallest), largest first (TopkBackward0). Among equal values the first ones are taken;
    PyTorch's choice among ties depends on its selection algorithm and can differ."""
    dim = _dim_arg(dim, t.ndim)
    size = t.shape[dim] if t.ndim else 1
    if not 0 <= k <= size:
        raise RuntimeError(f"selected index k out of range: k={k}, but dim {dim} has {size} elements. "
                           f"Choose k between 0 and {size}.")
    kept = (slice(None),) * dim + (slice(0, k),)
    order = _order(t._array, dim, largest)
    indices = order[kept] if t.ndim else order
    values = _apply(ops.TOPK, t, dim=dim, k=k, largest=largest, indices=indices)
    return return_types_topk(values, Tensor._wrap(indices))


def _pieces(op, t, dim, sizes):
    pieces, start = [], 0
    for size in sizes:
        key = (slice(None),) * dim + (slice(start, start + size),)
        pieces.append(_apply(op, t, key=key))
        start += size
    return versions.note_pieces(tuple(pieces))


@public("function", "method")
def split(t, split_size_or_sections, dim=0):
    """Cut ``t`` along ``dim`` into pieces of ``split_size`` (the last may be smaller), or of the
    listed sizes. Each piece's grad_fn is SplitBackward0 (SplitWithSizesBackward0 for a list)."""
    dim = _dim_arg(dim, t.ndim)
    length = t._array.shape[dim]
    if isinstance(split_size_or_sections, (list, tuple)):
        sizes = [int(n) for n in split_size_or_sections]
        if builtins.sum(sizes) != length or builtins.any(n < 0 for n in sizes):
            raise RuntimeError(
                f"split_with_sizes expects split_sizes to sum exactly to {length} (input tensor's size at "
                f"dimension {dim}), but got split_sizes={sizes}")
        return _pieces(ops.SPLIT_WITH_SIZES, t, dim, sizes)
    size = int(split_size_or_sections)
    if size <= 0 and length > 0:
        raise RuntimeError(f"split_size can only be 0 if dimension size is 0, but got dimension size of "
                           f"{length}")
    count = builtins.max(-(-length // size), 1) if size > 0 else 1
    sizes = [builtins.min(size, length - i * size) for i in range(count)]
    return _pieces(ops.SPLIT, t, dim, sizes)


@public("function", "method")
def chunk(t, chunks, dim=0):
    """Cut ``t`` into ``chunks`` pieces of equal size along ``dim`` (the last may be smaller, and
    there may be fewer pieces, as in PyTorch)."""
    if chunks <= 0:
        raise RuntimeError(f"chunk expects `chunks` to be greater than 0, got: {chunks}")
    length = t._array.shape[_dim_arg(dim, t.ndim)]
    return split(t, builtins.max(-(-length // chunks), 1), dim)


# Linear algebra ------------------------------------------------------------------------------


def _matmul_check(a, b, name):
    if a.dtype is not b.dtype:
        raise RuntimeError(
            f"expected m1 and m2 to have the same dtype, but got: {dtypes.TYPE_NAMES_SHORT[a.dtype.name].lower()} "
            f"!= {dtypes.TYPE_NAMES_SHORT[b.dtype.name].lower()}. Convert one of them, e.g. with .float()."
        )
    if a.ndim == 0 or b.ndim == 0:
        raise RuntimeError(
            f"both arguments to {name} need to be at least 1D, but they are {a.ndim}D and {b.ndim}D. "
            "Use * to multiply by a scalar."
        )


def _shape_mismatch(a, b, a_cols, b_rows):
    return RuntimeError(
        f"mat1 and mat2 shapes cannot be multiplied ({'x'.join(map(str, a.shape)) or 'scalar'} and "
        f"{'x'.join(map(str, b.shape))}): the left operand has {a_cols} columns but the right one has "
        f"{b_rows} rows. For A @ B, A's last size must equal B's first (second-to-last) size; "
        "transpose one of them (.T) if you meant the other orientation."
    )


@public("function", "method")
def matmul(a, b):
    """Matrix product, like ``a @ b``: picks mm, mv or dot by the operands' dimensions."""
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        x, y = a._array, b._array
        if x.ndim == 2 and y.ndim == 2 and x.dtype == y.dtype and x.shape[1] == y.shape[0]:
            return _apply(ops.MM, a, b)  # the common case, checked in one go
    a, b = _as_tensor(a), _as_tensor(b)
    _matmul_check(a, b, "matmul")
    a_cols = a._array.shape[-1]
    b_rows = b._array.shape[-2] if b.ndim > 1 else b._array.shape[0]
    if a_cols != b_rows:
        raise _shape_mismatch(a, b, a_cols, b_rows)
    if a.ndim == 2 and b.ndim == 2:
        return _apply(ops.MM, a, b)
    if a.ndim == 2 and b.ndim == 1:
        return _apply(ops.MV, a, b)
    if a.ndim == 1 and b.ndim == 1:
        return _apply(ops.DOT, a, b)
    if a.ndim == 1 and b.ndim == 2:  # PyTorch: a row vector times the matrix, then squeeze_(0)
        return _apply(ops.SQUEEZE_DIM_, _apply(ops.MM, a.unsqueeze(0), b), dim=0)
    return _apply(ops.MATMUL, a, b)


@public("function", "method")
def addmm(input, mat1, mat2):
    """``input + mat1 @ mat2`` in one op (AddmmBackward0): what ``nn.Linear`` computes on a batch.

    ``mat1`` and ``mat2`` are matrices; ``input`` (the bias) broadcasts to the product's shape.
    """
    input, mat1, mat2 = _as_tensor(input), _as_tensor(mat1), _as_tensor(mat2)
    _matmul_check(mat1, mat2, "addmm")
    if mat1.ndim != 2 or mat2.ndim != 2:
        raise RuntimeError(f"mat1 must be a matrix, got {mat1.ndim}-D tensor" if mat1.ndim != 2 else
                           f"mat2 must be a matrix, got {mat2.ndim}-D tensor")
    if mat1._array.shape[1] != mat2._array.shape[0]:
        raise _shape_mismatch(mat1, mat2, mat1._array.shape[1], mat2._array.shape[0])
    if input.dtype is not mat1.dtype:
        raise RuntimeError(
            f"self and mat2 must have the same dtype, but got {dtypes.TYPE_NAMES_SHORT[input.dtype.name]} and "
            f"{dtypes.TYPE_NAMES_SHORT[mat2.dtype.name]}. Convert the bias, e.g. with .to(mat1.dtype).")
    product_shape = (mat1._array.shape[0], mat2._array.shape[1])
    _check_broadcast(input._array.shape, product_shape)
    if np.broadcast_shapes(input._array.shape, product_shape) != product_shape:
        raise RuntimeError(f"The expanded size of the tensor ({list(product_shape)}) must match: the "
                           f"bias of shape {list(input.shape)} must broadcast to the product's shape "
                           f"{list(product_shape)}")
    return _apply(ops.ADDMM, input, mat1, mat2)


@public("function", "method")
def mm(a, b):
    _matmul_check(a, b, "mm")
    if a.ndim != 2 or b.ndim != 2:
        raise RuntimeError(f"mm expects two matrices (2-D), got {a.ndim}-D and {b.ndim}-D; use matmul or @")
    if a._array.shape[1] != b._array.shape[0]:
        raise _shape_mismatch(a, b, a._array.shape[1], b._array.shape[0])
    return _apply(ops.MM, a, b)


@public("function", "method")
def mv(a, b):
    _matmul_check(a, b, "mv")
    if a.ndim != 2 or b.ndim != 1 or a._array.shape[1] != b._array.shape[0]:
        raise RuntimeError(f"size mismatch in mv: got a matrix of shape {list(a.shape)} and a vector of "
                           f"shape {list(b.shape)}; the matrix needs as many columns as the vector has entries")
    return _apply(ops.MV, a, b)


@public("function", "method")
def dot(a, b):
    _matmul_check(a, b, "dot")
    if a.ndim != 1 or b.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors")
    if a._array.shape != b._array.shape:
        raise RuntimeError(
            f"inconsistent tensor size, expected tensor [{a._array.shape[0]}] and src [{b._array.shape[0]}] "
            "to have the same number of elements, but got "
            f"{a._array.shape[0]} and {b._array.shape[0]} elements respectively"
        )
    return _apply(ops.DOT, a, b)


@public("function")
def outer(a, b):
    return a.reshape(-1, 1) * b.reshape(1, -1)


ger = outer


# Shapes ----------------------------------------------------------------------------------------


def _resolve_shape(shape, size):
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


def reshape(t, shape):
    shape = _resolve_shape(tuple(shape), t._array.size)
    return _apply(_reshape_op(t._array, shape), t, shape=shape)


def _reshape_op(array, shape):
    """Which op PyTorch's reshape is here: a view of a contiguous tensor, a view of another one
    whose strides allow it (an alias), or a copy (shows in the grad_fn's name)."""
    if array.flags.c_contiguous:
        return ops.VIEW
    try:
        array.view().shape = shape  # NumPy refuses when only a copy can have this shape
    except AttributeError:
        return ops.UNSAFE_VIEW
    return ops.RESHAPE_ALIAS


@public("function", "method")
def flatten(t, start_dim=0, end_dim=-1):
    if t.ndim == 0:
        return t.reshape(1)
    start, end = _dim_arg(start_dim, t.ndim), _dim_arg(end_dim, t.ndim)
    shape = t._array.shape[:start] + (-1,) + t._array.shape[end + 1:]
    return t.reshape(shape) if start != end else t


@public("function", "method")
def squeeze(t, dim=None):
    """Remove size-1 dimensions: all of them, the one at ``dim``, or those of a tuple of dims."""
    if dim is None:
        return _apply(ops.SQUEEZE, t)
    if isinstance(dim, (tuple, list)):
        dims = [_dim_arg(d, t.ndim) for d in dim]
        for d in dims:
            if dims.count(d) > 1:
                raise RuntimeError(f"dim {d} appears multiple times in the list of dims")
        return _apply(ops.SQUEEZE_DIMS, t, dim=tuple(sorted(dims)))
    return _apply(ops.SQUEEZE_DIM, t, dim=_dim_arg(dim, t.ndim))


@public("function", "method")
def unsqueeze(t, dim):
    return _apply(ops.UNSQUEEZE, t, dim=_dim_arg(dim, t.ndim + 1))


@public("function", "method")
def transpose(t, dim0, dim1):
    return _apply(ops.TRANSPOSE, t, dim0=_dim_arg(dim0, t.ndim), dim1=_dim_arg(dim1, t.ndim))


@public("function", "method")
def t(tensor_):
    if tensor_.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {tensor_.ndim}D. "
                           "Use .transpose(dim0, dim1) or .permute(...) for more dimensions.")
    return _apply(ops.T, tensor_)


def permute(t, dims):
    if len(dims) != t.ndim:
        raise RuntimeError(f"permute(sparse_coo): number of dimensions in the tensor input does not match "
                           f"the length of the desired ordering of dimensions i.e. input.dim() = {t.ndim} "
                           f"is not equal to len(dims) = {len(dims)}. Name each of the {t.ndim} dims once.")
    dims = tuple(_dim_arg(d, t.ndim) for d in dims)
    if sorted(dims) != list(range(t.ndim)):
        raise RuntimeError(f"permute(sparse_coo): number of dimensions in the tensor input does not match "
                           f"the length of the desired ordering of dimensions: got {list(dims)} for a "
                           f"{t.ndim}-D tensor; name every dim exactly once")
    return _apply(ops.PERMUTE, t, dims=dims)


def expand(t, shape):
    shape = tuple(shape)
    lead = len(shape) - t.ndim
    if lead < 0:
        raise RuntimeError(f"expand: the number of sizes provided ({len(shape)}) must be greater or equal "
                           f"to the number of dimensions in the tensor ({t.ndim})")
    target = tuple(t._array.shape[i - lead] if n == -1 else n for i, n in enumerate(shape))
    for i, size in enumerate(t._array.shape):
        if size != 1 and size != target[lead + i]:
            raise RuntimeError(
                f"The expanded size of the tensor ({target[lead + i]}) must match the existing size ({size}) "
                f"at non-singleton dimension {lead + i}.  Target sizes: {list(shape)}.  Tensor sizes: "
                f"{list(t.shape)}"
            )
    return _apply(ops.EXPAND, t, size=target)


def broadcast_to(t, shape):
    return expand(t, shape)


def broadcast_shapes(*shapes):
    """The shape tensors of these shapes broadcast to, as a torch.Size, without making any tensor."""
    shapes = [(s,) if isinstance(s, (int, np.integer)) else tuple(s) for s in shapes]
    result = ()
    for index, shape in enumerate(shapes):
        try:
            result = tuple(np.broadcast_shapes(result, shape))
        except ValueError:
            raise RuntimeError(
                f"Shape mismatch: {list(shape)} (argument {index}) cannot be broadcast with {list(result)}: "
                "broadcasting lines shapes up from the right, and each pair of sizes must be equal or one "
                "of them 1.") from None
    return Size(result)


def broadcast_tensors(*tensors):
    """Expand the tensors to their common broadcast shape (a tensor already of that shape comes back as is)."""
    tensors = [_as_tensor(t) for t in tensors]
    for other in tensors[1:]:
        _check_broadcast(tensors[0].shape, other.shape)
    shape = broadcast_shapes(*(t.shape for t in tensors))
    return tuple(t if tuple(t.shape) == shape else expand(t, shape) for t in tensors)


def cat(tensors, dim=0):
    """Join tensors along an existing dimension (CatBackward0)."""
    tensors = _tensor_list(tensors)
    if not tensors:
        raise RuntimeError("torch.cat(): expected a non-empty list of Tensors")
    dim = _dim_arg(dim, tensors[0].ndim)
    dtype = dtypes.result_type(tensors)
    for v in tensors[1:]:
        if v.ndim != tensors[0].ndim or builtins.any(
                a != b for i, (a, b) in enumerate(zip(v.shape, tensors[0].shape)) if i != dim):
            raise RuntimeError(
                f"Sizes of tensors must match except in dimension {dim}. Got shapes "
                f"{[list(x.shape) for x in tensors]}: only the size along dim={dim} may differ. Reshape "
                "the tensors, or join them along another dim=."
            )
    arrays = [_operand(v, dtype) for v in tensors]
    return ops.CAT.on(arrays, tuple(tensors), {"dim": dim})


concat = concatenate = cat


def _tensor_list(tensors):
    """cat and stack take tensors only, as in PyTorch (numbers or arrays are a TypeError)."""
    tensors = list(tensors)
    for position, v in enumerate(tensors):
        if not isinstance(v, Tensor):
            raise TypeError(f"expected Tensor as element {position} in argument 0, but got {_type_name(v)}. "
                            "Wrap numbers or arrays in a tensor first: torch.tensor(...).")
    return tensors


def stack(tensors, dim=0):
    """Join same-shaped tensors along a new dimension (StackBackward0)."""
    tensors = _tensor_list(tensors)
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    for position, v in enumerate(tensors[1:], start=1):
        if v.shape != tensors[0].shape:
            raise RuntimeError(
                f"stack expects each tensor to be equal size, but got {list(tensors[0].shape)} at entry 0 "
                f"and {list(v.shape)} at entry {position}. stack puts tensors side by side along a new "
                "dimension, so all must have one shape; use cat to join along an existing one."
            )
    dim = _dim_arg(dim, tensors[0].ndim + 1)
    dtype = dtypes.result_type(tensors)
    arrays = [_operand(v, dtype) for v in tensors]
    return ops.STACK.on(arrays, tuple(tensors), {"dim": dim})


def numel(t):
    return t.numel()


def is_tensor(obj):
    return isinstance(obj, Tensor)


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    return a.allclose(b, rtol, atol, equal_nan)


def equal(a, b):
    return a.equal(b)


# The ops (engine/ops/) are imported last, once the Tensor has all its methods; then the public
# functions, methods and in-place variants made from the specs are installed here and on Tensor.
from . import ops  # noqa: E402
from .ops import public as _public  # noqa: E402

_public.generate()
_public.install(Tensor, globals())
Tensor.clip = Tensor.clamp


# ---------------------------------------------------------------------------------------------
# Module functions that take tensors refuse other things as PyTorch does (torch.log(2.0) is a
# TypeError there), with a hint. Ops that accept numbers (add, mul, pow, where...) are not listed.

_TENSOR_ARGUMENTS = {
    **{name: ("input",) for name in (
        "relu", "abs", "neg", "negative",
        "reciprocal", "square", "sign", "sum", "mean", "max", "min", "argmax", "argmin", "softmax",
        "log_softmax", "floor", "ceil", "round", "flip", "prod",
        "cumsum", "logsumexp", "sort", "topk", "reshape", "flatten", "squeeze", "unsqueeze", "transpose",
        "t", "permute", "numel", "addmm", "zeros_like", "ones_like", "full_like", "empty_like")},
    "allclose": ("input", "other"), "equal": ("input", "other"),
    "matmul": ("input", "other"), "mm": ("input", "mat2"), "mv": ("input", "vec"),
    "dot": ("input", "tensor"), "outer": ("input", "vec2"),
}


def _type_name(value):
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else f"{kind.__module__.split('.')[0]}.{kind.__name__}"


# ... and so do the hand-written functions that say so with @public(..., tensors=(...)).
_TENSOR_ARGUMENTS.update({name: function.tensor_arguments for name, (function, api) in _public.PUBLIC.items()
                          if "function" in api and getattr(function, "tensor_arguments", ())
                          and name not in _TENSOR_ARGUMENTS})
for _name, _arguments in _TENSOR_ARGUMENTS.items():
    globals()[_name] = _public.check_tensors(globals()[_name], _arguments)
del _name, _arguments
