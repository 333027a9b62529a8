"""How a tensor's elements sit in memory, reported as PyTorch reports it: ``stride()`` and
``storage_offset()`` count elements, not bytes.

A tensor's values are a NumPy array, and a view (``t[1:]``, ``t.t()``, ``t.expand(...)``) is a NumPy
view of the same memory, so NumPy's byte strides, divided by the element size, are PyTorch's
strides. One difference: NumPy gives a dimension added by ``unsqueeze`` stride 0, where PyTorch
gives it the stride it would have in a contiguous tensor of that shape (size times stride of the
next dimension). Either is correct for a dimension of size 1, which is never stepped along.
"""
import numpy as np


def strides(array):
    """PyTorch's ``stride()`` of a tensor holding ``array``: a tuple of element counts."""
    if array.size == 0:  # NumPy gives an empty array strides of 0; PyTorch the contiguous ones
        return tuple(int(np.prod(array.shape[dim + 1:])) for dim in range(array.ndim))
    itemsize = array.itemsize
    result = [step // itemsize for step in array.strides]
    next_extent = 1  # stride times size of the dimension to the right
    for dim in range(array.ndim - 1, -1, -1):
        if array.shape[dim] == 1 and result[dim] == 0:
            result[dim] = next_extent
        next_extent = result[dim] * array.shape[dim]
    return tuple(result)


def storage_offset(array):
    """Where ``array``'s first element sits in the memory it shares with the array it views, in
    elements (0 for an array that owns its memory)."""
    root = array
    while root.base is not None:
        base = root.base
        if not isinstance(base, np.ndarray):  # as_strided's views hold their array one step further
            base = getattr(base, "base", None)
            if not isinstance(base, np.ndarray):
                break
        root = base
    if root is array or array.size == 0:
        return 0
    start = array.__array_interface__["data"][0] - root.__array_interface__["data"][0]
    return start // array.itemsize


def preserved_order(array):
    """The memory order PyTorch's ``preserve_format`` gives a copy of ``array`` (clone, zeros_like):
    its own layout ("K") when no two elements share a place, else row by row ("C"), as for an
    expanded tensor, whose repeated elements all sit in one place."""
    shared = any(step == 0 and size > 1 for step, size in zip(array.strides, array.shape))
    return "C" if shared else "K"
