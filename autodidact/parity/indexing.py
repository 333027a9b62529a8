"""What ``t[key]`` means, and what PyTorch names it: a parity module.

PyTorch's indexing rules are NumPy's with differences (ints applied before index tensors, a short
list holding lists read as a tuple, 0-d integer tensors selecting), and its ``grad_fn`` names depend
on the kind of index (``SelectBackward0``, ``SliceBackward0``, ``IndexBackward0``, ``AliasBackward0``,
``UnsqueezeBackward0``; ``CopySlices`` or ``IndexPutBackward0`` for writes). This module turns an
index into a NumPy index with PyTorch's meaning and says which kind it is; the engine picks the op
for that kind. Errors carry PyTorch's wording. Tensors are recognised by their fields: this module
does not import the engine.
"""
import operator
import warnings

import numpy as np

from . import dtypes


def _is_tensor(value):
    return hasattr(value, "_array") and hasattr(value, "grad_fn")



def interpret(key, shape):
    """NumPy-ready index meaning what PyTorch means by ``t[key]``, and the kind of op PyTorch would
    name for it: "select", "slice", "index" (index tensors or masks), "alias" (nothing picked) or
    "unsqueeze" (``t[None]``)."""
    if type(key) is int and shape and -shape[0] <= key < shape[0]:
        return key, "select"  # the most common index, t[0], answered at once
    parts, is_tuple = _key_parts(key)
    converted = [_index_part(part) for part in parts]
    if sum(part is Ellipsis for part in converted) > 1:
        converted = _one_ellipsis(converted, shape)
    _check_index(converted, shape)
    if any(isinstance(part, np.ndarray) for part in converted):
        kind = "index"
        if any(isinstance(part, int) for part in converted):  # bools are ints too
            return PositionsKey(converted, shape), kind
    elif any(isinstance(part, bool) for part in converted):
        kind = "index"
    else:
        # A bare slice (t[:], t[0:n]) always slices in PyTorch; inside a tuple, a slice that keeps
        # everything is skipped.
        kind = "slice" if isinstance(key, slice) else basic_index_kind(converted, shape)
    return (tuple(converted) if is_tuple else converted[0]), kind


_SEQUENCE_AS_TUPLE_WARNING = (
    "Using a non-tuple sequence for multidimensional indexing is deprecated and will be changed in "
    "pytorch 2.9; use x[tuple(seq)] instead of x[seq]. In pytorch 2.9 this will be interpreted as "
    "tensor index, x[torch.tensor(seq)], which will result either in an error or a different result")


def _is_sequence(value):
    return isinstance(value, (list, tuple, range, np.ndarray)) or _is_tensor(value)


def _key_parts(key):
    """The parts of an index, one per dimension it addresses, and whether it was a tuple. Like
    PyTorch (and old NumPy), a short list holding a list, tensor, slice, None or ``...`` counts as a
    tuple, with PyTorch's deprecation warning: ``t[[0, [1, 2]]]`` is ``t[0, [1, 2]]``."""
    if isinstance(key, tuple):
        return list(key), True
    if isinstance(key, (list, range)) and len(key) < 32 and any(
            _is_sequence(part) or isinstance(part, slice) or part is None or part is Ellipsis
            for part in key):
        warnings.warn(_SEQUENCE_AS_TUPLE_WARNING, UserWarning, stacklevel=4)
        return list(key), True
    return [key], False


def _index_part(part):
    """One part of an index as NumPy takes it: a 0-d integer tensor is an int (PyTorch selects with
    it), a list or range of positions becomes an int64 array (a list of bools a mask)."""
    if _is_tensor(part):
        part = part._array
    if isinstance(part, np.ndarray) and part.ndim == 0 and part.dtype.kind in "biu":
        part = part.item()  # a Python int or bool
    elif isinstance(part, np.generic) and part.dtype.kind in "biu":
        part = part.item()
    if isinstance(part, (list, tuple, range)):
        part = _positions(part)
    if isinstance(part, np.ndarray):
        if part.dtype.kind not in "biu":
            raise IndexError("tensors used as indices must be long, int, byte or bool tensors, not "
                             f"{part.dtype}; convert the positions with .long()")
        return part
    if isinstance(part, (int, slice)) or part is None or part is Ellipsis:
        if isinstance(part, slice) and part.step is not None and operator.index(part.step) <= 0:
            raise ValueError("step must be greater than zero: tensors cannot be sliced backwards "
                             "(t[::-1]); index with a reversed list of positions instead, "
                             "e.g. t[list(range(len(t) - 1, -1, -1))]")
        return part
    raise IndexError(
        f"only integers, slices (`:`), ellipsis (`...`), None, lists or ranges of integers, and "
        f"integer or boolean tensors are valid indices (got {type(part).__name__})")


def _positions(sequence):
    """A list (or range, or tuple) used as an index, as PyTorch reads it: all bools make a mask,
    anything else is cast to int64 positions (PyTorch truncates floats too)."""
    try:
        array = np.asarray(sequence)
    except ValueError:
        raise IndexError(f"a list used as an index must be rectangular, like a tensor: got {sequence!r}")
    if array.dtype == np.bool_:
        return array
    if array.dtype.kind not in "biuf":
        raise IndexError(f"a list used as an index must hold integers or bools (got {sequence!r})")
    return array.astype(np.int64)


class PositionsKey(tuple):
    """An index that mixes ints with index tensors (``t[0, :, [1, 2]]``), rewritten for NumPy.

    PyTorch applies the ints first, as selects, then indexes what is left with the tensors; NumPy
    treats an int as one more index array, which can move the picked dimensions to the front
    (``t[0, :, [1, 2]]`` has shape (3, 2) in PyTorch, (2, 3) in NumPy). So the PyTorch order is worked
    out on an array of element numbers, and the key becomes, for each dimension of ``t``, the
    coordinates of the elements read: ``t[key]``, ``t[key] = v`` and ``np.add.at(g, key, v)`` then
    all mean what PyTorch means. ``shown`` keeps the index as written, for trace labels."""

    def __new__(cls, parts, shape):
        first, then = [], []  # PyTorch's two steps: selects, slices, new dims; then index tensors
        for part in parts:
            if isinstance(part, np.ndarray):
                first.extend([slice(None)] * (part.ndim if part.dtype == np.bool_ else 1))
                then.append(part)
            elif isinstance(part, bool):  # a new dim, indexed by the tensor [0] (True) or [] (False)
                first.append(None)
                then.append(np.zeros(1 if part else 0, dtype=np.int64))
            elif isinstance(part, int):
                first.append(part)
            else:  # slice, None, Ellipsis: done in the first step, kept whole in the second
                first.append(part)
                then.append(part if part is Ellipsis else slice(None))
        numbers = np.arange(int(np.prod(shape))).reshape(shape)
        coordinates = np.unravel_index(numbers[tuple(first)][tuple(then)], shape)
        key = super().__new__(cls, coordinates)
        key.shown = tuple(parts)
        return key


def basic_index_kind(parts, shape):
    """PyTorch's grad_fn for indexing without tensors: it applies the parts left to right (an int
    selects, a slice slices, None unsqueezes) and the last one that changed something names the
    node; a slice that keeps everything (``:``, ``0:n``) is skipped; nothing at all is an alias."""
    kind = "alias"
    dim = 0
    n_dims_used = sum(1 for p in parts if p is not None and p is not Ellipsis)
    for part in parts:
        if part is None:
            kind = "unsqueeze"
        elif part is Ellipsis:
            dim += len(shape) - n_dims_used
        else:
            if isinstance(part, slice):
                whole = (part.start in (None, 0) and (part.stop is None or part.stop >= shape[dim])
                         and part.step in (None, 1))
                if not whole:
                    kind = "slice"
            else:
                kind = "select"
            dim += 1
    return kind


def writes_into_a_view(key, shape):
    """Whether PyTorch runs ``t[key] = v`` (``key`` holding index tensors) as a write into a view:
    it first applies the ints, slices and None of the key, and if that picked less than all of ``t``
    it writes into that view (CopySlices) instead of into ``t`` (IndexPutBackward0)."""
    parts = getattr(key, "shown", key)
    basic = []
    for part in parts if isinstance(parts, tuple) else (parts,):
        if isinstance(part, np.ndarray):
            basic.extend([slice(None)] * _dims_used(part))
        else:
            basic.append(None if isinstance(part, bool) else part)  # t[True] unsqueezes first
    return basic_index_kind(basic, shape) != "alias"


def _dims_used(part):
    """How many dimensions of the tensor an index part walks over."""
    if part is None or part is Ellipsis or isinstance(part, bool):
        return 0
    if isinstance(part, np.ndarray) and part.dtype == np.bool_:
        return part.ndim  # a mask covers as many dims as it has
    return 1


def _one_ellipsis(parts, shape):
    """PyTorch accepts several ``...`` in one index (NumPy does not): each one stands for the dims the
    other parts leave free, counted again for every ``...``, so ``x[..., 0, ...]`` is ``x[..., 0]``.
    Dims counted past the last one act as dims of size 0: ``x[..., ..., 0]`` is an IndexError there.
    Returns the parts with each ``...`` written out as full slices, which NumPy takes."""
    free = len(shape) - sum(_dims_used(part) for part in parts)
    if free < 0:
        return parts  # too many indices: _check_index says so
    result, dim = [], 0
    for part in parts:
        if part is Ellipsis:
            result.extend([slice(None)] * max(0, min(free, len(shape) - dim)))
            dim += free
            continue
        used = _dims_used(part)
        if used and dim + used > len(shape):  # a part for a dim past the last one (size 0)
            if isinstance(part, slice):
                dim += used
                continue
            first = int(part.flat[0]) if isinstance(part, np.ndarray) and part.size else part
            raise IndexError(f"index {first} is out of bounds for dimension {dim} with size 0: several `...` in "
                             "one index each stand for all the free dims, so this part falls past the last one")
        result.append(part)
        dim += used
    return result


def _check_index(parts, shape):
    """PyTorch's IndexErrors, with its wording, before NumPy gives its own."""
    used = sum(_dims_used(part) for part in parts)
    if used > len(shape):
        if not len(shape) and len(parts) == 1:
            raise IndexError("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
                             "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
        raise IndexError(
            f"too many indices for tensor of dimension {len(shape)}: the index has {used} parts but "
            f"the tensor, of shape {list(shape)}, has only {len(shape)} dimensions")
    dim = 0
    for part in parts:
        if part is Ellipsis:  # it stands for the dims no other part uses
            dim += len(shape) - used
            continue
        if isinstance(part, np.ndarray) and part.dtype == np.bool_:
            for j, (mask_size, size) in enumerate(zip(part.shape, shape[dim:])):
                if mask_size != size:
                    raise IndexError(
                        f"The shape of the mask {list(part.shape)} at index {j} does not match the "
                        f"shape of the indexed tensor {list(shape)} at index {dim + j}: a mask must "
                        f"have the sizes of the dimensions it picks from")
        elif isinstance(part, np.ndarray) and part.size:
            outside = part[(part >= shape[dim]) | (part < -shape[dim])]
            if outside.size:
                _out_of_bounds(int(outside.flat[0]), dim, shape[dim])
        elif isinstance(part, int) and not isinstance(part, bool):
            if not -shape[dim] <= part < shape[dim]:
                _out_of_bounds(part, dim, shape[dim])
        dim += _dims_used(part)
    arrays = [part.shape for part in parts if isinstance(part, np.ndarray) and part.dtype != np.bool_]
    if arrays:  # next to index tensors, True indexes with [0] and False with []
        arrays += [(int(part),) for part in parts if isinstance(part, bool)]
    try:
        np.broadcast_shapes(*arrays)
    except ValueError:
        raise IndexError("shape mismatch: indexing tensors could not be broadcast together with shapes "
                         + ", ".join(str(list(s)) for s in arrays)) from None


def _out_of_bounds(index, dim, size):
    raise IndexError(f"index {index} is out of bounds for dimension {dim} with size {size}: valid "
                     f"indices are 0 to {size - 1}, or -{size} to -1 counting from the end")


def setitem_shape(target, shape):
    """The shape ``v`` takes in ``t[key] = v``: PyTorch first drops ``v``'s leading dims of size 1
    that ``t[key]`` does not have (a [1, 1] value fits a single element), then broadcasts."""
    shape = tuple(shape)
    while len(shape) > len(target) and shape[0] == 1:
        shape = shape[1:]
    check_setitem_shape(target, shape)
    return shape


def check_setitem_shape(target, shape):
    try:
        fits = np.broadcast_shapes(tuple(shape), tuple(target)) == tuple(target)
    except ValueError:
        fits = False
    if not fits:
        raise RuntimeError(
            f"shape mismatch: value tensor of shape {list(shape)} cannot be broadcast to indexing "
            f"result of shape {list(target)}. In t[key] = v, v must broadcast to the shape of t[key]; "
            "reshape v or change the index."
        )


def check_index_put_dtypes(key, dtype, value):
    """PyTorch's error for ``t[index] = v`` with index tensors and a tensor ``v`` of another dtype:
    unlike a slice (copied, converting), index_put_ needs one dtype. A key whose only index tensor
    is one mask, with a one-element ``v``, is fine: PyTorch fills then (masked_fill), converting."""
    parts = getattr(key, "shown", key if isinstance(key, tuple) else (key,))
    arrays = [part for part in parts if isinstance(part, np.ndarray)]
    if value.numel() == 1 and len(arrays) == 1 and arrays[0].dtype == np.bool_:
        return
    names = dtypes.TYPE_NAMES_SHORT
    raise RuntimeError(f"Index put requires the source and destination dtypes match, got "
                       f"{names[dtype.name]} for the destination and {names[value.dtype.name]} for the "
                       f"source. Convert the values first, e.g. values.to({dtype!r}).")
