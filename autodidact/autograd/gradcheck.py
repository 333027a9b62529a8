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


def gradcheck(fn, inputs, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, **unused):
    """True if ``fn``'s autograd gradients match finite differences for every input that requires grad.

    ``inputs`` is a tensor or a tuple of them; check with float64 tensors. On a mismatch it raises
    GradcheckError showing both Jacobians (or returns False with ``raise_exception=False``).
    """
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
            analytical = _analytical_jacobian(fn, inputs, position, output_index)
            if not np.allclose(analytical, numerical, rtol=rtol, atol=atol):
                if not raise_exception:
                    return False
                raise GradcheckError(
                    f"Jacobian mismatch for output {output_index} with respect to input {position},\n"
                    f"numerical:{numerical}\nanalytical:{analytical}\n"
                    "The backward rule does not match the forward function: check its formula, its sign, "
                    "and that it multiplies by the upstream gradient."
                )
    return True


def gradgradcheck(fn, inputs, eps=1e-6, atol=1e-5, rtol=1e-3, raise_exception=True, **unused):
    """Check second derivatives: gradcheck applied to the first derivative (built with create_graph)."""
    from . import grad

    inputs = inputs if isinstance(inputs, tuple) else (inputs,)

    def first_derivatives(*args):
        # Finite differences call this under no_grad; the first derivative still needs a graph.
        with enable_grad():
            outputs = _outputs(fn, args)
            total = outputs[0].sum()
            for extra in outputs[1:]:
                total = total + extra.sum()
            wanted = [a for a in args if isinstance(a, Tensor) and a.requires_grad]
            return grad(total, wanted, create_graph=True, allow_unused=True, materialize_grads=True)

    return gradcheck(first_derivatives, inputs, eps, atol, rtol, raise_exception)
