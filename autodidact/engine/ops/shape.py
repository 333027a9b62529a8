"""Shape ops: no arithmetic, the gradient is only moved back into place (reshape, transpose,
squeeze, expand, repeat, flip, cat, stack)."""
import numpy as np

from ..spec import Tensor, op, public
from .helpers import permute, reshape, sum_keepdim, swap, flip
from .public import check_tensors

_ONE = {"self": ("1", "1")}


def _inverse(permutation):
    return tuple(np.argsort(permutation))


def _reshaped_back(grad, self_shape):
    return reshape(grad, self_shape)


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
       vjp={"self": lambda grad: permute(grad, tuple(range(grad.ndim))[::-1])},
       local={"self": ("1 (transposed back)", "1")}, shows_as="{self}.t()",
       explain="the gradient is transposed back")
PERMUTE = op("permute", grad_fn="PermuteBackward0", forward=lambda self, dims: np.transpose(self, dims),
             vjp={"self": lambda grad, dims: permute(grad, _inverse(dims))},
             local={"self": ("1 (dims put back)", "1")}, shows_as="{self}.permute{dims}",
             explain="the gradient's dimensions are put back in their first order")
SQUEEZE = op("squeeze", grad_fn="SqueezeBackward0", forward=lambda self: np.squeeze(self),
             vjp={"self": _reshaped_back}, local={"self": ("1 (size-1 dims put back)", "1")},
             shows_as="{self}.squeeze()", explain="the removed size-1 dimensions are put back")
SQUEEZE_DIM = op("squeeze_dim", grad_fn="SqueezeBackward1",
                 forward=lambda self, dim: np.squeeze(self, dim) if self.shape[dim] == 1 else self,
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
    summed = sum_keepdim(reshape(grad, split), copies) if copies else grad
    return reshape(summed, tuple(self_shape))


REPEAT = op("repeat", grad_fn="RepeatBackward0",
            forward=lambda self, repeats: np.tile(self.reshape(_padded_shape(self.shape, len(repeats))), repeats),
            vjp={"self": _repeat_rule}, local={"self": ("1 for each copy", "1")},
            shows_as="{self}.repeat{repeats}",
            explain="each element receives the sum of the upstream gradient over all its copies")
FLIP = op("flip", grad_fn="FlipBackward0", forward=lambda self, dims: np.flip(self, dims).copy(),
          vjp={"self": lambda grad, dims: flip(grad, dims)}, local={"self": ("1 (flipped back)", "1")},
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

__all__ = ['TRIL', 'TRIU', 'VIEW', 'RESHAPE_ALIAS', 'UNSAFE_VIEW', 'TRANSPOSE', 'T', 'PERMUTE', 'SQUEEZE', 'SQUEEZE_DIM', 'SQUEEZE_DIMS', 'SQUEEZE_DIM_', 'UNSQUEEZE', 'EXPAND', 'REPEAT', 'FLIP', 'CAT', 'STACK']
