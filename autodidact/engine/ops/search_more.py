"""Functions from PyTorch's documentation that tutorials reach for, written with the ops above:
``tensordot``, ``cartesian_prod``, ``kthvalue``, ``msort``, ``cdist``, ``diff``, ``fliplr``,
``take_along_dim``... are built from differentiable ops (so their gradients come from those ops'
checked rules); ``bucketize``, ``searchsorted``, ``histc``, ``histogram``, ``isin``,
``count_nonzero``, ``tril_indices`` and ``triu_indices`` give counts or positions, which have no
gradient (as in PyTorch).
"""
from collections import namedtuple

import numpy as np

from ...parity import dtypes
from ..arguments import dim_arg, return_type
from ..graph import _grad_mode
from ..spec import Tensor, op
from .public import public
from .helpers import _is_tensor, unsqueeze_dims
from .reductions import _gather_rule

return_types_kthvalue = return_type("kthvalue")


class return_types_histogram(namedtuple("histogram", ["hist", "bin_edges"])):
    """(hist, bin_edges), printed as PyTorch prints ``torch.return_types.histogram(...)``."""
    __slots__ = ()

    def __repr__(self):
        return f"torch.return_types.histogram(\nhist={self.hist!r},\nbin_edges={self.bin_edges!r})"


@public("function", "method", tensors=("input", "other"))
def tensordot(input, other, dims=2):
    """Sum the products over the last ``dims`` dims of ``input`` and the first ``dims`` of ``other``
    (or over the dims listed in ``dims=([dims of input], [dims of other])``): as PyTorch does it,
    by moving the summed dims together and calling one matrix product."""
    if isinstance(dims, int):
        if dims < 0:
            raise RuntimeError(f"tensordot expects dims >= 0, but got dims={dims}")
        summed_a = list(range(input.ndim - dims, input.ndim))
        summed_b = list(range(dims))
    else:
        summed_a, summed_b = ([d] if isinstance(d, int) else list(d) for d in dims)
        summed_a = [dim_arg(d, input.ndim) for d in summed_a]
        summed_b = [dim_arg(d, other.ndim) for d in summed_b]
    if len(summed_a) != len(summed_b):
        raise RuntimeError("both dimension lists should have same length")
    for da, db in zip(summed_a, summed_b):
        if input.shape[da] != other.shape[db]:
            raise RuntimeError(f"contracted dimensions need to match, but first has size {input.shape[da]} "
                               f"in dim {da} and second has size {other.shape[db]} in dim {db}")
    kept_a = [d for d in range(input.ndim) if d not in summed_a]
    kept_b = [d for d in range(other.ndim) if d not in summed_b]
    rows = int(np.prod([input.shape[d] for d in kept_a], dtype=np.int64))
    inner = int(np.prod([input.shape[d] for d in summed_a], dtype=np.int64))
    columns = int(np.prod([other.shape[d] for d in kept_b], dtype=np.int64))
    a = input.permute(*kept_a, *summed_a).reshape(rows, inner)
    b = other.permute(*summed_b, *kept_b).reshape(inner, columns)
    return (a @ b).reshape(*[input.shape[d] for d in kept_a], *[other.shape[d] for d in kept_b])


@public("function")
def cartesian_prod(*tensors):
    """Every combination of one element from each 1-d tensor, one combination per row."""
    if len(tensors) == 1:
        return tensors[0]
    from .shape import meshgrid, stack
    grids = meshgrid(*tensors, indexing="ij")
    return stack([grid.flatten() for grid in grids], dim=1)


def _kth_forward(self, dim, keepdim, indices):
    """The elements at ``indices`` (one per slice, kept as a dim of size 1) along ``dim``."""
    if self.ndim == 0:
        return self.copy()
    picked = np.take_along_axis(self, indices, axis=dim)
    return picked if keepdim else picked.squeeze(dim)


def _kth_rule(grad, self_shape, dim, keepdim, indices):
    # The picked element of each slice receives the upstream gradient; the others receive 0.
    if len(self_shape) and not keepdim:
        grad = unsqueeze_dims(grad, (dim,))
    return _gather_rule(grad, self_shape, dim, indices)


KTHVALUE = op("kthvalue", grad_fn="KthvalueBackward0", forward=_kth_forward, vjp={"self": _kth_rule},
              local={"self": ("1 at the k-th smallest element, else 0", r"\mathbb{1}[\text{k-th smallest}]")},
              shows_as="{self}.kthvalue(dim={dim})",
              explain="the k-th smallest element of each slice receives the upstream gradient; the others 0")


@public("function", "method", tensors=("input",))
def kthvalue(input, k, dim=-1, keepdim=False):
    """``(values, indices)``: the ``k``-th smallest element along ``dim`` (k counts from 1)."""
    from .reductions import _order
    dim = dim_arg(dim, input.ndim)
    size = input.shape[dim] if input.ndim else 1
    if not 1 <= k <= size:
        raise IndexError(f"kthvalue(): selected number k out of range for dimension {dim}")
    if input.ndim == 0:
        indices = np.array(0, dtype=np.int64)
    else:
        indices = np.take(_order(input._array, dim, False), [k - 1], axis=dim)
    values = KTHVALUE(input, dim=dim, keepdim=keepdim, indices=indices)
    shown = indices if keepdim or input.ndim == 0 else indices.squeeze(dim)
    return return_types_kthvalue(values, Tensor._wrap(shown))


@public("function", "method", tensors=("input",))
def msort(input):
    """The elements sorted along the first dim: ``sort(input, dim=0).values``."""
    from .reductions import sort
    return sort(input, 0).values


@public("function", tensors=("x1", "x2"))
def cdist(x1, x2, p=2.0, compute_mode=None):
    """The ``p``-norm distance between each row of ``x1`` and each row of ``x2`` (batched over the
    leading dims): entry ``[i, j]`` is ``||x1[i] - x2[j]||_p``."""
    from .reductions import vector_norm
    if x1.ndim < 2 or x2.ndim < 2:
        raise RuntimeError(f"cdist only supports at least 2D tensors, X{1 if x1.ndim < 2 else 2} got: "
                           f"{min(x1.ndim, x2.ndim)}D")
    if x1.shape[-1] != x2.shape[-1]:
        raise RuntimeError(f"X1 and X2 must have the same number of columns. X1: {x1.shape[-1]} X2: {x2.shape[-1]}")
    if p < 0:
        raise RuntimeError("cdist only supports non-negative p values")
    differences = x1.unsqueeze(-2) - x2.unsqueeze(-3)
    return vector_norm(differences, ord=p, dim=-1)


@public("function", "method", tensors=("input", "other"))
def dist(input, other, p=2):
    """The ``p``-norm of ``input - other`` (broadcast), as one number."""
    from .reductions import vector_norm
    return vector_norm(input - other, ord=p)


def _positions(sorted_sequence, values, right, side, out_int32):
    if side is not None:
        if side not in ("left", "right"):
            raise RuntimeError(f"torch.searchsorted(): side can only be 'left' or 'right' but got {side}")
        if right and side == "left":
            raise RuntimeError("torch.searchsorted(): side and right can't be set to opposites, got side of "
                               "left while right was True")
        right = side == "right"
    side = "right" if right else "left"
    found = np.searchsorted(sorted_sequence, values, side=side)
    return Tensor._wrap(np.asarray(found, dtype=np.int32 if out_int32 else np.int64))


@public("function", tensors=("sorted_sequence",))
def searchsorted(sorted_sequence, values, *, out_int32=False, right=False, side=None, sorter=None):
    """Where each value would go in ``sorted_sequence`` to keep it sorted (the first such place, or
    the last with ``right=True``); a sorted_sequence of several dims searches row by row."""
    sequence = sorted_sequence._array
    if sorter is not None:
        sequence = np.take_along_axis(sequence, sorter._array, axis=-1)
    scalar = not _is_tensor(values)
    wanted = np.asarray(values) if scalar else values._array
    if sequence.ndim <= 1:
        return _positions(sequence, wanted, right, side, out_int32)
    if wanted.shape[:-1] != sequence.shape[:-1]:
        raise RuntimeError("torch.searchsorted(): boundaries tensor should be 1 dimension or the first N-1 "
                           "dimensions of boundaries tensor and input value tensor must match, but we got "
                           f"boundaries tensor {list(sequence.shape)} and input value tensor {list(wanted.shape)}")
    rows = sequence.reshape(-1, sequence.shape[-1])
    asked = wanted.reshape(rows.shape[0], -1)
    found = np.stack([_positions(row, ask, right, side, out_int32)._array for row, ask in zip(rows, asked)])
    return Tensor._wrap(found.reshape(wanted.shape))


@public("function", tensors=("input", "boundaries"))
def bucketize(input, boundaries, *, out_int32=False, right=False):
    """The index of the bucket each element falls in, the buckets being set by the increasing 1-d
    ``boundaries``: index i when ``boundaries[i-1] < x <= boundaries[i]`` (``right=True``:
    ``boundaries[i-1] <= x < boundaries[i]``)."""
    if boundaries.ndim != 1:
        raise RuntimeError(f"boundaries tensor must be 1 dimension, but got dim({boundaries.ndim})")
    return _positions(boundaries._array, input._array, right, None, out_int32)


def _histogram_counts(input, bins, low, high, weight):
    array = input._array
    if low == high == 0 and array.size:
        low, high = float(array.min()), float(array.max())
    if low == high:
        low, high = low - 1, high + 1
    if low > high:
        raise RuntimeError("torch.histc: max must be larger than min")
    dtype = array.dtype
    edges = np.linspace(low, high, bins + 1).astype(dtype)
    inside = (array >= low) & (array <= high)
    position = ((array[inside].astype(np.float64) - low) * bins / (high - low)).astype(np.int64)
    position = np.minimum(position, bins - 1)  # the maximum belongs to the last bin
    weights = None if weight is None else weight._array[inside]
    counts = np.bincount(position.ravel(), weights, minlength=bins).astype(dtype)
    return counts, edges


@public("function", "method", tensors=("input",))
def histc(input, bins=100, min=0, max=0):
    """A histogram: how many elements fall in each of ``bins`` equal-width bins between ``min`` and
    ``max`` (both 0: the smallest and largest element). Elements outside are left out."""
    if not input.dtype.is_floating_point:
        raise NotImplementedError(f'"histogram_cpu" not implemented for \'{dtypes.TYPE_NAMES_SHORT[input.dtype.name]}\'')
    if bins <= 0:
        raise RuntimeError("torch.histc: bins must be > 0")
    if input.requires_grad and _grad_mode.enabled:
        raise NotImplementedError("the derivative for 'histc' is not implemented.")
    return Tensor._wrap(_histogram_counts(input, bins, float(min), float(max), None)[0])


@public("function", "method", tensors=("input",))
def histogram(input, bins, *, range=None, weight=None, density=False):
    """``(hist, bin_edges)``: histc's counts with the bin edges (``bins`` equal bins over ``range``, or
    the given edges), optionally weighted, or normalised to a density with ``density=True``."""
    if not input.dtype.is_floating_point:
        raise NotImplementedError(f'"histogram_cpu" not implemented for \'{dtypes.TYPE_NAMES_SHORT[input.dtype.name]}\'')
    array = input._array
    if _is_tensor(bins):
        edges = bins._array.astype(array.dtype)
        counts, _ = np.histogram(array, edges, weights=None if weight is None else weight._array)
        counts = counts.astype(array.dtype)
    else:
        low, high = (0.0, 0.0) if range is None else (float(range[0]), float(range[1]))
        counts, edges = _histogram_counts(input, int(bins), low, high, weight)
    if density:
        widths = np.diff(edges)
        counts = (counts / (counts.sum() * widths)).astype(array.dtype)
    return return_types_histogram(Tensor._wrap(counts), Tensor._wrap(edges))


@public("function")
def tril_indices(row, col, offset=0, *, dtype=None, device=None, layout=None):
    """The (row, column) indices of the lower triangle of a row x col matrix, as a 2 x N tensor."""
    return Tensor._wrap(np.stack(np.tril_indices(row, offset, col)).astype(np.int64).reshape(2, -1))


@public("function")
def triu_indices(row, col, offset=0, *, dtype=None, device=None, layout=None):
    """The (row, column) indices of the upper triangle of a row x col matrix, as a 2 x N tensor."""
    return Tensor._wrap(np.stack(np.triu_indices(row, offset, col)).astype(np.int64).reshape(2, -1))



@public("function", "method", tensors=("input",))
def fliplr(input):
    """The columns in reverse order (dim 1): ``flip(input, [1])``."""
    if input.ndim < 2:
        raise RuntimeError("Input must be >= 2-d.")
    return input.flip([1])


@public("function", "method", tensors=("input",))
def flipud(input):
    """The rows in reverse order (dim 0): ``flip(input, [0])``."""
    if input.ndim < 1:
        raise RuntimeError("Input must be >= 1-d.")
    return input.flip([0])


@public("function", "method", tensors=("input",))
def diff(input, n=1, dim=-1, prepend=None, append=None):
    """Differences of neighbours along ``dim`` (``out[i] = input[i + 1] - input[i]``), ``n`` times;
    ``prepend``/``append`` are joined on first. Built as PyTorch builds it: one slice minus another."""
    from .shape import cat
    if input.ndim == 0:
        raise RuntimeError("diff expects input to be at least one-dimensional")
    dim = dim_arg(dim, input.ndim)
    pieces = [piece for piece in (prepend, input, append) if piece is not None]
    if len(pieces) > 1:
        input = cat([piece if _is_tensor(piece) else Tensor._wrap(np.asarray(piece, dtype=input._array.dtype))
                     for piece in pieces], dim)
    for _ in range(n):
        length = input.shape[dim]
        if length == 0:
            break
        later, earlier = input.narrow(dim, 1, length - 1), input.narrow(dim, 0, length - 1)
        input = later != earlier if input.dtype is dtypes.bool_ else later - earlier
    return input


@public("function", "method", tensors=("input", "indices"))
def take_along_dim(input, indices, dim=None):
    """The elements at ``indices`` along ``dim`` (``gather`` with broadcasting); without ``dim``,
    positions in the flattened input."""
    if dim is None:
        return input.reshape(-1).gather(0, indices.reshape(-1))
    dim = dim_arg(dim, input.ndim)
    shape = list(np.broadcast_shapes(tuple(input.shape[:dim] + (1,) + input.shape[dim + 1:]),
                                     tuple(indices.shape[:dim] + (1,) + indices.shape[dim + 1:])))
    input_shape, index_shape = list(shape), list(shape)
    input_shape[dim], index_shape[dim] = input.shape[dim], indices.shape[dim]
    return input.expand(*input_shape).gather(dim, indices.expand(*index_shape))


@public("function", tensors=("elements",))
def isin(elements, test_elements, *, assume_unique=False, invert=False):
    """True where an element of ``elements`` is one of ``test_elements`` (``invert=True``: is not)."""
    tested = test_elements._array if _is_tensor(test_elements) else np.asarray(test_elements)
    return Tensor._wrap(np.isin(elements._array, tested, invert=invert))


@public("function", "method", tensors=("input",))
def count_nonzero(input, dim=None):
    """How many elements are not zero (over ``dim``, an int or a tuple, or over all)."""
    axis = None if dim is None else tuple(dim_arg(d, input.ndim) for d in (dim if isinstance(dim, (tuple, list)) else (dim,)))
    return Tensor._wrap(np.asarray(np.count_nonzero(input._array, axis=axis), dtype=np.int64))


__all__ = ['KTHVALUE']
