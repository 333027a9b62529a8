"""``grad_fn.next_functions``: the graph as PyTorch shows it, a parity module.

Backward follows a node's edges: for each input, the input's node, or the leaf tensor itself, or
None. PyTorch shows those edges as ``next_functions``, ``((node, 0), ...)``, where a leaf appears as
an ``AccumulateGrad`` node whose ``.variable`` is the leaf. Autograd does not need that node; it is
made here, on demand, for code that walks the graph the way PyTorch tutorials do.

This module reads the fields of what it is given and imports nothing of the engine.
"""
import weakref


class GradFnView:
    """What a node (``engine/graph.py``) shows as PyTorch's ``grad_fn`` does."""

    __slots__ = ()

    def name(self):
        return type(self).__name__

    def __repr__(self):
        return f"<{type(self).__name__} object at {id(self):#x}>"

    @property
    def next_functions(self):
        """``((node_or_None, 0), ...)``, one pair per input, as PyTorch shows the graph."""
        return of(self)


class AccumulateGrad:
    """The node that stands for a leaf tensor in ``next_functions``; ``.variable`` is the leaf."""

    __slots__ = ("variable", "__weakref__")

    def __init__(self, variable):
        self.variable = variable

    next_functions = ()

    def name(self):
        return "torch::autograd::AccumulateGrad"  # PyTorch's C++ name (the class is AccumulateGrad)

    def __repr__(self):
        return f"<AccumulateGrad object at {id(self):#x}>"


def of(node):
    """``((node_or_None, 0), ...)``, one pair per input of ``node``, as in PyTorch."""
    return tuple((_as_function(edge), 0) for edge in node.edges)


def _as_function(edge):
    if edge is None or not hasattr(edge, "_array"):  # no gradient, or a node: shown as it is
        return edge
    accumulator = edge._accumulator() if edge._accumulator is not None else None
    if accumulator is None:  # one AccumulateGrad per leaf, alive while someone holds it
        accumulator = AccumulateGrad(edge)
        edge._accumulator = weakref.ref(accumulator)
    return accumulator
