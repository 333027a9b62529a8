"""Elementwise functions of one tensor: exp, log, sqrt, sin, cos, tanh, sigmoid, relu, abs.

Each is one ``op(...)`` (see ``engine/spec.py``); its module function, Tensor method and in-place
variant are generated from ``api``. The other elementwise ops (log1p, expm1, erf, floor, the
activations gelu, elu, softplus...) are in ``elementwise_more.py`` and ``trigonometry.py``: adding
one is adding an entry there (then run ``python docs/make_cheatsheet.py``).
"""
import numpy as np

from ...parity.correctly_rounded import rounded
from ..spec import op
from .helpers import _is_tensor, cos, sign, sin, where

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
SQRT = op("sqrt", grad_fn="SqrtBackward0", forward=np.sqrt,
          vjp={"self": lambda grad, result: grad / (2 * result)},
          local={"self": ("1/(2·√{self})", r"\frac{1}{2\sqrt{{self}}}")}, shows_as="sqrt({self})",
          domain="positive", api=FLOAT_API, doc="The square root of each element.")
SIN = op("sin", grad_fn="SinBackward0", forward=rounded(np.sin),
         vjp={"self": lambda grad, self: grad * cos(self)},
         local={"self": ("cos({self})", r"\cos {self}")}, shows_as="sin({self})", api=FLOAT_API,
         doc="The sine of each element (in radians).")
COS = op("cos", grad_fn="CosBackward0", forward=rounded(np.cos),
         vjp={"self": lambda grad, self: grad * -sin(self)},
         local={"self": ("-sin({self})", r"-\sin {self}")}, shows_as="cos({self})", api=FLOAT_API,
         doc="The cosine of each element (in radians).")
# PyTorch computes the gradient of tanh, sigmoid and relu with one op of its own (tanh_backward...),
# so under create_graph that gradient's grad_fn is TanhBackwardBackward0, not a MulBackward0. The
# ops below are those: each is a gradient that can itself be differentiated.
TANH_BACKWARD = op("tanh_backward", grad_fn="TanhBackwardBackward0",
                   forward=lambda grad_output, output: grad_output * (1 - output * output),
                   vjp={"grad_output": lambda grad, output: tanh_backward(grad, output),
                        "output": lambda grad, grad_output, output: -2 * grad * grad_output * output},
                   local={"grad_output": ("1 - {output}²", r"1 - {output}^2"),
                          "output": ("-2·{grad_output}·{output}", r"-2\,{grad_output}\,{output}")},
                   shows_as="tanh_backward({grad_output}, {output})")
SIGMOID_BACKWARD = op("sigmoid_backward", grad_fn="SigmoidBackwardBackward0",
                      forward=lambda grad_output, output: grad_output * (1 - output) * output,
                      vjp={"grad_output": lambda grad, output: sigmoid_backward(grad, output),
                           "output": lambda grad, grad_output, output: grad * grad_output * (1 - 2 * output)},
                      local={"grad_output": ("{output}·(1 - {output})", r"{output}\,(1 - {output})"),
                             "output": ("{grad_output}·(1 - 2·{output})", r"{grad_output}\,(1 - 2\,{output})")},
                      shows_as="sigmoid_backward({grad_output}, {output})")
THRESHOLD_BACKWARD = op("threshold_backward", grad_fn="ThresholdBackwardBackward0",
                        forward=lambda grad_output, self, threshold: np.where(
                            self <= threshold, grad_output.dtype.type(0), grad_output),
                        vjp={"grad_output": lambda grad, self, threshold: threshold_backward(grad, self, threshold),
                             "self": lambda grad: grad * 0.0},
                        local={"grad_output": ("1 if {self} > {threshold} else 0",
                                               r"\mathbb{1}[{self} > {threshold}]"),
                               "self": ("0", "0")},
                        shows_as="threshold_backward({grad_output}, {self})", domain="nonzero")


def tanh_backward(grad, output):
    """The gradient of tanh: ``grad · (1 - tanh²)``, recorded as one node under create_graph."""
    return TANH_BACKWARD(grad, output) if _is_tensor(grad) else grad * (1 - output * output)


def sigmoid_backward(grad, output):
    """The gradient of sigmoid: ``grad · σ · (1 - σ)``, one node under create_graph."""
    return SIGMOID_BACKWARD(grad, output) if _is_tensor(grad) else grad * (1 - output) * output


def threshold_backward(grad, self, threshold):
    """The gradient of relu (and threshold): ``grad`` where ``self > threshold``, else 0."""
    if _is_tensor(grad):
        return THRESHOLD_BACKWARD(grad, self, threshold=threshold)
    return np.where(self <= threshold, grad.dtype.type(0), grad)


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
ABS = op("abs", grad_fn="AbsBackward0", forward=np.abs,
         vjp={"self": lambda grad, self: grad * sign(self)},
         local={"self": ("sign({self})", r"\operatorname{sign}({self})")}, shows_as="abs({self})",
         domain="nonzero")


__all__ = ['EXP', 'LOG', 'SQRT', 'SIN', 'COS', 'TANH_BACKWARD', 'SIGMOID_BACKWARD', 'THRESHOLD_BACKWARD', 'TANH', 'SIGMOID', 'RELU', 'ABS']
