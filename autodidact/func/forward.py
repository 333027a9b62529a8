"""Forward-mode transforms: ``jvp``, ``jacfwd`` and ``hessian``.

    jvp(f, (x,), (t,))     (f(x), J·t): how the output moves when x moves along t
    jacfwd(f)(x)           the Jacobian J, one J·t (t a unit vector) per input element (column by column)
    hessian(f)(x)          jacfwd(jacrev(f)): forward mode over reverse mode

``jvp`` uses forward-mode AD (``autograd.forward_ad``): the inputs become dual tensors carrying their
tangents, and each op computes its result's tangent as it runs. Only one dual level can be open at
a time, so a ``jvp`` inside another (``jacfwd(jacfwd(f))``) computes J·t with reverse passes instead,
by the "double-backward trick": u ↦ uᵀ·J is linear in u, and its gradient with respect to u, taken
along t, is J·t. Both give the same numbers.
"""
import functools

from ..autograd import forward_ad
from ..engine import Tensor, dual, enable_grad
from ..engine import grad as autograd_grad
from ..engine.tensor import stack, zeros, zeros_like
from .levels import Level
from .pytree import flatten, unflatten
from .reverse import Differentiated, jacrev, one_hot, split_aux, tensors_only, unwrap_tree

API = "jvp(f, primals, tangents)"


def _checked_leaves(primals, tangents):
    if not isinstance(primals, tuple):
        raise RuntimeError(f"{API}: Expected primals to be a tuple. E.g. it should be valid to call f(*primals).")
    primal_leaves, structure = flatten(primals)
    tangent_leaves, tangent_structure = flatten(tangents)
    if structure != tangent_structure:
        raise RuntimeError(f"{API}: Expected primals and tangents to have the same python structure. For example, "
                           "if primals is a tuple of 3 tensors, tangents also must be. Got primals with structure "
                           f"{structure} and tangents with structure {tangent_structure}")
    for name, leaves in (("primals", primal_leaves), ("tangents", tangent_leaves)):
        for leaf in leaves:
            if not isinstance(leaf, Tensor):
                raise RuntimeError(f"{API}: Expected {name} to only contain Tensors, got {type(leaf)}")
    return primal_leaves, tangent_leaves, structure


def jvp(func, primals, tangents, *, strict=False, has_aux=False):
    """``(f(*primals), J·tangents)``: f's output and its directional derivative along ``tangents``
    (same structure and shapes as ``primals``), in one forward pass."""
    primal_leaves, tangent_leaves, structure = _checked_leaves(primals, tangents)
    if dual.is_open():
        return _jvp_by_double_backward(func, primal_leaves, tangent_leaves, structure, has_aux)
    with forward_ad.dual_level():
        duals = [forward_ad.make_dual(p, t) for p, t in zip(primal_leaves, tangent_leaves)]
        output, aux = split_aux(func(*unflatten(duals, structure)), has_aux, API)
        outputs, output_structure = flatten(output)
        tensors_only(outputs, API)
        unpacked = [forward_ad.unpack_dual(out) for out in outputs]
        values = [u.primal for u in unpacked]
        directions = [u.tangent if u.tangent is not None else zeros_like(u.primal) for u in unpacked]
        aux_leaves, aux_structure = flatten(aux)
        aux = unflatten([forward_ad.unpack_dual(a).primal if isinstance(a, Tensor) else a for a in aux_leaves],
                        aux_structure)
    result = (unflatten(values, output_structure), unflatten(directions, output_structure))
    return (*result, aux) if has_aux else result


def _jvp_by_double_backward(func, primal_leaves, tangent_leaves, structure, has_aux):
    """J·t with reverse passes only, for a jvp inside another one (see the module docstring)."""
    level = Level()
    with enable_grad():
        inputs = [level.differentiable_copy(p) for p in primal_leaves]
        output, aux = split_aux(func(*unflatten(inputs, structure)), has_aux, API)
        outputs, output_structure = flatten(output)
        tensors_only(outputs, API)
        create_graph = level.keep_graph(outputs) or any(t.requires_grad for t in tangent_leaves)
        directions = [zeros_like(out) for out in outputs]
        pairs = [(out, zeros_like(out).requires_grad_()) for out in outputs if out.requires_grad]
        if pairs:
            level.own_leaves.update(id(u) for _, u in pairs)
            u_times_jacobian = autograd_grad([out for out, _ in pairs], inputs, [u for _, u in pairs],
                                             create_graph=True, allow_unused=True)
            used = [(g, t) for g, t in zip(u_times_jacobian, tangent_leaves) if g is not None and g.requires_grad]
            if used:
                found = iter(autograd_grad([g for g, _ in used], [u for _, u in pairs], [t for _, t in used],
                                           create_graph=create_graph, allow_unused=True, materialize_grads=True))
                directions = [next(found) if out.requires_grad else d for out, d in zip(outputs, directions)]
    result = (unflatten([level.unwrap(o) for o in outputs], output_structure),
              unflatten([level.unwrap(d) for d in directions], output_structure))
    return (*result, unwrap_tree(level, aux)) if has_aux else result


def jacfwd(func, argnums=0, has_aux=False, *, randomness="error"):
    """``jacfwd(f)(x)``: the Jacobian of f at x by forward mode, one column (one J·t, t a unit vector)
    per input element: shape ``output.shape + x.shape``, the same numbers as jacrev. PyTorch runs the
    columns at once with vmap; here they are a loop of jvp calls, each one forward pass."""
    @functools.wraps(func)
    def jacobian_of_func(*args, **kwargs):
        call = Differentiated(_Plain(), args, argnums)  # only to find and check the inputs

        def of_inputs(*inputs):
            rebuilt = list(args)
            flat = iter(inputs)
            for position, structure in zip(call.positions, call.structures):
                rebuilt[position] = unflatten([next(flat) for _ in range(structure.num_leaves)], structure)
            return func(*rebuilt, **kwargs)

        inputs = tuple(call.inputs)
        columns = []  # columns[i][j]: the output tangents for a unit step in element j of input i
        output = aux = None
        for i, x in enumerate(inputs):
            columns.append([])
            for j in range(x.numel()):
                tangents = tuple(one_hot(x, j) if m == i else zeros_like(other) for m, other in enumerate(inputs))
                output, direction, *rest = jvp(of_inputs, inputs, tangents, has_aux=has_aux)
                aux = rest[0] if has_aux else None
                columns[i].append(flatten(direction)[0])
        if output is None:  # no input element at all: f still runs once, for the output's shape
            output, aux = split_aux(of_inputs(*inputs), has_aux, API)
        outputs, output_structure = flatten(output)
        tensors_only(outputs, API)
        jacobians = [call.regroup(stack([column[k] for column in columns[i]], dim=-1).reshape(*out.shape, *x.shape)
                                  if columns[i] else zeros(*out.shape, *x.shape, dtype=out.dtype)
                                  for i, x in enumerate(inputs))
                     for k, out in enumerate(outputs)]
        result = unflatten(jacobians, output_structure)
        return (result, aux) if has_aux else result

    return jacobian_of_func


class _Plain:
    """Stands in for a Level where the inputs are only looked at, not copied."""

    @staticmethod
    def differentiable_copy(value):
        if not isinstance(value, Tensor):
            raise ValueError(f"Thing passed to transform API must be Tensor, got {type(value)}")
        return value


def hessian(func, argnums=0):
    """``hessian(f)(x)``: the matrix of second derivatives of a function returning one number,
    ``jacfwd(jacrev(f))``: shape ``x.shape + x.shape``."""
    return jacfwd(jacrev(func, argnums), argnums)
