"""``autodidact.autograd.forward_ad``: forward-mode AD, as ``torch.autograd.forward_ad``.

    with forward_ad.dual_level():
        x = forward_ad.make_dual(primal, tangent)    # a value, and the direction it moves in
        y = f(x)                                      # every op also computes its tangent J·t
        jvp = forward_ad.unpack_dual(y).tangent       # how y moves: the Jacobian-vector product

How tangents are computed is in ``engine/dual.py``.
"""
from collections import namedtuple

from ..engine import dual
from ..engine.tensor import Tensor

__all__ = ["dual_level", "enter_dual_level", "exit_dual_level", "make_dual", "unpack_dual", "UnpackedDualTensor"]

UnpackedDualTensor = namedtuple("UnpackedDualTensor", ["primal", "tangent"])


def enter_dual_level():
    """Open a level for dual tensors (only one at a time); returns its number, 0."""
    return dual.enter()


def exit_dual_level(*, level=None):
    """Close the level: every tangent made in it is forgotten."""
    dual.exit()


class dual_level:  # noqa: N801  (PyTorch's name)
    """``with dual_level():`` dual tensors made inside keep their tangents until the block ends."""

    def __enter__(self):
        return enter_dual_level()

    def __exit__(self, *exc):
        exit_dual_level()


def make_dual(tensor, tangent, *, level=None):
    """A view of ``tensor`` whose tangent is ``tangent`` (same shape): the direction in which the value
    moves. Ops on it then also compute their results' tangents."""
    if not isinstance(tensor, Tensor) or not isinstance(tangent, Tensor):
        raise TypeError("make_dual expects tensors: make_dual(torch.tensor(...), torch.tensor(...))")
    if not dual.is_open():
        raise RuntimeError("Trying to create a dual Tensor for forward AD but no level exists, make sure to "
                           "enter_dual_level() first.")
    if not tensor.dtype.is_floating_point:
        raise ValueError(f"Expected primal to be floating point or complex, but got: {tensor.dtype}")
    if not tangent.dtype.is_floating_point:
        raise ValueError(f"Expected tangent to be floating point or complex, but got: {tangent.dtype}")
    if tangent.shape != tensor.shape:
        raise RuntimeError("Trying to set a forward gradient that has a different size than that of the original "
                           f"Tensor, this is not supported. Tensor is of size {list(tensor.shape)} while the given "
                           f"forward gradient is of size {list(tangent.shape)}.")
    with dual.quiet_level():
        result = tensor.view_as(tensor)
    dual.set_tangent(result, tangent)
    return result


def unpack_dual(tensor, *, level=None):
    """``(primal, tangent)``: the value without its tangent, and the tangent (None if it has none, or
    once the level has closed)."""
    tangent = dual.tangent_of(tensor)
    if tangent is None:
        return UnpackedDualTensor(tensor, None)
    with dual.quiet_level():
        primal = tensor.view_as(tensor)
    return UnpackedDualTensor(primal, tangent)
