"""Custom differentiable operations, written the way ``torch.autograd.Function`` is.

    class Square(Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return grad * 2 * x

    y = Square.apply(x)       # y.grad_fn is a SquareBackward node

The learner's class becomes a row of the op table on the fly: ``forward`` computes, ``backward``
is the rule for every input, and an optional ``local_derivative`` string (or a tuple, one per input)
is what traces show as the local derivative.
"""
from contextlib import nullcontext

import numpy as np

from ..engine import Tensor, dual, graph, is_grad_enabled, no_grad, node_class, set_grad_enabled


class FunctionCtx:
    """The ``ctx`` passed to forward and backward: keep what backward will need here."""

    def __init__(self):
        self.saved_tensors = ()
        self.needs_input_grad = ()
        self.materialize_grads = True

    def save_for_backward(self, *tensors):
        self.saved_tensors = tuple(tensors)

    def mark_non_differentiable(self, *tensors):
        pass

    def set_materialize_grads(self, value):
        self.materialize_grads = value


class _FunctionOp:
    """Makes a Function class look like an op table entry to the engine and the tracer."""

    saves = True
    uses_out = False
    explain = None
    domain = "any"

    def __init__(self, function_class):
        self.function_class = function_class
        self.name = function_class.__name__
        self.grad_fn = f"{function_class.__name__}Backward"
        local = getattr(function_class, "local_derivative", None)
        self.local = local if local is not None else "(your backward rule)"
        self.latex = getattr(function_class, "local_derivative_latex", None) or self.local

    def local_for(self, i):
        return self.local[i] if isinstance(self.local, tuple) else self.local

    def latex_for(self, i):
        return self.latex[i] if isinstance(self.latex, tuple) else self.latex

    def local_grads(self, node, grad, create_graph=False):
        ctx = node.params["ctx"]
        grad_tensor = grad if isinstance(grad, Tensor) else Tensor._wrap(grad)
        with set_grad_enabled(create_graph):
            results = self.function_class.backward(ctx, grad_tensor)
        if not isinstance(results, tuple):
            results = (results,)
        if len(results) < len(node.inputs):
            raise RuntimeError(
                f"function {self.grad_fn} returned an incorrect number of gradients (expected "
                f"{len(node.inputs)}, got {len(results)}): backward must return one gradient per "
                "argument of forward (None for arguments that need none)."
            )
        grads = []
        for i, (edge, g) in enumerate(zip(node.edges, results)):
            if edge is None or g is None:
                grads.append(None)
                continue
            if not isinstance(g, Tensor):  # PyTorch refuses arrays and numbers too
                kind = type(g).__name__ if type(g).__module__ == "builtins" else f"{type(g).__module__}.{type(g).__name__}"
                raise RuntimeError(
                    f"expected Variable or None (got {kind}): {self.function_class.__name__}.backward returned "
                    f"it as gradient {i}. Return a tensor made from the grad argument (e.g. grad * 3 * x**2), "
                    "not a NumPy array or a number.")
            grads.append(g if create_graph else g._array)
        return grads

    def backward_step(self, node, grad, create_graph):
        grads = self.local_grads(node, grad, create_graph)
        for i, g in enumerate(grads):
            if g is not None and tuple(g.shape) != tuple(node.inputs[i].shape):
                raise RuntimeError(
                    f"Function {self.grad_fn} returned an invalid gradient at index {i} - got "
                    f"{list(g.shape)} but expected shape compatible with {list(node.inputs[i].shape)}. "
                    "A gradient must have the shape of its input."
                )
        return grads


class _FunctionMeta(type):
    def __init__(cls, name, bases, namespace):
        super().__init__(name, bases, namespace)
        cls._op = _FunctionOp(cls)


class Function(metaclass=_FunctionMeta):
    """Base class for an op with a hand-written backward. Call it with ``MyFunction.apply(...)``."""

    @staticmethod
    def forward(ctx, *args, **kwargs):
        raise NotImplementedError(
            "You must implement the forward function for custom autograd.Function: "
            "@staticmethod def forward(ctx, ...) returning a tensor."
        )

    @staticmethod
    def backward(ctx, *grad_outputs):
        raise NotImplementedError(
            "You must implement the backward function for custom autograd.Function: "
            "@staticmethod def backward(ctx, grad) returning one gradient per forward argument."
        )

    @staticmethod
    def jvp(ctx, *grad_inputs):
        """Forward mode (``forward_ad``): the output's tangent from the inputs' tangents (None where an
        input has none), with the ``ctx`` forward filled."""
        raise NotImplementedError("You must implement the jvp function for custom autograd.Function to use it "
                                  "with forward mode AD: @staticmethod def jvp(ctx, *tangents) returning the "
                                  "output's tangent.")

    @staticmethod
    def setup_context(ctx, inputs, output):
        """The other way to write a Function (PyTorch 2): ``forward(*args)`` only computes, and
        ``setup_context(ctx, inputs, output)`` saves what backward needs. Define it in your class
        to use this style; the default means "forward takes ctx"."""
        raise NotImplementedError("setup_context is not overridden.")

    @classmethod
    def apply(cls, *args):
        ctx = FunctionCtx()
        ctx.needs_input_grad = tuple(isinstance(a, Tensor) and a.requires_grad for a in args)
        separate_setup = cls.setup_context is not Function.setup_context
        tangents = [dual.tangent_of(a) if isinstance(a, Tensor) else None for a in args] if dual.is_open() else []
        with no_grad(), (dual.quiet_level() if dual.is_open() else nullcontext()):  # forward sees plain values
            output = cls.forward(*args) if separate_setup else cls.forward(ctx, *args)
            if separate_setup:
                cls.setup_context(ctx, args, output)
        if not isinstance(output, Tensor):
            raise TypeError(
                f"{cls.__name__}.forward must return a Tensor, got {type(output).__name__}"
            )
        raw_output, output = output, Tensor._wrap(output._array)
        if any(tangent is not None for tangent in tangents):  # forward mode: the Function's own jvp
            with dual.quiet_level():
                tangent = cls.jvp(ctx, *tangents)
            dual.set_tangent(output, tangent)
        if is_grad_enabled() and any(ctx.needs_input_grad):
            edges = tuple(
                (a.grad_fn if a.grad_fn is not None else a) if needs else None
                for a, needs in zip(args, ctx.needs_input_grad)
            )
            node = node_class(cls._op.grad_fn)(cls._op, args, edges, {"ctx": ctx}, None)
            output.grad_fn = node
            output._requires_grad = True
            # A saved output is the tensor the caller gets (with this node as grad_fn), as in PyTorch,
            # so a backward that uses it (exp's result * grad) can itself be differentiated.
            ctx.saved_tensors = tuple(output if t is raw_output else t for t in ctx.saved_tensors)
            for watcher in graph.observers:
                watcher.on_forward(node, output)
        return output
