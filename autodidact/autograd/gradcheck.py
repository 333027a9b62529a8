"""Check a gradient against finite differences, as ``torch.autograd.gradcheck`` does.

The numerical derivative of f at x along input element i is (f(x + eps·eᵢ) − f(x − eps·eᵢ)) / (2·eps).
Autograd's answer must agree with it to within ``atol + rtol·|numerical|``. Use float64 inputs:
in float32 the rounding error of the difference swamps the derivative.
"""
import numpy as np

from ..engine import Tensor, enable_grad, no_grad


class GradcheckError(RuntimeError):
    """Autograd and finite differences disagree (a RuntimeError, as in PyTorch)."""


def _outputs(fn, inputs):
    result = fn(*inputs)
    return result if isinstance(result, tuple) else (result,)


def _numerical_jacobian(fn, inputs, position, output_index, eps):
    x = inputs[position]
    output = _outputs(fn, inputs)[output_index]
    jacobian = np.zeros((x._array.size, output._array.size))
    # Index the input's own array element by element (row-major order, as the Jacobian's rows):
    # reshape(-1) would copy a transposed or sliced input, and perturbing a copy changes nothing.
    with no_grad():
        for i, index in enumerate(np.ndindex(x._array.shape)):
            original = x._array[index]
            x._array[index] = original + eps
            plus = _outputs(fn, inputs)[output_index]._array.astype(np.float64).reshape(-1)
            x._array[index] = original - eps
            minus = _outputs(fn, inputs)[output_index]._array.astype(np.float64).reshape(-1)
            x._array[index] = original
            jacobian[i] = (plus - minus) / (2 * eps)
    return jacobian


def _analytical_jacobian(fn, inputs, position, output_index):
    from . import grad

    output = _outputs(fn, inputs)[output_index]
    x = inputs[position]
    jacobian = np.zeros((x._array.size, output._array.size))
    for j in range(output._array.size):
        direction = np.zeros(output._array.size, dtype=output._array.dtype)
        direction[j] = 1
        direction = Tensor._wrap(direction.reshape(output._array.shape))
        output = _outputs(fn, inputs)[output_index]
        if not output.requires_grad:  # a constant output (e.g. the derivative of x + y): all zeros
            break
        (g,) = grad(output, x, grad_outputs=direction, allow_unused=True)
        if g is not None:
            jacobian[:, j] = g._array.reshape(-1)
    return jacobian


def _forward_jacobian(fn, inputs, position, output_index):
    """The Jacobian by forward mode: column i is J·eᵢ, the tangent of the output when input element
    i moves at unit speed (one forward pass with dual tensors per input element)."""
    from . import forward_ad

    x = inputs[position]
    output = _outputs(fn, inputs)[output_index]
    jacobian = np.zeros((x._array.size, output._array.size))
    with forward_ad.dual_level():
        for i in range(x._array.size):
            direction = np.zeros(x._array.size, dtype=x._array.dtype)
            direction[i] = 1
            # still requiring grad: gradgradcheck's function differentiates at it (forward over reverse)
            dual = forward_ad.make_dual(x.detach().requires_grad_(x.requires_grad),
                                        Tensor._wrap(direction.reshape(x._array.shape)))
            moved = list(inputs)
            moved[position] = dual
            tangent = forward_ad.unpack_dual(_outputs(fn, moved)[output_index]).tangent
            if tangent is not None:
                jacobian[i] = tangent._array.reshape(-1)
    return jacobian


def _as_tensor(jacobian):
    return Tensor._wrap(jacobian)  # printed as PyTorch prints the Jacobians in its message


def gradcheck(fn, inputs, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, check_forward_ad=False,
              check_backward_ad=True, **unused):
    """True if ``fn``'s autograd gradients match finite differences for every input that requires grad.

    ``inputs`` is a tensor or a tuple of them; check with float64 tensors. On a mismatch it raises
    GradcheckError showing both Jacobians (or returns False with ``raise_exception=False``).
    ``check_forward_ad=True`` also checks the forward-mode Jacobian (``autograd.forward_ad``), and
    ``check_backward_ad=False`` leaves out the reverse-mode one.
    """
    if not (check_forward_ad or check_backward_ad):
        raise AssertionError("Expected at least one of check_forward_ad or check_backward_ad to be True")
    inputs = inputs if isinstance(inputs, tuple) else (inputs,)
    n_outputs = len(_outputs(fn, inputs))
    for position, x in enumerate(inputs):
        if not (isinstance(x, Tensor) and x.requires_grad):
            continue
        if x.dtype.name != "float64":
            import warnings

            warnings.warn(
                f"Input #{position} is {x.dtype}, not torch.float64: finite differences in single "
                "precision are too noisy for a reliable check. Use dtype=torch.float64.",
                UserWarning, stacklevel=2,
            )
        for output_index in range(n_outputs):
            numerical = _numerical_jacobian(fn, inputs, position, output_index, eps)
            checks = []
            if check_backward_ad:
                checks.append(("Jacobian mismatch", _analytical_jacobian(fn, inputs, position, output_index),
                               "The backward rule does not match the forward function: check its formula, its "
                               "sign, and that it multiplies by the upstream gradient."))
            if check_forward_ad:
                checks.append(("Jacobian computed with forward mode mismatch",
                               _forward_jacobian(fn, inputs, position, output_index),
                               "The tangents forward mode computes do not match the forward function: check "
                               "the jvp (a custom Function's jvp, or the backward rule it is made from)."))
            for what, analytical, advice in checks:
                if not np.allclose(analytical, numerical, rtol=rtol, atol=atol):
                    if not raise_exception:
                        return False
                    raise GradcheckError(
                        f"{what} for output {output_index} with respect to input {position},\n"
                        f"numerical:{_as_tensor(numerical)}\nanalytical:{_as_tensor(analytical)}\n\n{advice}")
    return True


def gradgradcheck(fn, inputs, grad_outputs=None, *, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True,
                  check_fwd_over_rev=False, check_rev_over_rev=True, **unused):
    """Check second derivatives: gradcheck applied to the first derivative (built with create_graph).
    ``check_fwd_over_rev=True`` also checks forward mode through the backward pass (how jvp(grad(f))
    computes a Hessian-vector product). The first derivative is vᵀ·J with v = ``grad_outputs``
    (a tensor or tuple, one per output), or ones (PyTorch draws random ones) when not given."""
    from . import grad

    inputs = inputs if isinstance(inputs, tuple) else (inputs,)
    if grad_outputs is not None and not isinstance(grad_outputs, tuple):
        grad_outputs = (grad_outputs,)

    def first_derivatives(*args):
        # Finite differences call this under no_grad; the first derivative still needs a graph.
        with enable_grad():
            outputs = _outputs(fn, args)
            weights = grad_outputs if grad_outputs is not None else (None,) * len(outputs)
            total = sum((out.sum() if v is None else (out * v).sum()) for out, v in zip(outputs, weights))
            wanted = [a for a in args if isinstance(a, Tensor) and a.requires_grad]
            return grad(total, wanted, create_graph=True, allow_unused=True, materialize_grads=True)

    return gradcheck(first_derivatives, inputs, eps, atol, rtol, raise_exception,
                     check_forward_ad=check_fwd_over_rev, check_backward_ad=check_rev_over_rev)
