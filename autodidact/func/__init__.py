"""``autodidact.func``: PyTorch's function transforms (``torch.func``), built on the engine's autograd.

A transform takes a function and returns a new function:

    grad(f)              x ↦ ∇f(x)                   (f returns one number; reverse mode)
    grad_and_value(f)    x ↦ (∇f(x), f(x))
    vjp(f, x)            (f(x), v ↦ vᵀ·J)            (reverse mode: one backward pass per v)
    jvp(f, (x,), (t,))   (f(x), J·t)                 (forward mode: dual tensors)
    jacrev(f), jacfwd(f) x ↦ J, row by row / column by column
    hessian(f)           x ↦ ∇²f(x) = jacfwd(jacrev(f))
    vmap(f)              f on every example of a batch (a loop here; see vectorize.py)
    functional_call(module, params, args)   a module as a function of its parameters

Transforms compose: ``vmap(grad(loss))`` gives per-sample gradients, ``jvp(grad(f), ...)`` a
Hessian-vector product, ``grad(grad(f))`` a second derivative.
"""
from .forward import hessian, jacfwd, jvp
from .module_state import functional_call, stack_module_state
from .reverse import grad, grad_and_value, jacrev, vjp
from .vectorize import vmap

__all__ = ["grad", "grad_and_value", "vjp", "jvp", "jacrev", "jacfwd", "hessian", "vmap", "functional_call",
           "stack_module_state"]
