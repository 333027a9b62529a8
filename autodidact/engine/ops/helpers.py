"""Helpers for the rules: each works on NumPy arrays and on Tensors alike.

A rule runs on arrays normally and on Tensors under ``create_graph=True`` (see ``engine/spec.py``),
so rules call these instead of NumPy: on Tensors they record graph nodes, on arrays they are plain
NumPy.
"""
import numpy as np

from ...parity.float32_order import torch_matmul, torch_sum
from ..spec import Tensor
from .public import PUBLIC


def _is_tensor(value):  # for the ops' modules; the helpers below test isinstance directly (one call less per rule)
    return isinstance(value, Tensor)


def _public(name):
    return PUBLIC[name][0]


def cos(v):
    return v.cos() if isinstance(v, Tensor) else np.cos(v)


def sin(v):
    return v.sin() if isinstance(v, Tensor) else np.sin(v)


def log(v):
    return v.log() if isinstance(v, Tensor) else np.log(v)


def exp(v):
    return v.exp() if isinstance(v, Tensor) else np.exp(v)


def sign(v):
    return v.sign() if isinstance(v, Tensor) else np.sign(v)


def floor(v):
    # floor's derivative is 0 wherever it exists, so a tensor's floor can be a constant in the graph.
    return Tensor._wrap(np.floor(v._array)) if isinstance(v, Tensor) else np.floor(v)


def trunc(v):
    # the same for rounding toward 0: a constant in the graph too
    return Tensor._wrap(np.trunc(v._array)) if isinstance(v, Tensor) else np.trunc(v)


def sigmoid(v):
    if isinstance(v, Tensor):
        return v.sigmoid()
    with np.errstate(over="ignore"):  # e^-x overflows to inf for x < -88 (float32): σ is then 0
        return 1 / (1 + np.exp(-v))


def where(condition, a, b):
    if isinstance(condition, Tensor) or isinstance(a, Tensor) or isinstance(b, Tensor):
        return _public("where")(condition, a, b)
    if _is_zero(a) and _fits(condition, b):  # where(x < 0, 0, x): relu and its rule
        return _keep_where(~condition, b)
    if _is_zero(b) and _fits(condition, a):
        return _keep_where(condition, a)
    return np.where(condition, a, b)


def _keep_where(mask, values):
    """``np.where(mask, values, 0)``, bit for bit, for a float array: np.where branches on every
    element, which is several times slower when the mask has no pattern (a ReLU's), so here the
    zeros are made by clearing the bits of the values where the mask is False."""
    bits = values.view(f"u{values.itemsize}")
    return (bits & np.negative(mask, dtype=bits.dtype)).view(values.dtype)


def _is_zero(value):
    return np.ndim(value) == 0 and not isinstance(value, np.ndarray) and value == 0 and not np.signbit(value)


def _fits(condition, values):
    return (isinstance(values, np.ndarray) and values.dtype.kind == "f" and isinstance(condition, np.ndarray)
            and condition.dtype == np.bool_ and condition.shape == values.shape)


def expand(v, shape):
    if isinstance(v, Tensor):
        return v.expand(shape)
    out = np.empty(shape, dtype=v.dtype)  # a real copy: cheaper than np.broadcast_to for small arrays
    out[...] = v
    return out


def reshape(v, shape):
    return v.reshape(shape) if isinstance(v, Tensor) else np.reshape(v, shape)


def swap(v, dim0, dim1):
    # the array's own method: np.swapaxes(v, ...) would reach it through two Python-level calls
    return v.transpose(dim0, dim1) if isinstance(v, Tensor) else v.swapaxes(dim0, dim1)


def permute(v, dims):
    return v.permute(*dims) if isinstance(v, Tensor) else np.transpose(v, dims)


def flip(v, dims):
    return v.flip(dims) if isinstance(v, Tensor) else np.flip(v, dims)


def cumsum(v, dim):
    return v.cumsum(dim) if isinstance(v, Tensor) else (v.copy() if v.ndim == 0 else np.cumsum(v, axis=dim))


def sum_keepdim(v, dims):
    """Sum over ``dims`` (an int or a tuple), keeping them as size-1 dims so the result broadcasts."""
    if isinstance(v, Tensor):
        return v.sum(dim=dims, keepdim=True) if _some(dims) else v
    return torch_sum(v, dims, keepdims=True)


def mean_keepdim(v, axes):
    if isinstance(v, Tensor):
        return v.mean(dim=axes, keepdim=True) if _some(axes) else v
    return v.mean(axis=axes, keepdims=True)


def sum_over(v, axes):
    if isinstance(v, Tensor):
        return v.sum(dim=axes) if _some(axes) else v
    return v.sum(axis=axes)


def _some(dims):
    # No dims means no reduction here (as NumPy's axis=()); PyTorch's sum(dim=()) sums everything.
    return not isinstance(dims, (tuple, list)) or len(dims) > 0


def dtype_of(v):
    """The NumPy dtype of an array or of a Tensor's storage."""
    return v._array.dtype if isinstance(v, Tensor) else v.dtype


def size_of(v):
    return v.numel() if isinstance(v, Tensor) else v.size


def clamp_min(v, low):
    return v.clamp(min=low) if isinstance(v, Tensor) else np.maximum(v, low)


def constant(array, like):
    """``array`` as a constant of the graph when ``like`` is a Tensor, else as it is."""
    return Tensor._wrap(array) if isinstance(like, Tensor) else array


def zeros_like(v):
    """Zeros shaped like ``v``: the gradient of a step function or of overwritten values. Not
    ``v * 0``, which gives -0. for negative values and nan for inf or nan; PyTorch passes zeros."""
    return constant(np.zeros_like(v._array if isinstance(v, Tensor) else v), v)


def matmul(a, b):
    if isinstance(a, Tensor) or isinstance(b, Tensor):
        return _public("matmul")(a, b)
    return torch_matmul(a, b)


def outer(a, b):
    if isinstance(a, Tensor) or isinstance(b, Tensor):
        return _public("outer")(a, b)
    return np.multiply.outer(a, b)


def scatter(v, shape, key):
    """Zeros of ``shape`` with ``v`` added at ``key``: the backward of indexing."""
    from .indexing import INDEX_SCATTER, scatter_forward

    if isinstance(v, Tensor):
        return INDEX_SCATTER(v, shape=shape, key=key)
    return scatter_forward(v, shape=shape, key=key)


def unsqueeze_dims(v, dims):
    """Put back reduced dimensions (size 1) at ``dims`` so that ``v`` broadcasts again."""
    shape = list(v.shape)
    for dim in sorted(dims):
        shape.insert(dim, 1)
    return reshape(v, tuple(shape))


def along_dim_key(indices, dim, shape):
    """An index that picks ``indices`` along ``dim`` and every position along the other dims."""
    kept = np.expand_dims(indices, dim) if indices.ndim < len(shape) else indices
    grids = np.ogrid[tuple(slice(0, n) for n in kept.shape)]
    return tuple(kept if d == dim else grids[d] for d in range(len(shape)))
