"""Reverse-mode transforms: ``grad``, ``grad_and_value``, ``vjp`` and ``jacrev``.

Each takes a function and returns a new function. ``grad(f)`` is the function x ↦ ∇f(x): calling
it runs ``f`` once, recording the graph, and one backward pass (``autograd.grad``). Because the
gradient is computed by differentiable ops, transforms nest: ``grad(grad(f))`` differentiates the
backward pass of the inner call (see ``levels.py`` for how the two calls keep their inputs apart).

    grad(f)(x)             ∇f(x), for f returning one number
    vjp(f, x)              (f(x), v ↦ vᵀ·J): the backward pass, kept to run on any v
    jacrev(f)(x)           the Jacobian J, one backward pass per output element (row by row)
"""
import functools

from ..engine import Tensor, enable_grad
from ..engine import grad as autograd_grad
from ..engine.tensor import stack, zeros, zeros_like
from .levels import Level
from .pytree import flatten, unflatten


def positions_of(argnums, args):
    """The argument positions ``argnums`` selects, with PyTorch's errors."""
    if isinstance(argnums, bool) or not (isinstance(argnums, int) or (
            isinstance(argnums, tuple) and all(isinstance(a, int) and not isinstance(a, bool) for a in argnums))):
        raise RuntimeError(f"argnums must be int or Tuple[int, ...], got: {type(argnums)}")
    if isinstance(argnums, tuple):
        if not argnums:
            raise RuntimeError("argnums must be non-empty")
        if len(set(argnums)) != len(argnums):
            raise RuntimeError(f"argnums elements must be unique, got {argnums}")
    positions = []
    for argnum in (argnums if isinstance(argnums, tuple) else (argnums,)):
        if not -len(args) <= argnum < len(args):
            raise RuntimeError(f"Got argnum={argnum}, but only {len(args)} positional inputs")
        positions.append(argnum % len(args))
    return positions


class Differentiated:
    """The arguments of one call, with those at ``argnums`` replaced by copies to differentiate at."""

    def __init__(self, level, args, argnums):
        self.argnums = argnums
        self.args = list(args)
        self.positions = positions_of(argnums, args)
        self.structures = []
        self.inputs = []  # the copies, flat, in the order of positions
        for position in self.positions:
            leaves, structure = flatten(self.args[position])
            copies = [level.differentiable_copy(leaf) for leaf in leaves]
            self.args[position] = unflatten(copies, structure)
            self.structures.append(structure)
            self.inputs.extend(copies)

    def regroup(self, flat):
        """Per-input results (one per copy, in order) in the structure of the selected arguments:
        one argument's tree for an int argnums, a tuple of them for a tuple."""
        flat = iter(flat)
        trees = [unflatten([next(flat) for _ in range(structure.num_leaves)], structure)
                 for structure in self.structures]
        return tuple(trees) if isinstance(self.argnums, tuple) else trees[0]


def split_aux(output, has_aux, api):
    if not has_aux:
        return output, None
    if not (isinstance(output, tuple) and len(output) == 2):
        raise RuntimeError(f"{api}: output of function f should be a tuple: (output, aux) if has_aux is True")
    return output


def unwrap_tree(level, tree):
    leaves, structure = flatten(tree)
    return unflatten([level.unwrap(leaf) for leaf in leaves], structure)


def gradients(outputs, inputs, cotangents, create_graph):
    """vᵀ·J for each input: ``autograd.grad`` with zeros for inputs the outputs do not depend on,
    and outputs that need no gradient left out. The graph is kept for further calls."""
    pairs = [(out, v) for out, v in zip(outputs, cotangents) if out.requires_grad]
    if not pairs:
        return [zeros_like(x) for x in inputs]
    return list(autograd_grad([out for out, _ in pairs], inputs, [v for _, v in pairs], retain_graph=True,
                              create_graph=create_graph, allow_unused=True, materialize_grads=True))


def grad_and_value(func, argnums=0, has_aux=False):
    """``grad_and_value(f)(*args)`` is ``(∇f(args), f(args))``, computed together (one forward and one
    backward pass); with ``has_aux=True``, f returns ``(value, aux)`` and the result is
    ``(gradient, (value, aux))``. ``argnums`` says which arguments to differentiate: an int gives that
    argument's gradient (a dict of tensors gives a dict), a tuple gives a tuple of gradients."""
    @functools.wraps(func)
    def grad_and_value_of_func(*args, **kwargs):
        level = Level()
        with enable_grad():
            call = Differentiated(level, args, argnums)
            output, aux = split_aux(func(*call.args, **kwargs), has_aux, "grad_and_value(f)(*args)")
            if not isinstance(output, Tensor):
                raise RuntimeError(f"grad_and_value(f)(*args): Expected f(*args) to return a Tensor, got {type(output)}")
            if output.dim() != 0:
                raise RuntimeError("grad_and_value(f)(*args): Expected f(*args) to return a scalar Tensor, got "
                                   f"tensor with {output.dim()} dims. Maybe you wanted to use the vjp or jacrev "
                                   "APIs instead?")
            gradient = gradients([output], call.inputs, [None], level.keep_graph([output]))
        gradient = call.regroup([level.unwrap(g) for g in gradient])
        value = level.unwrap(output)
        return (gradient, (value, unwrap_tree(level, aux))) if has_aux else (gradient, value)

    return grad_and_value_of_func


def grad(func, argnums=0, has_aux=False):
    """``grad(f)`` is the function that returns f's gradient: ``grad(f)(x)`` is ∇f(x), for an f that
    returns a 0-d tensor. ``grad(grad(f))`` is the second derivative. See grad_and_value for
    ``argnums`` and ``has_aux`` (then ``grad(f)(x)`` is ``(gradient, aux)``)."""
    both = grad_and_value(func, argnums, has_aux)

    @functools.wraps(func)
    def grad_of_func(*args, **kwargs):
        gradient, value = both(*args, **kwargs)
        return (gradient, value[1]) if has_aux else gradient

    return grad_of_func


def tensors_only(leaves, api, what="f(*primals)"):
    for leaf in leaves:
        if not isinstance(leaf, Tensor):
            raise RuntimeError(f"{api}: expected {what} to return only tensors, got unsupported type {type(leaf)}")


def vjp(func, *primals, has_aux=False):
    """``output, vjp_fn = vjp(f, *primals)``: f's output, and the function v ↦ vᵀ·J (one backward pass
    through the graph recorded once; call it as often as you like). ``vjp_fn(v)`` returns a tuple,
    one gradient per primal; ``v`` has the structure of the output."""
    level = Level()
    with enable_grad():
        leaves, structure = flatten(primals)
        inputs = [level.differentiable_copy(leaf) for leaf in leaves]
        output, aux = split_aux(func(*unflatten(inputs, structure)), has_aux, "vjp(f, *primals)")
        outputs, output_structure = flatten(output)
        tensors_only(outputs, "vjp(f, *primals)")

    def vjp_fn(cotangents, retain_graph=True, create_graph=None):
        given, given_structure = flatten(cotangents)
        if given_structure != output_structure:
            raise RuntimeError("Expected pytree structure of cotangents to be the same as pytree structure of "
                               f"outputs to the function. cotangents: {given_structure}, primal output: "
                               f"{output_structure}")
        for index, (v, out) in enumerate(zip(given, outputs)):
            if not isinstance(v, Tensor):
                raise TypeError(f"gradients can be either Tensors or None, but got {type(v).__name__}")
            if v.shape != out.shape:
                raise RuntimeError(f"Mismatch in shape: grad_output[{index}] has a shape of {v.shape} and "
                                   f"output[{index}] has a shape of {out.shape}.")
        if create_graph is None:
            create_graph = level.keep_graph(outputs) or any(v.requires_grad for v in given)
        with enable_grad():
            products = gradients(outputs, inputs, given, create_graph)
        return unflatten([level.unwrap(p) for p in products], structure)

    result = unwrap_tree(level, output)
    return (result, vjp_fn, unwrap_tree(level, aux)) if has_aux else (result, vjp_fn)


def one_hot(reference, index):
    """A tensor like ``reference`` with a 1 at flat position ``index`` and zeros elsewhere."""
    basis = zeros(reference.numel(), dtype=reference.dtype)
    basis[index] = 1
    return basis.reshape(reference.shape)


def jacrev(func, argnums=0, *, has_aux=False, chunk_size=None, _preallocate_and_copy=False):
    """``jacrev(f)(x)``: the Jacobian of f at x by reverse mode, one row (one vᵀ·J, v a unit vector)
    per output element: shape ``output.shape + x.shape``. A tuple ``argnums`` gives a tuple of
    Jacobians; an output tuple gives a tuple (per output). PyTorch runs the rows at once with vmap;
    here they are a loop of backward passes through one recorded graph (``chunk_size`` is accepted
    and changes nothing)."""
    @functools.wraps(func)
    def jacobian_of_func(*args, **kwargs):
        level = Level()
        with enable_grad():
            call = Differentiated(level, args, argnums)
            output, aux = split_aux(func(*call.args, **kwargs), has_aux, "vjp(f, *primals)")
            outputs, output_structure = flatten(output)
            tensors_only(outputs, "vjp(f, *primals)")
            create_graph = level.keep_graph(outputs)
            jacobians = []
            for k, out in enumerate(outputs):
                rows = []
                for j in range(out.numel()):
                    cotangents = [one_hot(out, j) if m == k else zeros_like(other) for m, other in enumerate(outputs)]
                    rows.append(gradients(outputs, call.inputs, cotangents, create_graph))
                jacobians.append(call.regroup(
                    level.unwrap(stack([row[i] for row in rows]).reshape(*out.shape, *x.shape) if rows
                                 else zeros(*out.shape, *x.shape, dtype=x.dtype))
                    for i, x in enumerate(call.inputs)))
        result = unflatten(jacobians, output_structure)
        return (result, unwrap_tree(level, aux)) if has_aux else result

    return jacobian_of_func
