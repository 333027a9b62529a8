"""Indexing and writing into tensors: t[key], t[key] = v, zero_(), fill_(). Which of these ops
PyTorch names for a given key is worked out in ``parity/indexing.py``; ``engine/tensor.py`` picks
the op (``Tensor.__getitem__``, ``_index_put``)."""
import math
import warnings

import numpy as np

from ...parity import versions
from ..grad_mode import enable_grad
from ..graph import node_class
from ..spec import OPS, Tensor, op
from .public import public
from ..arguments import check_broadcast, dim_arg
from .helpers import reshape, scatter, where, zeros_like


def _index_forward(self, key):
    picked = self[key]
    if isinstance(picked, np.ndarray):
        return picked
    # An int for every dim: NumPy gives a copy (a scalar), PyTorch a 0-d view of that element.
    return self[(key if type(key) is tuple else (key,)) + (Ellipsis,)]


def _index_put_forward(self, values, key):
    out = self.copy()
    out[key] = values
    return out


def _kept(shape, key):
    """True where ``t[key] = v`` leaves ``t`` as it was."""
    mask = np.ones(shape, dtype=bool)
    mask[key] = False
    return mask


def scatter_forward(self, shape, key):
    out = np.zeros(shape, dtype=self.dtype)
    if _picks_each_once(key):
        out[key] = self  # ints and slices pick each element at most once: nothing to add up
    else:
        np.add.at(out, key, self)  # positions may repeat (t[[0, 0]]): their gradients add up
    return out


def _picks_each_once(key):
    parts = key if type(key) is tuple else (key,)
    return all(type(part) in (int, slice) or part is None or part is Ellipsis for part in parts)


def _picked(grad, self_shape, key):
    if isinstance(grad, Tensor):
        return scatter(grad, self_shape, key)  # under create_graph: recorded (INDEX_SCATTER)
    return scatter_forward(grad, self_shape, key)  # the same, for an array, without the import in scatter()


_PICKED = {"self": ("1 at the picked place, 0 elsewhere", "1")}

SELECT = op("select", grad_fn="SelectBackward0", forward=_index_forward, vjp={"self": _picked},
            local=_PICKED, shows_as="{self}[{key}]",
            explain="the gradient goes to the picked elements; the rest get 0")
SLICE = op("slice", grad_fn="SliceBackward0", forward=_index_forward, vjp={"self": _picked},
           local=_PICKED, shows_as="{self}[{key}]",
           explain="the gradient goes to the sliced elements; the rest get 0")
INDEX = op("index", grad_fn="IndexBackward0", forward=_index_forward, vjp={"self": _picked},
           local=_PICKED, shows_as="{self}[{key}]",
           explain="the gradient goes to the picked elements (added up where an element was picked "
                   "twice); the rest get 0")
# Indexing that only adds size-1 dims (t[None], t[:, None]) or changes nothing (t[...], t[:]):
# PyTorch names these after the last step it took, an unsqueeze, or an alias of the same tensor.
INDEX_UNSQUEEZE = op("index_unsqueeze", grad_fn="UnsqueezeBackward0", forward=_index_forward,
                     vjp={"self": _picked}, local={"self": ("1 (extra dim removed)", "1")},
                     shows_as="{self}[{key}]",
                     explain="the added size-1 dimensions are removed again (and the gradient goes back "
                             "to the picked elements)")
ALIAS = op("alias", grad_fn="AliasBackward0", forward=_index_forward, vjp={"self": lambda grad: grad},
           local={"self": ("1", "1")}, shows_as="{self}[{key}]",
           explain="the same tensor again: the gradient passes through unchanged")
# A view written in place (v = h[0]; v[1] = 5) is read again from its new base: PyTorch names that
# node AsStridedBackward0 (and the base's CopySlices).
AS_STRIDED = op("as_strided", grad_fn="AsStridedBackward0", forward=_index_forward, vjp={"self": _picked},
                local=_PICKED, shows_as="{self}[{key}]",
                explain="the view, read again after it was written: the gradient goes to its elements")
# Which op reads t[key], by the kind of index parity/indexing.py finds in the key.
INDEX_BY_KIND = {"select": SELECT, "slice": SLICE, "index": INDEX, "alias": ALIAS, "unsqueeze": INDEX_UNSQUEEZE}

_PUT_RULES = {"self": lambda grad, self_shape, key: where(_kept(self_shape, key), grad, 0.0),
              "values": lambda grad, key: grad[key]}
_PUT_LOCAL = {"self": ("1 where not overwritten, 0 where overwritten", r"\mathbb{1}[\text{not overwritten}]"),
              "values": ("1 at the places it was written", "1")}
_PUT_EXPLAIN = ("the overwritten elements of t get no gradient; v receives the gradient of the places "
                "it was written to (summed where it was broadcast)")
INDEX_PUT = op("index_put", grad_fn="CopySlices", forward=_index_put_forward, vjp=_PUT_RULES,
               local=_PUT_LOCAL, shows_as="index_put({self}, [{key}], {values})",
               explain="t[key] = v: " + _PUT_EXPLAIN)
# ---------------------------------------------------------------------------------------------
# Views and in-place changes. A view (t[0], t.view(...), t.t(), t.expand(...)...) shares memory
# with its base and remembers how it was made (parity.versions.ViewOf). When the base is changed
# in place, the view shows the new values, so its history must follow: as in PyTorch, its grad_fn
# becomes an AsStridedBackward0 node reading its elements out of the base's new history. When the
# view itself is changed in place, the change is recorded in the base's history (CopySlices).


def catch_up(view):
    """Remake the grad_fn of ``view``, whose base was changed in place since it was made (through
    the base, another view of it, or the view itself under no_grad), from the base's history."""
    info = view._view_of
    base = info.base
    if view._grad_fn is None and not base._requires_grad:
        info.version = view._version  # no gradient flows through the base: nothing to follow
        return
    if info.made != "default":
        raise versions.view_change_error(view, indirect=True)
    if info.steps is None:
        raise _unfollowable_view_error()
    _read_from_base(view, versions.element_positions(view))


def _read_from_base(view, positions):
    """``view``'s grad_fn becomes an AsStridedBackward0 node on its base's history (made even under
    no_grad, as PyTorch does: the view's elements are read from the base whatever the mode)."""
    base = view._view_of.base
    with enable_grad():
        node = AS_STRIDED(base, key=positions).grad_fn
    if node is None:
        # The base does not require grad: a view that had a history (of a leaf that is itself a
        # view, x = torch.arange(6.).reshape(2, 3).requires_grad_()) gets a node that leads nowhere,
        # as in PyTorch, so no gradient reaches x through it.
        node = AS_STRIDED.node_class(AS_STRIDED, None, (None,), {"key": positions}, None)
        node.shapes, node.dtypes = (base._array.shape,), (base._array.dtype,)
    versions.replace_grad_fn(view, node)
    view._view_of.version = view._version


Tensor._catch_up = catch_up  # what Tensor.grad_fn calls (tensor_core.py)


def write_through_view(view, compute):
    """``view`` changed in place while recording: its new values are ``compute(view)``. As in
    PyTorch, the change is recorded in its base's history (the base's grad_fn becomes CopySlices,
    which puts the new values in at the view's elements) and the view reads them from there again
    (AsStridedBackward0). Returns False when nothing requires grad (a plain write does)."""
    info = view._view_of
    base = info.base
    before = view._plain(view._array.copy())  # the op needs the old values, not the new
    before._grad_fn, before._requires_grad = view.grad_fn, view.requires_grad
    result = compute(before)
    if result.grad_fn is None:
        return False
    if info.made != "default":
        raise versions.view_change_error(view, indirect=False)
    if base.grad_fn is None and view.requires_grad:  # a leaf, or a view of one, that requires grad
        raise versions.view_of_leaf_error()
    if info.steps is None:
        raise _unfollowable_view_error()
    versions.check_write(view, result)
    positions = versions.element_positions(view)
    values = result.to(base.dtype).expand(view.shape)
    versions.write_in_place(base, lambda old: INDEX_PUT(old, values, key=positions), True)
    _read_from_base(view, positions)
    return True


def _unfollowable_view_error():
    return RuntimeError(
        "this tensor is a view of another one's memory made by an op autodidact cannot replay, so it "
        "cannot follow in-place changes of that tensor with the right gradients. Make the view out of "
        "place (.clone() it) before changing either one in place.")




def _cpp_name(node):
    """PyTorch's nodes written by hand in C++ (not generated from derivatives.yaml) give their C++
    name: after ``y[0] = 5``, ``y.grad_fn.name()`` is ``torch::autograd::CopySlices`` (its class, and
    what a printed tensor shows, is ``CopySlices``)."""
    return f"torch::autograd::{type(node).__name__}"


for _hand_written in ("CopySlices", "CopyBackwards", "NotImplemented"):
    node_class(_hand_written).name = _cpp_name
INDEX_PUT_TENSOR = op("index_put_tensor", grad_fn="IndexPutBackward0", forward=_index_put_forward,
                      vjp=_PUT_RULES, local=_PUT_LOCAL, shows_as="index_put({self}, [{key}], {values})",
                      explain="t[mask] = v or t[positions] = v: " + _PUT_EXPLAIN)
COPY = op("copy", grad_fn="CopyBackwards", forward=_index_put_forward, vjp=_PUT_RULES,
          local={"self": ("0 (overwritten)", "0"), "values": ("1", "1")},
          shows_as="copy({self}, {values})",
          explain="t[...] = v overwrites all of t: t gets no gradient, v gets all of it (summed where "
                  "it was broadcast)")
# Overwriting every element in place (t.zero_(), t.fill_(v)): the old values get no gradient.
ZERO = op("zero", grad_fn="ZeroBackward0", forward=np.zeros_like, vjp={"self": lambda grad: zeros_like(grad)},
          local={"self": ("0 (overwritten)", "0")}, shows_as="{self}.zero_()",
          explain="zero_() overwrites every element: no gradient flows back")
FILL = op("fill", grad_fn="FillBackward2", forward=lambda self, value: np.full_like(self, value),
          vjp={"self": lambda grad: zeros_like(grad)}, local={"self": ("0 (overwritten)", "0")},
          shows_as="{self}.fill_({value})",
          explain="fill_(number) overwrites every element: no gradient flows back")
FILL_TENSOR = op("fill_tensor", grad_fn="FillBackward3", forward=lambda self, value: np.full_like(self, value),
                 vjp={"self": lambda grad: zeros_like(grad), "value": lambda grad: grad},
                 local={"self": ("0 (overwritten)", "0"), "value": ("1 (summed over copies)", "1")},
                 shows_as="{self}.fill_({value})",
                 explain="fill_(v) copies v everywhere: v receives the sum of the gradient; the "
                         "overwritten values get none")
INDEX_SCATTER = op("index_scatter", grad_fn="IndexPutBackward0", forward=scatter_forward,
                   vjp={"self": lambda grad, key: grad[key]}, local={"self": ("1 at the picked place", "1")},
                   shows_as="scatter({self}, at [{key}])",
                   explain="the gradient at the picked places is read back")
# Each piece of chunk()/split() is its own node here (PyTorch shares one node among the pieces);
# the name and the gradients are the same.
SPLIT = op("split", grad_fn="SplitBackward0", forward=_index_forward, vjp={"self": _picked},
           local={"self": ("1 in its own piece", "1")}, shows_as="{self}[{key}]",
           explain="each piece's gradient goes back to its place; the rest get 0")
SPLIT_WITH_SIZES = op("split_with_sizes", grad_fn="SplitWithSizesBackward0", forward=_index_forward,
                      vjp={"self": _picked}, local={"self": ("1 in its own piece", "1")},
                      shows_as="{self}[{key}]",
                      explain="each piece's gradient goes back to its place; the rest get 0")


# ---------------------------------------------------------------------------------------------
# Picking and writing along a dimension: gather, scatter, scatter_add, index_select, take,
# masked_fill, unbind. Their public functions (argument checks, PyTorch's errors) follow the specs.


def positions_along(index, dim, ndim):
    """The NumPy key that reads ``t.gather(dim, index)``: ``index`` along ``dim`` and, along every
    other dimension, the position itself (for dim=1, ``out[i][j] = t[i][index[i][j]]``)."""
    if ndim == 0:
        return ()
    grids = np.ogrid[tuple(slice(0, n) for n in index.shape)]
    return tuple(index if d == dim else grids[d] for d in range(ndim))


def _leading_part(shape):
    """The key of the first ``shape`` elements of a tensor at least that large (scatter's source may be
    larger than its index; only that part is used)."""
    return tuple(slice(0, n) for n in shape)


def _source_gradient(grad, src_shape, dim, index):
    """Each source element that was written receives the gradient of the place it went to."""
    picked = grad[positions_along(index, dim, grad.ndim)]
    if tuple(picked.shape) != tuple(src_shape):
        picked = scatter(picked, src_shape, _leading_part(picked.shape))  # the unused rest gets 0
    return picked


def _gather_forward(self, dim, index):
    return self[positions_along(index, dim, self.ndim)]


def _scatter_forward(self, src, dim, index):
    out = self.copy()
    out[positions_along(index, dim, self.ndim)] = src[_leading_part(index.shape)]
    return out


def _scatter_value_forward(self, dim, index, value):
    out = self.copy()
    out[positions_along(index, dim, self.ndim)] = value
    return out


def _scatter_add_forward(self, src, dim, index):
    out = self.copy()
    np.add.at(out, positions_along(index, dim, self.ndim), src[_leading_part(index.shape)])
    return out


def _not_overwritten(grad, self_shape, dim, index):
    return where(_kept(self_shape, positions_along(index, dim, len(self_shape))), grad, 0.0)


GATHER = op("gather", grad_fn="GatherBackward0", forward=_gather_forward,
            vjp={"self": lambda grad, self_shape, dim, index:
                 scatter(grad, self_shape, positions_along(index, dim, len(self_shape)))},
            local={"self": ("1 at each gathered place, 0 elsewhere", "1")},
            shows_as="{self}.gather({dim}, {index})",
            explain="each gathered element's gradient goes back to the place it was read from (added "
                    "up where a place was read twice); the rest get 0")
SCATTER = op("scatter", grad_fn="ScatterBackward0", forward=_scatter_forward,
             vjp={"self": _not_overwritten,
                  "src": lambda grad, src_shape, dim, index: _source_gradient(grad, src_shape, dim, index)},
             local={"self": ("1 where not overwritten, 0 where overwritten", r"\mathbb{1}[\text{not overwritten}]"),
                    "src": ("1 at the place it was written to", "1")},
             shows_as="{self}.scatter({dim}, {index}, {src})",
             explain="the overwritten elements get no gradient; each source element receives the "
                     "gradient of the place it was written to")
SCATTER_VALUE = op("scatter_value", grad_fn="ScatterBackward1", forward=_scatter_value_forward,
                   vjp={"self": _not_overwritten},
                   local={"self": ("1 where not overwritten, 0 where overwritten",
                                   r"\mathbb{1}[\text{not overwritten}]")},
                   shows_as="{self}.scatter({dim}, {index}, {value})",
                   explain="the overwritten elements get no gradient; the others pass theirs through")
SCATTER_ADD = op("scatter_add", grad_fn="ScatterAddBackward0", forward=_scatter_add_forward,
                 vjp={"self": lambda grad: grad,
                      "src": lambda grad, src_shape, dim, index: _source_gradient(grad, src_shape, dim, index)},
                 local={"self": ("1", "1"), "src": ("1 at the place it was added to", "1")},
                 shows_as="{self}.scatter_add({dim}, {index}, {src})",
                 explain="the tensor passes its gradient through; each source element receives the "
                         "gradient of the place it was added to")


def _no_scatter_derivative(grad):
    raise RuntimeError("derivative for aten::scatter is not implemented: scatter with reduce= has no "
                       "gradient in PyTorch either. For a differentiable sum use scatter_add (or "
                       "scatter_reduce in PyTorch); or compute it under torch.no_grad().")


def _scatter_reduce_forward(self, src, dim, index, reduce):
    out = self.copy()
    key = positions_along(index, dim, self.ndim)
    values = np.broadcast_to(src, index.shape) if np.ndim(src) == 0 else src[_leading_part(index.shape)]
    (np.add if reduce == "add" else np.multiply).at(out, key, values)
    return out


# scatter(..., reduce="add" or "multiply"): PyTorch records it but cannot differentiate it.
SCATTER_REDUCE = op("scatter_reduce_legacy", grad_fn="NotImplemented", forward=_scatter_reduce_forward,
                    vjp={"self": _no_scatter_derivative, "src": _no_scatter_derivative},
                    inputs=("self", "src"), shows_as="{self}.scatter({dim}, {index}, {src}, reduce={reduce})")
OPS.pop("scatter_reduce_legacy")  # not in the table: no gradient to check


def _index_select_key(dim, index):
    return (slice(None),) * dim + (index,)


INDEX_SELECT = op("index_select", grad_fn="IndexSelectBackward0",
                  forward=lambda self, dim, index: self[_index_select_key(dim, index)],
                  vjp={"self": lambda grad, self_shape, dim, index:
                       scatter(grad, self_shape, _index_select_key(dim, index))},
                  local={"self": ("1 at each selected place, 0 elsewhere", "1")},
                  shows_as="{self}.index_select({dim}, {index})",
                  explain="each selected slice's gradient goes back to its place (added up where a "
                          "slice was selected twice); the rest get 0")
TAKE = op("take", grad_fn="TakeBackward0", forward=lambda self, index: self.reshape(-1)[index],
          vjp={"self": lambda grad, self_shape, index:
               reshape(scatter(grad, (math.prod(self_shape),), (index,)), self_shape)},
          local={"self": ("1 at each taken place, 0 elsewhere", "1")},
          shows_as="{self}.take({index})",
          explain="each taken element's gradient goes back to its place in the flattened tensor (added "
                  "up where a place was taken twice); the rest get 0")


def _masked_fill_forward(self, mask, value):
    return np.where(mask, np.asarray(value).astype(self.dtype), self)


MASKED_FILL = op("masked_fill", grad_fn="MaskedFillBackward0",
                 forward=lambda self, mask, value: _masked_fill_forward(self, mask, value),
                 inputs=("self", "mask"), vjp={"self": lambda grad, mask: where(mask, 0.0, grad)},
                 local={"self": ("0 where filled, 1 elsewhere", r"\mathbb{1}[\text{not filled}]")},
                 shows_as="{self}.masked_fill({mask}, {value})",
                 explain="the filled elements get no gradient; the others pass theirs through")
MASKED_FILL_TENSOR = op("masked_fill_tensor", grad_fn="MaskedFillBackward1", forward=_masked_fill_forward,
                        inputs=("self", "mask", "value"),
                        vjp={"self": lambda grad, mask: where(mask, 0.0, grad),
                             "value": lambda grad, mask: where(mask, grad, 0.0)},
                        local={"self": ("0 where filled, 1 elsewhere", r"\mathbb{1}[\text{not filled}]"),
                               "value": ("1 at each filled place (summed)", "1")},
                        shows_as="{self}.masked_fill({mask}, {value})",
                        explain="the filled elements get no gradient; the fill value receives the sum of "
                                "their gradients")
# Each piece of unbind() is its own node here (PyTorch shares one node among the pieces).
UNBIND = op("unbind", grad_fn="UnbindBackward0", forward=lambda self, key, dim, position: _index_forward(self, key),
            vjp={"self": _picked},
            local={"self": ("1 in its own slice", "1")}, shows_as="{self}.unbind({dim})[{position}]",
            explain="each slice's gradient goes back to its place; the rest get 0")


def _index_tensor(function, index, *, vector=False):
    """The NumPy positions of an index tensor, after PyTorch's checks."""
    if not isinstance(index, Tensor):
        raise TypeError(f"{function}(): argument 'index' must be Tensor, not {type(index).__name__}. "
                        f"Make one with torch.tensor([...]).")
    array = index._array
    if array.dtype.kind not in "iu":
        raise RuntimeError(f"{function}(): Expected dtype int32/int64 for index, got {index.dtype}. "
                           "Convert the positions with .long().")
    if vector and array.ndim > 1:
        raise IndexError(f"{function}(): Index is supposed to be a vector (got {array.ndim} dimensions)")
    return array.astype(np.int64)  # a copy: the node keeps it, whatever happens to the tensor later


def _check_along(function, input, dim, index, src_shape=None):
    """PyTorch's shape and bounds checks of gather/scatter: ``index`` has the input's number of
    dims, is no larger than the input (and the source) apart from ``dim``, and stays in bounds."""
    if index.ndim != input.ndim and not (index.ndim <= 1 and input.ndim <= 1):
        raise RuntimeError(f"Index tensor must have the same number of dimensions as input tensor: "
                           f"{function} got an index of {index.ndim} dims for an input of {input.ndim}")
    for d in range(index.ndim):
        too_big = d != dim and index.shape[d] > input.shape[d]
        if too_big or (src_shape is not None and index.shape[d] > src_shape[d]):
            expected = (f"index {list(index.shape)} to be smaller than self {list(input.shape)} apart "
                        f"from dimension {dim}")
            if src_shape is not None:
                expected += f" and to be smaller size than src {list(src_shape)}"
            raise RuntimeError(f"Size does not match at dimension {d} expected {expected}")
    size = input.shape[dim] if input.ndim else 1
    outside = index[(index < 0) | (index >= size)]  # no counting from the end here
    if outside.size:
        raise RuntimeError(f"index {int(outside.flat[0])} is out of bounds for dimension {dim} with size "
                           f"{size}")


@public("function", "method", tensors=("input",))
def gather(input, dim, index, *, sparse_grad=False):
    """Pick along ``dim`` with positions from ``index``: ``out[i][j] = input[i][index[i][j]]`` for
    dim=1. The result has ``index``'s shape (GatherBackward0)."""
    dim = dim_arg(dim, input.ndim)
    positions = _index_tensor("gather", index)
    _check_along("gather", input, dim, positions)
    return GATHER(input, dim=dim, index=positions)


def _same_dtype(input, src):
    if src.dtype != input.dtype:
        raise RuntimeError(f"scatter(): Expected self.dtype to be equal to src.dtype (got {input.dtype} and "
                           f"{src.dtype}); convert src with .to(x.dtype)")
    return src._array


def _scatter(function, input, dim, index, src, reduce=None):
    dim = dim_arg(dim, input.ndim)
    positions = _index_tensor(function, index)
    if reduce is not None and reduce not in ("add", "multiply"):
        raise RuntimeError("reduce argument must be either add or multiply.")
    if isinstance(src, Tensor):
        _check_along(function, input, dim, positions, tuple(src.shape))
    else:
        _check_along(function, input, dim, positions)
    if reduce is not None:
        if isinstance(src, Tensor):
            warnings.warn("The reduce argument of torch.scatter with Tensor src is deprecated and will be "
                          "removed in a future PyTorch release. Use torch.scatter_reduce instead for more "
                          "reduction options.", UserWarning, stacklevel=3)
            return SCATTER_REDUCE.on((input._array, _same_dtype(input, src)), (input, src),
                                     {"dim": dim, "index": positions, "reduce": reduce})
        return SCATTER_REDUCE.on((input._array, src), (input, None),
                                 {"dim": dim, "index": positions, "reduce": reduce})
    if isinstance(src, Tensor):
        return SCATTER.on((input._array, _same_dtype(input, src)), (input, src),
                          {"dim": dim, "index": positions})
    return SCATTER_VALUE(input, dim=dim, index=positions, value=src)


# Registered as "scatter"; named otherwise here, where ``scatter`` is the helper the rules call.
@public("function", "method", "inplace", name="scatter", tensors=("input",))
def scatter_values(input, dim, index, src=None, *, value=None, reduce=None):
    """Write ``src`` (a tensor, or one number) into a copy of ``input`` at the positions ``index``
    gives along ``dim``: ``out[i][index[i][j]] = src[i][j]`` for dim=1 (ScatterBackward0/1)."""
    if src is None:
        src = value
    if src is None:
        raise TypeError("scatter() missing the values to write: give src (a tensor) or value (a number)")
    return _scatter("scatter", input, dim, index, src, reduce)


scatter_values.__name__ = scatter_values.__qualname__ = "scatter"


@public("function", "method", "inplace", tensors=("input",))
def scatter_add(input, dim, index, src):
    """Like scatter, but add ``src`` at the positions instead of overwriting (repeated positions add
    up): ``out[i][index[i][j]] += src[i][j]`` for dim=1 (ScatterAddBackward0)."""
    if not isinstance(src, Tensor):
        raise TypeError(f"scatter_add(): argument 'src' (position 4) must be Tensor, not "
                        f"{type(src).__name__}")
    dim = dim_arg(dim, input.ndim)
    positions = _index_tensor("scatter_add", index)
    _check_along("scatter_add", input, dim, positions, tuple(src.shape))
    return SCATTER_ADD.on((input._array, _same_dtype(input, src)), (input, src),
                          {"dim": dim, "index": positions})


@public("function", "method", tensors=("input",))
def index_select(input, dim, index):
    """The slices of ``input`` at the positions ``index`` (a vector) along ``dim``, in that order
    (IndexSelectBackward0)."""
    dim = dim_arg(dim, input.ndim)
    positions = _index_tensor("index_select", index, vector=True).reshape(-1)
    size = input.shape[dim] if input.ndim else 1
    outside = positions[(positions < 0) | (positions >= size)]
    if outside.size:
        # PyTorch's error class depends on its kernel: dim 1 of a matrix or more, or an empty one, has its own
        error = RuntimeError if input.ndim > 1 and (dim == 1 or input.numel() == 0) else IndexError
        raise error(f"index out of range in self: index_select() got index {int(outside[0])} for "
                    f"dimension {dim} of size {size}")
    if input.ndim == 0:
        return INDEX_SELECT(input.reshape(1), dim=0, index=positions).reshape(())
    return INDEX_SELECT(input, dim=dim, index=positions)


@public("function", "method", tensors=("input",))
def take(input, index):
    """The elements of ``input`` read as one flat list, at the positions ``index``; the result has
    ``index``'s shape (TakeBackward0)."""
    if not isinstance(index, Tensor) or index._array.dtype != np.int64:
        got = index.dtype if isinstance(index, Tensor) else type(index).__name__
        raise RuntimeError(f"take(): Expected a long tensor for index, but got {got}")
    positions = index._array
    n = input._array.size
    outside = positions[(positions < -n) | (positions >= n)]
    if outside.size:
        raise IndexError(f"out of range: tried to access index {int(outside.flat[0])} on a tensor of {n} "
                         f"elements.")
    return TAKE(input, index=positions % max(n, 1))


@public("function", "method", "inplace", tensors=("input",))
def masked_fill(input, mask, value):
    """A copy of ``input`` with ``value`` where ``mask`` is True (MaskedFillBackward0; with a 0-d
    tensor as value, MaskedFillBackward1, and the value gets a gradient)."""
    if not isinstance(mask, Tensor) or mask._array.dtype != np.bool_:
        got = mask.dtype if isinstance(mask, Tensor) else type(mask).__name__
        raise RuntimeError(f"masked_fill_ only supports boolean masks, but got mask with dtype "
                           f"{str(got).replace('torch.', '')}. Compare first, e.g. x.masked_fill(x > 0, 0.0).")
    check_broadcast(input._array.shape, mask._array.shape)
    if isinstance(value, Tensor):
        if value.ndim:
            raise RuntimeError(f"masked_fill_ only supports a 0-dimensional value tensor, but got tensor "
                               f"with {value.ndim} dimension(s).")
        return MASKED_FILL_TENSOR.on((input._array, mask._array, value._array), (input, mask, value))
    return MASKED_FILL(input, mask, value=value)


@public("function", "method", tensors=("input",))
def unbind(input, dim=0):
    """The slices of ``input`` along ``dim``, as a tuple of tensors with that dim removed
    (UnbindBackward0)."""
    dim = dim_arg(dim, input.ndim)
    return versions.note_pieces(tuple(UNBIND(input, key=(slice(None),) * dim + (i,), dim=dim, position=i)
                                      for i in range(input.shape[dim])))


@public("function", "method", tensors=("input",))
def nonzero(input, *, as_tuple=False):
    """The positions of the nonzero (True) elements: one row of coordinates per element, shape
    (count, dims); with ``as_tuple=True`` one tensor of positions per dimension."""
    array = input._array
    if as_tuple:
        if array.ndim == 0:
            return (Tensor._wrap(np.zeros(int(array != 0), dtype=np.int64)),)
        return tuple(Tensor._wrap(p.astype(np.int64)) for p in np.nonzero(array))
    return Tensor._wrap(np.argwhere(array).astype(np.int64))



def _index_add_forward(self, source, dim, index, alpha):
    out = self.copy()
    np.add.at(out, _index_select_key(dim, index), source * alpha if alpha != 1 else source)
    return out


INDEX_ADD = op("index_add", grad_fn="IndexAddBackward0", forward=_index_add_forward,
               vjp={"self": lambda grad: grad,
                    "source": lambda grad, dim, index, alpha: grad[_index_select_key(dim, index)] * alpha},
               local={"self": ("1", "1"), "source": ("alpha at the slice it was added to", r"\alpha")},
               shows_as="{self}.index_add({dim}, {index}, {source})",
               explain="the tensor passes its gradient through; each slice of the source receives alpha "
                       "times the gradient of the slice it was added to")


@public("function", "method", "inplace", tensors=("input",))
def index_add(input, dim, index, source, *, alpha=1):
    """A copy of ``input`` with the slices of ``source`` added at the positions ``index`` (a vector)
    along ``dim``, repeated positions adding up (IndexAddBackward0)."""
    dim = dim_arg(dim, input.ndim)
    positions = _index_tensor("index_add", index, vector=True).reshape(-1)
    size = input.shape[dim] if input.ndim else 1
    expected = input.shape[:dim] + (len(positions),) + input.shape[dim + 1:]
    if tuple(source.shape) != tuple(expected):
        raise RuntimeError(f"index_add_(): source of shape {list(source.shape)} does not fit: adding "
                           f"{len(positions)} slices along dim {dim} of a tensor of shape {list(input.shape)} "
                           f"needs a source of shape {list(expected)}")
    outside = positions[(positions < 0) | (positions >= size)]
    if outside.size:
        raise IndexError(f"index_add_(): index {int(outside[0])} is out of bounds for dimension {dim} with "
                         f"size {size}")
    return INDEX_ADD.on((input._array, _same_dtype(input, source)), (input, source),
                        {"dim": dim, "index": positions, "alpha": alpha})


__all__ = ['write_through_view', 'AS_STRIDED', 'INDEX_BY_KIND', 'SELECT', 'SLICE', 'INDEX', 'INDEX_UNSQUEEZE', 'ALIAS', 'INDEX_PUT', 'INDEX_PUT_TENSOR', 'COPY', 'ZERO', 'FILL', 'FILL_TENSOR', 'INDEX_SCATTER', 'SPLIT', 'SPLIT_WITH_SIZES', 'GATHER', 'SCATTER', 'SCATTER_VALUE', 'SCATTER_ADD', 'INDEX_SELECT', 'TAKE', 'MASKED_FILL', 'MASKED_FILL_TENSOR', 'UNBIND', 'INDEX_ADD']
