"""The trigonometric and hyperbolic family: sin, cos, tan, asin, acos, atan, sinh, cosh, asinh,
acosh, atanh (tanh is in ``elementwise.py``).

Each is one ``op(...)`` entry like those in ``elementwise.py``; its function, method and in-place
variant are generated, and so are its gradient checks (inside ``domain``) and PyTorch comparisons.
"""
import numpy as np

from ...parity.correctly_rounded import rounded
from ..spec import op
from . import helpers
from .helpers import _is_tensor

# On arrays plain NumPy; on Tensors (under create_graph=True) recorded ops, as in helpers.py.


def sqrt(v):
    return v.sqrt() if _is_tensor(v) else np.sqrt(v)


def sinh(v):
    return v.sinh() if _is_tensor(v) else np.sinh(v)


def cosh(v):
    return v.cosh() if _is_tensor(v) else np.cosh(v)


FLOAT_API = ("function", "method", "inplace")

SIN = op("sin", grad_fn="SinBackward0", forward=rounded(np.sin),
         vjp={"self": lambda grad, self: grad * helpers.cos(self)},
         local={"self": ("cos({self})", r"\cos {self}")}, shows_as="sin({self})", api=FLOAT_API,
         doc="The sine of each element (in radians).")
COS = op("cos", grad_fn="CosBackward0", forward=rounded(np.cos),
         vjp={"self": lambda grad, self: grad * -helpers.sin(self)},
         local={"self": ("-sin({self})", r"-\sin {self}")}, shows_as="cos({self})", api=FLOAT_API,
         doc="The cosine of each element (in radians).")
# tan is checked on [0, 1]: on [-2, 2] it would cross its pole at π/2.
TAN = op("tan", grad_fn="TanBackward0", forward=rounded(np.tan),
         vjp={"self": lambda grad, result: grad * (1 + result * result)},
         local={"self": ("1 + tan²({self})", r"1 + \tan^2 {self}")}, shows_as="tan({self})",
         domain="unit", api=FLOAT_API, doc="The tangent of each element (in radians).")
# asin and acos are checked inside (-1, 1), away from the ends where their slope is infinite.
ASIN = op("asin", grad_fn="AsinBackward0", forward=rounded(np.arcsin),
          vjp={"self": lambda grad, self: grad / sqrt(1 - self * self)},
          local={"self": ("1/√(1 - {self}²)", r"\frac{1}{\sqrt{1 - {self}^2}}")}, shows_as="asin({self})",
          domain="probability", api=FLOAT_API, doc="The arcsine of each element (nan outside [-1, 1]).")
ACOS = op("acos", grad_fn="AcosBackward0", forward=rounded(np.arccos),
          vjp={"self": lambda grad, self: -grad / sqrt(1 - self * self)},
          local={"self": ("-1/√(1 - {self}²)", r"-\frac{1}{\sqrt{1 - {self}^2}}")}, shows_as="acos({self})",
          domain="probability", api=FLOAT_API, doc="The arccosine of each element (nan outside [-1, 1]).")
ATAN = op("atan", grad_fn="AtanBackward0", forward=rounded(np.arctan),
          vjp={"self": lambda grad, self: grad / (1 + self * self)},
          local={"self": ("1/(1 + {self}²)", r"\frac{1}{1 + {self}^2}")}, shows_as="atan({self})",
          api=FLOAT_API, doc="The arctangent of each element, in (-π/2, π/2).")
SINH = op("sinh", grad_fn="SinhBackward0", forward=rounded(np.sinh),
          vjp={"self": lambda grad, self: grad * cosh(self)},
          local={"self": ("cosh({self})", r"\cosh {self}")}, shows_as="sinh({self})", api=FLOAT_API,
          doc="The hyperbolic sine of each element.")
COSH = op("cosh", grad_fn="CoshBackward0", forward=rounded(np.cosh),
          vjp={"self": lambda grad, self: grad * sinh(self)},
          local={"self": ("sinh({self})", r"\sinh {self}")}, shows_as="cosh({self})", api=FLOAT_API,
          doc="The hyperbolic cosine of each element.")

ASINH = op("asinh", grad_fn="AsinhBackward0", forward=rounded(np.arcsinh),
           vjp={"self": lambda grad, self: grad / sqrt(self * self + 1)},
           local={"self": ("1/√({self}² + 1)", r"\frac{1}{\sqrt{{self}^2 + 1}}")}, shows_as="asinh({self})",
           api=FLOAT_API, doc="The inverse hyperbolic sine of each element.")
# acosh is checked above 1 (it is defined from 1 on, with an infinite slope there).
ACOSH = op("acosh", grad_fn="AcoshBackward0", forward=rounded(np.arccosh),
           vjp={"self": lambda grad, self: grad / sqrt(self * self - 1)},
           local={"self": ("1/√({self}² - 1)", r"\frac{1}{\sqrt{{self}^2 - 1}}")}, shows_as="acosh({self})",
           domain="above one", api=FLOAT_API, doc="The inverse hyperbolic cosine of each element (nan below 1).")
ATANH = op("atanh", grad_fn="AtanhBackward0", forward=rounded(np.arctanh),
           vjp={"self": lambda grad, self: grad / (1 - self * self)},
           local={"self": ("1/(1 - {self}²)", r"\frac{1}{1 - {self}^2}")}, shows_as="atanh({self})",
           domain="probability", api=FLOAT_API,
           doc="The inverse hyperbolic tangent of each element (±inf at ±1, nan beyond).")

__all__ = ["SIN", "COS", "TAN", "ASIN", "ACOS", "ATAN", "SINH", "COSH", "ASINH", "ACOSH", "ATANH"]
