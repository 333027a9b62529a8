"""Arithmetic: + - * / % ** and their relatives. Each op is one ``op(...)`` (see ``engine/spec.py``).

Inputs are named as in PyTorch's signatures: ``self`` and ``other``. A rule's parameters say what
it reads: ``mul``'s rule for ``self`` reads ``other``, so ``x * 3`` keeps the 3 and nothing of x.
"""
import numpy as np

from ..spec import OPS, op
from .helpers import floor, log, where


def _pow_forward(self, exponent):
    # PyTorch computes these exponents with dedicated kernels; matching them keeps float32 results
    # identical to PyTorch's to the last bit.
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


def _refuse_integer_division_by_zero(self, other):
    """Integers have no inf or nan: PyTorch raises where NumPy would quietly give 0."""
    if np.asarray(self).dtype.kind in "iub" and np.asarray(other).dtype.kind in "iub" and np.any(np.asarray(other) == 0):
        raise RuntimeError("ZeroDivisionError")


def _remainder_forward(self, other):
    """Python's ``%`` (the sign of the divisor), computed as PyTorch does: from ``fmod``, so an exact
    multiple keeps fmod's sign (``-2. % 2`` is ``-0.``, where NumPy's remainder gives ``0.``)."""
    _refuse_integer_division_by_zero(self, other)
    with np.errstate(divide="ignore", invalid="ignore"):
        mod = np.fmod(self, other)
        if np.asarray(mod).dtype.kind != "f":
            return np.remainder(self, other)
        fix = (mod != 0) & ((np.asarray(other) < 0) != (mod < 0))
        return np.where(fix, mod + other, mod).astype(np.asarray(mod).dtype, copy=False)


def _true_divide(self, other):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.true_divide(self, other)


ADD = op("add", grad_fn="AddBackward0", forward=np.add,
         vjp={"self": lambda grad: grad, "other": lambda grad: grad},
         local={"self": ("1", "1"), "other": ("1", "1")}, shows_as="{self} + {other}")
SUB = op("sub", grad_fn="SubBackward0", forward=np.subtract,
         vjp={"self": lambda grad: grad, "other": lambda grad: -grad},
         local={"self": ("1", "1"), "other": ("-1", "-1")}, shows_as="{self} - {other}")
# number - tensor: PyTorch's rsub, with the tensor as ``self``
RSUB = op("rsub", grad_fn="RsubBackward1", forward=lambda self, other: other - self,
          vjp={"self": lambda grad: -grad}, inputs=("self", "other"),
          local={"self": ("-1", "-1")}, shows_as="{other} - {self}")
MUL = op("mul", grad_fn="MulBackward0", forward=np.multiply,
         vjp={"self": lambda grad, other: grad * other, "other": lambda grad, self: grad * self},
         local={"self": ("{other}", "{other}"), "other": ("{self}", "{self}")},
         shows_as="{self} * {other}")
DIV = op("div", grad_fn="DivBackward0", forward=_true_divide,
         vjp={"self": lambda grad, other: grad / other,
              "other": lambda grad, self, other: -grad * ((self / other) / other)},
         local={"self": ("1/{other}", r"\frac{1}{{other}}"),
                "other": ("-{self}/{other}²", r"-\frac{{self}}{{other}^2}")},
         shows_as="{self} / {other}", domain={"other": "nonzero"})
# A tensor divided by a plain number inside PyTorch's own C++ code (e.g. the mean of cross_entropy
# with probability targets). From Python, t / 2.0 wraps the number in a tensor: DIV above.
DIV_NUMBER = op("div_number", grad_fn="DivBackward1",
                forward=lambda self, other: self / self.dtype.type(other),
                vjp={"self": lambda grad, other: grad / other},
                local={"self": ("1/{other}", r"\frac{1}{{other}}")}, shows_as="{self} / {other}")
REMAINDER = op("remainder", grad_fn="RemainderBackward0", forward=_remainder_forward,  # tensor % number
               vjp={"self": lambda grad: grad}, inputs=("self", "other"),
               local={"self": ("1", "1")}, shows_as="{self} % {other}", domain="away from jumps")
REMAINDER_TENSOR = op("remainder_tensor", grad_fn="RemainderBackward1", forward=_remainder_forward,
                      vjp={"self": lambda grad: grad,
                           "other": lambda grad, self, other: -grad * floor(self / other)},
                      local={"self": ("1", "1"),
                             "other": ("-floor({self}/{other})", r"-\left\lfloor {self}/{other} \right\rfloor")},
                      shows_as="{self} % {other}", domain="away from jumps")
NEG = op("neg", grad_fn="NegBackward0", forward=np.negative, vjp={"self": lambda grad: -grad},
         local={"self": ("-1", "-1")}, shows_as="-{self}")
RECIPROCAL = op("reciprocal", grad_fn="ReciprocalBackward0", forward=lambda self: 1 / self,
                vjp={"self": lambda grad, result: -grad * (result * result)},
                local={"self": ("-1/{self}²", r"-\frac{1}{{self}^2}")}, shows_as="1 / {self}",
                domain="nonzero")
POW = op("pow", grad_fn="PowBackward0", forward=_pow_forward,  # tensor ** number
         vjp={"self": lambda grad, self, exponent: grad * 0.0 if exponent == 0
              else grad * (exponent * self ** (exponent - 1))},
         local={"self": ("{exponent}·{self}^({exponent}-1)", r"{exponent}\,{self}^{{exponent}-1}")},
         shows_as="{self}**{exponent}", domain="positive")
POW_TENSOR = op("pow_tensor", grad_fn="PowBackward1", forward=np.power,  # tensor ** tensor
                vjp={"self": lambda grad, self, exponent: where(exponent == 0, 0.0,
                                                                grad * (exponent * self ** (exponent - 1))),
                     "exponent": lambda grad, self, exponent, result:
                         grad * where((self == 0) & (exponent >= 0), 0.0, result * log(self))},
                local={"self": ("{exponent}·{self}^({exponent}-1)", r"{exponent}\,{self}^{{exponent}-1}"),
                       "exponent": ("{result}·ln({self})", r"{result}\,\ln {self}")},
                shows_as="{self}**{exponent}", domain={"self": "positive", "exponent": "nonzero"})
RPOW = op("rpow", grad_fn="PowBackward2",  # number ** tensor
          forward=lambda exponent, self: np.power(np.asarray(self, exponent.dtype), exponent),
          vjp={"exponent": lambda grad, self, result: grad * (result * float(np.log(self)))},
          inputs=("exponent",),
          local={"exponent": ("{result}·ln({self})", r"{result}\,\ln {self}")},
          shows_as="{self}**{exponent}")


def _no_derivative(name):
    def rule(grad):
        raise RuntimeError(f"derivative for aten::{name} is not implemented: the result of {name} is a "
                           "step function of its inputs, so autograd has no gradient to pass back. "
                           "Compute it under torch.no_grad() or from .detach()ed tensors.")
    return rule


def _floor_divide_forward(self, other):
    _refuse_integer_division_by_zero(self, other)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.floor_divide(self, other)


# An op PyTorch records but cannot differentiate (its grad_fn prints NotImplemented).
FLOOR_DIVIDE = op("floor_divide", grad_fn="NotImplemented", forward=_floor_divide_forward,
                  vjp={"self": _no_derivative("floor_divide"), "other": _no_derivative("floor_divide")},
                  local={"self": ("no derivative", r"\text{none}"), "other": ("no derivative", r"\text{none}")},
                  shows_as="{self} // {other}")
OPS.pop("floor_divide")  # not in the table: no gradient to check


# The larger (smaller) of two tensors, elementwise. At a tie each input gets half the gradient,
# as in PyTorch; nan wins (it is the result), so the nan input gets the gradient.
MAXIMUM = op("maximum", grad_fn="MaximumBackward0", forward=np.maximum,
             vjp={"self": lambda grad, self, other: where(self < other, 0.0, where(self == other, grad / 2, grad)),
                  "other": lambda grad, self, other: where(self > other, 0.0, where(self == other, grad / 2, grad))},
             local={"self": ("1 if {self} > {other}, ½ if equal, else 0",
                             r"\mathbb{1}[{self} > {other}] + \tfrac{1}{2}\mathbb{1}[{self} = {other}]"),
                    "other": ("1 if {other} > {self}, ½ if equal, else 0",
                              r"\mathbb{1}[{other} > {self}] + \tfrac{1}{2}\mathbb{1}[{self} = {other}]")},
             shows_as="maximum({self}, {other})")
MINIMUM = op("minimum", grad_fn="MinimumBackward0", forward=np.minimum,
             vjp={"self": lambda grad, self, other: where(self > other, 0.0, where(self == other, grad / 2, grad)),
                  "other": lambda grad, self, other: where(self < other, 0.0, where(self == other, grad / 2, grad))},
             local={"self": ("1 if {self} < {other}, ½ if equal, else 0",
                             r"\mathbb{1}[{self} < {other}] + \tfrac{1}{2}\mathbb{1}[{self} = {other}]"),
                    "other": ("1 if {other} < {self}, ½ if equal, else 0",
                              r"\mathbb{1}[{other} < {self}] + \tfrac{1}{2}\mathbb{1}[{self} = {other}]")},
             shows_as="minimum({self}, {other})")


def _inside(x, min, max):
    inside = True
    if min is not None:
        inside = x >= min
    if max is not None:
        inside = (x <= max) if inside is True else inside & (x <= max)
    return inside


CLAMP = op("clamp", grad_fn="ClampBackward1",
           forward=lambda self, min, max: np.clip(self, min, max).astype(self.dtype, copy=False),
           vjp={"self": lambda grad, self, min, max: where(_inside(self, min, max), grad, 0.0)},
           local={"self": ("1 if {min} ≤ {self} ≤ {max} else 0", r"\mathbb{1}[{min} \le {self} \le {max}]")},
           shows_as="clamp({self}, {min}, {max})", domain="away from bounds")
CLAMP_MIN = op("clamp_min", grad_fn="ClampMinBackward0",
               forward=lambda self, min: np.maximum(self, min).astype(self.dtype, copy=False),
               vjp={"self": lambda grad, self, min: where(self >= min, grad, 0.0)},
               local={"self": ("1 if {self} ≥ {min} else 0", r"\mathbb{1}[{self} \ge {min}]")},
               shows_as="clamp_min({self}, {min})", domain="away from bounds")
CLAMP_MAX = op("clamp_max", grad_fn="ClampMaxBackward0",
               forward=lambda self, max: np.minimum(self, max).astype(self.dtype, copy=False),
               vjp={"self": lambda grad, self, max: where(self <= max, grad, 0.0)},
               local={"self": ("1 if {self} ≤ {max} else 0", r"\mathbb{1}[{self} \le {max}]")},
               shows_as="clamp_max({self}, {max})", domain="away from bounds")
WHERE = op("where", grad_fn="WhereBackward0", forward=np.where,
           vjp={"self": lambda grad, condition: where(condition, grad, 0.0),
                "other": lambda grad, condition: where(condition, 0.0, grad)},
           inputs=("condition", "self", "other"),
           local={"self": ("1 where condition else 0", r"\mathbb{1}[\text{cond}]"),
                  "other": ("0 where condition else 1", r"\mathbb{1}[\lnot\text{cond}]")},
           shows_as="where({condition}, {self}, {other})")
CLONE = op("clone", grad_fn="CloneBackward0", forward=lambda self: self.copy(),
           vjp={"self": lambda grad: grad}, local={"self": ("1", "1")}, shows_as="{self}.clone()")
TO_DTYPE = op("to", grad_fn="ToCopyBackward0", forward=lambda self, dtype: self.astype(dtype.numpy),
              vjp={"self": lambda grad: grad}, local={"self": ("1", "1")}, shows_as="{self}.to({dtype})")

__all__ = ['ADD', 'SUB', 'RSUB', 'MUL', 'DIV', 'DIV_NUMBER', 'REMAINDER', 'REMAINDER_TENSOR', 'NEG', 'RECIPROCAL', 'POW', 'POW_TENSOR', 'RPOW', 'FLOOR_DIVIDE', 'MAXIMUM', 'MINIMUM', 'CLAMP', 'CLAMP_MIN', 'CLAMP_MAX', 'WHERE', 'CLONE', 'TO_DTYPE']
