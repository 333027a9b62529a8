"""In-place operations and version counters, as PyTorch keeps them: a parity module.

Autograd itself needs none of this: a graph of out-of-place operations never changes a value a
backward rule reads. PyTorch also lets code change tensors in place (``p -= lr * p.grad``,
``x.add_(1)``, ``t[0] = 5``), and guards that with two rules reproduced here:

- every tensor has a version, raised by each in-place change. A node remembers the versions of the
  values its rule will read; backward refuses (with PyTorch's message) when one has changed since.
- an in-place op on a tensor in the graph rewrites its history: the tensor takes the new node as
  its ``grad_fn``. A leaf that requires grad refuses, unless under ``no_grad``.

The engine passes tensors in; this module reads their fields and never imports the engine.
"""
import weakref

import numpy as np

from .dtypes import TYPE_NAMES_SHORT


# ---------------------------------------------------------------------------------------------
# Versions of the values a backward rule reads


def saved_versions(op, inputs, result):
    """The versions of the values ``op``'s rule will read: its inputs, and its output (weakly held,
    to avoid a cycle) for rules like exp's that use it."""
    saved = [(v, v._version) for v in inputs if hasattr(v, "_version")] if op.saves else []
    if op.uses_out:
        saved.append((weakref.ref(result), result._version))
    return tuple(saved)


def check_saved_versions(node):
    """Refuse to run ``node``'s rule on a value changed in place since the forward pass."""
    for saved, version in node.saved_versions:
        tensor = saved() if isinstance(saved, weakref.ref) else saved
        if tensor is not None and tensor._version != version:
            raise RuntimeError(
                "one of the variables needed for gradient computation has been modified by an inplace "
                f"operation: [{tensor.type()} {list(tensor.shape)}], which {node.name()} needs, is at "
                f"version {tensor._version}; expected version {version} instead. {node.name()} saved "
                "these values in the forward pass and its derivative needs them unchanged. Use the "
                "out-of-place form (y = y + 1 instead of y += 1 or y.add_(1)), or .clone() the tensor "
                "before changing it."
            )


# ---------------------------------------------------------------------------------------------
# Writing a result into a tensor


def write_in_place(tensor, compute, recording):
    """Run ``compute(t)`` out of place, then write the result into ``tensor``'s storage.

    With grad mode on (``recording``), the tensor takes the result's grad_fn: its history now ends
    with the in-place op, as in PyTorch. Leaves that require grad refuse, unless under no_grad.
    """
    if not recording:  # fast path (e.g. parameter updates under no_grad): no graph to rewrite
        result = compute(tensor)._array
        if result.shape == tensor._array.shape and result.dtype == tensor._array.dtype \
                and tensor._array.flags.writeable:
            tensor._array[...] = result
            tensor._version += 1
            return tensor
    if recording and tensor.grad_fn is None and tensor._requires_grad:
        raise leaf_in_place_error()
    if recording:
        before = tensor._plain(tensor._array.copy())  # the op needs the old values, not the new
        if tensor._requires_grad:
            before.grad_fn, before._requires_grad = tensor.grad_fn, True
        result = compute(before)
    else:
        result = compute(tensor)
    if result._array.dtype != tensor._array.dtype and _category_rises(result._array.dtype, tensor._array.dtype):
        raise RuntimeError(
            f"result type {TYPE_NAMES_SHORT[result.dtype.name]} can't be cast to the desired output "
            f"type {TYPE_NAMES_SHORT[tensor.dtype.name]}: an in-place op keeps the tensor's dtype "
            f"{tensor.dtype}. Convert first (e.g. t = t.float()) or use the out-of-place form."
        )
    if recording and result.grad_fn is not None and tensor._array.base is not None:
        # PyTorch rewrites the history of the tensor a view was made from; autodidact does not
        # track views, so refuse rather than give that tensor silently wrong gradients.
        raise RuntimeError(
            "in-place change of a view while gradients are recorded: this tensor shares memory with "
            "the tensor it was made from (by indexing, view/reshape, transpose...), and autodidact "
            "does not rewrite that tensor's history. Write it out of place (h = h + 1 instead of "
            "h += 1), or .clone() the view first."
        )
    if not tensor._array.flags.writeable:
        raise RuntimeError(
            "unsupported operation: this tensor is an expanded view, in which several elements share "
            "one memory location, so it cannot be written in place. Call .clone() first."
        )
    try:
        np.copyto(tensor._array, np.broadcast_to(result._array, tensor._array.shape), casting="unsafe")
    except ValueError:
        raise RuntimeError(
            f"output with shape {list(tensor.shape)} doesn't match the broadcast shape "
            f"{list(result.shape)}: an in-place op cannot change the tensor's shape."
        ) from None
    if recording and result.grad_fn is not None:
        tensor.grad_fn = result.grad_fn
        tensor._requires_grad = True
        # The node's output is now this tensor: keep retain_grad working.
        if tensor._retains_grad:
            tensor.grad_fn.retained = weakref.ref(tensor)
    tensor._version += 1
    return tensor


def leaf_in_place_error():
    return RuntimeError(
        "a leaf Variable that requires grad is being used in an in-place operation. "
        "Changing a parameter in place would silently break the graph that uses it. "
        "Wrap the update in `with torch.no_grad():`, e.g. `with torch.no_grad(): w -= lr * w.grad`."
    )


def _category_rises(result, target):
    """PyTorch's in-place rule: a result may be narrowed (int64 into int32) but not moved to a
    lower kind (float into int, int into bool)."""
    order = {"b": 0, "i": 1, "u": 1, "f": 2}
    return order[np.dtype(result).kind] > order[np.dtype(target).kind]
