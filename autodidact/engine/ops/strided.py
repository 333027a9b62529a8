"""Views that pick a regular part of a tensor: narrow, select, diagonal, unfold, movedim, swapaxes.

Each result shares memory with its input, as in PyTorch (``t.stride()`` shows how it steps through
it). ``narrow`` and ``select`` are slicing and integer indexing under another name, so they record
the indexing ops (SliceBackward0, SelectBackward0); ``movedim`` and ``swapaxes`` are a permute and
a transpose. ``diagonal`` and ``unfold`` are ops of their own: their gradient puts each element's
gradient back where the element came from (adding up where unfold's windows overlap).
"""
import numpy as np

from ..spec import Tensor, op
from .public import public
from ..arguments import dim_arg
from .helpers import permute, scatter
from .linalg import _diagonal_key


def _writable_view(array, shape, strides):
    """A view of ``array``'s memory that can be written through (NumPy's own diagonal and sliding
    window views are read-only; PyTorch's views are not)."""
    return np.lib.stride_tricks.as_strided(array, shape, strides, writeable=array.flags.writeable)


def _diagonal_forward(self, offset, dim1, dim2):
    picked = np.diagonal(self, offset, dim1, dim2)
    if not picked.size:
        return picked.copy()
    # Start the view at the diagonal's first element: offset columns right (or rows down).
    start = [slice(None)] * self.ndim
    start[dim2 if offset >= 0 else dim1] = slice(abs(offset), None)
    return _writable_view(self[tuple(start)], picked.shape, picked.strides)


def _diagonal_rule(grad, self_shape, offset, dim1, dim2):
    # The diagonal sits in the last dim of the result; build the gradient with the two dims last,
    # put each element on its place of the diagonal, then move the two dims back.
    others = [d for d in range(len(self_shape)) if d not in (dim1, dim2)]
    moved_shape = tuple(self_shape[d] for d in others) + (self_shape[dim1], self_shape[dim2])
    key = (Ellipsis,) + _diagonal_key(moved_shape[-2:], offset)
    order = others + [dim1, dim2]
    return permute(scatter(grad, moved_shape, key), tuple(np.argsort(order)))


DIAGONAL_VIEW = op("diagonal", grad_fn="DiagonalBackward0", forward=_diagonal_forward,
                   vjp={"self": _diagonal_rule}, local={"self": ("1 on the diagonal, 0 elsewhere", "1")},
                   shows_as="{self}.diagonal({offset}, {dim1}, {dim2})",
                   explain="each diagonal element receives the gradient of its place in the result; "
                           "the rest get 0")


def _unfold_forward(self, dimension, size, step):
    if self.ndim == 0:
        return self.reshape(1)
    windows = np.lib.stride_tricks.sliding_window_view(self, size, axis=dimension,
                                                       writeable=self.flags.writeable)
    return windows[(slice(None),) * dimension + (slice(None, None, step),)]


def _unfold_rule(grad, self_shape, dimension, size, step):
    if not self_shape:
        return grad.reshape(())
    # Window i's element k came from position i * step + k along the dim. Indexing with that
    # (count, size) array of positions gives a (..., count, size, ...) block, so the window dim is
    # moved next to the dim first; positions in several windows add up their gradients.
    count = grad.shape[dimension]
    positions = np.arange(count)[:, None] * step + np.arange(size)
    order = list(range(grad.ndim - 1))
    order.insert(dimension + 1, grad.ndim - 1)
    key = (slice(None),) * dimension + (positions,)
    return scatter(permute(grad, tuple(order)), tuple(self_shape), key)


UNFOLD = op("unfold", grad_fn="UnfoldBackward0", forward=_unfold_forward, vjp={"self": _unfold_rule},
            local={"self": ("1 for every window the element is in", "1")},
            shows_as="{self}.unfold({dimension}, {size}, {step})",
            explain="each element receives the sum of the gradients of its copies in the windows")


@public("method", "function", tensors=("input",))
def diagonal(input, offset=0, dim1=0, dim2=1):
    """The ``offset``-th diagonal of the matrices in dims ``dim1``, ``dim2`` (above the main one when
    positive), as the last dim of a view (DiagonalBackward0)."""
    first, second = dim_arg(dim1, input.ndim), dim_arg(dim2, input.ndim)
    if first == second:
        raise RuntimeError(f"diagonal dimensions cannot be identical {dim1}, {dim2}")
    return DIAGONAL_VIEW(input, offset=offset, dim1=first, dim2=second)


@public("method")
def unfold(self, dimension, size, step):
    """Every window of ``size`` elements along ``dimension``, ``step`` apart, in a new last dim (a
    view; UnfoldBackward0): ``arange(5).unfold(0, 2, 1)`` is [[0, 1], [1, 2], [2, 3], [3, 4]]."""
    dim = dim_arg(dimension, max(self.ndim, 1))
    length = self.shape[dim] if self.ndim else 1
    if size > length:
        raise RuntimeError(f"maximum size for tensor at dimension {dim} is {length} but size is {size}")
    if step <= 0:
        raise RuntimeError(f"step is {step} but must be > 0")
    return UNFOLD(self, dimension=dim, size=size, step=step)


@public("method", "function", tensors=("input",))
def narrow(input, dim, start, length):
    """The ``length`` elements from ``start`` along ``dim``: ``input[:, start:start + length]`` for
    dim 1 (a view; SliceBackward0)."""
    if input.ndim == 0:
        raise RuntimeError("narrow() cannot be applied to a 0-dim tensor.")
    dim = dim_arg(dim, input.ndim)
    size = input.shape[dim]
    if isinstance(start, Tensor):  # PyTorch takes a 0-dim integer tensor as the start too
        start = int(start)
    if not -size <= start <= size:
        raise IndexError(f"start out of range (expected to be in range of [{-size}, {size}], but got {start})")
    if start < 0:
        start += size
    if start + length > size or length < 0:
        raise RuntimeError(f"start ({start}) + length ({length}) exceeds dimension size ({size}).")
    return input[(slice(None),) * dim + (slice(start, start + length),)]


@public("method", "function", tensors=("input",))
def select(input, dim, index):
    """The slice at ``index`` along ``dim``, that dim removed: ``input[:, index]`` for dim 1 (a view;
    SelectBackward0)."""
    dim = dim_arg(dim, input.ndim)
    size = input.shape[dim]
    if not -size <= index < size:
        raise IndexError(f"select(): index {index} out of range for tensor of size {list(input.shape)} "
                         f"at dimension {dim}")
    return input[(slice(None),) * dim + (index,)]


@public("method", "function", tensors=("input",))
def movedim(input, source, destination):
    """The dims ``source`` (an int or a tuple) moved to the places ``destination``, the others kept in
    their order (a permute: PermuteBackward0)."""
    sources = [dim_arg(d, input.ndim) for d in ((source,) if isinstance(source, int) else source)]
    targets = [dim_arg(d, input.ndim) for d in ((destination,) if isinstance(destination, int) else destination)]
    if input.ndim == 0 and len(sources) == len(targets):  # nothing to move: the same tensor, as PyTorch's alias
        return input[...]
    if len(sources) != len(targets):
        raise RuntimeError(f"movedim: Invalid source or destination dims: source ({list(sources)} dims) should "
                           f"contain the same number of dims as destination ({list(targets)} dims)")
    order = [d for d in range(input.ndim) if d not in sources]
    for target, source_dim in sorted(zip(targets, sources)):
        order.insert(target, source_dim)
    return input.permute(*order)


@public("method", "function", tensors=("input",))
def swapaxes(input, axis0, axis1):
    """NumPy's name for ``transpose(axis0, axis1)`` (TransposeBackward0)."""
    return input.transpose(axis0, axis1)


@public("method", "function", tensors=("input",))
def swapdims(input, dim0, dim1):
    """Another name for ``transpose(dim0, dim1)`` (TransposeBackward0)."""
    return input.transpose(dim0, dim1)


moveaxis = public("method", "function", name="moveaxis", tensors=("input",))(movedim)


__all__ = ['DIAGONAL_VIEW', 'UNFOLD']
