"""What every ``torch.func`` transform does around the function it calls: the bookkeeping of *levels*.

A transform differentiates ``f`` at its inputs. It must not confuse those inputs with tensors an
*outer* transform (or ordinary autograd) is differentiating at; in ``grad(grad(f))(x)`` both levels
see the same numbers. So each call makes its own copies of the inputs it differentiates at
(``differentiable_copies``): new nodes in the graph, a view of the input when the input already
requires grad (an outer level can still follow the path through it), or a fresh leaf otherwise.

The results keep their graph only if it reaches something outside the call, a tensor the caller
may still differentiate: a leaf that is not one of the copies. Otherwise they are detached, so
``grad(f)(x)`` is a plain tensor, as in PyTorch (``keep_graph`` and ``unwrap``).
"""
from ..autograd import forward_ad
from ..engine import Tensor, dual, is_grad_enabled


class Level:
    """One call of a transform: the fresh leaves it made, and whether the caller records a graph."""

    def __init__(self):
        self.own_leaves = set()  # ids of the leaves made for this call
        self.caller_records = is_grad_enabled()  # under no_grad, nothing is differentiated outside

    def differentiable_copy(self, value):
        """A new tensor with the value (and forward-mode tangent) of ``value``, which requires grad."""
        if not isinstance(value, Tensor):
            raise ValueError(f"Thing passed to transform API must be Tensor, got {type(value)}")
        if value.requires_grad:
            return value.view_as(value)  # an outer level follows the path through the view
        leaf = value.detach().requires_grad_()
        self.own_leaves.add(id(leaf))
        tangent = forward_ad.unpack_dual(value).tangent
        return forward_ad.make_dual(leaf, tangent) if tangent is not None else leaf

    def reaches_outside(self, tensors):
        """Does the graph of any of ``tensors`` lead to a leaf this call did not make?"""
        seen = set()
        pending = [t for t in tensors if isinstance(t, Tensor) and t.requires_grad]
        while pending:
            item = pending.pop()
            if id(item) in seen:
                continue
            seen.add(id(item))
            if isinstance(item, Tensor):
                if item.grad_fn is None:  # a leaf
                    if id(item) not in self.own_leaves:
                        return True
                    continue
                item = item.grad_fn
                seen.add(id(item))
            pending.extend(edge for edge in getattr(item, "edges", ()) if edge is not None)
        return False

    def keep_graph(self, tensors):
        """Should derivatives taken inside this call be differentiable themselves (create_graph)?
        Yes when the caller records and the graph reaches outside, or forward-mode tangents ride
        along (their tangents are computed by the ops of the backward pass)."""
        return self.caller_records and (dual.is_open() or self.reaches_outside(tensors))

    def unwrap(self, value):
        """A result as the caller sees it: cut from this call's own leaves unless its graph reaches
        outside. A forward-mode tangent stays with it."""
        if not isinstance(value, Tensor) or not value.requires_grad:
            return value
        if self.caller_records and self.reaches_outside([value]):
            return value
        tangent = forward_ad.unpack_dual(value).tangent
        plain = value.detach()
        return forward_ad.make_dual(plain, tangent.detach()) if tangent is not None else plain
