"""Arithmetic: + - * / and **. Each op is one ``op(...)`` (see ``engine/spec.py``).

Inputs are named as in PyTorch's signatures: ``self`` and ``other``. A rule's parameters say what
it reads: ``mul``'s rule for ``self`` reads ``other``, so ``x * 3`` keeps the 3 and nothing of x.
The operators reach these specs through ``Tensor.__add__`` and friends (``tensor.py``); the rest of
arithmetic (% and //, clamp, where, maximum...) and the public functions (``torch.add``,
``torch.pow``...) are in ``arithmetic_more.py``.
"""
import numpy as np

from ..spec import op
from .helpers import log, where


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


__all__ = ['ADD', 'SUB', 'RSUB', 'MUL', 'DIV', 'NEG', 'RECIPROCAL', 'POW', 'POW_TENSOR', 'RPOW']
