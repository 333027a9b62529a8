"""How backward writes gradients into ``.grad``, with PyTorch's rules for when it copies.

``graph.run_backward`` computes the gradients; this module stores them. A leaf's gradient is added
into its ``.grad`` (PyTorch's ``AccumulateGrad``); a non-leaf on which ``retain_grad()`` was called
gets its gradient too. The details (copy the first gradient, add later ones in place or not, keep
the gradient in the graph under ``create_graph``) are PyTorch's, so that code holding on to
``w.grad`` sees what it would see in PyTorch.

Like ``graph.py``, this module works with the Tensor's fields and never imports the Tensor class.
"""
import warnings

import numpy as np


def is_tensor(value):
    """A Tensor, recognised by its fields (the engine's core modules do not import the class)."""
    return hasattr(value, "grad_fn") and hasattr(value, "_array")


def accumulate(tensor, grad, create_graph):
    """Add ``grad`` into a leaf's ``.grad`` as PyTorch's AccumulateGrad does.

    The first gradient is copied in. Without ``create_graph`` later ones are added in place, so a
    reference taken earlier (``g = w.grad``) sees the sum. With ``create_graph`` the gradient stays
    in the graph: the first copy is recorded (``CopyBackwards``) and later sums are new tensors.
    """
    if create_graph:
        incoming = grad if is_tensor(grad) else tensor._plain(grad)
        if tensor._grad is not None:
            tensor._grad = tensor._grad + incoming
        elif incoming._requires_grad:
            tensor._grad = incoming._recorded_copy()
        else:
            tensor._grad = tensor._plain(incoming._array.copy())
        return
    if type(grad) is not np.ndarray and is_tensor(grad):  # (a hook may have returned a Tensor)
        grad = grad._array
    if tensor._grad is None:
        # Copy: the same array may be passed on to several inputs (e.g. by an addition). The copy is
        # laid out like the leaf (PyTorch's layout contract): a weight's gradient computed as a
        # transpose is still row by row, so w.grad.view(-1) works.
        copied = np.empty_like(tensor._array, dtype=tensor._array.dtype)
        copied[...] = grad
        tensor._grad = tensor._plain(copied)
    else:
        existing = tensor._grad._array
        if existing.shape == grad.shape:
            existing += grad
        else:
            tensor._grad = tensor._plain(existing + grad)


def fill_retained_grad(node, grad, create_graph):
    """``.grad`` of a non-leaf tensor on which ``retain_grad()`` was called.

    Unlike a leaf's, it is never updated in place: the first gradient is copied in (``clone``), and
    each later one makes a new tensor ``old + new``, so ``a = h.grad`` taken earlier keeps its values.
    """
    tensor = node.retained()
    if tensor is None:
        return
    if create_graph:  # keep the gradient in the graph: the copy and the sum are recorded
        incoming = grad if is_tensor(grad) else tensor._plain(grad)
        tensor._grad = incoming.clone() if tensor._grad is None else tensor._grad + incoming
        return
    grad = grad._array if is_tensor(grad) else grad
    if tensor._grad is None:
        tensor._grad = tensor._plain(np.array(grad, dtype=tensor._array.dtype, copy=True))
    else:
        tensor._grad = tensor._plain(tensor._grad._array + grad)


def warn_nonleaf_grad():
    warnings.warn(
        "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
        "attribute won't be populated during autograd.backward(). If you indeed want the .grad field "
        "to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor before "
        "calling backward(). If you access the non-leaf Tensor by mistake, make sure you access the "
        "leaf Tensor instead.",
        UserWarning,
        stacklevel=3,
    )
