"""More shape, reduction and indexing functions from PyTorch's documentation: ``rot90``,
``cummax``/``cummin``, ``logcumsumexp``, ``cross``, ``block_diag``, ``aminmax``, ``std_mean``/
``var_mean``, ``diag_embed``, ``index_copy``/``index_fill``, ``masked_select``/``masked_scatter``
and ``renorm`` are ops of their own (PyTorch records a node named for each: Rot90Backward0...);
``inner``, ``kron``, ``vander``, ``trapezoid``, ``cov``, ``corrcoef``, ``tensor_split`` and the
other functions at the end are built from ops, as PyTorch builds them (so the node a learner sees
at the top is the one PyTorch shows: ``kron`` ends in a reshape, ``cov`` in a squeeze).
"""
import itertools
import math
import warnings
from collections import namedtuple

import numpy as np

from ...parity import dtypes
from ...parity.float32_order import torch_sum
from ..arguments import dim_arg, dims_arg, operand, return_type, tensor_list
from ..spec import Tensor, op
from .helpers import (constant, exp, matmul, outer, reshape, scatter, sum_keepdim, sum_over, swap,
                      unsqueeze_dims, where)
from .indexing import _index_select_key, _index_tensor
from .public import public
from .reductions import (_count, _gather_forward, _gather_rule, _reduced_dims, _spread_over_ties, _std_rule,
                         _sum_dim_rule, _var_forward, _var_rule, _vector_norm_forward, _vector_norm_rule)

return_types_cummax = return_type("cummax")
return_types_cummin = return_type("cummin")


class return_types_aminmax(namedtuple("aminmax", ["min", "max"])):
    """(min, max), printed as PyTorch prints ``torch.return_types.aminmax(...)``."""
    __slots__ = ()

    def __repr__(self):
        return f"torch.return_types.aminmax(\nmin={self.min!r},\nmax={self.max!r})"


# ---------------------------------------------------------------------------------------------
# rot90: a quarter turn in the plane of two dims


def _rot90(v, k, dims):
    """Turn ``v`` by ``k`` quarter turns from ``dims[0]`` towards ``dims[1]`` (arrays or Tensors)."""
    if isinstance(v, Tensor):
        return ROT90(v, k=k % 4, dims=dims)
    return np.rot90(v, k, dims).copy()  # np.rot90 gives a view; PyTorch's result is a new tensor


ROT90 = op("rot90", grad_fn="Rot90Backward0", forward=_rot90,
           vjp={"self": lambda grad, k, dims: _rot90(grad, -k, dims)},
           local={"self": ("1 (turned back)", "1")}, shows_as="{self}.rot90({k}, {dims})",
           explain="the gradient is turned back by the same number of quarter turns")


@public("function", "method", tensors=("input",))
def rot90(input, k=1, dims=(0, 1)):
    """``input`` turned by ``k`` quarter turns (negative: the other way) in the plane of ``dims``,
    from the first dim towards the second (Rot90Backward0)."""
    dims = tuple(dims)
    if len(dims) != 2:
        raise RuntimeError(f"expected total rotation dims == 2, but got dims = {len(dims)}")
    if input.ndim < 2:
        raise RuntimeError(f"expected total dims >= 2, but got total dims = {input.ndim}")
    first, second = (dim_arg(d, input.ndim) for d in dims)
    if first == second:
        raise RuntimeError(f"expected rotation dims to be different, but got dim0 = {dims[0]} and dim1 = {dims[1]}")
    return ROT90(input, k=int(k) % 4, dims=(first, second))


# ---------------------------------------------------------------------------------------------
# Running extremes and logcumsumexp


def _running_extreme_positions(array, dim, larger):
    """For each place along ``dim``, the position of the largest (smallest) element so far; a tie
    takes the later position and a nan, once met, stays the extreme (as in PyTorch)."""
    if array.ndim == 0:
        return np.zeros((), dtype=np.int64)
    moved = np.moveaxis(array, dim, 0)
    positions = np.zeros(moved.shape, dtype=np.int64)
    best = moved[0]
    best_at = np.zeros(moved.shape[1:], dtype=np.int64)
    for i in range(1, moved.shape[0]):
        value = moved[i]
        better = value >= best if larger else value <= best
        if array.dtype.kind == "f":
            better = (better | np.isnan(value)) & ~np.isnan(best)
        best = np.where(better, value, best)
        best_at = np.where(better, i, best_at)
        positions[i] = best_at
    return np.moveaxis(positions, 0, dim)


_RUNNING_LOCAL = {"self": ("1 for each running extreme it is, else 0", r"\mathbb{1}[\text{extreme so far}]")}
CUMMAX = op("cummax", grad_fn="CummaxBackward0", forward=_gather_forward, vjp={"self": _gather_rule},
            local=_RUNNING_LOCAL, shows_as="{self}.cummax({dim})", domain="distinct",
            explain="each element receives the upstream gradient of every place where it is the largest so far")
CUMMIN = op("cummin", grad_fn="CumminBackward0", forward=_gather_forward, vjp={"self": _gather_rule},
            local=_RUNNING_LOCAL, shows_as="{self}.cummin({dim})", domain="distinct",
            explain="each element receives the upstream gradient of every place where it is the smallest so far")


def _running_extreme(name, spec, result_type, input, dim):
    dim = dim_arg(dim, input.ndim)
    indices = _running_extreme_positions(input._array, dim, name == "cummax")
    return result_type(spec(input, dim=dim, indices=indices), Tensor._wrap(indices))


@public("function", "method", tensors=("input",))
def cummax(input, dim):
    """``(values, indices)``: the largest element so far along ``dim``, and where it is (a tie
    points to the later element, as in PyTorch). Gradients go to those elements (CummaxBackward0)."""
    return _running_extreme("cummax", CUMMAX, return_types_cummax, input, dim)


@public("function", "method", tensors=("input",))
def cummin(input, dim):
    """``(values, indices)``: the smallest element so far along ``dim``, and where it is (CumminBackward0)."""
    return _running_extreme("cummin", CUMMIN, return_types_cummin, input, dim)


def _logcumsumexp_forward(self, dim):
    if self.ndim == 0:
        return self.copy()
    return np.logaddexp.accumulate(self, axis=dim)  # log(e^a + e^b) without overflow, running


def _logcumsumexp_rule(grad, self, result, dim):
    # out_j = log Σ_{i<=j} e^(x_i), so d out_j / d x_i = e^(x_i - out_j) for i <= j (never above 1:
    # out_j is at least x_i). Each x_i collects Σ_{j>=i} g_j e^(x_i - out_j), over a square of pairs.
    if len(self.shape) == 0:
        return grad
    x, out, g = (swap(v, dim, -1) for v in (self, result, grad))
    n = x.shape[-1]
    later = np.triu(np.ones((n, n), dtype=bool))  # [i, j]: j >= i
    pairs = unsqueeze_dims(x, (len(x.shape),)) - unsqueeze_dims(out, (len(out.shape) - 1,))
    weights = exp(where(constant(later, pairs), pairs, -math.inf))  # 0 where j < i (no overflow there)
    return swap(sum_over(weights * unsqueeze_dims(g, (len(g.shape) - 1,)), -1), dim, -1)


LOGCUMSUMEXP = op("logcumsumexp", grad_fn="LogcumsumexpBackward0", forward=_logcumsumexp_forward,
                  vjp={"self": _logcumsumexp_rule},
                  local={"self": ("exp({self} - out_j) for each later running result j",
                                  r"e^{{self} - \mathrm{out}_j}")},
                  shows_as="{self}.logcumsumexp({dim})",
                  explain="each element receives, from every running result it went into, that result's "
                          "gradient times its softmax weight e^(x - out) there")


@public("function", "method", tensors=("input",))
def logcumsumexp(input, dim):
    """Running ``log(exp(x_0) + ... + exp(x_i))`` along ``dim``, without overflow (LogcumsumexpBackward0)."""
    if not input.dtype.is_floating_point:
        raise NotImplementedError(f'"logcumsumexp_out_cpu" not implemented for '
                                  f"'{dtypes.TYPE_NAMES_SHORT[input.dtype.name]}'. Convert first, e.g. t.float().")
    return LOGCUMSUMEXP(input, dim=dim_arg(dim, input.ndim))


# ---------------------------------------------------------------------------------------------
# cross product and block_diag


def _cross(a, b, dim):
    if isinstance(a, Tensor) or isinstance(b, Tensor):
        return CROSS(a, b, dim=dim)
    return np.cross(*np.broadcast_arrays(a, b), axis=dim)


CROSS = op("linalg_cross", grad_fn="LinalgCrossBackward0", forward=_cross,
           vjp={"self": lambda grad, other, dim: _cross(other, grad, dim),
                "other": lambda grad, self, dim: _cross(grad, self, dim)},
           local={"self": ("{other} × (·)", r"{other} \times \cdot"),
                  "other": ("(·) × {self}", r"\cdot \times {self}")},
           shows_as="cross({self}, {other})",
           explain="g·(a × b) = a·(b × g) = b·(g × a): a receives b × g and b receives g × a")


def _cross_checked(name, input, other, dim):
    if input.ndim != other.ndim:
        raise RuntimeError(f"{name}: inputs must have the same number of dimensions.")
    shape = np.broadcast_shapes(tuple(input.shape), tuple(other.shape))
    given = dim
    dim = dim_arg(dim, len(shape))
    sizes = [((1,) * (len(shape) - t.ndim) + tuple(t.shape))[dim] for t in (input, other)]
    if sizes != [3, 3]:
        raise RuntimeError(f"{name}: inputs dimension {given} must have length 3. Got {sizes[0]} and {sizes[1]}")
    if input.dtype != other.dtype:
        raise RuntimeError(f"expected scalar type {dtypes.TYPE_NAMES_SHORT[input.dtype.name]} but found "
                           f"{dtypes.TYPE_NAMES_SHORT[other.dtype.name]}")
    return CROSS(input, other, dim=dim)


@public("function", "method", tensors=("input", "other"))
def cross(input, other, dim=None):
    """The cross product of 3-vectors along ``dim``. Without ``dim``, the first dim of size 3 (an old
    default PyTorch warns about: pass ``dim``, or use ``torch.linalg.cross``, whose default is -1)."""
    if dim is None:
        warnings.warn("Using torch.cross without specifying the dim arg is deprecated.\nPlease either pass "
                      "the dim explicitly or simply use torch.linalg.cross.\nThe default value of dim will "
                      "change to agree with that of linalg.cross in a future release.", UserWarning, stacklevel=3)
        shape = np.broadcast_shapes(tuple(input.shape), tuple(other.shape))
        dim = next((d for d, n in enumerate(shape) if n == 3), -1)
    return _cross_checked("linalg.cross", input, other, dim)


def linalg_cross(input, other, *, dim=-1):
    """``torch.linalg.cross``: the cross product of 3-vectors along ``dim`` (the last by default)."""
    return _cross_checked("linalg.cross", input, other, dim)


def _as_block(shape):
    return (1, 1) if len(shape) == 0 else (1, shape[0]) if len(shape) == 1 else tuple(shape)


def _block_diag_forward(*tensors):
    blocks = [np.reshape(t, _as_block(t.shape)) for t in tensors]
    out = np.zeros((sum(b.shape[0] for b in blocks), sum(b.shape[1] for b in blocks)),
                   dtype=np.result_type(*tensors) if tensors else np.float32)
    row = column = 0
    for block in blocks:
        out[row:row + block.shape[0], column:column + block.shape[1]] = block
        row, column = row + block.shape[0], column + block.shape[1]
    return out if tensors else out.reshape(1, 0)


def _block_diag_rule(grad, index, tensors_shape):
    blocks = [_as_block(shape) for shape in tensors_shape]
    row = sum(b[0] for b in blocks[:index])
    column = sum(b[1] for b in blocks[:index])
    rows, columns = blocks[index]
    return reshape(grad[row:row + rows, column:column + columns], tensors_shape[index])


BLOCK_DIAG = op("block_diag", grad_fn="BlockDiagBackward0", forward=_block_diag_forward,
                vjp={"tensors": _block_diag_rule}, local={"tensors": ("1 (its own block)", "1")},
                shows_as="block_diag({tensors})", explain="each input receives the gradient of its own block")


@public("function")
def block_diag(*tensors):
    """The tensors (numbers, vectors as rows, matrices) placed along the diagonal of one matrix,
    zeros elsewhere (BlockDiagBackward0)."""
    tensors = tensor_list(tensors)
    for position, t in enumerate(tensors):
        if t.ndim > 2:
            raise RuntimeError(f"torch.block_diag: Input tensors must have 2 or fewer dimensions. Input "
                               f"{position} has {t.ndim} dimensions")
    if not tensors:
        return Tensor._wrap(np.zeros((1, 0), dtype=dtypes.DEFAULT_FLOAT.numpy))
    dtype = dtypes.result_type(tensors)
    return BLOCK_DIAG.on([operand(t, dtype) for t in tensors], tuple(tensors))


# ---------------------------------------------------------------------------------------------
# aminmax, std_mean, var_mean: two results from one pass (one node in PyTorch, one each here)


AMINMAX_MIN = op("aminmax_min", grad_fn="AminmaxBackward0",
                 forward=lambda self, dim, keepdim: np.asarray(np.amin(self, axis=dim, keepdims=keepdim)).copy(),
                 vjp={"self": _spread_over_ties},
                 local={"self": ("1/k at the k smallest (tied) elements, 0 elsewhere",
                                 r"\frac{1}{k}\mathbb{1}[{self} = \min]")},
                 shows_as="{self}.aminmax().min", domain="distinct",
                 explain="the smallest elements share the upstream gradient of min equally")
AMINMAX_MAX = op("aminmax_max", grad_fn="AminmaxBackward0",
                 forward=lambda self, dim, keepdim: np.asarray(np.amax(self, axis=dim, keepdims=keepdim)).copy(),
                 vjp={"self": _spread_over_ties},
                 local={"self": ("1/k at the k largest (tied) elements, 0 elsewhere",
                                 r"\frac{1}{k}\mathbb{1}[{self} = \max]")},
                 shows_as="{self}.aminmax().max", domain="distinct",
                 explain="the largest elements share the upstream gradient of max equally")


@public("function", "method", tensors=("input",))
def aminmax(input, *, dim=None, keepdim=False):
    """``(min, max)`` over all elements or along ``dim``, in one call; ties share the gradient equally,
    as with amin and amax (AminmaxBackward0)."""
    dims = tuple(range(input.ndim)) if dim is None else (dim_arg(dim, input.ndim),) if input.ndim else ()
    if input._array.size == 0 and (dim is None or input.shape[dims[0]] == 0):
        raise RuntimeError("aminmax(): cannot compute aminmax over an empty dimension as the operation has no "
                           "identity.")
    return return_types_aminmax(AMINMAX_MIN(input, dim=dims, keepdim=keepdim),
                                AMINMAX_MAX(input, dim=dims, keepdim=keepdim))


def _mean_forward(self, dim, correction, keepdim):
    return torch_sum(self, dim, keepdims=keepdim) / self.dtype.type(_count(self.shape, dim))


def _mean_rule(grad, self_shape, dim, correction, keepdim):
    return _sum_dim_rule(grad, self_shape, dim, keepdim) / _count(self_shape, dim)


_MEAN_LOCAL = {"self": ("1/N", r"\frac{1}{N}")}
STD_MEAN_STD = op("std_mean_std", grad_fn="StdMeanBackward0",
                  forward=lambda self, dim, correction, keepdim: np.sqrt(_var_forward(self, dim, correction, keepdim)),
                  vjp={"self": _std_rule},
                  local={"self": ("({self} - mean)/((N - correction)·std)",
                                  r"\frac{{self} - \bar{x}}{(N - c)\,\sigma}")},
                  shows_as="std_mean({self})[0]", explain="as for std: G·(x - mean)/((N - correction)·std)")
STD_MEAN_MEAN = op("std_mean_mean", grad_fn="StdMeanBackward0", forward=_mean_forward, vjp={"self": _mean_rule},
                   local=_MEAN_LOCAL, shows_as="std_mean({self})[1]", explain="as for mean: G/N")
VAR_MEAN_VAR = op("var_mean_var", grad_fn="VarMeanBackward0", forward=_var_forward, vjp={"self": _var_rule},
                  local={"self": ("2·({self} - mean)/(N - correction)", r"\frac{2({self} - \bar{x})}{N - c}")},
                  shows_as="var_mean({self})[0]", explain="as for var: G·2(x - mean)/(N - correction)")
VAR_MEAN_MEAN = op("var_mean_mean", grad_fn="VarMeanBackward0", forward=_mean_forward, vjp={"self": _mean_rule},
                   local=_MEAN_LOCAL, shows_as="var_mean({self})[1]", explain="as for mean: G/N")


def _spread_and_mean(name, spread_op, mean_op, input, dim, unbiased, keepdim, correction):
    if isinstance(dim, bool):  # the old spelling std_mean(t, False): the argument is "unbiased"
        dim, unbiased = None, dim
    if not input.dtype.is_floating_point:
        raise RuntimeError(f"{name} only support floating point and complex dtypes")
    if correction is None:
        correction = 0 if unbiased is False else 1
    dims = _reduced_dims(input, dim)
    if _count(input.shape, dims) - correction <= 0:
        warnings.warn(f"{name}(): degrees of freedom is <= 0. Correction should be strictly less than the "
                      "reduction factor (input numel divided by output numel).", UserWarning, stacklevel=3)
    params = {"dim": dims, "correction": correction, "keepdim": keepdim}
    return spread_op(input, **params), mean_op(input, **params)


@public("function", tensors=("input",))
def std_mean(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    """``(std, mean)`` along ``dim`` in one call; ``correction`` (or ``unbiased``) as for ``std``
    (StdMeanBackward0)."""
    return _spread_and_mean("std_mean", STD_MEAN_STD, STD_MEAN_MEAN, input, dim, unbiased, keepdim, correction)


@public("function", tensors=("input",))
def var_mean(input, dim=None, unbiased=None, keepdim=False, *, correction=None):
    """``(var, mean)`` along ``dim`` in one call; ``correction`` (or ``unbiased``) as for ``var``
    (VarMeanBackward0)."""
    return _spread_and_mean("var_mean", VAR_MEAN_VAR, VAR_MEAN_MEAN, input, dim, unbiased, keepdim, correction)


# ---------------------------------------------------------------------------------------------
# diag_embed: the last dim of a batch of vectors put on the diagonals of matrices


def _diagonal_places(n, offset):
    rows = np.arange(n - abs(offset))
    return (rows, rows + offset) if offset >= 0 else (rows - offset, rows)


def _diag_embed_forward(self, offset, dim1, dim2):
    n = self.shape[-1] + abs(offset)
    out = np.zeros(self.shape[:-1] + (n, n), dtype=self.dtype)
    rows, columns = _diagonal_places(n, offset)
    out[..., rows, columns] = self
    return np.ascontiguousarray(np.moveaxis(out, (-2, -1), (dim1, dim2)))


def _diagonal_of(grad, offset, dim1, dim2):
    if isinstance(grad, Tensor):
        return grad.diagonal(offset, dim1, dim2)
    return np.diagonal(grad, offset, dim1, dim2).copy()


DIAG_EMBED_DIMS = op("diag_embed_dims", grad_fn="DiagEmbedBackward0", forward=_diag_embed_forward,
                     vjp={"self": lambda grad, offset, dim1, dim2: _diagonal_of(grad, offset, dim1, dim2)},
                     local={"self": ("1 at its place on the diagonal", "1")},
                     shows_as="diag_embed({self}, {offset}, {dim1}, {dim2})",
                     explain="each element receives the gradient of its place on the diagonal")


@public("function", "method", tensors=("input",))
def diag_embed(input, offset=0, dim1=-2, dim2=-1):
    """Matrices with the last dim of ``input`` on their ``offset``-th diagonal, the new matrix dims
    being ``dim1`` and ``dim2`` of the result (DiagEmbedBackward0)."""
    ndim = input.ndim + 1
    first, second = dim_arg(dim1, ndim), dim_arg(dim2, ndim)
    if first == second:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    if input.ndim == 0:
        dim_arg(-1, 0)  # PyTorch's IndexError: a 0-d tensor has no last dim to put on a diagonal
    return DIAG_EMBED_DIMS(input, offset=offset, dim1=first, dim2=second)


@public("function", "method", tensors=("input",))
def diagflat(input, offset=0):
    """A square matrix with the elements of ``input`` (flattened) on its ``offset``-th diagonal."""
    return diag_embed(input.reshape(-1), offset)


# ---------------------------------------------------------------------------------------------
# Writing slices and masked places: index_copy, index_fill, masked_select, masked_scatter


def _slices_kept(shape, dim, index):
    """True everywhere except on the slices at ``index`` along ``dim`` (those were overwritten)."""
    kept = np.ones(shape, dtype=bool)
    kept[_index_select_key(dim, index)] = False
    return kept


def _index_copy_forward(self, source, dim, index):
    out = self.copy()
    out[_index_select_key(dim, index)] = source
    return out


def _without_written_slices(grad, self_shape, dim, index):
    return where(constant(_slices_kept(self_shape, dim, index), grad), grad, 0.0)


INDEX_COPY = op("index_copy", grad_fn="IndexCopyBackward0", forward=_index_copy_forward,
                vjp={"self": _without_written_slices,
                     "source": lambda grad, dim, index: grad[_index_select_key(dim, index)]},
                local={"self": ("1 where kept, 0 on the overwritten slices", "1"),
                       "source": ("1 (the slice it was copied to)", "1")},
                shows_as="{self}.index_copy({dim}, {index}, {source})",
                explain="the kept elements pass the gradient through; each source slice receives the "
                        "gradient of the slice it was copied to")


def _index_fill_forward(self, dim, index, value):
    out = self.copy()
    out[_index_select_key(dim, index)] = value
    return out


_FILLED = {"self": ("1 where kept, 0 on the filled slices", "1")}
INDEX_FILL = op("index_fill", grad_fn="IndexFillBackward0", forward=_index_fill_forward,
                vjp={"self": _without_written_slices}, local=_FILLED,
                shows_as="{self}.index_fill({dim}, {index}, {value})",
                explain="the filled slices receive 0; the rest pass the gradient through")
INDEX_FILL_TENSOR = op("index_fill_tensor", grad_fn="IndexFillBackward1",
                       forward=lambda self, value, dim, index: _index_fill_forward(self, dim, index, value),
                       vjp={"self": _without_written_slices,
                            "value": lambda grad, self_shape, dim, index: sum_over(
                                where(constant(_slices_kept(self_shape, dim, index), grad), 0.0, grad),
                                tuple(range(len(self_shape))))},
                       local={**_FILLED, "value": ("1 for each place it filled", "1")},
                       shows_as="{self}.index_fill({dim}, {index}, {value})",
                       explain="the filled slices receive 0; the value receives the sum of their gradients")


def _slice_positions(name, input, dim, index, vector_message):
    dim = dim_arg(dim, input.ndim)
    if isinstance(index, Tensor) and index._array.dtype.kind not in "iu":
        raise RuntimeError(f"{name}(): Expected a long tensor for index, but got {index.dtype}")
    positions = _index_tensor(name, index)
    if positions.ndim > 1:
        raise (RuntimeError if name == "index_fill_" else IndexError)(vector_message)
    positions = positions.reshape(-1)
    size = input.shape[dim] if input.ndim else 1
    outside = positions[(positions < -size) | (positions >= size)]
    if outside.size:
        prefix = "" if name == "index_fill_" else f"{name}(): "
        raise IndexError(f"{prefix}index {int(outside[0])} is out of bounds for dimension {dim} with size {size}")
    return dim, positions % max(size, 1)


@public("function", "method", "inplace", tensors=("input",))
def index_copy(input, dim, index, source):
    """A copy of ``input`` with the slices of ``source`` written at the positions ``index`` (a
    vector) along ``dim`` (IndexCopyBackward0)."""
    dim, positions = _slice_positions("index_copy_", input, dim, index, "index_copy_(): Index should have "
                                      "dimension 1 or 0")
    along = source.shape[dim] if source.ndim else 1
    if along != len(positions):
        raise IndexError(f"index_copy_(): Number of indices ({len(positions)}) should be equal to "
                         f"source.size(dim) ({along})")
    expected = input.shape[:dim] + (len(positions),) + input.shape[dim + 1:]
    if tuple(source.shape) != tuple(expected):
        raise RuntimeError(f"index_copy_(): Source/destination tensor must have same slice shapes. Destination "
                           f"slice shape: {list(input.shape[:dim] + input.shape[dim + 1:])} at dimension {dim} "
                           f"and source slice shape: {list(source.shape[:dim] + source.shape[dim + 1:])} at "
                           f"dimension {dim}.")
    if source.dtype != input.dtype:
        raise RuntimeError(f"index_copy_(): self and source expected to have the same dtype, but got (self) "
                           f"{dtypes.TYPE_NAMES_SHORT[input.dtype.name]} and (source) "
                           f"{dtypes.TYPE_NAMES_SHORT[source.dtype.name]}")
    return INDEX_COPY(input, source, dim=dim, index=positions)


@public("function", "method", "inplace", tensors=("input",))
def index_fill(input, dim, index, value):
    """A copy of ``input`` with ``value`` in the slices at the positions ``index`` along ``dim``
    (IndexFillBackward0; a 0-d tensor value gets a gradient too: IndexFillBackward1)."""
    dim, positions = _slice_positions("index_fill_", input, dim, index, "Index has to be a vector/scalar")
    if isinstance(value, Tensor):
        if value.ndim:
            raise RuntimeError(f"index_fill_ only supports a 0-dimensional value tensor, but got tensor with "
                               f"{value.ndim} dimension(s).")
        return INDEX_FILL_TENSOR(input, value, dim=dim, index=positions)
    return INDEX_FILL(input, dim=dim, index=positions, value=value)


def _bool_mask(name, mask):
    if not isinstance(mask, Tensor) or mask._array.dtype != np.bool_:
        raise RuntimeError(f"{name}: expected BoolTensor for mask. Compare first, e.g. x.{name}(x > 0).")
    return mask._array


MASKED_SELECT = op("masked_select", grad_fn="MaskedSelectBackward0",
                   forward=lambda self, mask: np.broadcast_to(self, mask.shape)[mask],
                   vjp={"self": lambda grad, mask: scatter(grad, mask.shape, mask)},
                   local={"self": ("1 where the mask is True, 0 elsewhere", r"\mathbb{1}[\text{mask}]")},
                   shows_as="{self}.masked_select(mask)",
                   explain="each picked element receives the gradient of its place in the result; the rest get 0")


@public("function", "method", tensors=("input",))
def masked_select(input, mask):
    """The elements of ``input`` where ``mask`` (broadcast with it) is True, as a 1-d tensor
    (MaskedSelectBackward0)."""
    array = _bool_mask("masked_select", mask)
    shape = np.broadcast_shapes(tuple(input.shape), array.shape)  # ValueError: PyTorch's RuntimeError below
    return MASKED_SELECT(input, mask=np.broadcast_to(array, shape).copy())


def _masked_scatter_forward(self, source, mask):
    out = np.broadcast_to(self, mask.shape).copy()
    out[mask] = source.reshape(-1)[:int(mask.sum())]
    return out


def _to_source(grad, source_shape, mask):
    picked = grad[mask] if not isinstance(grad, Tensor) else MASKED_SELECT(grad, mask=mask)
    return reshape(scatter(picked, (math.prod(source_shape),), slice(0, int(mask.sum()))), source_shape)


MASKED_SCATTER = op("masked_scatter", grad_fn="MaskedScatterBackward0", forward=_masked_scatter_forward,
                    vjp={"self": lambda grad, mask: where(constant(mask, grad), 0.0, grad),
                         "source": _to_source},
                    local={"self": ("0 where the mask is True, 1 elsewhere", r"\mathbb{1}[\lnot\text{mask}]"),
                           "source": ("1 for the elements written, 0 for the rest", "1")},
                    shows_as="{self}.masked_scatter(mask, {source})",
                    explain="the kept elements pass the gradient through; the first source elements receive "
                            "the gradients of the places they were written to, in order")


@public("function", "method", "inplace", tensors=("input",))
def masked_scatter(input, mask, source):
    """A copy of ``input`` with the elements of ``source``, in order, written where ``mask`` is True
    (MaskedScatterBackward0)."""
    array = _bool_mask("masked_scatter_", mask)
    if source.dtype != input.dtype:
        raise RuntimeError(f"masked_scatter: expected self and source to have same dtypes but got "
                           f"{dtypes.TYPE_NAMES_SHORT[input.dtype.name]} and "
                           f"{dtypes.TYPE_NAMES_SHORT[source.dtype.name]}")
    shape = np.broadcast_shapes(tuple(input.shape), array.shape)
    array = np.broadcast_to(array, shape).copy()
    if int(array.sum()) > source._array.size:
        raise RuntimeError("Number of elements of source < number of ones in mask")
    return MASKED_SCATTER(input, source, mask=array)


# ---------------------------------------------------------------------------------------------
# renorm: slices whose norm is too large are scaled down


def _slice_norms(self, p, dims):
    if isinstance(self, Tensor):
        from .reductions import vector_norm
        return vector_norm(self, p, dims, keepdim=True)
    return _vector_norm_forward(self, p, dims, True)


def _renorm_forward(self, p, dims, maxnorm):
    norms = _slice_norms(self, p, dims)
    factor = np.where(norms > maxnorm, maxnorm / (norms + 1e-7), 1.0).astype(self.dtype)
    return self * factor


def _renorm_rule(grad, self, p, dims, maxnorm):
    # PyTorch's renorm_backward: where a slice was scaled by m/(‖x‖ + 1e-7), its gradient is that
    # factor times (g minus the part along the norm's gradient, Σ(x·g)·∂‖x‖/∂x / (‖x‖ + 1e-7)).
    norms = _slice_norms(self, p, dims)
    along_norm = _vector_norm_rule(sum_keepdim(self * grad, dims), self, norms, p, dims, True)
    inverse = 1 / (norms + 1e-7)
    return where(norms > maxnorm, (inverse * maxnorm) * (grad - inverse * along_norm), grad)


RENORM = op("renorm", grad_fn="RenormBackward0", forward=_renorm_forward, vjp={"self": _renorm_rule},
            local={"self": ("1 in slices left alone; m/‖x‖·(1 - x-direction part) in scaled ones",
                            r"\frac{m}{\lVert x \rVert}\left(I - \frac{x\,\nabla\lVert x\rVert^\top}{\lVert x\rVert}\right)")},
            shows_as="{self}.renorm({p}, dim, {maxnorm})",
            explain="slices left alone pass the gradient through; a scaled slice passes it scaled, "
                    "less its component that would change the slice's norm")


@public("function", "method", "inplace", tensors=("input",))
def renorm(input, p, dim, maxnorm):
    """``input`` with each slice along ``dim`` whose ``p``-norm is above ``maxnorm`` scaled down to
    norm ``maxnorm`` (RenormBackward0)."""
    if input.ndim < 2:
        raise RuntimeError(f"renorm: input needs at least 2 dimensions, got {input.ndim} dimensions")
    if not input.dtype.is_floating_point:
        raise NotImplementedError(f'"renorm_out" not implemented for '
                                  f"'{dtypes.TYPE_NAMES_SHORT[input.dtype.name]}'. Convert first, e.g. t.float().")
    if maxnorm < 0:
        raise RuntimeError(f"renorm: expected maxnorm to be >= 0 but got {maxnorm}")
    if p <= 0:
        raise RuntimeError("renorm: non-positive-norm not supported")
    dim = dim_arg(dim, input.ndim)
    dims = tuple(d for d in range(input.ndim) if d != dim)
    return RENORM(input, p=p, dims=dims, maxnorm=maxnorm)



# ---------------------------------------------------------------------------------------------
# Built from the ops above and others, as PyTorch builds them


@public("function", "method", tensors=("input", "other"))
def inner(input, other):
    """The dot products of the last dims: ``tensordot(input, other, ([-1], [-1]))``; with a number
    (a 0-d tensor), the product."""
    from .search_more import tensordot
    if input.ndim == 0 or other.ndim == 0:
        return input * other
    if input.shape[-1] != other.shape[-1]:
        raise RuntimeError(f"inner() the last dimension must match on both input tensors but got shapes "
                           f"{list(input.shape)} and {list(other.shape)}")
    return tensordot(input, other, ([-1], [-1]))


@public("function", "method", tensors=("input", "other"))
def kron(input, other):
    """The Kronecker product: ``other`` repeated in blocks, each block scaled by one element of
    ``input``. As PyTorch does it: an outer product of the two, with each dim of ``input`` placed
    before the matching dim of ``other``, then reshaped (UnsafeViewBackward0)."""
    from .shape import UNSAFE_VIEW
    ndim = max(input.ndim, other.ndim)
    a_shape = (1,) * (ndim - input.ndim) + tuple(input.shape)
    b_shape = (1,) * (ndim - other.ndim) + tuple(other.shape)
    a = input.reshape(tuple(n for size in a_shape for n in (size, 1)))
    b = other.reshape(tuple(n for size in b_shape for n in (1, size)))
    product = a * b
    return UNSAFE_VIEW(product, shape=tuple(x * y for x, y in zip(a_shape, b_shape)))


@public("function", tensors=("x",))
def vander(x, N=None, increasing=False):
    """The Vandermonde matrix of a vector: column j holds ``x ** (N - 1 - j)`` (``x ** j`` with
    ``increasing=True``). Built as PyTorch builds it: running products written into a tensor of ones
    (CopySlices), flipped when the powers decrease (FlipBackward0). (PyTorch 2.13's own backward of
    vander with N >= 3 fails, as it overwrites a value it saved; this one gives the gradient.)"""
    if x.ndim != 1:
        raise RuntimeError("x must be a one-dimensional tensor.")
    N = x.shape[0] if N is None else N
    if N < 0:
        raise RuntimeError("N must be non-negative.")
    dtype = dtypes.promote_types(x.dtype, dtypes.int64)
    x = x.to(dtype)
    result = Tensor._wrap(np.ones((x.shape[0], N), dtype=dtype.numpy))
    if N > 1:  # written into a tensor of ones (CopySlices), as PyTorch writes it
        result[:, 1:] = x.unsqueeze(1).expand(x.shape[0], N - 1).cumprod(1)
    return result if increasing else result.flip([1])


def _spacing_differences(x, y, dim):
    """``x[1:] - x[:-1]`` along ``dim``, shaped to broadcast with ``y``'s differences."""
    if x.ndim == 1:
        if x.shape[0] != y.shape[dim]:
            raise RuntimeError("trapezoid: There must be one `x` value for each sample point")
        x = x.reshape(tuple(x.shape[0] if d == dim else 1 for d in range(y.ndim)))
    elif x.ndim < y.ndim:
        x = x.reshape((1,) * (y.ndim - x.ndim) + tuple(x.shape))
    length = x.shape[dim]
    return x.narrow(dim, 1, length - 1) - x.narrow(dim, 0, length - 1)


def _integration_input(name, y, x, dx, dim):
    if y.dtype is dtypes.bool_ or (x is not None and x.dtype is dtypes.bool_):
        raise RuntimeError(f"{name}: received a bool input for `y`, but bool is not supported")
    if x is not None and dx is not None:
        raise TypeError(f"{name}() takes either x (sample points) or dx (their spacing), not both")
    return dim_arg(dim, y.ndim)


def _times_number(t, number, divide=False):
    """``t * number`` (``t / number``) as PyTorch's C++ writes it: with a plain number (MulBackward1,
    DivBackward1) for floating-point tensors."""
    from .arithmetic_more import DIV_NUMBER
    from .nn import MUL_NUMBER
    if not t.dtype.is_floating_point:
        return t / number if divide else t * number
    return DIV_NUMBER(t, other=number) if divide else MUL_NUMBER(t, other=number)


@public("function", tensors=("y",))
def trapezoid(y, x=None, *, dx=None, dim=-1):
    """The integral of ``y`` along ``dim`` by the trapezoid rule: sample points ``x`` (or a spacing
    ``dx``, 1 by default). The area of each strip is its width times the mean of its two heights."""
    dim = _integration_input("trapezoid", y, x, dx, dim)
    if y.shape[dim] == 0:
        return Tensor._wrap(np.zeros(y.shape[:dim] + y.shape[dim + 1:], dtype=y._array.dtype))
    length = y.shape[dim]
    if x is not None:
        widths = _spacing_differences(x, y, dim)
        return _times_number((widths * (y.narrow(dim, 0, length - 1) + y.narrow(dim, 1, length - 1))).sum(dim),
                             2.0, divide=True)
    ends = y.select(dim, 0) + y.select(dim, -1)
    return _times_number(y.sum(dim) - _times_number(ends, 0.5), 1.0 if dx is None else dx)


@public("function", tensors=("y",))
def trapz(y, x=None, *, dx=None, dim=-1):
    """The old name of ``trapezoid``."""
    return trapezoid(y, x, dx=dx, dim=dim)


@public("function", tensors=("y",))
def cumulative_trapezoid(y, x=None, *, dx=None, dim=-1):
    """The running integral of ``y`` along ``dim`` by the trapezoid rule (one fewer element than
    ``y`` along ``dim``): the areas of the strips, summed up (CumsumBackward0)."""
    dim = _integration_input("cumulative_trapezoid", y, x, dx, dim)
    length = y.shape[dim]
    if length == 0:
        return y.narrow(dim, 0, 0) * 1.0
    heights = y.narrow(dim, 0, length - 1) + y.narrow(dim, 1, length - 1)
    if x is not None:
        return _times_number((_spacing_differences(x, y, dim) * heights).cumsum(dim), 2.0, divide=True)
    return (heights * ((1.0 if dx is None else dx) / 2.0)).cumsum(dim)


def _observation_weights(name, weights, observations, integral):
    if weights.ndim > 1:
        raise RuntimeError(f"cov(): expected {name} to have one or fewer dimensions but got {name} with "
                           f"{weights.ndim} dimensions")
    kind_ok = not weights.dtype.is_floating_point and weights.dtype is not dtypes.bool_ if integral \
        else weights.dtype.is_floating_point
    if not kind_ok:
        wanted = "integral" if integral else "floating point"
        raise RuntimeError(f"cov(): expected {name} to have {wanted} dtype but got {name} with "
                           f"{dtypes.TYPE_NAMES_SHORT[weights.dtype.name]} dtype")
    if weights.numel() != observations:
        raise RuntimeError(f"cov(): expected {name} to have the same numel as there are observations in the "
                           f"input but got {weights.numel()} != {observations}")
    if observations and weights._array.min() < 0:
        raise RuntimeError(f"cov(): {name} cannot be negative")


@public("function", "method", tensors=("input",))
def cov(input, *, correction=1, fweights=None, aweights=None):
    """The covariance matrix of the variables in the rows of ``input`` (observations in the columns),
    optionally weighting observations by counts ``fweights`` and weights ``aweights``; divided by
    the (weighted) number of observations minus ``correction``. Written as PyTorch writes it."""
    if input.ndim > 2:
        raise RuntimeError(f"cov(): expected input to have two or fewer dimensions but got an input with "
                           f"{input.ndim} dimensions")
    if input.dtype is dtypes.bool_:
        raise RuntimeError("cov(): bool dtype is not supported for input")
    rows = input.reshape(1, -1) if input.ndim < 2 else input
    observations = rows.shape[1]
    weights = None
    if fweights is not None:
        _observation_weights("fweights", fweights, observations, integral=True)
        weights = fweights
    if aweights is not None:
        _observation_weights("aweights", aweights, observations, integral=False)
        weights = aweights if weights is None else weights * aweights
    total = weights.sum() if weights is not None else Tensor._wrap(np.asarray(observations, dtype=np.int64))
    if weights is not None and not total.item():
        raise RuntimeError("cov(): weights sum to zero, can't be normalized")
    average = (rows * weights if weights is not None else rows).sum(1) / total
    if weights is not None and aweights is not None and correction != 0:
        divisor = total - correction * (weights * aweights).sum() / total
    else:
        divisor = total - correction
    if divisor.item() <= 0:
        warnings.warn("cov(): degrees of freedom is <= 0. Correction should be strictly less than the number of "
                      "observations.", UserWarning, stacklevel=3)
        divisor = divisor * 0
    centred = rows - average.unsqueeze(1)
    products = centred.mm((centred * weights if weights is not None else centred).t())
    return (products / divisor).squeeze()


@public("function", "method", tensors=("input",))
def corrcoef(input):
    """The Pearson correlation coefficients of the variables in the rows of ``input``: the covariance
    matrix divided by the standard deviations of both variables, clipped to [-1, 1]."""
    if input.ndim > 2:
        raise RuntimeError(f"corrcoef(): expected input to have two or fewer dimensions but got an input with "
                           f"{input.ndim} dimensions")
    c = cov(input)
    if c.ndim == 0:
        return c / c  # one variable: 1, or nan where its variance is 0, inf or nan
    spread = c.diagonal().sqrt()
    c = c / spread.reshape(-1, 1)
    c = c / spread.reshape(1, -1)
    return c.clip(-1, 1)


def _pieces(input, dim, bounds):
    """The slices ``[a, b)`` of ``input`` along ``dim`` for consecutive ``bounds`` (SliceBackward0 each)."""
    key = (slice(None),) * dim
    return tuple(input[key + (slice(a, b),)] for a, b in zip(bounds, bounds[1:]))


@public("function", "method", tensors=("input",))
def tensor_split(input, indices_or_sections, dim=0):
    """Views of ``input`` split along ``dim``: into ``sections`` pieces as equal as can be (the first
    ones one longer), or cut before each of the positions ``indices``."""
    if input.ndim == 0:
        raise RuntimeError("tensor_split expected at least a 1-dimensional tensor, but got a tensor with 0 dims")
    dim = dim_arg(dim, input.ndim)
    size = input.shape[dim]
    if isinstance(indices_or_sections, Tensor):
        given = indices_or_sections
        if given.dtype is not dtypes.int64:
            raise RuntimeError(f"tensor_split expected tensor_indices_or_sections to have dtype of long, but got "
                               f"{dtypes.TYPE_NAMES_SHORT[given.dtype.name]}")
        if given.ndim > 1:
            raise RuntimeError(f"tensor_split expected tensor_indices_or_sections to be a zero-dimensional or "
                               f"one-dimensional tensor, but got a tensor with {given.ndim} dims")
        indices_or_sections = given.item() if given.ndim == 0 else [int(i) for i in given._array]
    if isinstance(indices_or_sections, (list, tuple)):  # cut before each index (Python's slice rules)
        return _pieces(input, dim, [0, *(int(i) for i in indices_or_sections), None])
    sections = int(indices_or_sections)
    if sections <= 0:
        raise RuntimeError(f"number of sections must be larger than 0, got {sections}")
    longer, extra = divmod(size, sections)
    lengths = [longer + 1] * extra + [longer] * (sections - extra)
    return _pieces(input, dim, list(itertools.accumulate([0] + lengths)))


def _split_in_direction(name, least, dim, input, indices_or_sections):
    if input.ndim < least:
        raise RuntimeError(f"torch.{name} requires a tensor with at least {least} dimension, but got a tensor "
                           f"with {input.ndim} dimensions!")
    if isinstance(indices_or_sections, int) and (indices_or_sections == 0
                                                 or input.shape[dim] % indices_or_sections):
        raise RuntimeError(f"torch.{name} attempted to split along dimension {dim}, but the size of the "
                           f"dimension {input.shape[dim]} is not divisible by the split_size "
                           f"{indices_or_sections}!")
    return tensor_split(input, indices_or_sections, dim)


@public("function", "method", tensors=("input",))
def hsplit(input, indices_or_sections):
    """``tensor_split`` along the columns (dim 1; dim 0 of a vector), in equal pieces when a count is given."""
    return _split_in_direction("hsplit", 1, 1 if input.ndim > 1 else 0, input, indices_or_sections)


@public("function", "method", tensors=("input",))
def vsplit(input, indices_or_sections):
    """``tensor_split`` along the rows (dim 0) of a tensor of 2 or more dims."""
    return _split_in_direction("vsplit", 2, 0, input, indices_or_sections)


@public("function", "method", tensors=("input",))
def dsplit(input, indices_or_sections):
    """``tensor_split`` along the depth (dim 2) of a tensor of 3 or more dims."""
    return _split_in_direction("dsplit", 3, 2, input, indices_or_sections)


@public("function", tensors=("input",))
def combinations(input, r=2, with_replacement=False):
    """Every choice of ``r`` elements of a vector, in order, one per row (with_replacement: an element
    may be chosen again), as ``itertools.combinations`` lists them (StackBackward0)."""
    from .shape import stack
    if input.ndim != 1:
        raise RuntimeError(f"Expect a 1D vector, but got shape {list(input.shape)}")
    if r < 0:
        raise RuntimeError(f"Expect a non-negative number, but got {r}")
    if r == 0:
        return Tensor._wrap(np.zeros(0, dtype=input._array.dtype))
    choose = itertools.combinations_with_replacement if with_replacement else itertools.combinations
    rows = np.array(list(choose(range(input.shape[0]), r)), dtype=np.int64).reshape(-1, r)
    return stack([input[rows[:, k]] for k in range(r)], 1)



# ---------------------------------------------------------------------------------------------
# Products added to a tensor: beta * input + alpha * (product), one op each (as addmm)


def _scaled(v, factor):
    return v if factor == 1 else v * factor


def _added_product(product):
    def forward(self, first, second, beta, alpha):
        made = _scaled(product(first, second), alpha)
        if beta == 0:  # the input is left out, its nan and inf too (PyTorch's rule)
            return np.broadcast_to(made, np.broadcast_shapes(self.shape, made.shape)).copy()
        return _scaled(self, beta) + made
    return forward


def _batch_transposed(v):
    return swap(v, -1, -2)


_BETA_LOCAL = ("beta", r"\beta")
ADDMV = op("addmv", grad_fn="AddmvBackward0", inputs=("self", "mat", "vec"),
           forward=lambda self, mat, vec, beta, alpha: _added_product(np.matmul)(self, mat, vec, beta, alpha),
           vjp={"self": lambda grad, beta: _scaled(grad, beta),
                "mat": lambda grad, vec, alpha: _scaled(outer(grad, vec), alpha),
                "vec": lambda grad, mat, alpha: _scaled(matmul(swap(mat, 0, 1), grad), alpha)},
           local={"self": _BETA_LOCAL, "mat": ("alpha·{vec}ᵀ (outer product with G)", r"\alpha\,{vec}^\top"),
                  "vec": ("alpha·{mat}ᵀ (on the left)", r"\alpha\,{mat}^\top")},
           shows_as="addmv({self}, {mat}, {vec})",
           explain="beta·input + alpha·(mat @ vec): the input receives beta·G, the matrix alpha·(G ⊗ vec), "
                   "the vector alpha·matᵀG")
ADDR = op("addr", grad_fn="AddrBackward0", inputs=("self", "vec1", "vec2"),
          forward=lambda self, vec1, vec2, beta, alpha: _added_product(np.multiply.outer)(self, vec1, vec2, beta, alpha),
          vjp={"self": lambda grad, beta: _scaled(grad, beta),
               "vec1": lambda grad, vec2, alpha: _scaled(matmul(grad, vec2), alpha),
               "vec2": lambda grad, vec1, alpha: _scaled(matmul(swap(grad, 0, 1), vec1), alpha)},
          local={"self": _BETA_LOCAL, "vec1": ("alpha·{vec2} (G times it)", r"\alpha\,{vec2}"),
                 "vec2": ("alpha·{vec1} (Gᵀ times it)", r"\alpha\,{vec1}")},
          shows_as="addr({self}, {vec1}, {vec2})",
          explain="beta·input + alpha·(vec1 ⊗ vec2): the input receives beta·G, vec1 alpha·G·vec2, vec2 alpha·Gᵀ·vec1")
BADDBMM = op("baddbmm", grad_fn="BaddbmmBackward0", inputs=("self", "batch1", "batch2"),
             forward=lambda self, batch1, batch2, beta, alpha: _added_product(np.matmul)(self, batch1, batch2, beta, alpha),
             vjp={"self": lambda grad, beta: _scaled(grad, beta),
                  "batch1": lambda grad, batch2, alpha: _scaled(matmul(grad, _batch_transposed(batch2)), alpha),
                  "batch2": lambda grad, batch1, alpha: _scaled(matmul(_batch_transposed(batch1), grad), alpha)},
             local={"self": _BETA_LOCAL, "batch1": ("alpha·{batch2}ᵀ (on the right, per batch)", r"\alpha\,{batch2}^\top"),
                    "batch2": ("alpha·{batch1}ᵀ (on the left, per batch)", r"\alpha\,{batch1}^\top")},
             shows_as="baddbmm({self}, {batch1}, {batch2})",
             explain="beta·input + alpha·(batch1 @ batch2), per batch: as addmm for each matrix of the batch")
ADDBMM = op("addbmm", grad_fn="AddbmmBackward0", inputs=("self", "batch1", "batch2"),
            forward=lambda self, batch1, batch2, beta, alpha: _added_product(
                lambda a, b: np.matmul(a, b).sum(axis=0))(self, batch1, batch2, beta, alpha),
            vjp={"self": lambda grad, beta: _scaled(grad, beta),
                 "batch1": lambda grad, batch2, alpha: _scaled(matmul(grad, _batch_transposed(batch2)), alpha),
                 "batch2": lambda grad, batch1, alpha: _scaled(matmul(_batch_transposed(batch1), grad), alpha)},
            local={"self": _BETA_LOCAL, "batch1": ("alpha·{batch2}ᵀ (on the right, each batch)", r"\alpha\,{batch2}^\top"),
                   "batch2": ("alpha·{batch1}ᵀ (on the left, each batch)", r"\alpha\,{batch1}^\top")},
            shows_as="addbmm({self}, {batch1}, {batch2})",
            explain="beta·input + alpha·Σ_b batch1[b] @ batch2[b]: every product of the sum receives the same G")
VDOT = op("vdot", grad_fn="VdotBackward0", forward=np.dot,
          vjp={"self": lambda grad, other: grad * other, "other": lambda grad, self: grad * self},
          local={"self": ("{other}", "{other}"), "other": ("{self}", "{self}")}, shows_as="vdot({self}, {other})",
          explain="as dot (real numbers are their own conjugates): each vector receives G times the other")


def _same_dtypes(name, tensors):
    first = tensors[0].dtype
    for t in tensors[1:]:
        if t.dtype != first:
            raise RuntimeError(f"{name}: expected all tensors to have the same dtype, but got "
                               f"{dtypes.TYPE_NAMES_SHORT[first.name]} and {dtypes.TYPE_NAMES_SHORT[t.dtype.name]}. "
                               "Convert them first, e.g. with .to(x.dtype).")


def _fits_into(input, shape):
    """The input must broadcast to the product's ``shape`` (PyTorch's expand rule)."""
    try:
        if np.broadcast_shapes(tuple(input.shape), shape) == shape:
            return
    except ValueError:
        pass
    raise RuntimeError(f"The expanded size of the tensor does not match: the input of shape {list(input.shape)} "
                       f"must broadcast to the product's shape {list(shape)}")


def _added(spec, name, input, first, second, beta, alpha, shape):
    _same_dtypes(name, (input, first, second))
    _fits_into(input, shape)
    return spec(input, first, second, beta=beta, alpha=alpha)


@public("function", "method", "inplace", tensors=("input", "mat", "vec"))
def addmv(input, mat, vec, *, beta=1, alpha=1):
    """``beta * input + alpha * (mat @ vec)`` in one op (AddmvBackward0)."""
    if mat.ndim != 2 or vec.ndim != 1 or mat.shape[1] != vec.shape[0]:
        raise RuntimeError(f"size mismatch, got input ({'x'.join(map(str, input.shape))}), mat "
                           f"({'x'.join(map(str, mat.shape))}), vec ({'x'.join(map(str, vec.shape))})")
    return _added(ADDMV, "addmv", input, mat, vec, beta, alpha, (mat.shape[0],))


@public("function", "method", "inplace", tensors=("input", "vec1", "vec2"))
def addr(input, vec1, vec2, *, beta=1, alpha=1):
    """``beta * input + alpha * outer(vec1, vec2)`` in one op (AddrBackward0)."""
    if vec1.ndim != 1 or vec2.ndim != 1:
        raise RuntimeError(f"addr: Expected 1-D argument vec1, but got {vec1.ndim}-D" if vec1.ndim != 1 else
                           f"addr: Expected 1-D argument vec2, but got {vec2.ndim}-D")
    return _added(ADDR, "addr", input, vec1, vec2, beta, alpha, (vec1.shape[0], vec2.shape[0]))


def _check_batches(batch1, batch2):
    if batch1.ndim != 3 or batch2.ndim != 3:
        raise RuntimeError(f"batch1 must be a 3D tensor" if batch1.ndim != 3 else "batch2 must be a 3D tensor")
    expected = [batch1.shape[0], batch1.shape[2]]
    if list(batch2.shape[:2]) != expected:
        raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: {expected} but got: "
                           f"{list(batch2.shape[:2])}.")


@public("function", "method", "inplace", tensors=("input", "batch1", "batch2"))
def baddbmm(input, batch1, batch2, *, beta=1, alpha=1):
    """``beta * input + alpha * bmm(batch1, batch2)`` in one op (BaddbmmBackward0): attention's scores
    with a mask or bias added."""
    _check_batches(batch1, batch2)
    shape = (batch1.shape[0], batch1.shape[1], batch2.shape[2])
    return _added(BADDBMM, "baddbmm", input, batch1, batch2, beta, alpha, shape)


@public("function", "method", "inplace", tensors=("input", "batch1", "batch2"))
def addbmm(input, batch1, batch2, *, beta=1, alpha=1):
    """``beta * input + alpha * (sum of batch1[b] @ batch2[b])`` in one op (AddbmmBackward0)."""
    _check_batches(batch1, batch2)
    return _added(ADDBMM, "addbmm", input, batch1, batch2, beta, alpha, (batch1.shape[1], batch2.shape[2]))


@public("function", "method", tensors=("input", "other"))
def vdot(input, other):
    """The dot product of two vectors, the first conjugated (for real numbers: ``dot``) (VdotBackward0)."""
    if input.ndim != 1 or other.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {input.ndim}D and {other.ndim}D tensors")
    if input.shape[0] != other.shape[0]:
        raise RuntimeError(f"inconsistent tensor size, expected tensor [{input.shape[0]}] and src "
                           f"[{other.shape[0]}] to have the same number of elements, but got {input.shape[0]} "
                           f"and {other.shape[0]} elements respectively")
    _same_dtypes("vdot", (input, other))
    return VDOT(input, other)


# ---------------------------------------------------------------------------------------------
# Writing a slice, a row or a diagonal into a copy: the *_scatter functions, and narrow_copy


def _written_places(shape, key):
    """True where ``key`` (a NumPy key, or a ``_Diagonal``) writes."""
    places = np.zeros(shape, dtype=bool)
    _write_places(places, key, True)
    return places


def _write_places(out, key, src):
    if isinstance(key, _Diagonal):
        key.write(out, src)
    else:
        out[key] = src


def _scatter_forward(self, src, key):
    out = self.copy()
    _write_places(out, key, src)
    return out


def _scatter_input_rule(grad, self_shape, key):
    return where(constant(_written_places(self_shape, key), grad), 0.0, grad)


def _read_places(grad, key):
    return key.read(grad) if isinstance(key, _Diagonal) else grad[key]


class _Diagonal:
    """The places of a diagonal (``offset``, between ``dim1`` and ``dim2``), used as a key."""

    def __init__(self, offset, dim1, dim2):
        self.offset, self.dim1, self.dim2 = offset, dim1, dim2

    def write(self, array, values):
        moved = np.moveaxis(array, (self.dim1, self.dim2), (-2, -1))  # a view: writes reach the array
        rows, columns = _diagonal_key(moved.shape[-2:], self.offset)
        moved[..., rows, columns] = values

    def read(self, grad):
        return _diagonal_of(grad, self.offset, self.dim1, self.dim2)

    def __repr__(self):
        return f"diagonal(offset={self.offset}, dim1={self.dim1}, dim2={self.dim2})"


def _diagonal_key(shape, offset):
    rows = np.arange(max(0, -offset), max(0, min(shape[0], shape[1] - offset)))
    return rows, rows + offset


def _scatter_spec(name, grad_fn, what):
    return op(name, grad_fn=grad_fn, forward=_scatter_forward,
              vjp={"self": _scatter_input_rule, "src": lambda grad, key: _read_places(grad, key)},
              local={"self": (f"0 on the {what} written over, 1 elsewhere", "1"),
                     "src": (f"1 (its place in the {what})", "1")},
              shows_as=f"{name}({{self}}, {{src}}, {{key}})",
              explain=f"the input receives the gradient except on the {what} that was written over; "
                      f"src receives the gradient of the {what}")


SELECT_SCATTER = _scatter_spec("select_scatter", "SelectScatterBackward0", "slice")
SLICE_SCATTER = _scatter_spec("slice_scatter", "SliceScatterBackward0", "slices")
DIAGONAL_SCATTER = _scatter_spec("diagonal_scatter", "DiagonalScatterBackward0", "diagonal")


def _scatter_into(name, spec, input, src, key, expected_shape):
    if tuple(src.shape) != tuple(expected_shape):
        raise RuntimeError(f"{name}: expected src to have a size equal to the slice of self. src size = "
                           f"{list(src.shape)}, slice size = {list(expected_shape)}")
    _same_dtypes(name, (input, src))
    return spec(input, src, key=key)


@public("function", "method", tensors=("input", "src"))
def select_scatter(input, src, dim, index):
    """A copy of ``input`` with ``src`` written at position ``index`` along ``dim``
    (SelectScatterBackward0): the out-of-place ``x[..., index, ...] = src``."""
    dim = dim_arg(dim, input.ndim)
    size = input.shape[dim]
    if not -size <= index < size:
        raise IndexError(f"select(): index {index} out of range for tensor of size {list(input.shape)} at "
                         f"dimension {dim}")
    key = (slice(None),) * dim + (index % size,)
    return _scatter_into("select_scatter", SELECT_SCATTER, input, src, key, input.shape[:dim] + input.shape[dim + 1:])


@public("function", "method", tensors=("input", "src"))
def slice_scatter(input, src, dim=0, start=None, end=None, step=1):
    """A copy of ``input`` with ``src`` written into the slice ``start:end:step`` along ``dim``
    (SliceScatterBackward0)."""
    dim = dim_arg(dim, input.ndim)
    if step <= 0:
        raise RuntimeError("slice step must be positive")
    key = (slice(None),) * dim + (slice(start, end, step),)
    expected = np.empty(input.shape, dtype=bool)[key].shape
    return _scatter_into("slice_scatter", SLICE_SCATTER, input, src, key, expected)


@public("function", "method", tensors=("input", "src"))
def diagonal_scatter(input, src, offset=0, dim1=0, dim2=1):
    """A copy of ``input`` with ``src`` written on the diagonal ``offset`` of the matrices in dims
    ``dim1`` and ``dim2`` (DiagonalScatterBackward0)."""
    first, second = dim_arg(dim1, input.ndim), dim_arg(dim2, input.ndim)
    if first == second:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    expected = np.diagonal(np.empty(input.shape, dtype=bool), offset, first, second).shape
    return _scatter_into("diagonal_scatter", DIAGONAL_SCATTER, input, src, _Diagonal(offset, first, second), expected)


NARROW_COPY = op("narrow_copy", grad_fn="NarrowCopyBackward0", forward=lambda self, key: self[key].copy(),
                 vjp={"self": lambda grad, self_shape, key: scatter(grad, self_shape, key)},
                 local={"self": ("1 inside the narrowed part, 0 elsewhere", "1")},
                 shows_as="{self}.narrow_copy({key})",
                 explain="the kept part receives the gradient; the rest gets 0")


@public("function", "method", tensors=("input",))
def narrow_copy(input, dim, start, length):
    """A copy (not a view) of ``length`` elements of ``input`` from ``start`` along ``dim`` (NarrowCopyBackward0)."""
    dim = dim_arg(dim, input.ndim)
    size = input.shape[dim]
    if not -size <= start <= size:
        raise IndexError(f"start out of range (expected to be in range of [{-size}, {size}], but got {start})")
    start = start % size if size and start < 0 else start
    if start + length > size or length < 0:
        raise RuntimeError(f"start ({start}) + length ({length}) exceeds dimension size ({size}).")
    return NARROW_COPY(input, key=(slice(None),) * dim + (slice(start, start + length),))


# ---------------------------------------------------------------------------------------------
# quantile and nanquantile, built as PyTorch builds them: sort, pick the two neighbours of each
# rank, interpolate


_INTERPOLATIONS = ("linear", "lower", "higher", "midpoint", "nearest")


def _quantile(name, input, q, dim, keepdim, interpolation, skip_nan):
    if not input.dtype.is_floating_point:
        raise RuntimeError(f"{name}() input tensor must be either float or double dtype")
    if input.numel() == 0:
        raise RuntimeError(f"{name}() input tensor must be non-empty")
    if interpolation not in _INTERPOLATIONS:
        raise RuntimeError(f"{name}() interpolation must be one of linear, lower, higher, midpoint or nearest, "
                           f"but got {interpolation}")
    if isinstance(q, Tensor):
        if q.ndim > 1:
            raise RuntimeError(f"{name}() q must be a scalar or 1D tensor")
        if q.dtype != input.dtype:
            raise RuntimeError(f"{name}() q tensor must be same dtype as the input tensor")
        fractions, scalar = q._array.reshape(-1), q.ndim == 0
    else:
        fractions, scalar = np.array([q], dtype=input._array.dtype), True
        if not 0 <= q <= 1:
            raise RuntimeError(f"{name}() q must be in the range [0, 1] but got {q}")
    if isinstance(q, Tensor) and ((fractions < 0) | (fractions > 1)).any():
        raise RuntimeError(f"{name}() q values must be in the range [0, 1]")
    if dim is None:
        values = input.flatten().sort().values
        if keepdim:
            values = values.reshape((1,) * input.ndim + (-1,))
    else:
        dim = dim_arg(dim, input.ndim)
        values = input.unsqueeze(-1).transpose(dim, -1).sort().values
        if not keepdim and input.ndim:
            values = values.squeeze(dim)
    sorted_values = values._array
    last = sorted_values.shape[-1] - 1
    missing = np.isnan(sorted_values)
    if skip_nan:  # ranks among the values that are there; none there: rank 0 (a nan)
        steps = (np.sum(~missing, axis=-1, keepdims=True) - 1).astype(fractions.dtype)
        stuck = steps < 0
    else:  # a nan anywhere makes the quantile nan: the last (sorted) value is one
        steps = np.full(sorted_values.shape[:-1] + (1,), last, dtype=fractions.dtype)
        stuck = missing.any(axis=-1, keepdims=True)
    stuck_at = 0 if skip_nan else last
    ranks = np.where(stuck, fractions.dtype.type(stuck_at), fractions * steps).astype(fractions.dtype)
    ranks = {"lower": np.floor, "higher": np.ceil, "nearest": np.round}.get(interpolation, lambda r: r)(ranks)
    below = ranks.astype(np.int64)
    result = values.gather(-1, Tensor._wrap(below))
    if interpolation in ("linear", "midpoint"):
        above = values.gather(-1, Tensor._wrap(np.ceil(ranks).astype(np.int64)))
        if interpolation == "midpoint":
            weight = Tensor._wrap(np.full_like(ranks, 0.5))
        elif isinstance(q, Tensor) and q.requires_grad:  # the weight is a function of q: q gets a gradient
            weight = where(Tensor._wrap(np.broadcast_to(stuck, ranks.shape).copy()), 0.0,
                           q.reshape(-1) * Tensor._wrap(steps) - Tensor._wrap(below.astype(ranks.dtype)))
        else:
            weight = Tensor._wrap((ranks - below).astype(ranks.dtype))
        # lerp as PyTorch computes it: from the nearer end, so that weight 0 and 1 give the values exactly
        result = where(Tensor._wrap(weight._array < 0.5), result + weight * (above - result),
                       above - (above - result) * (1 - weight))
    from .shape import SQUEEZE_DIM_  # PyTorch ends with an in-place squeeze_ (SqueezeBackward4)
    if not scalar:
        result = result.unsqueeze(0).transpose(0, -1)
    return SQUEEZE_DIM_(result, dim=result.ndim - 1)


@public("function", "method", tensors=("input",))
def quantile(input, q, dim=None, keepdim=False, *, interpolation="linear"):
    """The ``q``-th quantiles (q in [0, 1], a number or a 1-d tensor) of all elements or along ``dim``:
    the value below which a fraction q of the data lies, interpolated between the two nearest sorted
    values. A 1-d q gives one quantile per entry, in a new first dim."""
    return _quantile("quantile", input, q, dim, keepdim, interpolation, skip_nan=False)


@public("function", "method", tensors=("input",))
def nanquantile(input, q, dim=None, keepdim=False, *, interpolation="linear"):
    """``quantile`` leaving out nan values (as if they were not there)."""
    return _quantile("nanquantile", input, q, dim, keepdim, interpolation, skip_nan=True)


__all__ = ["ROT90", "CUMMAX", "CUMMIN", "LOGCUMSUMEXP", "CROSS", "BLOCK_DIAG", "AMINMAX_MIN", "AMINMAX_MAX",
           "STD_MEAN_STD", "STD_MEAN_MEAN", "VAR_MEAN_VAR", "VAR_MEAN_MEAN", "DIAG_EMBED_DIMS", "INDEX_COPY",
           "INDEX_FILL", "INDEX_FILL_TENSOR", "MASKED_SELECT", "MASKED_SCATTER", "RENORM", "ADDMV", "ADDR",
           "BADDBMM", "ADDBMM", "VDOT", "SELECT_SCATTER", "SLICE_SCATTER", "DIAGONAL_SCATTER", "NARROW_COPY"]


def _cheapest_order(shapes):
    """Where to split each chain of matrices so that the products cost the fewest multiplications
    (the classic dynamic programme PyTorch's multi_dot runs): ``split[i][j]`` for matrices i..j."""
    n = len(shapes)
    dims = [shapes[0][0]] + [shape[1] for shape in shapes]
    cost = [[0] * n for _ in range(n)]
    split = [[0] * n for _ in range(n)]
    for length in range(1, n):
        for i in range(n - length):
            j = i + length
            cost[i][j], split[i][j] = min((cost[i][k] + cost[k + 1][j] + dims[i] * dims[k + 1] * dims[j + 1], k)
                                          for k in range(i, j))
    return split


def multi_dot(tensors):
    """The product of a list of matrices (the first may be a vector, read as a row, and the last a
    vector, read as a column), multiplied in the order that costs the fewest multiplications."""
    from .linalg import mm
    tensors = tensor_list(tensors)
    if len(tensors) < 2:
        raise RuntimeError(f"multi_dot(): expected at least 2 tensors but got {len(tensors)}")
    first_vector, last_vector = tensors[0].ndim == 1, tensors[-1].ndim == 1
    matrices = [tensors[0].unsqueeze(0) if first_vector else tensors[0], *tensors[1:-1],
                tensors[-1].unsqueeze(1) if last_vector else tensors[-1]]
    for position, t in enumerate(matrices):
        if t.ndim != 2:
            raise RuntimeError(f"multi_dot(): the first and last tensors must be 1D or 2D but got "
                               f"{tensors[position].ndim}D" if position in (0, len(matrices) - 1) else
                               f"multi_dot(): tensor {position} must be 2D but got {t.ndim}D")
    _same_dtypes("multi_dot()", matrices)
    for position, (a, b) in enumerate(zip(matrices, matrices[1:])):
        if a.shape[1] != b.shape[0]:
            raise RuntimeError(f"multi_dot(): tensors {position} and {position + 1} with shapes "
                               f"{list(a.shape)} and {list(b.shape)} cannot be multiplied")
    split = _cheapest_order([tuple(t.shape) for t in matrices])

    def product(i, j):
        return matrices[i] if i == j else mm(product(i, split[i][j]), product(split[i][j] + 1, j))

    result = product(0, len(matrices) - 1)
    shape = tuple(n for n, dropped in zip(result.shape, (first_vector, last_vector)) if not dropped)
    return result.view(shape)


@public("function")
def chain_matmul(*matrices):
    """The old name of ``torch.linalg.multi_dot`` for matrices given one by one (PyTorch warns that
    it is deprecated)."""
    warnings.warn("torch.chain_matmul is deprecated and will be removed in a future PyTorch release. Use "
                  "torch.linalg.multi_dot instead, which accepts a list of two or more tensors rather than "
                  "multiple parameters.", UserWarning, stacklevel=3)
    if len(matrices) == 1:
        return matrices[0].clone()
    return multi_dot(matrices)
