"""Arithmetic: + - * / and **. Each op is one ``op(...)`` (see ``engine/spec.py``).

Inputs are named as in PyTorch's signatures: ``self`` and ``other``. A rule's parameters say what
it reads: ``mul``'s rule for ``self`` reads ``other``, so ``x * 3`` keeps the 3 and nothing of x.
The operators (``Tensor.__add__``..., in ``tensor.py``) reach these specs. The rest of arithmetic
(``2 - x``, ``2 ** x``, % and //, clamp, where, ``torch.add``...) is in ``arithmetic_more.py``.
"""
import numpy as np

from ...parity.powers import pytorch_pow
from ..spec import op
from .helpers import zeros_like


def _true_divide(self, other):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.true_divide(self, other)


ADD = op("add", grad_fn="AddBackward0", forward=np.add,
         vjp={"self": lambda grad: grad, "other": lambda grad: grad},
         local={"self": ("1", "1"), "other": ("1", "1")}, shows_as="{self} + {other}")
SUB = op("sub", grad_fn="SubBackward0", forward=np.subtract,
         vjp={"self": lambda grad: grad, "other": lambda grad: -grad},
         local={"self": ("1", "1"), "other": ("-1", "-1")}, shows_as="{self} - {other}")
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
POW = op("pow", grad_fn="PowBackward0", forward=pytorch_pow,  # tensor ** number
         vjp={"self": lambda grad, self, exponent: zeros_like(grad) if exponent == 0
              else grad * (exponent * self ** (exponent - 1))},
         local={"self": ("{exponent}·{self}^({exponent}-1)", r"{exponent}\,{self}^{{exponent}-1}")},
         shows_as="{self}**{exponent}", domain="positive")


__all__ = ['ADD', 'SUB', 'MUL', 'DIV', 'NEG', 'POW']
