"""``nn.utils``: helpers a training loop calls on a model's parameters, as in ``torch.nn.utils``.

    loss.backward()
    nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)   # before optimizer.step()
    optimizer.step()

Clipping changes the gradients in place, so ``optimizer.step()`` then uses the clipped ones.
"""
import math

import numpy as np

from ...engine import Tensor, no_grad
from ...engine import tensor as _tensor_module

__all__ = ["clip_grad_norm_", "clip_grad_value_", "parameters_to_vector", "vector_to_parameters"]


def _gradients(parameters):
    """The ``.grad`` of each parameter that has one (``parameters`` may be one tensor)."""
    if isinstance(parameters, Tensor):
        parameters = [parameters]
    return [p.grad for p in parameters if p.grad is not None]


def _vector_norm(values, norm_type):
    """The p-norm of all the numbers in ``values`` (an array), in their own dtype."""
    values = np.abs(np.asarray(values).ravel())
    if values.size == 0:
        return values.dtype.type(0)
    if norm_type == math.inf:
        return values.max()
    if norm_type == 2.0:
        return np.sqrt(np.dot(values, values))
    return np.sum(values ** values.dtype.type(norm_type)) ** values.dtype.type(1.0 / norm_type)


def clip_grad_norm_(parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None):
    """Scale all the gradients together so that their joint norm is at most ``max_norm``.

    The joint norm is the norm of the per-parameter norms (as if all gradients were one long vector).
    Every gradient is multiplied by ``max_norm / (total_norm + 1e-6)``, capped at 1, so gradients that
    are already small enough are left as they are. Returns the total norm before clipping.
    """
    gradients = _gradients(parameters)
    norm_type = float(norm_type)
    if not gradients:
        return _tensor_module.tensor(0.0)
    with no_grad():
        arrays = [g.detach().numpy() for g in gradients]
        dtype = np.result_type(*arrays)
        norms = np.array([_vector_norm(a, norm_type) for a in arrays], dtype=dtype)
        total = _vector_norm(norms, norm_type)
        if error_if_nonfinite and not np.isfinite(total):
            raise RuntimeError(
                f"The total norm of order {norm_type} for gradients from `parameters` is non-finite, so it "
                "cannot be clipped. To disable this error and scale the gradients by the non-finite norm "
                "anyway, set `error_if_nonfinite=False`")
        coefficient = min(dtype.type(max_norm) / (total + dtype.type(1e-6)), dtype.type(1.0))
        for g in gradients:
            g.mul_(float(coefficient))
    return _tensor_module.tensor(total, dtype=gradients[0].dtype)


def clip_grad_value_(parameters, clip_value, foreach=None):
    """Clamp every gradient entry into ``[-clip_value, clip_value]``, in place."""
    clip_value = float(clip_value)
    with no_grad():
        for g in _gradients(parameters):
            g.clamp_(min=-clip_value, max=clip_value)


def parameters_to_vector(parameters):
    """All parameters flattened and joined into one vector (differentiable, like ``torch.cat``)."""
    return _tensor_module.cat([p.view(-1) for p in parameters])


def vector_to_parameters(vec, parameters):
    """Copy consecutive slices of ``vec`` into the parameters' data (the inverse of parameters_to_vector)."""
    if not isinstance(vec, Tensor):
        raise TypeError(f"expected torch.Tensor, but got: {type(vec).__name__}")
    pointer = 0
    for param in parameters:
        count = param.numel()
        param.data = vec[pointer:pointer + count].view(tuple(param.shape)).data
        pointer += count


from . import rnn  # noqa: E402  (torch.nn.utils.rnn.pad_sequence)
