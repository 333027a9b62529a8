"""``torch.autograd.functional``: derivatives of a whole function, as tensors.

    jacobian(f, x)     every ∂f_i/∂x_j, shape f(x).shape + x.shape
    hessian(f, x)      every ∂²f/∂x_i∂x_j of a function with one output
    vjp(f, x, v)       vᵀ·J   (what backward computes: one reverse pass)
    jvp(f, x, v)       J·v    (a directional derivative)
    hvp(f, x, v)       H·v    (a Hessian times a vector, without building H)

Everything is built from ``autograd.grad``. A Jacobian is one reverse pass per output element.
``jvp`` uses the "double-backward trick": vᵀJ is linear in v, so differentiating it with respect
to v (with create_graph=True) gives J·v, with reverse passes only. Each function follows
PyTorch's, including ``create_graph`` and ``strict``, and returns tensors detached from the graph
unless ``create_graph=True``. Forward-mode strategies and ``vectorize=True`` are not available.
"""
from ..engine import grad_mode as _engine
from ..engine import Tensor
from ..engine import grad as _grad
from ..engine.tensor import stack, zeros, zeros_like

__all__ = ["vjp", "jvp", "jacobian", "hessian", "hvp", "vhp"]


def _as_tuple(value, what, function):
    """(was it a tuple?, the tensors as a tuple); PyTorch's TypeError for anything else."""
    is_tuple = isinstance(value, tuple)
    values = value if is_tuple else (value,)
    for index, element in enumerate(values):
        if not isinstance(element, Tensor):
            where = f"the value at index {index}" if is_tuple else f"the given {what}"
            raise TypeError(f"The {what} given to {function} must be either a Tensor or a tuple of Tensors but "
                            f"{where} has type {type(element)}.")
    return is_tuple, values


def _unpack(result, was_tuple):
    """Undo _as_tuple: a one-element tuple becomes its element when the caller gave no tuple.
    ``was_tuple`` is a pair (outputs, inputs) for the nested results of jacobian and hessian."""
    if isinstance(was_tuple, tuple):
        outputs_were_tuple, inputs_were_tuple = was_tuple
        if not inputs_were_tuple:
            result = tuple(per_output[0] for per_output in result)
        return result if outputs_were_tuple else result[0]
    return result if was_tuple else result[0]


def _fresh_inputs(inputs, create_graph, need_graph):
    """New tensor objects that require grad: the function is differentiated at these, never at
    tensors the caller may also have captured inside ``func``."""
    return tuple(x.view_as(x) if create_graph and x.requires_grad else x.detach().requires_grad_(need_graph)
                 for x in inputs)


def _detached(results, create_graph):
    if create_graph:
        return results
    return tuple(r.detach() if isinstance(r, Tensor) else _detached(r, create_graph) for r in results)


def _check_vector(v, reference, reference_is_tuple):
    if len(v) != len(reference):
        if reference_is_tuple:
            raise RuntimeError(f"v is a tuple of invalid length: should be {len(reference)} but got {len(v)}.")
        raise RuntimeError("The given v should contain a single Tensor.")
    for index, (given, wanted) in enumerate(zip(v, reference)):
        if given.shape != wanted.shape:
            where = f"Entry {index} in " if reference_is_tuple else ""
            raise RuntimeError(f"{where}v has invalid size: should be {wanted.shape} but got {given.shape}.")


def _check_outputs_differentiable(outputs, strict):
    if strict:
        for index, output in enumerate(outputs):
            if not output.requires_grad:
                raise RuntimeError(f"Output {index} of the user-provided function does not require gradients. "
                                   "The outputs must be computed in a differentiable manner from the input "
                                   "when running in strict mode.")


def _grads(outputs, inputs, grad_outputs=None, create_graph=False, retain_graph=None):
    """autograd.grad that skips outputs needing no gradient, and gives None for unused inputs."""
    grad_outputs = grad_outputs if grad_outputs is not None else (None,) * len(outputs)
    pairs = [(out, g) for out, g in zip(outputs, grad_outputs) if out is not None and out.requires_grad]
    if not pairs:
        return (None,) * len(inputs)
    given = [g for _, g in pairs]
    return _grad([out for out, _ in pairs], list(inputs), given if any(g is not None for g in given) else None,
                 retain_graph=retain_graph, create_graph=create_graph, allow_unused=True)


def _zeros_for_unused(grads, references, strict, explain):
    """Replace None (the output does not depend on that input) with zeros; in strict mode, raise."""
    filled = []
    for index, (g, reference) in enumerate(zip(grads, references)):
        if g is None:
            if strict:
                raise RuntimeError(explain.format(index=index))
            g = zeros_like(reference)
        filled.append(g)
    return tuple(filled)


def _v_or_single_element(v, reference, reference_is_tuple, create_graph, message):
    if v is None:
        if len(reference) != 1 or reference[0].numel() != 1:
            raise RuntimeError(message)
        return None
    _, v = _as_tuple(v, "v", "this function")
    v = _fresh_inputs(v, create_graph, need_graph=False)
    _check_vector(v, reference, reference_is_tuple)
    return v


_INDEPENDENT = "The output of the user-provided function is independent of input {index}. This is not allowed in strict mode."


def vjp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), vᵀ·J)``: the gradient of ``(v * func(inputs)).sum()`` with respect to the
    inputs. ``v`` may be left out when func returns one number."""
    with _engine.enable_grad():
        inputs_were_tuple, inputs = _as_tuple(inputs, "inputs", "vjp")
        inputs = _fresh_inputs(inputs, create_graph, need_graph=True)
        outputs_were_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", "vjp")
        _check_outputs_differentiable(outputs, strict)
        v = _v_or_single_element(v, outputs, outputs_were_tuple, create_graph,
                                 "The vector v can only be None if the user-provided function returns a single "
                                 "Tensor with a single element.")
    with _engine.set_grad_enabled(create_graph or _engine.is_grad_enabled()):
        products = _zeros_for_unused(_grads(outputs, inputs, v, create_graph), inputs, strict, _INDEPENDENT)
    return (_unpack(_detached(outputs, create_graph), outputs_were_tuple),
            _unpack(_detached(products, create_graph), inputs_were_tuple))


def jvp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), J·v)``: how fast each output changes when the inputs move along ``v``."""
    with _engine.enable_grad():
        inputs_were_tuple, inputs = _as_tuple(inputs, "inputs", "jvp")
        inputs = _fresh_inputs(inputs, create_graph, need_graph=True)
        v = _v_or_single_element(v, inputs, inputs_were_tuple, create_graph,
                                 "The vector v can only be None if the input to the user-provided function is a "
                                 "single Tensor with a single element.")
        outputs_were_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", "jvp")
        _check_outputs_differentiable(outputs, strict)
        # The double-backward trick: u ↦ uᵀJ is linear in u, so its gradient with respect to u,
        # taken along v, is J·v. The value of u does not matter (zeros keep it free of inf/nan).
        dummy = tuple(zeros_like(out, requires_grad=True) for out in outputs)
        u_times_jacobian = _grads(outputs, inputs, dummy, create_graph=True)
        if strict:
            for index, g in enumerate(u_times_jacobian):
                if g is None or not g.requires_grad:
                    raise RuntimeError(f"The gradient with respect to input {index} is independent of the inputs "
                                       "of the user-provided function. This is not allowed in strict mode.")
    with _engine.set_grad_enabled(create_graph or _engine.is_grad_enabled()):
        products = _zeros_for_unused(
            _grads(u_times_jacobian, dummy, v, create_graph), outputs, strict,
            "The gradient with respect to the input is independent of entry {index} in the grad_outputs when "
            "using the double backward trick to compute forward mode gradients. This is not allowed in strict mode.")
    return (_unpack(_detached(outputs, create_graph), outputs_were_tuple),
            _unpack(_detached(products, create_graph), outputs_were_tuple))


def jacobian(func, inputs, create_graph=False, strict=False, vectorize=False, strategy="reverse-mode"):
    """Every partial derivative of ``func`` at ``inputs``: one reverse pass per output element.

    For one input and one output, a tensor of shape ``output.shape + input.shape``; for tuples,
    tuples (indexed ``[output][input]``).
    """
    if strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError('Expected strategy to be either "forward-mode" or "reverse-mode".')
    if strategy == "forward-mode" or vectorize:
        raise NotImplementedError("jacobian(strategy='forward-mode') and vectorize=True are not part of autodidact; "
                                  "the default (reverse mode, one backward pass per output element) is.")
    with _engine.enable_grad():
        inputs_were_tuple, inputs = _as_tuple(inputs, "inputs", "jacobian")
        inputs = _fresh_inputs(inputs, create_graph, need_graph=True)
        outputs_were_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", "jacobian")
        _check_outputs_differentiable(outputs, strict)
        result = []
        for i, out in enumerate(outputs):
            rows = [[] for _ in inputs]  # rows[k][j] = ∂out_j / ∂input_k
            flat = out.reshape(-1)
            for j in range(out.numel()):
                for k, (g, x) in enumerate(zip(_grads((flat[j],), inputs, retain_graph=True,
                                                      create_graph=create_graph), inputs)):
                    if g is None:
                        if strict:
                            raise RuntimeError(f"Output {i} of the user-provided function is independent of input "
                                               f"{k}. This is not allowed in strict mode.")
                        g = zeros_like(x)
                    elif strict and create_graph and not g.requires_grad:
                        raise RuntimeError(f"The jacobian of the user-provided function is independent of input {i}. "
                                           "This is not allowed in strict mode when create_graph=True.")
                    rows[k].append(g)
            result.append(tuple(stack(rows[k], dim=0).view(*out.shape, *x.shape) if rows[k]
                                else zeros(*out.shape, *x.shape, dtype=x.dtype)
                                for k, x in enumerate(inputs)))
        result = _detached(tuple(result), create_graph)
        return _unpack(result, (outputs_were_tuple, inputs_were_tuple))


def hessian(func, inputs, create_graph=False, strict=False, vectorize=False, outer_jacobian_strategy="reverse-mode"):
    """The matrix of second derivatives of a function returning one number: the Jacobian of its
    gradient. For one input of shape S, a tensor of shape S + S."""
    inputs_were_tuple, inputs = _as_tuple(inputs, "inputs", "hessian")

    def one_number(*args):
        out = func(*args)
        out_was_tuple, outs = _as_tuple(out, "outputs of the user-provided function", "hessian")
        _check_outputs_differentiable(outs, strict)
        if out_was_tuple:
            raise RuntimeError("The function given to hessian should return a single Tensor")
        if out.numel() != 1:
            raise RuntimeError("The Tensor returned by the function given to hessian should contain a single element")
        return out.squeeze()

    def gradient(*args):
        return jacobian(one_number, args, create_graph=True)

    result = jacobian(gradient, inputs, create_graph=create_graph, strict=strict, vectorize=vectorize,
                      strategy=outer_jacobian_strategy)
    return _unpack(result, (inputs_were_tuple, inputs_were_tuple))


def _second_order_product(name, func, inputs, v, create_graph, strict, transpose):
    with _engine.enable_grad():
        inputs_were_tuple, inputs = _as_tuple(inputs, "inputs", name)
        inputs = _fresh_inputs(inputs, create_graph, need_graph=True)
        v = _v_or_single_element(v, inputs, inputs_were_tuple, create_graph,
                                 "The vector v can only be None if the input to the user-provided function is a "
                                 "single Tensor with a single element.")
        outputs_were_tuple, outputs = _as_tuple(func(*inputs), "outputs of the user-provided function", name)
        _check_outputs_differentiable(outputs, strict)
        if outputs_were_tuple:
            raise RuntimeError(f"The function given to {name} should return a single Tensor")
        if outputs[0].numel() != 1:
            raise RuntimeError(f"The Tensor returned by the function given to {name} should contain a single element")
        gradient = _grads(outputs, inputs, create_graph=True)
        if transpose:
            # vᵀH: differentiate vᵀ·∇f once more.
            with _engine.set_grad_enabled(create_graph or _engine.is_grad_enabled()):
                products = _grads(gradient, inputs, v, create_graph=create_graph)
        else:
            # H·v by the double-backward trick (as jvp): differentiate uᵀH with respect to u.
            dummy = tuple(zeros_like(x, requires_grad=True) for x in inputs)
            u_times_hessian = _grads(gradient, inputs, dummy, create_graph=True)
            with _engine.set_grad_enabled(create_graph or _engine.is_grad_enabled()):
                products = _grads(u_times_hessian, dummy, v, create_graph=create_graph)
        products = _zeros_for_unused(products, inputs, strict,
                                     "The hessian of the user-provided function is independent of entry {index}. "
                                     "This is not allowed in strict mode.")
    return (_unpack(_detached(outputs, create_graph), outputs_were_tuple),
            _unpack(_detached(products, create_graph), inputs_were_tuple))


def hvp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), H·v)``: the Hessian of a one-number function times ``v``, without building H."""
    return _second_order_product("hvp", func, inputs, v, create_graph, strict, transpose=False)


def vhp(func, inputs, v=None, create_graph=False, strict=False):
    """``(func(inputs), vᵀ·H)``: the same numbers as hvp for a smooth function (H is symmetric)."""
    return _second_order_product("vhp", func, inputs, v, create_graph, strict, transpose=True)
