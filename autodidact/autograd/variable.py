"""``Variable``, from PyTorch before 0.4, for the old tutorials that still wrap tensors in it.

Since PyTorch 0.4 every tensor records history itself; ``Variable(t)`` only gives a tensor that
shares ``t``'s memory without its history (``t.detach()``), a leaf that requires grad if asked.
Any tensor counts as a Variable in ``isinstance``, as in PyTorch.
"""
import warnings

from ..engine import Tensor


class _AnyTensorIsAVariable(type):
    def __instancecheck__(cls, instance):
        return isinstance(instance, Tensor)


class Variable(metaclass=_AnyTensorIsAVariable):
    """``Variable(data, requires_grad=False)``: ``data.detach()``, requiring grad if asked."""

    def __new__(cls, data, requires_grad=False, volatile=False):
        if not isinstance(data, Tensor):
            raise TypeError(f"Variable data has to be a tensor, but got {type(data).__name__}")
        if volatile:
            warnings.warn("volatile was removed and now has no effect. Use `with torch.no_grad():` instead.",
                          UserWarning, stacklevel=2)
        tensor = data.detach()
        return tensor.requires_grad_() if requires_grad else tensor
