"""In-place operations and version counters, as PyTorch keeps them: a parity module.

Autograd itself needs none of this: a graph of out-of-place operations never changes a value a
backward rule reads. PyTorch also lets code change tensors in place (``p -= lr * p.grad``,
``x.add_(1)``, ``t[0] = 5``), and guards that with two rules reproduced here:

- every tensor has a version, raised by each in-place change. A node remembers the versions of the
  values its rule will read; backward refuses (with PyTorch's message) when one has changed since.
- an in-place op on a tensor in the graph rewrites its history: the tensor takes the new node as
  its ``grad_fn``. A leaf that requires grad refuses, unless under ``no_grad``.

- a view (``t[0]``, ``t.view(2, 3)``, ``t.t()``...) shares its base's memory and version count.
  When the base (or another view of it, or the view itself) is changed in place, the view's
  ``grad_fn`` is remade from the base's new history (``AsStridedBackward0``): ``ViewOf`` below is
  what a view remembers for that.

The engine passes tensors in; this module reads their fields and never imports the engine.
"""
import re
import weakref

import numpy as np

from .dtypes import TYPE_NAMES_SHORT


# ---------------------------------------------------------------------------------------------
# Versions of the values a backward rule reads


def saved_versions(saved, result):
    """The versions, now, of the tensors a node keeps for its rule (``saved``, by name) and of its
    output when the rule reads it (``result``, weakly held: no cycle node <-> result). A view's
    count is its base's. PyTorch refuses to keep a tensor made in inference mode."""
    versions = []
    for value in saved.values():
        if hasattr(value, "_versions"):
            if value._inference:
                raise inference_saved_error()
            versions.append((value, value._versions[0]))
    if result is not None:
        versions.append((weakref.ref(result), result._versions[0]))
    return tuple(versions) if versions else None


def inference_saved_error():
    return RuntimeError(
        "Inference tensors cannot be saved for backward. Please do not use Tensors created in inference "
        "mode in computation tracked by autograd. To work around this, you can make a clone to get a "
        "normal tensor and use it in autograd, or use `torch.no_grad()` instead of `torch.inference_mode()`.")


def check_saved_versions(node):
    """Refuse to run ``node``'s rule on a value changed in place since the forward pass."""
    for saved, version in node.saved_versions:
        tensor = saved() if isinstance(saved, weakref.ref) else saved
        # (``_versions[0]`` is the ``_version`` property's value, read without the property call:
        # this runs for every node of every backward pass, and the count is read per op forward)
        if tensor is not None and tensor._versions[0] != version:
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
                and tensor._array.flags.writeable and not _overlaps(tensor):
            tensor._array[...] = result
            tensor._versions[0] += 1  # tensor._version += 1, without the property's two calls
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
    check_write(tensor, result)
    if recording and result.grad_fn is not None and tensor._view_of is not None:
        # Views are written through their base (ops/indexing.py, write_through_view); this one was
        # made by an op autodidact cannot replay: refuse rather than give the base wrong gradients.
        raise RuntimeError(
            "in-place change of a view while gradients are recorded: this tensor shares memory with "
            "the tensor it was made from in a way autodidact cannot follow, so that tensor's history "
            "would be wrong. Write it out of place (h = h + 1 instead of h += 1), or .clone() first."
        )
    np.copyto(tensor._array, np.broadcast_to(result._array, tensor._array.shape), casting="unsafe")
    if recording and result.grad_fn is not None:
        replace_grad_fn(tensor, result.grad_fn)
    tensor._version += 1
    return tensor


def replace_grad_fn(tensor, node):
    """``tensor``'s history now ends with ``node``. A retained gradient (``retain_grad()``) moves to
    the new node, as in PyTorch: the old one must not fill ``.grad`` too."""
    old = tensor._grad_fn
    tensor._grad_fn, tensor._requires_grad = node, True
    if tensor._retains_grad:
        if old is not None:
            old.retained = None
        node.retained = weakref.ref(tensor)


def check_write(tensor, result):
    """PyTorch's refusals before ``result`` is written into ``tensor``: a dtype it cannot take, a
    different shape, or memory where several elements are one (an expanded view)."""
    if result._array.dtype != tensor._array.dtype and _category_rises(result._array.dtype, tensor._array.dtype):
        raise RuntimeError(
            f"result type {TYPE_NAMES_SHORT[result.dtype.name]} can't be cast to the desired output "
            f"type {TYPE_NAMES_SHORT[tensor.dtype.name]}: an in-place op keeps the tensor's dtype "
            f"{tensor.dtype}. Convert first (e.g. t = t.float()) or use the out-of-place form."
        )
    try:
        np.broadcast_to(result._array, tensor._array.shape)
    except ValueError:
        raise RuntimeError(
            f"output with shape {list(tensor.shape)} doesn't match the broadcast shape "
            f"{list(result.shape)}: an in-place op cannot change the tensor's shape."
        ) from None
    if not tensor._array.flags.writeable or _overlaps(tensor):
        raise overlap_error()


def _overlaps(tensor):
    """Whether some elements of a view are one place in memory (overlapping unfold() windows).
    PyTorch changes those in place element by element, so a shared element changes twice;
    autodidact refuses instead. Walking the dims from the smallest step up, each step must jump
    past everything the smaller dims reach."""
    if tensor._view_of is None:
        return False
    array = tensor._array
    reach = array.itemsize
    for step, size in sorted((abs(s), n) for s, n in zip(array.strides, array.shape) if n > 1):
        if step < reach:
            return True
        reach += step * (size - 1)
    return False


def overlap_error():
    return RuntimeError(
        "unsupported operation: more than one element of the written-to tensor refers to a single "
        "memory location. Please clone() the tensor before performing the operation. (It is a view "
        "such as expand() or unfold() makes: several of its elements share one place in memory.)")


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


# ---------------------------------------------------------------------------------------------
# Views: tensors that look into another tensor's memory


class ViewOf:
    """What a view remembers about the tensor whose memory it looks into (PyTorch's view metadata).

    - ``base``: that tensor. For a view of a view it is the first one, which is not itself a view
      (PyTorch's ``t._base``).
    - ``steps``: how the view was made from ``base``, as (forward, params) pairs of the view ops
      (``t[0]``, then ``.t()``...). Made again from the base's element numbers, they say where each
      element of the view sits in the base (``element_positions``). None when the op cannot be
      made again so (it had other tensor inputs).
    - ``version``: the shared version count when the view's ``grad_fn`` was last made. When the
      count has moved on, the base was changed in place (through itself, another view or this
      one) and the view's history must follow it (``catch_up`` in ops/indexing.py).
    - ``made``: "default"; "no_grad" for a view made under ``no_grad()``; ("multi_output", n) for
      piece n of ``unbind``/``split``/``chunk`` (and views of it). PyTorch refuses to change those
      two kinds, or their bases, in place while recording (``view_change_error``).
    """

    __slots__ = ("base", "steps", "version", "made")

    def __init__(self, base, steps, version, made):
        self.base, self.steps, self.version, self.made = base, steps, version, made


def note_view(result, inputs, forward, params, recording):
    """``result`` of an op shares memory with one of its ``inputs``: it is a view of it. It shares
    that input's version count (PyTorch's version counter), so a change made through either one is
    seen, and it remembers how it was made (``ViewOf``)."""
    out = result._array
    root = _memory_owner(out)
    for v in inputs:
        array = getattr(v, "_array", None)
        if array is not None and (array is out or _memory_owner(array) is root):
            result._versions = v._versions
            # one tensor among the inputs (t[0] has one, always): the view can be made again by this step
            single = len(inputs) == 1 or sum(1 for i in inputs if hasattr(i, "_array")) == 1
            step = ((forward, params),) if single else None
            made = "default" if recording else "no_grad"
            parent = v._view_of
            version = v._versions[0]  # v._version, without the property call
            if parent is None:
                result._view_of = ViewOf(v, step, version, made)
            else:  # a view of a view looks into the first base; a piece of unbind stays one
                steps = parent.steps + step if parent.steps is not None and step else None
                if made == "default" and parent.made != "default":
                    made = parent.made if parent.made == "no_grad" else ("multi_output", 0)
                result._view_of = ViewOf(parent.base, steps, version, made)
            return


def _memory_owner(array):
    """The object that owns ``array``'s memory. NumPy views point to it with ``.base``; views made
    by ``as_strided`` (diagonal, unfold) point to a wrapper whose ``.base`` leads on to it."""
    while getattr(array, "base", None) is not None:
        array = array.base
    return array


def note_pieces(pieces):
    """The pieces of ``unbind``/``split``/``chunk``, views PyTorch forbids changing in place."""
    for number, piece in enumerate(pieces):
        if piece._view_of is not None and piece._view_of.made == "default":
            piece._view_of.made = ("multi_output", number)
    return pieces


def element_positions(view):
    """Where each element of ``view`` sits in its base, as a NumPy index into the base (one array
    of coordinates per dim of the base): the view made again from the base's element numbers."""
    info = view._view_of
    shape = info.base._array.shape
    numbers = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)
    for forward, params in info.steps:
        numbers = forward(numbers, **params) if params else forward(numbers)
    return np.unravel_index(np.asarray(numbers), shape)


def fill_through_base(view, value):
    """Fill an expanded view (``t[:, :1].expand(2, 4).zero_()``), whose NumPy array is read-only
    because several of its elements are one place in memory: PyTorch allows a fill, as every
    element gets the same value. The base's elements under the view are written instead."""
    if view._view_of is None or view._view_of.steps is None:
        raise RuntimeError("unsupported operation: this tensor's memory cannot be written in place "
                           "(a read-only NumPy array). Call .clone() first.")
    view._view_of.base._array[element_positions(view)] = value


def view_change_error(view, indirect):
    """PyTorch's refusal to change in place (``indirect``: through its base or another view of it)
    a view made under ``no_grad()``, or a piece of ``unbind``/``split``/``chunk``."""
    made = view._view_of.made
    changed = "its base or another view of its base has been" if indirect else "is being"
    if view._grad_fn is not None and made != "no_grad":
        name = re.sub(r"Backward\d*$", "", view._grad_fn.name())
        message = f"Output {made[1]} of {name} is a view and {changed} modified inplace."
    else:
        message = f"A view was created in no_grad mode and {changed} modified inplace with grad mode enabled."
    if made == "no_grad":
        message += (" Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify "
                    "your code by moving both the view and the inplace either both inside the no_grad block "
                    "(if you don't want the inplace to be tracked) or both outside (if you want the inplace "
                    "to be tracked).")
    else:
        message += (" This view is the output of a function that returns multiple views. Such functions do "
                    "not allow the output views to be modified inplace. You should replace the inplace "
                    "operation by an out-of-place one.")
    return RuntimeError(message)


def view_of_leaf_error():
    return RuntimeError(
        "a view of a leaf Variable that requires grad is being used in an in-place operation. "
        "Changing part of a parameter in place would silently break the graph that uses it. "
        "Wrap the change in `with torch.no_grad():`.")
