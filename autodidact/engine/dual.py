"""Forward-mode AD: a tangent rides along with a value (``torch.autograd.forward_ad``).

Reverse mode (``backward()``) answers "how does the loss change with every input?". Forward mode
answers "how does every output change when the inputs move in one direction ``t``?": it carries a
*tangent* next to each value. The result of an op gets the tangent J·t, where J is the op's
Jacobian: the Jacobian-vector product (JVP). One forward pass gives the directional derivative.

Every op of the engine declares a vector-Jacobian rule (``spec.py``), J^T·g, linear in g. The JVP
comes from it without a second rule per op: J·t is the gradient with respect to g of
(J^T·g)·t, a number that is linear in g, so one reverse step through the rule gives it
("the transpose of a transpose"). The tangents computed so agree with PyTorch's.

Tangents live in the one open *dual level* (``with dual_level():``), as in PyTorch, and are
forgotten when it closes. In-place changes of dual tensors are refused.
"""
import weakref

import numpy as np

from .grad_mode import _grad_mode
from .tensor_core import Tensor

_level = None  # the open DualLevel, or None: only one at a time, as in PyTorch


class DualLevel:
    """The tangents of the open level, by tensor (weakly: a tensor's tangent goes with it)."""

    def __init__(self):
        self.tangents = {}  # id(tensor) -> (weak reference to the tensor, its tangent)
        # id(node) -> (weak reference to the node, its result's tangent), for rules that read the
        # result: backward rebuilds the result from the node, and forward over reverse needs its tangent.
        self.result_tangents = {}
        self.busy = False  # computing a JVP: the ops inside carry no tangents themselves


def enter():
    global _level
    if _level is not None:
        raise RuntimeError("Nested forward mode AD is not supported at the moment")
    _level = DualLevel()
    return 0


def exit():
    global _level
    if _level is None:
        raise RuntimeError("Trying to exit a forward AD level that was not the last one that was created. "
                           "This is not supported.")
    _level = None


def is_open():
    return _level is not None


def tangent_of(t):
    """The tangent of ``t`` in the open level, or None."""
    if _level is None:
        return None
    entry = _level.tangents.get(id(t))
    if entry is not None and entry[0]() is t:
        return entry[1]
    node = t._grad_fn  # the result of an op, rebuilt from its node by a backward rule that reads it
    entry = _level.result_tangents.get(id(node)) if node is not None else None
    if entry is not None and entry[0]() is node and getattr(node, "out", None) is t._array:
        return entry[1]
    return None


def set_tangent(t, tangent):
    _remember(_level.tangents, t, tangent)
    node = t._grad_fn
    if node is not None and getattr(node, "out", None) is t._array:
        _remember(_level.result_tangents, node, tangent)


def _remember(tangents, owner, tangent):
    key = id(owner)

    def forget(ref):
        if tangents.get(key, (None,))[0] is ref:
            del tangents[key]

    tangents[key] = (weakref.ref(owner, forget), tangent)


class quiet_level:
    """Ops inside carry no tangents (a JVP's own computation, unpack_dual's primal)."""

    def __enter__(self):
        self.was, _level.busy = _level.busy, True

    def __exit__(self, *exc):
        _level.busy = self.was


def propagate(spec, result, inputs, params):
    """Give ``result`` of ``spec`` on ``inputs`` its tangent, if an input has one (Spec.on calls this
    while a level is open)."""
    if _level.busy or result._array.dtype.kind != "f":
        return
    tangents = [tangent_of(v) if isinstance(v, Tensor) else None for v in inputs]
    if all(tangent is None for tangent in tangents):
        return
    with quiet_level():
        set_tangent(result, _jvp(spec, result, inputs, params, tangents))


def _jvp(spec, result, inputs, params, tangents):
    """J·t from the op's vector-Jacobian rules: the gradient, with respect to g, of Σᵢ (Jᵢ^T·g)·tᵢ."""
    from .backward_api import grad  # backward_api reaches the whole graph machinery
    from .broadcast import sum_to_shape
    # The tangent is itself differentiable when a value or tangent requires grad (forward over reverse).
    differentiable = _grad_mode.enabled and any(
        isinstance(v, Tensor) and v.requires_grad for v in (*inputs, *tangents))
    values = dict(params or {})
    for name, v in zip(spec.inputs, inputs):
        values[name] = v if differentiable or not isinstance(v, Tensor) else v.detach()
        values[f"{name}_shape"] = v.shape if isinstance(v, Tensor) else None
    if spec.variadic:
        values["tensors"] = list(inputs)
        values["tensors_shape"] = tuple(v.shape for v in inputs)
    values["result"] = result if differentiable else result.detach()
    previous = _grad_mode.enabled
    _grad_mode.enabled = True
    try:
        g = Tensor._wrap(np.zeros_like(result._array))
        g.requires_grad_(True)
        total = None
        for i, (v, tangent) in enumerate(zip(inputs, tangents)):
            rule = spec.rules[0 if spec.variadic else i]
            if tangent is None or rule is None:
                continue
            rule, reads = rule
            values["index"] = i
            vjp = rule(g, *[values[name] for name in reads])
            vjp = sum_to_shape(vjp, v.shape)
            term = (vjp * tangent.to(vjp.dtype)).sum()
            total = term if total is None else total + term
        if total is None or total.grad_fn is None:  # a derivative that is 0 everywhere
            jvp = Tensor._wrap(np.zeros_like(result._array))
        else:
            (jvp,) = grad(total, g, create_graph=differentiable, allow_unused=True)
            if jvp is None:
                jvp = Tensor._wrap(np.zeros_like(result._array))
    finally:
        _grad_mode.enabled = previous
    return jvp if differentiable else jvp.detach()


def refuse_in_place(tensor, compute):
    """In-place changes of dual tensors are not followed: refuse them by name, before any write."""
    def refused():
        return NotImplementedError(
            "an in-place change (add_, mul_, +=, t[i] = ...) of a tensor with a forward-mode tangent, or "
            "with one as the operand, is not part of autodidact's forward AD. Write it out of place "
            "(y = y + x instead of y += x).")

    if _level.busy:
        return compute
    if tangent_of(tensor) is not None:
        raise refused()

    def checked(t):
        result = compute(t)
        if tangent_of(result) is not None:
            raise refused()
        return result
    return checked
