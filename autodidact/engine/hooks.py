"""Hooks: functions a learner attaches to a tensor (``t.register_hook(fn)``) or a module, called
with a value on its way through and allowed to replace it.

A tensor hook sees the tensor's gradient during backward, before it is passed on (or added into a
leaf's ``.grad``); returning a tensor replaces the gradient, as in PyTorch. Hooks of a non-leaf live
on its node (``node.hooks``), so a hook registered before an in-place change keeps seeing the
gradient of the value it was registered on; a leaf's hooks live on the leaf (``_hooks``).
"""
import itertools
from collections import OrderedDict

_ids = itertools.count()


class RemovableHandle:
    """What ``register_hook`` returns: ``remove()`` takes the hook away (also as a ``with`` block:
    the hook is removed when the block ends)."""

    def __init__(self, hooks):
        self.hooks_dict_ref = hooks
        self.id = next(_ids)

    def remove(self):
        self.hooks_dict_ref.pop(self.id, None)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.remove()


def add_hook(hooks, hook, prepend=False, with_kwargs=None):
    """Put ``hook`` into the ordered dict ``hooks``; return its handle. Module hooks also keep
    whether they take the keyword arguments (``with_kwargs``), stored as ``(hook, with_kwargs)``."""
    if not callable(hook):
        raise TypeError(f"a hook must be a function, got {type(hook).__name__}")
    handle = RemovableHandle(hooks)
    hooks[handle.id] = hook if with_kwargs is None else (hook, with_kwargs)
    if prepend:
        hooks.move_to_end(handle.id, last=False)
    return handle


def run_gradient_hooks(hooks, grad, create_graph):
    """Pass ``grad`` (an array, or a Tensor under ``create_graph``) through the tensor hooks in order."""
    from .tensor_core import Tensor  # here, not above: tensor_core imports the graph, which imports this

    for hook in list(hooks.values()):
        given = grad if create_graph else Tensor._wrap(grad)
        result = hook(given)
        if result is None:
            continue
        if not hasattr(result, "_array"):
            raise TypeError(f"a gradient hook must return a Tensor or None, got {type(result).__name__}")
        if tuple(result.shape) != tuple(given.shape):
            raise RuntimeError(f"hook '{getattr(hook, '__name__', 'hook')}' has changed the size of value: "
                               f"it returned shape {list(result.shape)} for a gradient of shape "
                               f"{list(given.shape)}. A hook must return a gradient of the same shape.")
        grad = result if create_graph else result._array
    return grad


def run_leaf_hooks(reached, create_graph):
    """A leaf's hooks see its gradient before it is stored (``reached``: leaf or node -> gradient)."""
    for leaf, grad in reached.items():
        hooks = getattr(leaf, "_hooks", None)  # None for a node (autograd.grad's targets)
        if hooks and grad is not None:
            reached[leaf] = run_gradient_hooks(hooks, grad, create_graph)


def register_hook(tensor, hook):
    """``tensor.register_hook(hook)``: call ``hook(grad)`` with the tensor's gradient each time
    backward computes it; a tensor it returns replaces the gradient. Returns a handle:
    ``handle.remove()`` takes it away. A non-leaf's hooks live on its node, a leaf's on the leaf."""
    if not tensor._requires_grad:
        raise RuntimeError("cannot register a hook on a tensor that doesn't require gradient")
    node = tensor.grad_fn
    if node is None:  # a leaf: its hooks run before its gradient is stored in .grad
        if getattr(tensor, "_hooks", None) is None:
            tensor._hooks = OrderedDict()
        return add_hook(tensor._hooks, hook)
    if node.hooks is None:
        node.hooks = OrderedDict()
    return add_hook(node.hooks, hook)
