"""``nn.init``: fill a weight tensor with starting values, in place.

Why it matters: if a layer's weights are too large, values grow from layer to layer until they
saturate (tanh) or overflow; too small, and they shrink to nothing. The scaled inits below pick the
spread from the layer's size (its *fan*) so the signal keeps about the same size through the network.

Random values come from autodidact's generator (or ``generator=``), so ``torch.manual_seed(0)`` makes
them reproducible (they are not the same numbers PyTorch's generator would draw). Every function works
under ``no_grad``: setting a starting value is not part of the computation to differentiate.
"""
import math

import numpy as np

from ..engine import no_grad, numpy_generator
from ..engine import tensor as _tensor

__all__ = ["calculate_gain", "uniform_", "normal_", "trunc_normal_", "constant_", "zeros_", "ones_", "eye_",
           "xavier_uniform_", "xavier_normal_", "kaiming_uniform_", "kaiming_normal_", "orthogonal_",
           "dirac_", "sparse_"]

_LINEAR_FUNCTIONS = ("linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                     "conv_transpose3d")


def calculate_gain(nonlinearity, param=None):
    """How much to scale the spread of the weights for an activation, for the scaled inits below.

    ReLU zeroes half of its inputs, so its gain √2 makes up for the lost variance; tanh's 5/3 and
    SELU's 3/4 are PyTorch's values. ``param`` is leaky_relu's negative slope (0.01 by default).
    """
    if nonlinearity in _LINEAR_FUNCTIONS or nonlinearity == "sigmoid":
        return 1
    if nonlinearity == "tanh":
        return 5.0 / 3
    if nonlinearity == "relu":
        return math.sqrt(2.0)
    if nonlinearity == "leaky_relu":
        if param is None:
            slope = 0.01
        elif isinstance(param, (int, float)) and not isinstance(param, bool):
            slope = param
        else:
            raise ValueError(f"negative_slope {param} not a valid number")
        return math.sqrt(2.0 / (1 + slope ** 2))
    if nonlinearity == "selu":
        return 3.0 / 4
    raise ValueError(f"Unsupported nonlinearity {nonlinearity}")


def _write(tensor, values):
    """Overwrite ``tensor``'s values in place (under no_grad), keeping its dtype."""
    with no_grad():
        return tensor.copy_(_tensor.tensor(np.asarray(values), dtype=tensor.dtype))


def uniform_(tensor, a=0.0, b=1.0, generator=None):
    """Every element drawn uniformly from ``[a, b)``."""
    with no_grad():
        return tensor.uniform_(a, b, generator=generator)


def normal_(tensor, mean=0.0, std=1.0, generator=None):
    """Every element drawn from the normal distribution N(mean, std²)."""
    with no_grad():
        return tensor.normal_(mean, std, generator=generator)


def trunc_normal_(tensor, mean=0.0, std=1.0, a=-2.0, b=2.0, generator=None):
    """N(mean, std²) restricted to ``[a, b]``: a draw outside is drawn again (rejection sampling).
    Note that ``a`` and ``b`` are absolute bounds, not multiples of ``std``, as in PyTorch."""
    rng = numpy_generator(generator, "trunc_normal_")
    values = rng.normal(mean, std, tensor.shape)
    outside = (values < a) | (values > b)
    while outside.any():
        values[outside] = rng.normal(mean, std, int(outside.sum()))
        outside = (values < a) | (values > b)
    return _write(tensor, values)


def constant_(tensor, val):
    with no_grad():
        return tensor.fill_(val)


def zeros_(tensor):
    return constant_(tensor, 0.0)


def ones_(tensor):
    return constant_(tensor, 1.0)


def eye_(tensor):
    """The identity matrix (ones on the diagonal), for a 2-d tensor of any shape."""
    if tensor.ndim != 2:
        raise ValueError("Only tensors with 2 dimensions are supported")
    return _write(tensor, np.eye(*tensor.shape))


def _fans(tensor):
    """(fan_in, fan_out): how many inputs feed each output, and how many outputs each input feeds."""
    if tensor.ndim < 2:
        raise ValueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
    receptive_field = math.prod(tensor.shape[2:])
    return tensor.shape[1] * receptive_field, tensor.shape[0] * receptive_field


def _fan(tensor, mode):
    if mode.lower() not in ("fan_in", "fan_out"):
        raise ValueError(f"Mode {mode} not supported, please use one of ['fan_in', 'fan_out']")
    fan_in, fan_out = _fans(tensor)
    return fan_in if mode.lower() == "fan_in" else fan_out


def xavier_uniform_(tensor, gain=1.0, generator=None):
    """Glorot's init: U(-a, a) with a = gain·√(6 / (fan_in + fan_out)), so the variance
    gain²·2/(fan_in + fan_out) is the same going forward and backward."""
    fan_in, fan_out = _fans(tensor)
    bound = gain * math.sqrt(6.0 / (fan_in + fan_out))
    return uniform_(tensor, -bound, bound, generator)


def xavier_normal_(tensor, gain=1.0, generator=None):
    """Glorot's init with a normal distribution: N(0, std²), std = gain·√(2 / (fan_in + fan_out))."""
    fan_in, fan_out = _fans(tensor)
    return normal_(tensor, 0.0, gain * math.sqrt(2.0 / (fan_in + fan_out)), generator)


def kaiming_uniform_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    """He's init: U(-b, b) with b = gain·√(3 / fan). ``nn.Linear`` uses it with a=√5, which gives
    b = 1/√fan_in."""
    bound = calculate_gain(nonlinearity, a) * math.sqrt(3.0 / _fan(tensor, mode))
    return uniform_(tensor, -bound, bound, generator)


def kaiming_normal_(tensor, a=0, mode="fan_in", nonlinearity="leaky_relu", generator=None):
    """He's init with a normal distribution: N(0, std²), std = gain / √fan. With
    ``nonlinearity="relu"`` this keeps the variance of a deep ReLU network constant."""
    std = calculate_gain(nonlinearity, a) / math.sqrt(_fan(tensor, mode))
    return normal_(tensor, 0.0, std, generator)


def orthogonal_(tensor, gain=1, generator=None):
    """A (semi-)orthogonal matrix, times ``gain``: the rows (or columns) are orthonormal. Made as
    PyTorch does: the Q of a QR factorisation of a normal matrix, signs fixed by R's diagonal."""
    rng = numpy_generator(generator, "orthogonal_")
    if tensor.ndim < 2:
        raise ValueError("Only tensors with 2 or more dimensions are supported")
    if tensor.numel() == 0:
        return tensor
    rows = tensor.shape[0]
    cols = tensor.numel() // rows
    flattened = rng.standard_normal((rows, cols))
    if rows < cols:
        flattened = flattened.T
    q, r = np.linalg.qr(flattened)
    q *= np.sign(np.diag(r))
    if rows < cols:
        q = q.T
    return _write(tensor, gain * q.reshape(tensor.shape))


def dirac_(tensor, groups=1):
    """A convolution kernel that passes its input through unchanged: output channel d (in each of
    ``groups`` groups) copies input channel d, with a single 1 at the kernel's centre. For 3-, 4-
    and 5-d weights (Conv1d, Conv2d, Conv3d)."""
    if tensor.ndim not in (3, 4, 5):
        raise ValueError("Only tensors with 3, 4, or 5 dimensions are supported")
    if tensor.shape[0] % groups != 0:
        raise ValueError("dim 0 must be divisible by groups")
    per_group = tensor.shape[0] // groups
    centre = tuple(size // 2 for size in tensor.shape[2:])
    values = np.zeros(tensor.shape)
    for g in range(groups):
        for d in range(min(per_group, tensor.shape[1])):
            values[(g * per_group + d, d) + centre] = 1
    return _write(tensor, values)


def sparse_(tensor, sparsity, std=0.01, generator=None):
    """A 2-d weight drawn from N(0, std²), then in each column a ``sparsity`` fraction of the rows
    (rounded up, chosen at random) set to zero (Martens, 2010)."""
    if tensor.ndim != 2:
        raise ValueError("Only tensors with 2 dimensions are supported")
    rng = numpy_generator(generator, "sparse_")
    rows, cols = tensor.shape
    zeros_per_column = int(math.ceil(sparsity * rows))
    values = rng.normal(0.0, std, (rows, cols))
    for column in range(cols):
        values[rng.permutation(rows)[:zeros_per_column], column] = 0.0
    return _write(tensor, values)
