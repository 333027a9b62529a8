"""Elementwise functions of one tensor: exp, log, tanh, sigmoid, relu.

Each is one ``op(...)`` (see ``engine/spec.py``); its module function, Tensor method and in-place
variant are generated from ``api``. The others (sqrt, abs, log1p, erf, gelu, elu...) are in
``elementwise_more.py``, sin, cos and their family in ``trigonometry.py``: adding one is adding an
entry there (then run ``python docs/make_cheatsheet.py``).
"""
import numpy as np

from ...parity.correctly_rounded import rounded
from ..spec import op
from .gradient_ops import sigmoid_backward, tanh_backward, threshold_backward  # one op each in PyTorch
from .helpers import where

FLOAT_API = ("function", "method", "inplace")


def _sigmoid_forward(self):
    return 1 / (1 + np.exp(-self))


EXP = op("exp", grad_fn="ExpBackward0", forward=rounded(np.exp),
         vjp={"self": lambda grad, result: grad * result},
         local={"self": ("e^{self}", r"e^{{self}}")}, shows_as="exp({self})", api=FLOAT_API,
         doc="e to the power of each element.")
LOG = op("log", grad_fn="LogBackward0", forward=rounded(np.log),
         vjp={"self": lambda grad, self: grad / self},
         local={"self": ("1/{self}", r"\frac{1}{{self}}")}, shows_as="log({self})", domain="positive",
         api=("function", "method", "inplace"), doc="The natural logarithm ln(x) of each element (nan below 0, -inf at 0).")
TANH = op("tanh", grad_fn="TanhBackward0", forward=rounded(np.tanh),
          vjp={"self": lambda grad, result: tanh_backward(grad, result)},
          local={"self": ("1 - tanh²({self})", r"1 - \tanh^2 {self}")}, shows_as="tanh({self})",
          api=FLOAT_API + ("functional",), doc="The hyperbolic tangent of each element.")
SIGMOID = op("sigmoid", grad_fn="SigmoidBackward0", forward=_sigmoid_forward,
             vjp={"self": lambda grad, result: sigmoid_backward(grad, result)},
             local={"self": ("σ({self})·(1 - σ({self}))", r"\sigma({self})\,(1-\sigma({self}))")},
             shows_as="sigmoid({self})", api=FLOAT_API + ("functional",),
             doc="The logistic function 1 / (1 + e^-x) of each element.")
# relu keeps x unless x < 0, as PyTorch does: relu(-0.0) prints -0. there (np.maximum would give 0.)
RELU = op("relu", grad_fn="ReluBackward0", forward=lambda self: where(self < 0, self.dtype.type(0), self),
          vjp={"self": lambda grad, result: threshold_backward(grad, result, 0)},
          local={"self": ("1 if {self} > 0 else 0", r"\mathbb{1}[{self} > 0]")}, shows_as="relu({self})",
          domain="nonzero")


__all__ = ['EXP', 'LOG', 'TANH', 'SIGMOID', 'RELU']
