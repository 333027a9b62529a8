"""Small helpers the lesson modules share: tensors from plain inputs (probe side), engine answers
(judge side). Inputs travel as JSON, so arrays are nested lists and become tensors here."""
import numpy as np

import autodidact as ad


def t64(values, requires_grad=False):
    """A float64 tensor from plain numbers or nested lists."""
    return ad.tensor(np.asarray(values, dtype=np.float64), dtype=ad.float64, requires_grad=requires_grad)


def draw(rng, low, high, size=None, decimals=None):
    """Uniform numbers as plain data (a float, or nested lists for a shape)."""
    values = rng.uniform(low, high, size)
    if decimals is not None:
        values = np.round(values, decimals)
    return values.tolist() if size is not None else float(values)


def away_from_zero(rng, low, high, decimals=3):
    """A number with |x| in [low, high] and a random sign."""
    return round(float(rng.uniform(low, high) * rng.choice([-1.0, 1.0])), decimals)


def engine_derivative(f, x_value):
    """d f / dx at x_value, computed by the grader's engine in float64."""
    x = ad.tensor(float(x_value), dtype=ad.float64, requires_grad=True)
    f(x).backward()
    return float(x.grad.item())


def numeric_jacobian(forward_values, eps):
    """Central differences from forward values at x ± eps·e_j: rows follow the output, columns x."""
    plus, minus = (np.asarray(v, dtype=np.float64) for v in forward_values)
    return ((plus - minus) / (2 * eps)).T
