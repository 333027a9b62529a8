"""``x ** n`` as PyTorch computes it: a parity module.

PyTorch computes the common exponents (2, 3, 0.5, -0.5, -1, -2) with dedicated kernels: ``x * x``,
``sqrt(x)``, ``1 / x``... rather than a general power. Doing the same keeps float32 results
identical to PyTorch's to the last bit (``x ** 3`` rounds twice there, as ``x * x * x`` does).
"""
import numpy as np


def pytorch_pow(self, exponent):
    """``self ** exponent`` for an array and a number, as PyTorch computes it."""
    n = exponent
    if n == 2:
        return self * self
    if n == 3:
        return self * self * self
    if n == 0.5:
        return np.sqrt(self)
    if n == -0.5:
        return 1 / np.sqrt(self)
    if n == -1:
        return 1 / self
    if n == -2:
        return 1 / (self * self)
    return np.power(self, np.asarray(n, dtype=self.dtype) if self.dtype.kind == "f" else n)
