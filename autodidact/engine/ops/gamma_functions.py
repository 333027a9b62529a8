"""The log-gamma function and its derivatives: lgamma, digamma, polygamma.

    lgamma(x)        = ln |Γ(x)|          (Γ(n) = (n - 1)! for whole numbers n)
    digamma(x)       = d/dx lgamma(x)      = ψ(x)
    polygamma(n, x)  = the n-th derivative of digamma, ψ⁽ⁿ⁾(x)

Each one's derivative is the next: d lgamma = digamma, d digamma = polygamma(1, ·), d polygamma(n, ·)
= polygamma(n + 1, ·), so their rules are one line each. NumPy has none of them; lgamma comes from
Python's ``math.lgamma``, and digamma and polygamma are computed here the textbook way: move x up
with the recurrence ψ(x) = ψ(x + 1) - 1/x until it is large, then use the asymptotic series, which is
exact to double precision there.
"""
import math

import numpy as np

from ..spec import Tensor, op
from .elementwise import FLOAT_API
from .helpers import _is_tensor
from .public import public

_LARGE = 20.0  # from here on the asymptotic series is exact to double precision
# Bernoulli numbers B₂, B₄, ... B₁₆ for the series
_BERNOULLI = (1 / 6, -1 / 30, 1 / 42, -1 / 30, 5 / 66, -691 / 2730, 7 / 6, -3617 / 510)


def _in_double(function):
    """Compute in float64 and round back to the input's dtype (float32 results are then correctly
    rounded, as far as the float64 value is exact)."""
    def forward(x, *args, **kwargs):
        with np.errstate(all="ignore"):
            return np.asarray(function(np.asarray(x, dtype=np.float64), *args, **kwargs)).astype(x.dtype)
    forward.__name__ = function.__name__
    return forward


def _lgamma_of(value):
    try:
        return math.lgamma(value)
    except ValueError:  # the poles 0, -1, -2...: Γ is infinite there, as PyTorch says
        return math.inf


_LGAMMA = np.frompyfunc(_lgamma_of, 1, 1)


@_in_double
def _lgamma_forward(x):
    return np.asarray(_LGAMMA(x), dtype=np.float64)


def _digamma_of_positive(y):
    """ψ(y) for y > 0: shift up with ψ(y) = ψ(y + 1) - 1/y, then
    ψ(y) ≈ ln y - 1/(2y) - Σ B₂ₖ / (2k·y²ᵏ)."""
    correction = np.zeros_like(y)
    for _ in range(int(_LARGE)):
        small = y < _LARGE
        if not small.any():
            break
        correction -= np.where(small, 1 / y, 0.0)
        y = np.where(small, y + 1, y)
    inverse_square, power, series = 1 / (y * y), np.ones_like(y), np.zeros_like(y)
    for k, bernoulli in enumerate(_BERNOULLI, start=1):
        power = power * inverse_square
        series += bernoulli / (2 * k) * power
    return np.log(y) - 0.5 / y - series + correction


@_in_double
def _digamma_forward(x):
    """ψ(x); below 0 from ψ(1 - x) by the reflection ψ(x) = ψ(1 - x) - π/tan(πx). -inf at 0 and
    nan at the negative whole numbers, as in PyTorch."""
    negative = x < 0
    value = _digamma_of_positive(np.where(negative, 1 - x, np.where(x == 0, 1.0, x)))
    value = np.where(negative, value - math.pi / np.tan(math.pi * x), value)
    value = np.where(x == 0, -np.inf, value)
    return np.where(negative & (x == np.floor(x)), np.nan, value)


def _trigamma(x):
    """ψ'(x) computed as PyTorch computes it (its ``calc_trigamma``): below 1/2 by the reflection
    ψ'(x) = π²/sin²(πx) - ψ'(1 - x), then six steps of ψ'(x) = ψ'(x + 1) + 1/x² and a short series.
    It is exact to about 1e-10 (relative), not to double precision; we follow it so that the
    gradient of digamma, which is ψ', agrees with PyTorch's."""
    reflected = x < 0.5
    result = np.where(reflected, -(math.pi ** 2) / np.sin(math.pi * x) ** 2, 0.0)
    x = np.where(reflected, 1 - x, x)
    for _ in range(6):
        result = result + 1 / (x * x)
        x = x + 1
    inverse_square = 1 / (x * x)
    result = result + (1 + 1 / (2 * x) + inverse_square * (1 / 6 - inverse_square * (1 / 30 - inverse_square / 42))) / x
    return np.where(reflected, -result, result)


@_in_double
def _polygamma_forward(x, n):
    """ψ⁽ⁿ⁾(x) = (-1)ⁿ⁺¹·n!·ζ(n + 1, x), where ζ(s, x) = Σₖ 1/(x + k)ˢ (the Hurwitz zeta function):
    the first terms summed until x + k is large, the rest by the Euler–Maclaurin formula."""
    if n == 0:
        return _digamma_forward(x)
    if n == 1:
        return _trigamma(x)
    s = n + 1
    large = _LARGE + n
    y, head = np.array(x, dtype=np.float64), np.zeros_like(x, dtype=np.float64)
    while True:
        small = (y < large) & np.isfinite(y)  # (-inf would never get large)
        if not small.any():
            break
        head += np.where(small, np.power(y, -float(s)), 0.0)
        y = np.where(small, y + 1, y)
    tail = y ** (1 - s) / (s - 1) + 0.5 * y ** -float(s)
    rising, factorial = float(s), 2.0  # s(s+1)...(s+2k-2) and (2k)!
    for k, bernoulli in enumerate(_BERNOULLI, start=1):
        tail += bernoulli / factorial * rising * y ** (-s - 2 * k + 1)
        rising *= (s + 2 * k - 1) * (s + 2 * k)
        factorial *= (2 * k + 1) * (2 * k + 2)
    return (-1) ** (n + 1) * math.factorial(n) * (head + tail)


# For the rules: on arrays the forward functions, on Tensors (under create_graph) recorded ops
def _digamma(v):
    return v.digamma() if _is_tensor(v) else _digamma_forward(v)


def _polygamma(n, v):
    return POLYGAMMA(v, n=n) if _is_tensor(v) else _polygamma_forward(v, n)


LGAMMA = op("lgamma", grad_fn="LgammaBackward0", forward=_lgamma_forward,
            vjp={"self": lambda grad, self: grad * _digamma(self)},
            local={"self": ("ψ({self})", r"\psi({self})")}, shows_as="lgamma({self})", domain="positive",
            api=FLOAT_API, doc="ln |Γ(x)| of each element: lgamma(n) = ln((n - 1)!) for whole numbers n.")
DIGAMMA = op("digamma", grad_fn="DigammaBackward0", forward=_digamma_forward,
             vjp={"self": lambda grad, self: grad * _polygamma(1, self)},
             local={"self": ("ψ'({self})", r"\psi'({self})")}, shows_as="digamma({self})", domain="positive",
             api=FLOAT_API, doc="ψ(x) = d/dx ln Γ(x) of each element (-inf at 0, nan at -1, -2...).")
POLYGAMMA = op("polygamma", grad_fn="PolygammaBackward0", forward=_polygamma_forward,
               vjp={"self": lambda grad, self, n: grad * _polygamma(n + 1, self)},
               local={"self": ("ψ⁽ⁿ⁺¹⁾({self})", r"\psi^{(n+1)}({self})")}, shows_as="polygamma({n}, {self})",
               domain="positive")


def _polygamma_of(n, input):
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)):
        raise TypeError(f"polygamma(): argument 'n' (position 1) must be int, not {type(n).__name__}")
    if not isinstance(input, Tensor):
        raise TypeError(f"polygamma(): argument 'input' (position 2) must be Tensor, not {type(input).__name__}")
    if n < 0:
        raise RuntimeError("polygamma(n, x) does not support negative n.")
    if not input.dtype.is_floating_point:
        input = input.float()
    return POLYGAMMA(input, n=int(n))


@public("function", "method")
def polygamma(n, input):
    """``torch.polygamma(n, input)``: the n-th derivative of digamma (n = 0 is digamma itself)."""
    return _polygamma_of(n, input)


def _polygamma_method(self, n):
    """``input.polygamma(n)``: the tensor comes first in the method."""
    return _polygamma_of(n, self)


# The method takes its arguments in the other order; public.install() makes a function's
# ``__wrapped__`` the Tensor method (as it does for functions that check their arguments).
polygamma.__wrapped__ = _polygamma_method


@public("method")
def polygamma_(self, n):
    return self._inplace(lambda t: _polygamma_of(n, t))


__all__ = ["LGAMMA", "DIGAMMA", "POLYGAMMA"]
