"""Elementwise functions of one tensor (and a few of two): exp, log, sin, relu...

Each is one ``op(...)`` (see ``engine/spec.py``); its module function, Tensor method and in-place
variant are generated from ``api``. Adding one is adding an entry here (then run
``python docs/make_cheatsheet.py``).
"""
import math

import numpy as np

from ...parity.float32_order import rounded
from ..spec import op
from .helpers import _is_tensor, cos, exp, sigmoid, sign, sin, where

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
LOG1P = op("log1p", grad_fn="Log1PBackward0", forward=rounded(np.log1p),
           vjp={"self": lambda grad, self: grad / (1 + self)},
           local={"self": ("1/(1 + {self})", r"\frac{1}{1 + {self}}")}, shows_as="log1p({self})",
           domain="positive", api=FLOAT_API, doc="ln(1 + x), accurate for tiny x.")
LOG2 = op("log2", grad_fn="Log2Backward0", forward=rounded(np.log2),
          vjp={"self": lambda grad, self: grad / (self * math.log(2))},
          local={"self": ("1/({self}·ln 2)", r"\frac{1}{{self} \ln 2}")}, shows_as="log2({self})",
          domain="positive", api=FLOAT_API, doc="The base-2 logarithm of each element.")
LOG10 = op("log10", grad_fn="Log10Backward0", forward=rounded(np.log10),
           vjp={"self": lambda grad, self: grad / (self * math.log(10))},
           local={"self": ("1/({self}·ln 10)", r"\frac{1}{{self} \ln 10}")}, shows_as="log10({self})",
           domain="positive", api=FLOAT_API, doc="The base-10 logarithm of each element.")
RSQRT = op("rsqrt", grad_fn="RsqrtBackward0", forward=lambda self: 1 / np.sqrt(self),
           vjp={"self": lambda grad, result: -0.5 * grad * result * result * result},
           local={"self": ("-1/(2·{self}^1.5)", r"-\frac{1}{2 {self}^{3/2}}")}, shows_as="rsqrt({self})",
           domain="positive", api=FLOAT_API, doc="1 / sqrt(x) of each element.")
EXPM1 = op("expm1", grad_fn="Expm1Backward0", forward=rounded(np.expm1),
           vjp={"self": lambda grad, result: grad * (result + 1)},
           local={"self": ("e^{self}", r"e^{{self}}")}, shows_as="expm1({self})", api=FLOAT_API,
           doc="e^x - 1 of each element, accurate for tiny x.")
LOGADDEXP = op("logaddexp", grad_fn="LogaddexpBackward0", forward=np.logaddexp,
               vjp={"self": lambda grad, self, other: grad / (1 + exp(other - self)),
                    "other": lambda grad, self, other: grad / (1 + exp(self - other))},
               local={"self": ("1/(1 + e^({other} - {self}))", r"\frac{1}{1 + e^{{other} - {self}}}"),
                      "other": ("1/(1 + e^({self} - {other}))", r"\frac{1}{1 + e^{{self} - {other}}}")},
               shows_as="logaddexp({self}, {other})", api=("function", "method"),
               doc="log(e^x + e^y) of each pair of elements, without overflow.")
# relu keeps x unless x < 0, as PyTorch does: relu(-0.0) prints -0. there (np.maximum would give 0.)
RELU = op("relu", grad_fn="ReluBackward0", forward=lambda self: where(self < 0, self.dtype.type(0), self),
          vjp={"self": lambda grad, result: threshold_backward(grad, result, 0)},
          local={"self": ("1 if {self} > 0 else 0", r"\mathbb{1}[{self} > 0]")}, shows_as="relu({self})",
          domain="nonzero")
ABS = op("abs", grad_fn="AbsBackward0", forward=np.abs,
         vjp={"self": lambda grad, self: grad * sign(self)},
         local={"self": ("sign({self})", r"\operatorname{sign}({self})")}, shows_as="abs({self})",
         domain="nonzero")
# Step functions: flat between the jumps, so the derivative is 0 (PyTorch passes zeros back).
FLOOR = op("floor", grad_fn="FloorBackward0", forward=np.floor, vjp={"self": lambda grad: grad * 0.0},
           local={"self": ("0", "0")}, shows_as="floor({self})", domain="away from jumps")
CEIL = op("ceil", grad_fn="CeilBackward0", forward=np.ceil, vjp={"self": lambda grad: grad * 0.0},
          local={"self": ("0", "0")}, shows_as="ceil({self})", domain="away from jumps")
ROUND = op("round", grad_fn="RoundBackward0", forward=np.round, vjp={"self": lambda grad: grad * 0.0},
           local={"self": ("0", "0")}, shows_as="round({self})", domain="away from jumps")
# sign is -1, 0 or 1 (0 for nan and for -0., as in PyTorch): flat on each side of 0.
SIGN = op("sign", grad_fn="SignBackward0",
          forward=lambda self: (self > 0).astype(self.dtype) - (self < 0).astype(self.dtype),
          vjp={"self": lambda grad: grad * 0.0}, local={"self": ("0", "0")}, shows_as="sign({self})",
          domain="nonzero")
def _leaky_relu_backward_forward(grad_output, self, negative_slope):
    return np.where(self > 0, grad_output, grad_output * grad_output.dtype.type(negative_slope))


LEAKY_RELU_BACKWARD = op("leaky_relu_backward", grad_fn="LeakyReluBackwardBackward0",
                         forward=_leaky_relu_backward_forward,
                         vjp={"grad_output": lambda grad, self, negative_slope:
                              leaky_relu_backward(grad, self, negative_slope),
                              "self": lambda grad: grad * 0.0},
                         local={"grad_output": ("1 if {self} > 0 else {negative_slope}",
                                                r"1 \text{ if } {self} > 0 \text{ else } {negative_slope}"),
                                "self": ("0", "0")},
                         shows_as="leaky_relu_backward({grad_output}, {self})", domain="nonzero")


def leaky_relu_backward(grad, self, negative_slope):
    if _is_tensor(grad):
        return LEAKY_RELU_BACKWARD(grad, self, negative_slope=negative_slope)
    return _leaky_relu_backward_forward(grad, self, negative_slope)


LEAKY_RELU = op("leaky_relu", grad_fn="LeakyReluBackward0",
                forward=lambda self, negative_slope: np.where(self > 0, self, self * self.dtype.type(negative_slope)),
                vjp={"self": lambda grad, self, negative_slope: leaky_relu_backward(grad, self, negative_slope)},
                local={"self": ("1 if {self} > 0 else {negative_slope}",
                                r"1 \text{ if } {self} > 0 \text{ else } {negative_slope}")},
                shows_as="leaky_relu({self}, {negative_slope})", domain="nonzero")
# In place (leaky_relu_), PyTorch's rule reads the result instead of the overwritten input: the
# same slope, since the result is positive exactly where the input was (for a positive slope).
LEAKY_RELU_ = op("leaky_relu_", grad_fn="LeakyReluBackward1", forward=LEAKY_RELU.forward,
                 vjp={"self": lambda grad, result, negative_slope: where(result > 0, grad, grad * negative_slope)},
                 local=LEAKY_RELU.local, shows_as="leaky_relu_({self}, {negative_slope})", domain="nonzero")


def _softplus_forward(self, beta, threshold):
    # Above the threshold softplus(x) equals x to within rounding, and exp would overflow.
    with np.errstate(over="ignore"):
        curve = rounded(np.log1p)(rounded(np.exp)(self * self.dtype.type(beta))) / self.dtype.type(beta)
    return np.where(self * beta > threshold, self, curve)


def _softplus_backward_forward(grad_output, self, beta, threshold):
    return np.where(self * beta > threshold, grad_output, grad_output * sigmoid(self * beta))


SOFTPLUS_BACKWARD = op(
    "softplus_backward", grad_fn="SoftplusBackwardBackward0", forward=_softplus_backward_forward,
    vjp={"grad_output": lambda grad, self, beta, threshold: softplus_backward(grad, self, beta, threshold),
         "self": lambda grad, grad_output, self, beta, threshold: where(
             self * beta > threshold, grad * 0.0,
             grad * grad_output * beta * sigmoid(self * beta) * (1 - sigmoid(self * beta)))},
    local={"grad_output": ("σ({beta}·{self})", r"\sigma({beta}\,{self})"),
           "self": ("{grad_output}·{beta}·σ'({beta}·{self})", r"{grad_output}\,{beta}\,\sigma'({beta}\,{self})")},
    shows_as="softplus_backward({grad_output}, {self})")


def softplus_backward(grad, self, beta, threshold):
    if _is_tensor(grad):
        return SOFTPLUS_BACKWARD(grad, self, beta=beta, threshold=threshold)
    return _softplus_backward_forward(grad, self, beta, threshold)


SOFTPLUS = op("softplus", grad_fn="SoftplusBackward0", forward=_softplus_forward,
              vjp={"self": lambda grad, self, beta, threshold: softplus_backward(grad, self, beta, threshold)},
              local={"self": ("σ({beta}·{self})", r"\sigma({beta}\,{self})")},
              shows_as="softplus({self})")


# -- More activations (nn.functional and nn modules: ELU, GELU, SiLU, Mish, Hardtanh, ReLU6) --------
_ERF = np.frompyfunc(math.erf, 1, 1)  # NumPy has no erf; math.erf is exact to the last bit


def _erf_forward(self):
    return _ERF(self).astype(self.dtype) if self.ndim else self.dtype.type(math.erf(self))


def _on(v, name):
    """``v.name()`` on a Tensor (recording the graph), NumPy's ``name`` on an array."""
    return getattr(v, name)() if hasattr(v, "_array") else getattr(np, name)(v)


def _erf(v):
    return v.erf() if hasattr(v, "_array") else _erf_forward(v)


ERF = op("erf", grad_fn="ErfBackward0", forward=_erf_forward,
         vjp={"self": lambda grad, self: grad * (2 / math.sqrt(math.pi)) * exp(-self * self)},
         local={"self": ("2/√π·e^(-{self}²)", r"\frac{2}{\sqrt{\pi}} e^{-{self}^2}")}, shows_as="erf({self})",
         api=FLOAT_API, doc="The error function erf(x) = 2/√π ∫₀ˣ e^(-t²) dt of each element.")
ELU = op("elu", grad_fn="EluBackward0",
         forward=lambda self, alpha: np.where(self > 0, self, self.dtype.type(alpha) * np.expm1(self)),
         vjp={"self": lambda grad, self, alpha: where(self > 0, grad, grad * alpha * exp(self))},
         local={"self": ("1 if {self} > 0 else {alpha}·e^{self}", r"1 \text{ if } {self} > 0 \text{ else } {alpha} e^{{self}}")},
         shows_as="elu({self}, {alpha})", domain="nonzero")
# elu_ overwrites its input, so PyTorch's node keeps the result instead: e^x = (result + alpha)/alpha.
ELU_ = op("elu_", grad_fn="EluBackward1", forward=ELU.forward,
          vjp={"self": lambda grad, result, alpha: where(result > 0, grad, grad * (result + alpha))},
          local={"self": ("1 if {self} > 0 else elu({self}) + {alpha}", r"1 \text{ if } {self} > 0 \text{ else } \mathrm{elu}({self}) + {alpha}")},
          shows_as="elu_({self}, {alpha})", domain="nonzero")


def _gelu_forward(self, approximate):
    if approximate == "tanh":
        inner = self.dtype.type(math.sqrt(2 / math.pi)) * (self + self.dtype.type(0.044715) * self ** 3)
        return self.dtype.type(0.5) * self * (1 + np.tanh(inner))
    return (self * (1 + _erf_forward(self / self.dtype.type(math.sqrt(2)))) / 2).astype(self.dtype)


def _gelu_rule(grad, self, approximate):
    if approximate == "tanh":
        inner = math.sqrt(2 / math.pi) * (self + 0.044715 * self * self * self)
        t = _on(inner, "tanh")
        slope = math.sqrt(2 / math.pi) * (1 + 3 * 0.044715 * self * self)
        return grad * (0.5 * (1 + t) + 0.5 * self * (1 - t * t) * slope)
    cdf = 0.5 * (1 + _erf(self / math.sqrt(2)))  # Φ(x), the standard normal's distribution function
    pdf = exp(-0.5 * self * self) / math.sqrt(2 * math.pi)  # φ(x), its density
    return grad * (cdf + self * pdf)


GELU = op("gelu", grad_fn="GeluBackward0", forward=_gelu_forward, vjp={"self": _gelu_rule},
          local={"self": ("Φ({self}) + {self}·φ({self})", r"\Phi({self}) + {self}\,\varphi({self})")},
          shows_as="gelu({self})")
SILU = op("silu", grad_fn="SiluBackward0", forward=lambda self: self * _sigmoid_forward(self),
          vjp={"self": lambda grad, self: grad * sigmoid(self) * (1 + self * (1 - sigmoid(self)))},
          local={"self": ("σ({self})·(1 + {self}·(1 - σ({self})))", r"\sigma({self})(1 + {self}(1 - \sigma({self})))")},
          shows_as="silu({self})")


def _mish_forward(self):
    return self * np.tanh(_softplus_forward(self, 1.0, 20.0))


def _mish_rule(grad, self):
    t = _on(_on(exp(self), "log1p"), "tanh")  # tanh(softplus(x))
    return grad * (t + self * (1 - t * t) * sigmoid(self))


MISH = op("mish", grad_fn="MishBackward0", forward=_mish_forward, vjp={"self": _mish_rule},
          local={"self": ("tanh(sp) + {self}·(1 - tanh²(sp))·σ({self}), sp = softplus({self})",
                          r"\tanh s + {self}(1 - \tanh^2 s)\,\sigma({self})")},
          shows_as="mish({self})")
# hardtanh clips to [min_val, max_val]; relu6 is hardtanh(x, 0, 6) and PyTorch records it so too.
HARDTANH = op("hardtanh", grad_fn="HardtanhBackward0",
              forward=lambda self, min_val, max_val: np.clip(self, min_val, max_val).astype(self.dtype),
              vjp={"self": lambda grad, self, min_val, max_val:
                   where((self > min_val) & (self < max_val), grad, 0.0)},
              local={"self": ("1 if {min_val} < {self} < {max_val} else 0",
                              r"\mathbb{1}[{min_val} < {self} < {max_val}]")},
              shows_as="hardtanh({self}, {min_val}, {max_val})", domain="away from jumps")


__all__ = ['LEAKY_RELU_BACKWARD', 'SOFTPLUS_BACKWARD', 'TANH_BACKWARD', 'SIGMOID_BACKWARD', 'THRESHOLD_BACKWARD', 'ERF', 'ELU', 'ELU_', 'GELU', 'SILU', 'MISH', 'HARDTANH', 'EXPM1', 'LOGADDEXP', 'EXP', 'LOG', 'SQRT', 'SIN', 'COS', 'TANH', 'SIGMOID', 'LOG1P', 'LOG2', 'LOG10', 'RSQRT', 'RELU', 'ABS', 'FLOOR', 'CEIL', 'ROUND', 'SIGN', 'LEAKY_RELU', 'LEAKY_RELU_', 'SOFTPLUS']
