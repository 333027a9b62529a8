"""Shape ops: no arithmetic, the gradient is only moved back into place (reshape, transpose,
squeeze, expand, repeat, flip, cat, stack)."""
import builtins
import warnings

import numpy as np

from ...parity import dtypes, versions
from ..arguments import (Size, check_broadcast, dim_arg, dims_arg, operand, resolve_shape, takes_tensors,
                         tensor_list)
from ..creation import tensor_of
from ..spec import Tensor, op
from .public import PUBLIC, public
from . import helpers
from .helpers import sum_keepdim, swap
from .indexing import SPLIT, SPLIT_WITH_SIZES
from .public import check_tensors

_ONE = {"self": ("1", "1")}


def _inverse(permutation):
    return tuple(np.argsort(permutation))


def _reshaped_back(grad, self_shape):
    return helpers.reshape(grad, self_shape)


VIEW = op("view", grad_fn="ViewBackward0", forward=lambda self, shape: self.reshape(shape),
          vjp={"self": _reshaped_back}, local={"self": ("1 (reshaped back)", "1")},
          shows_as="{self}.reshape{shape}", explain="the gradient is reshaped back to the input's shape")
# reshape is a view when it can be (ViewBackward0 for a contiguous tensor, ReshapeAliasBackward0 for
# another one whose layout allows it), else a copy reshaped (UnsafeViewBackward0), as in PyTorch.
RESHAPE_ALIAS = op("reshape_alias", grad_fn="ReshapeAliasBackward0", forward=VIEW.forward,
                   vjp={"self": _reshaped_back}, local={"self": ("1 (reshaped back)", "1")},
                   shows_as="{self}.reshape{shape}", explain="the gradient is reshaped back to the input's shape")
UNSAFE_VIEW = op("unsafe_view", grad_fn="UnsafeViewBackward0", forward=VIEW.forward,
                 vjp={"self": _reshaped_back}, local={"self": ("1 (reshaped back)", "1")},
                 shows_as="{self}.reshape{shape}", explain="the gradient is reshaped back to the input's shape")
TRANSPOSE = op("transpose", grad_fn="TransposeBackward0",
               forward=lambda self, dim0, dim1: np.swapaxes(self, dim0, dim1),
               vjp={"self": lambda grad, dim0, dim1: swap(grad, dim0, dim1)},
               local={"self": ("1 (transposed back)", "1")}, shows_as="{self}.transpose({dim0}, {dim1})",
               explain="the gradient is transposed back")
T = op("t", grad_fn="TBackward0", forward=lambda self: self.T,
       vjp={"self": lambda grad: helpers.permute(grad, tuple(range(grad.ndim))[::-1])},
       local={"self": ("1 (transposed back)", "1")}, shows_as="{self}.t()",
       explain="the gradient is transposed back")
PERMUTE = op("permute", grad_fn="PermuteBackward0", forward=lambda self, dims: np.transpose(self, dims),
             vjp={"self": lambda grad, dims: helpers.permute(grad, _inverse(dims))},
             local={"self": ("1 (dims put back)", "1")}, shows_as="{self}.permute{dims}",
             explain="the gradient's dimensions are put back in their first order")
SQUEEZE = op("squeeze", grad_fn="SqueezeBackward0", forward=lambda self: np.squeeze(self),
             vjp={"self": _reshaped_back}, local={"self": ("1 (size-1 dims put back)", "1")},
             shows_as="{self}.squeeze()", explain="the removed size-1 dimensions are put back")
SQUEEZE_DIM = op("squeeze_dim", grad_fn="SqueezeBackward1",
                 forward=lambda self, dim: np.squeeze(self, dim) if self.ndim and self.shape[dim] == 1 else self,
                 vjp={"self": _reshaped_back}, local={"self": ("1 (size-1 dim put back)", "1")},
                 shows_as="{self}.squeeze({dim})", explain="the removed size-1 dimension is put back")
SQUEEZE_DIMS = op("squeeze_dims", grad_fn="SqueezeBackward2",  # t.squeeze((0, 2)): only the size-1 ones go
                  forward=lambda self, dim: np.squeeze(self, tuple(d for d in dim if self.shape[d] == 1)),
                  vjp={"self": _reshaped_back}, local={"self": ("1 (size-1 dims put back)", "1")},
                  shows_as="{self}.squeeze({dim})", explain="the removed size-1 dimensions are put back")
# vector @ matrix: PyTorch multiplies the vector as a 1-row matrix, then removes that row with an
# in-place squeeze_(dim), whose node is SqueezeBackward4.
SQUEEZE_DIM_ = op("squeeze_dim_", grad_fn="SqueezeBackward4", forward=SQUEEZE_DIM.forward,
                  vjp={"self": _reshaped_back}, local={"self": ("1 (size-1 dim put back)", "1")},
                  shows_as="{self}.squeeze_({dim})", explain="the removed size-1 dimension is put back")
UNSQUEEZE = op("unsqueeze", grad_fn="UnsqueezeBackward0", forward=lambda self, dim: np.expand_dims(self, dim),
               vjp={"self": _reshaped_back}, local={"self": ("1 (extra dim removed)", "1")},
               shows_as="{self}.unsqueeze({dim})", explain="the added dimension is removed again")
EXPAND = op("expand", grad_fn="ExpandBackward0", forward=lambda self, size: np.broadcast_to(self, size),
            vjp={"self": lambda grad: grad}, local={"self": ("1 (summed over the copies)", "1")},
            shows_as="{self}.expand{size}", explain="the gradients of all copies are summed")


def _padded_shape(shape, count):
    """``shape`` with leading 1s up to ``count`` dims: how repeat sees a tensor with fewer dims."""
    return (1,) * (count - len(shape)) + tuple(shape)


def _repeat_rule(grad, self_shape, repeats):
    # The output holds repeats[d] copies of x along each dim d. Splitting every dim into
    # (copy number, position in x) puts the copies on their own axes; summing those axes adds up
    # the gradient of every copy of each element.
    shape = _padded_shape(self_shape, len(repeats))
    split = tuple(n for pair in zip(repeats, shape) for n in pair)
    copies = tuple(range(0, 2 * len(shape), 2))
    summed = sum_keepdim(helpers.reshape(grad, split), copies) if copies else grad
    return helpers.reshape(summed, tuple(self_shape))


REPEAT = op("repeat", grad_fn="RepeatBackward0",
            forward=lambda self, repeats: np.tile(self.reshape(_padded_shape(self.shape, len(repeats))), repeats),
            vjp={"self": _repeat_rule}, local={"self": ("1 for each copy", "1")},
            shows_as="{self}.repeat{repeats}",
            explain="each element receives the sum of the upstream gradient over all its copies")
FLIP = op("flip", grad_fn="FlipBackward0", forward=lambda self, dims: np.flip(self, dims).copy(),
          vjp={"self": lambda grad, dims: helpers.flip(grad, dims)}, local={"self": ("1 (flipped back)", "1")},
          shows_as="{self}.flip({dims})", explain="the gradient is flipped back along the same dims")


def _cat_rule(grad, index, tensors_shape, dim):
    start = sum(shape[dim] for shape in tensors_shape[:index])
    return grad[(slice(None),) * dim + (slice(start, start + tensors_shape[index][dim]),)]


CAT = op("cat", grad_fn="CatBackward0", forward=lambda *tensors, dim: np.concatenate(tensors, axis=dim),
         vjp={"tensors": _cat_rule}, local={"tensors": ("1 (its own slice)", "1")},
         shows_as="cat([{tensors}], dim={dim})", explain="each input receives its own slice of the gradient")
STACK = op("stack", grad_fn="StackBackward0", forward=lambda *tensors, dim: np.stack(tensors, axis=dim),
           vjp={"tensors": lambda grad, index, dim: grad[(slice(None),) * dim + (index,)]},
           local={"tensors": ("1 (its own slice)", "1")},
           shows_as="stack([{tensors}], dim={dim})", explain="each input receives its own slice of the gradient")


# tril/triu keep one triangle of the last two dims and zero the rest (GPT's causal mask starts as
# tril(ones(T, T))): the kept elements pass their gradient through, the zeroed ones get none.
def _triangle(v, diagonal, upper):
    if isinstance(v, Tensor):  # under create_graph: record TrilBackward0/TriuBackward0 again
        return v.triu(diagonal) if upper else v.tril(diagonal)
    return np.triu(v, diagonal) if upper else np.tril(v, diagonal)


TRIL = op("tril", grad_fn="TrilBackward0", forward=lambda self, diagonal: np.tril(self, diagonal),
          vjp={"self": lambda grad, diagonal: _triangle(grad, diagonal, upper=False)},
          local={"self": ("1 on and below the diagonal, else 0", r"\mathbb{1}[j \le i + k]")},
          shows_as="tril({self}, {diagonal})",
          explain="the gradient keeps the lower triangle; the zeroed elements get no gradient")
TRIU = op("triu", grad_fn="TriuBackward0", forward=lambda self, diagonal: np.triu(self, diagonal),
          vjp={"self": lambda grad, diagonal: _triangle(grad, diagonal, upper=True)},
          local={"self": ("1 on and above the diagonal, else 0", r"\mathbb{1}[j \ge i + k]")},
          shows_as="triu({self}, {diagonal})",
          explain="the gradient keeps the upper triangle; the zeroed elements get no gradient")


def _triangle_of(spec, input, diagonal):
    if input.ndim < 2:
        raise RuntimeError(f"{spec.name}: input tensor must have at least 2 dimensions (got shape "
                           f"{tuple(input.shape)}). Make a matrix first, e.g. torch.ones(T, T).")
    if not isinstance(diagonal, int) or isinstance(diagonal, bool):
        raise TypeError(f"{spec.name}(): argument 'diagonal' must be int, not {type(diagonal).__name__}")
    return spec(input, diagonal=diagonal)


def tril(input, diagonal=0):
    """The lower triangle of the last two dims (j <= i + diagonal); the rest becomes 0."""
    return _triangle_of(TRIL, input, diagonal)


def triu(input, diagonal=0):
    """The upper triangle of the last two dims (j >= i + diagonal); the rest becomes 0."""
    return _triangle_of(TRIU, input, diagonal)


public("function", "method", "inplace")(check_tensors(tril, ("input",)))
public("function", "method", "inplace")(check_tensors(triu, ("input",)))


def tile(input, dims):
    """``input`` repeated ``dims[d]`` times along each dim d, like NumPy's tile: as ``repeat``,
    except that fewer sizes than dims are padded with 1s in front (RepeatBackward0)."""
    dims = tuple(dims) if isinstance(dims, (tuple, list)) else (dims,)
    return input.repeat(*((1,) * (input.ndim - len(dims)) + dims))


def _tile_method(self, *dims):
    return tile(self, dims[0] if len(dims) == 1 and isinstance(dims[0], (tuple, list)) else dims)


tile.__wrapped__ = _tile_method  # t.tile(2, 1) as well as t.tile((2, 1))
_tile_method.__name__ = "tile"
public("function", "method")(tile)
# ---------------------------------------------------------------------------------------------
# hstack, vstack, dstack, column_stack: cat after giving every tensor enough dims (no op of their own:
# PyTorch's grad_fn is CatBackward0, and the added dims show as Unsqueeze/View nodes before it).


def _tensor_list(name, tensors):
    if isinstance(tensors, Tensor) or not isinstance(tensors, (list, tuple)):
        raise TypeError(f"{name}(): argument 'tensors' (position 1) must be tuple of Tensors, not "
                        f"{type(tensors).__name__}. Put the tensors in a list: torch.{name}([a, b]).")
    if not tensors:
        raise RuntimeError(f"{name} expects a non-empty TensorList")
    return list(tensors)


def _at_least(tensors, fix):
    """``fix`` applied to one tensor, or to each of several (given one by one or as a list)."""
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        return tuple(fix(t) for t in tensors[0])
    if len(tensors) == 1:
        return fix(tensors[0])
    return tuple(fix(t) for t in tensors)


@public("function")
def atleast_1d(*tensors):
    """Each tensor with at least 1 dim (a number becomes a 1-element vector)."""
    return _at_least(tensors, lambda t: t.reshape(1) if t.ndim == 0 else t)


@public("function")
def atleast_2d(*tensors):
    """Each tensor with at least 2 dims (a vector becomes one row)."""
    return _at_least(tensors, lambda t: t.reshape(1, 1) if t.ndim == 0 else t.unsqueeze(0) if t.ndim == 1 else t)


def _three_dims(t):
    if t.ndim == 0:
        return t.reshape(1, 1, 1)
    if t.ndim == 1:
        return t.unsqueeze(0).unsqueeze(-1)
    return t.unsqueeze(-1) if t.ndim == 2 else t


@public("function")
def atleast_3d(*tensors):
    """Each tensor with at least 3 dims: a vector of n becomes (1, n, 1), a matrix (m, n) becomes
    (m, n, 1)."""
    return _at_least(tensors, _three_dims)


@public("function")
def hstack(tensors):
    """Join side by side: along dim 1, or along dim 0 when all are vectors."""
    tensors = [atleast_1d(t) for t in _tensor_list("hstack", tensors)]
    return cat(tensors, 0 if tensors[0].ndim == 1 else 1)


@public("function")
def vstack(tensors):
    """Join one below the other, along dim 0 (vectors become rows first)."""
    return cat([atleast_2d(t) for t in _tensor_list("vstack", tensors)], 0)


row_stack = vstack
PUBLIC["row_stack"] = (vstack, ("function",))


@public("function")
def dstack(tensors):
    """Join along the third dim (depth); vectors and matrices get the missing dims first."""
    return cat([atleast_3d(t) for t in _tensor_list("dstack", tensors)], 2)


@public("function")
def column_stack(tensors):
    """Join as columns: vectors (and numbers) become columns, matrices are joined along dim 1."""
    tensors = _tensor_list("column_stack", tensors)
    return cat([t.reshape(t.numel(), 1) if t.ndim <= 1 else t for t in tensors], 1)




@public("function", "method", tensors=("input",))
def repeat_interleave(input, repeats=None, dim=None, *, output_size=None):
    """Each element (or slice along ``dim``) repeated ``repeats`` times in place: [1, 2] -> [1, 1, 2, 2].
    ``repeats`` may be a tensor with one count per element. Given only counts,
    ``repeat_interleave(counts)`` repeats their positions: [2, 1] -> [0, 0, 1]."""
    if repeats is None:
        counts = tensor_of(input)
        return repeat_interleave(Tensor._wrap(np.arange(counts.shape[0], dtype=np.int64)), counts)
    if dim is None:
        input, dim = input.reshape(-1), 0
    dim = dim_arg(dim, input.ndim)
    if isinstance(repeats, Tensor) and repeats.ndim > 0:
        counts = repeats._array
        if counts.shape != (input.shape[dim],):
            raise RuntimeError(f"repeats must have the same size as input along dim, but got repeats.size(0) = "
                               f"{counts.shape[0]} and input.size({dim}) = {input.shape[dim]}")
        positions = np.repeat(np.arange(input.shape[dim]), counts)
        return PUBLIC["index_select"][0](input, dim, Tensor._wrap(positions.astype(np.int64)))
    count = int(repeats)
    shape = list(input.shape)
    copies = input.unsqueeze(dim + 1).expand(*shape[:dim + 1], count, *shape[dim + 1:]).clone()
    return copies.view(*shape[:dim], shape[dim] * count, *shape[dim + 1:])


@public("function")
def meshgrid(*tensors, indexing=None):
    """Coordinate grids from 1-d tensors: with indexing='ij' grid k varies along dim k; with 'xy' the
    first two are swapped (as in NumPy)."""
    if len(tensors) == 1 and isinstance(tensors[0], (list, tuple)):
        tensors = tuple(tensors[0])
    if indexing is None:
        warnings.warn("torch.meshgrid: in an upcoming release, it will be required to pass the indexing "
                      "argument.", UserWarning, stacklevel=2)
        indexing = "ij"
    if indexing not in ("ij", "xy"):
        raise RuntimeError(f'torch.meshgrid: indexing must be one of "xy" or "ij", but received: {indexing}')
    swap_first = indexing == "xy" and len(tensors) >= 2
    if swap_first:
        tensors = (tensors[1], tensors[0]) + tuple(tensors[2:])
    shape = [t.numel() for t in tensors]
    grids = []
    for k, t in enumerate(tensors):
        view = [1] * len(tensors)
        view[k] = -1
        grids.append(t.reshape(*view).expand(*shape))
    if swap_first:  # the grids were made for (y, x, ...): give them back in the order asked
        grids[0], grids[1] = grids[1], grids[0]
    return tuple(grids)

# ---------------------------------------------------------------------------------------------
# The public functions: hand-written argument makers (dims, dtypes, checks and PyTorch's errors),
# each calling the specs above. @public makes them autodidact.<name> and Tensor methods.


@takes_tensors("input")
def flip(t, dims):
    """Reverse the order of the elements along ``dims`` (FlipBackward0)."""
    return FLIP(t, dims=dims_arg(dims, t.ndim))


def _pieces(op, t, dim, sizes):
    pieces, start = [], 0
    for size in sizes:
        key = (slice(None),) * dim + (slice(start, start + size),)
        pieces.append(op(t, key=key))
        start += size
    return versions.note_pieces(tuple(pieces))


@public("function", "method")
def split(t, split_size_or_sections, dim=0):
    """Cut ``t`` along ``dim`` into pieces of ``split_size`` (the last may be smaller), or of the
    listed sizes. Each piece's grad_fn is SplitBackward0 (SplitWithSizesBackward0 for a list)."""
    if t.ndim == 0:
        raise RuntimeError("split expects at least a 1-dimensional tensor")
    dim = dim_arg(dim, t.ndim)
    length = t._array.shape[dim]
    if isinstance(split_size_or_sections, (list, tuple)):
        sizes = [int(n) for n in split_size_or_sections]
        if builtins.sum(sizes) != length or builtins.any(n < 0 for n in sizes):
            raise RuntimeError(
                f"split_with_sizes expects split_sizes to sum exactly to {length} (input tensor's size at "
                f"dimension {dim}), but got split_sizes={sizes}")
        return _pieces(SPLIT_WITH_SIZES, t, dim, sizes)
    size = int(split_size_or_sections)
    if size <= 0 and length > 0:
        raise RuntimeError(f"split_size can only be 0 if dimension size is 0, but got dimension size of "
                           f"{length}")
    count = builtins.max(-(-length // size), 1) if size > 0 else 1
    sizes = [builtins.min(size, length - i * size) for i in range(count)]
    return _pieces(SPLIT, t, dim, sizes)


@public("function", "method")
def chunk(t, chunks, dim=0):
    """Cut ``t`` into ``chunks`` pieces of equal size along ``dim`` (the last may be smaller, and
    there may be fewer pieces, as in PyTorch)."""
    if chunks <= 0:
        raise RuntimeError(f"chunk expects `chunks` to be greater than 0, got: {chunks}")
    if t.ndim == 0:
        raise RuntimeError("chunk expects at least a 1-dimensional tensor")
    length = t._array.shape[dim_arg(dim, t.ndim)]
    if length == 0:  # nothing to share out: PyTorch gives `chunks` empty pieces
        return split(t, [0] * chunks, dim)
    return split(t, builtins.max(-(-length // chunks), 1), dim)


@takes_tensors("input")
def reshape(t, shape):
    shape = resolve_shape(tuple(shape), t._array.size)
    return _reshape_op(t._array, shape)(t, shape=shape)


def _reshape_op(array, shape):
    """Which op PyTorch's reshape is here: a view of a contiguous tensor, a view of another one
    whose strides allow it (an alias), or a copy (shows in the grad_fn's name)."""
    if array.flags.c_contiguous:
        return VIEW
    try:
        array.view().shape = shape  # NumPy refuses when only a copy can have this shape
    except AttributeError:
        return UNSAFE_VIEW
    return RESHAPE_ALIAS


@public("function", "method", tensors=("input",))
def flatten(t, start_dim=0, end_dim=-1):
    start, end = dim_arg(start_dim, t.ndim), dim_arg(end_dim, t.ndim)
    if t.ndim == 0:
        return t.reshape(1)
    if start > end:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim "
                           f"(got start_dim={start_dim}, end_dim={end_dim})")
    shape = t._array.shape[:start] + (-1,) + t._array.shape[end + 1:]
    return t.reshape(shape) if start != end else t


@public("function", "method", tensors=("input",))
def ravel(t):
    """The values as one row (a view when ``t`` is contiguous, else of a contiguous copy)."""
    return t.contiguous().view(-1)


@public("function", "method", tensors=("input",))
def unflatten(t, dim, sizes):
    """Split dimension ``dim`` into several of ``sizes`` (one may be -1): a view, flatten's inverse."""
    d, sizes = dim_arg(dim, t.ndim), tuple(sizes)
    if not sizes:
        raise RuntimeError("unflatten: sizes must be non-empty")
    if -1 not in sizes and int(np.prod(sizes)) != t._array.shape[d]:
        raise RuntimeError(f"unflatten: Provided sizes {list(sizes)} don't multiply up to the size of dim "
                           f"{d} ({t._array.shape[d]}) in the input tensor")
    return t.view(t._array.shape[:d] + sizes + t._array.shape[d + 1:])


@public("function", "method", tensors=("input",))
def squeeze(t, dim=None):
    """Remove size-1 dimensions: all of them, the one at ``dim``, or those of a tuple of dims."""
    if dim is None:
        return SQUEEZE(t)
    if isinstance(dim, (tuple, list)):
        return SQUEEZE_DIMS(t, dim=dims_arg(dim, t.ndim))
    return SQUEEZE_DIM(t, dim=dim_arg(dim, t.ndim))


@public("function", "method", tensors=("input",))
def unsqueeze(t, dim):
    return UNSQUEEZE(t, dim=dim_arg(dim, t.ndim + 1))


@public("function", "method", tensors=("input",))
def transpose(t, dim0, dim1):
    return TRANSPOSE(t, dim0=dim_arg(dim0, t.ndim), dim1=dim_arg(dim1, t.ndim))


@public("function", "method", tensors=("input",))
def t(tensor_):
    if tensor_.ndim > 2:
        raise RuntimeError(f"t() expects a tensor with <= 2 dimensions, but self is {tensor_.ndim}D. "
                           "Use .transpose(dim0, dim1) or .permute(...) for more dimensions.")
    return T(tensor_)


@takes_tensors("input")
def permute(t, dims):
    if len(dims) != t.ndim:
        raise RuntimeError(f"permute(sparse_coo): number of dimensions in the tensor input does not match "
                           f"the length of the desired ordering of dimensions i.e. input.dim() = {t.ndim} "
                           f"is not equal to len(dims) = {len(dims)}. Name each of the {t.ndim} dims once.")
    dims = tuple(dim_arg(d, t.ndim) for d in dims)
    if sorted(dims) != list(range(t.ndim)):
        raise RuntimeError(f"permute(sparse_coo): number of dimensions in the tensor input does not match "
                           f"the length of the desired ordering of dimensions: got {list(dims)} for a "
                           f"{t.ndim}-D tensor; name every dim exactly once")
    return PERMUTE(t, dims=dims)


def expand(t, shape):
    shape = tuple(shape)
    lead = len(shape) - t.ndim
    if lead < 0:
        raise RuntimeError(f"expand: the number of sizes provided ({len(shape)}) must be greater or equal "
                           f"to the number of dimensions in the tensor ({t.ndim})")
    for i, n in enumerate(shape[:lead]):
        if n == -1:
            raise RuntimeError(f"The expanded size of the tensor (-1) isn't allowed in a leading, non-existing "
                               f"dimension {i}: -1 keeps an existing size; give new dims their size.")
    target = tuple(t._array.shape[i - lead] if n == -1 else n for i, n in enumerate(shape))
    for i, size in enumerate(t._array.shape):
        if size != 1 and size != target[lead + i]:
            raise RuntimeError(
                f"The expanded size of the tensor ({target[lead + i]}) must match the existing size ({size}) "
                f"at non-singleton dimension {lead + i}.  Target sizes: {list(shape)}.  Tensor sizes: "
                f"{list(t.shape)}"
            )
    return EXPAND(t, size=target)


def broadcast_to(t, shape):
    return expand(t, shape)


@public("method", name="broadcast_to")  # the function is installed with cat and stack
def broadcast_to_method(t, *shape):
    """``t.broadcast_to(2, 3)`` or ``t.broadcast_to((2, 3))``: ``t.expand`` under NumPy's name."""
    return t.expand(*shape)


@public("method")
def type_as(input, other):
    """``input`` converted to ``other``'s dtype (itself when they already match), like ``input.to(other.dtype)``."""
    return input.to(other.dtype)


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
    tensors = [tensor_of(t) for t in tensors]
    for other in tensors[1:]:
        check_broadcast(tensors[0].shape, other.shape)
    shape = broadcast_shapes(*(t.shape for t in tensors))
    return tuple(t if tuple(t.shape) == shape else expand(t, shape) for t in tensors)


def cat(tensors, dim=0):
    """Join tensors along an existing dimension (CatBackward0)."""
    tensors = tensor_list(tensors)
    if not tensors:
        raise RuntimeError("torch.cat(): expected a non-empty list of Tensors")
    for position, v in enumerate(tensors):
        if v.ndim == 0:
            raise RuntimeError(f"zero-dimensional tensor (at position {position}) cannot be concatenated: "
                               "a 0-d tensor has no dim to join along. Use torch.stack, or t.reshape(1) first.")
    dim = dim_arg(dim, tensors[0].ndim)
    dtype = dtypes.result_type(tensors)
    for v in tensors[1:]:
        if v.ndim != tensors[0].ndim or builtins.any(
                a != b for i, (a, b) in enumerate(zip(v.shape, tensors[0].shape)) if i != dim):
            raise RuntimeError(
                f"Sizes of tensors must match except in dimension {dim}. Got shapes "
                f"{[list(x.shape) for x in tensors]}: only the size along dim={dim} may differ. Reshape "
                "the tensors, or join them along another dim=."
            )
    arrays = [operand(v, dtype) for v in tensors]
    return CAT.on(arrays, tuple(tensors), {"dim": dim})


concat = concatenate = cat


def stack(tensors, dim=0):
    """Join same-shaped tensors along a new dimension (StackBackward0)."""
    tensors = tensor_list(tensors)
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    for position, v in enumerate(tensors[1:], start=1):
        if v.shape != tensors[0].shape:
            raise RuntimeError(
                f"stack expects each tensor to be equal size, but got {list(tensors[0].shape)} at entry 0 "
                f"and {list(v.shape)} at entry {position}. stack puts tensors side by side along a new "
                "dimension, so all must have one shape; use cat to join along an existing one."
            )
    dim = dim_arg(dim, tensors[0].ndim + 1)
    dtype = dtypes.result_type(tensors)
    arrays = [operand(v, dtype) for v in tensors]
    return STACK.on(arrays, tuple(tensors), {"dim": dim})


__all__ = ['TRIL', 'TRIU', 'VIEW', 'RESHAPE_ALIAS', 'UNSAFE_VIEW', 'TRANSPOSE', 'T', 'PERMUTE', 'SQUEEZE', 'SQUEEZE_DIM', 'SQUEEZE_DIMS', 'SQUEEZE_DIM_', 'UNSQUEEZE', 'EXPAND', 'REPEAT', 'FLIP', 'CAT', 'STACK']


# ---------------------------------------------------------------------------------------------
# roll (nn helper)


def _roll_forward(self, shifts, dims):
    return np.roll(self, shifts, axis=dims)


def _roll_back(grad, shifts, dims):
    # Rolling moved each element forward by the shift: its gradient is rolled back by the same.
    back = tuple(-s for s in shifts) if dims is not None else -shifts
    if isinstance(grad, Tensor):
        return ROLL(grad, shifts=back, dims=dims)
    return _roll_forward(grad, back, dims)


ROLL = op("roll", grad_fn="RollBackward0", forward=_roll_forward, vjp={"self": _roll_back},
          local={"self": ("1 at the element's new place", "1")}, shows_as="{self}.roll({shifts}, {dims})",
          explain="each element receives the upstream gradient of the place it was rolled to")


def _ints(value):
    return tuple(int(v) for v in value) if isinstance(value, (tuple, list)) else (int(value),)


@public("function", "method", tensors=("input",))
def roll(input, shifts, dims=None):
    """Shift the elements along ``dims`` by ``shifts`` places, those pushed off the end coming back
    at the start (without ``dims``: of the flattened tensor, shape kept). RollBackward0."""
    shifts = _ints(shifts)
    if not shifts:
        raise RuntimeError("`shifts` required")
    if dims is None:
        if len(shifts) != 1:
            raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, dims:0")
        return ROLL(input, shifts=shifts[0], dims=None)
    dims = _ints(dims)
    if input.ndim == 0 and dims:
        raise IndexError(f"Dimension specified as {dims[0]} but tensor has no dimensions: a 0-d tensor has nothing "
                         "to roll along; leave out dims.")
    if len(shifts) != len(dims):
        raise RuntimeError(f"shifts and dimensions must align. shifts: {len(shifts)}, dims:{len(dims)}")
    return ROLL(input, shifts=shifts, dims=tuple(dim_arg(d, input.ndim) for d in dims))


__all__ += ["ROLL"]
