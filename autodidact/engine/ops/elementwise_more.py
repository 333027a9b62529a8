"""The rest of the elementwise ops: log1p, log2, log10, rsqrt, expm1, logaddexp, the step functions
(floor, ceil, round, sign) and the activations of ``nn.functional`` (leaky_relu, softplus, erf,
elu, gelu, silu, mish, hardtanh), each one ``op(...)`` as in ``elementwise.py``. Then the public
functions written by hand: relu (and relu_), abs, sign, floor, ceil, round. They keep an integer
tensor's dtype, as PyTorch does, where the functions made from the specs compute in floating point.
"""
import math

import numpy as np

from ...parity import dtypes
from ...parity.correctly_rounded import rounded
from ..arguments import float_kernel
from ..spec import Tensor, op
from .public import public
from .elementwise import FLOAT_API, RELU, _sigmoid_forward
from . import helpers
from .helpers import _is_tensor, exp, sigmoid, where, zeros_like


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


SQRT = op("sqrt", grad_fn="SqrtBackward0", forward=np.sqrt,
          vjp={"self": lambda grad, result: grad / (2 * result)},
          local={"self": ("1/(2·√{self})", r"\frac{1}{2\sqrt{{self}}}")}, shows_as="sqrt({self})",
          domain="positive", api=FLOAT_API, doc="The square root of each element.")


ABS = op("abs", grad_fn="AbsBackward0", forward=np.abs,
         vjp={"self": lambda grad, self: grad * helpers.sign(self)},
         local={"self": ("sign({self})", r"\operatorname{sign}({self})")}, shows_as="abs({self})",
         domain="nonzero")


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


# Step functions: flat between the jumps, so the derivative is 0 (PyTorch passes zeros back).
FLOOR = op("floor", grad_fn="FloorBackward0", forward=np.floor, vjp={"self": lambda grad: zeros_like(grad)},
           local={"self": ("0", "0")}, shows_as="floor({self})", domain="away from jumps")


CEIL = op("ceil", grad_fn="CeilBackward0", forward=np.ceil, vjp={"self": lambda grad: zeros_like(grad)},
          local={"self": ("0", "0")}, shows_as="ceil({self})", domain="away from jumps")


TRUNC = op("trunc", grad_fn="TruncBackward0", forward=np.trunc, vjp={"self": lambda grad: zeros_like(grad)},
           local={"self": ("0", "0")}, shows_as="trunc({self})", domain="away from jumps")


ROUND = op("round", grad_fn="RoundBackward0", forward=np.round, vjp={"self": lambda grad: zeros_like(grad)},
           local={"self": ("0", "0")}, shows_as="round({self})", domain="away from jumps")


def _round_decimals_forward(self, decimals):
    """Round to ``decimals`` places as PyTorch does, in the input's precision: x·10^d rounded
    (halves to even), then divided by 10^d (for d < 0, x/10^-d rounded, times 10^-d)."""
    scale = self.dtype.type(10.0 ** abs(decimals))
    if decimals < 0:
        return np.rint(self / scale) * scale
    return np.rint(self * scale) / scale


# round(x, decimals=d) is another node in PyTorch, even for d = 0.
ROUND_DECIMALS = op("round_decimals", grad_fn="RoundBackward1", forward=_round_decimals_forward,
                    vjp={"self": lambda grad: zeros_like(grad)}, local={"self": ("0", "0")},
                    shows_as="round({self}, decimals={decimals})", domain="away from jumps")


# sign is -1, 0 or 1 (0 for nan and for -0., as in PyTorch): flat on each side of 0.
SIGN = op("sign", grad_fn="SignBackward0",
          forward=lambda self: (self > 0).astype(self.dtype) - (self < 0).astype(self.dtype),
          vjp={"self": lambda grad: zeros_like(grad)}, local={"self": ("0", "0")}, shows_as="sign({self})",
          domain="nonzero")


def _no_gradient(grad):
    """``zeros_like(grad)``: PyTorch's derivative where there is none (the slope of a slope that is
    constant in pieces). A constant, not recorded: a gradient through it does not require grad."""
    return Tensor._wrap(np.zeros_like(grad._array)) if _is_tensor(grad) else np.zeros_like(grad)


def _leaky_relu_backward_forward(grad_output, self, negative_slope):
    return np.where(self > 0, grad_output, grad_output * grad_output.dtype.type(negative_slope))


LEAKY_RELU_BACKWARD = op("leaky_relu_backward", grad_fn="LeakyReluBackwardBackward0",
                         forward=_leaky_relu_backward_forward,
                         vjp={"grad_output": lambda grad, self, negative_slope:
                              leaky_relu_backward(grad, self, negative_slope),
                              "self": _no_gradient},
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


# As for tanh (ops/gradient_ops.py), PyTorch computes the gradients of elu, gelu and hardtanh with ops of their own
# (elu_backward...), so under create_graph the gradient's grad_fn is EluBackwardBackward0 and so on;
# hardtanh's is recorded even though its own derivative is 0 (the gradient can be differentiated).
def _elu_backward_forward(grad_output, self, alpha):
    return np.where(self > 0, grad_output, grad_output * self.dtype.type(alpha) * np.exp(self))


def elu_backward(grad, self, alpha):
    if _is_tensor(grad):
        return ELU_BACKWARD(grad, self, alpha=alpha)
    return _elu_backward_forward(grad, self, alpha)


ELU_BACKWARD = op("elu_backward", grad_fn="EluBackwardBackward0", forward=_elu_backward_forward,
                  vjp={"grad_output": lambda grad, self, alpha: elu_backward(grad, self, alpha),
                       "self": lambda grad, grad_output, self, alpha:
                       where(self > 0, grad * 0.0, grad * grad_output * alpha * exp(self))},
                  local={"grad_output": ("1 if {self} > 0 else {alpha}·e^{self}",
                                         r"1 \text{ if } {self} > 0 \text{ else } {alpha} e^{{self}}"),
                         "self": ("0 if {self} > 0 else {grad_output}·{alpha}·e^{self}",
                                  r"0 \text{ if } {self} > 0 \text{ else } {grad_output}\,{alpha} e^{{self}}")},
                  shows_as="elu_backward({grad_output}, {self})", domain="nonzero")
ELU = op("elu", grad_fn="EluBackward0",
         forward=lambda self, alpha: np.where(self > 0, self, self.dtype.type(alpha) * np.expm1(self)),
         vjp={"self": lambda grad, self, alpha: elu_backward(grad, self, alpha)},
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


_K, _C = math.sqrt(2 / math.pi), 0.044715  # gelu's tanh approximation: tanh(K·(x + C·x³))


def _gelu_slope(self, approximate):
    """gelu'(x): Φ(x) + x·φ(x) exactly, or the derivative of the tanh approximation."""
    if approximate == "tanh":
        t = _on(_K * (self + _C * self * self * self), "tanh")
        return 0.5 * (1 + t) + 0.5 * self * (1 - t * t) * (_K * (1 + 3 * _C * self * self))
    cdf = 0.5 * (1 + _erf(self / math.sqrt(2)))  # Φ(x), the standard normal's distribution function
    pdf = exp(-0.5 * self * self) / math.sqrt(2 * math.pi)  # φ(x), its density
    return cdf + self * pdf


def _gelu_curvature(self, approximate):
    """gelu''(x): φ(x)·(2 - x²) exactly; for the tanh approximation, with t = tanh(u), u = K(x + Cx³)
    and s = u' = K(1 + 3Cx²): (1 - t²)·s + x·(1 - t²)·(3KCx - t·s²)."""
    if approximate == "tanh":
        t = _on(_K * (self + _C * self * self * self), "tanh")
        slope = _K * (1 + 3 * _C * self * self)
        return (1 - t * t) * slope + self * (1 - t * t) * (3 * _K * _C * self - t * slope * slope)
    return exp(-0.5 * self * self) / math.sqrt(2 * math.pi) * (2 - self * self)


def _gelu_backward_forward(grad_output, self, approximate):
    return (grad_output * _gelu_slope(self, approximate)).astype(grad_output.dtype)


def gelu_backward(grad, self, approximate):
    if _is_tensor(grad):
        return GELU_BACKWARD(grad, self, approximate=approximate)
    return _gelu_backward_forward(grad, self, approximate)


GELU_BACKWARD = op("gelu_backward", grad_fn="GeluBackwardBackward0", forward=_gelu_backward_forward,
                   vjp={"grad_output": lambda grad, self, approximate: gelu_backward(grad, self, approximate),
                        "self": lambda grad, grad_output, self, approximate:
                        grad * grad_output * _gelu_curvature(self, approximate)},
                   local={"grad_output": ("Φ({self}) + {self}·φ({self})", r"\Phi({self}) + {self}\,\varphi({self})"),
                          "self": ("{grad_output}·φ({self})·(2 - {self}²)",
                                   r"{grad_output}\,\varphi({self})\,(2 - {self}^2)")},
                   shows_as="gelu_backward({grad_output}, {self})")
GELU = op("gelu", grad_fn="GeluBackward0", forward=_gelu_forward,
          vjp={"self": lambda grad, self, approximate: gelu_backward(grad, self, approximate)},
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
def _hardtanh_backward_forward(grad_output, self, min_val, max_val):
    return np.where((self > min_val) & (self < max_val), grad_output, grad_output.dtype.type(0))


def hardtanh_backward(grad, self, min_val, max_val):
    if _is_tensor(grad):
        return HARDTANH_BACKWARD(grad, self, min_val=min_val, max_val=max_val)
    return _hardtanh_backward_forward(grad, self, min_val, max_val)


_INSIDE = ("1 if {min_val} < {self} < {max_val} else 0", r"\mathbb{1}[{min_val} < {self} < {max_val}]")
HARDTANH_BACKWARD = op("hardtanh_backward", grad_fn="HardtanhBackwardBackward0",
                       forward=_hardtanh_backward_forward,
                       vjp={"grad_output": lambda grad, self, min_val, max_val:
                            hardtanh_backward(grad, self, min_val, max_val),
                            "self": _no_gradient},
                       local={"grad_output": _INSIDE, "self": ("0", "0")},
                       shows_as="hardtanh_backward({grad_output}, {self})", domain="away from jumps")
HARDTANH = op("hardtanh", grad_fn="HardtanhBackward0",
              forward=lambda self, min_val, max_val: np.clip(self, min_val, max_val).astype(self.dtype),
              vjp={"self": lambda grad, self, min_val, max_val: hardtanh_backward(grad, self, min_val, max_val)},
              local={"self": _INSIDE},
              shows_as="hardtanh({self}, {min_val}, {max_val})", domain="away from jumps")


# ---------------------------------------------------------------------------------------------
# The public functions, written by hand: argument makers (dtypes, checks, PyTorch's errors) that
# call the specs above and those of the teaching file next to this one.


@public("function", "method", "inplace", tensors=("input",))
def relu(t):
    return RELU(t)


@public("function")
def relu_(input):
    """``input.relu_()``: negative values set to 0 in place."""
    return input.relu_()


@public("function", "method", tensors=("input",))
def abs(t):
    return ABS(t)


@public("function", "method", tensors=("input",))
def sign(t):
    """-1, 0 or 1 by the sign of each element. Its derivative is 0 (SignBackward0)."""
    if not t.dtype.is_floating_point:  # no gradient for whole numbers; bools are their own sign
        return Tensor._wrap(t._array.copy() if t.dtype is dtypes.bool_ else np.sign(t._array))
    return SIGN(t)


def _step_function(op, t):
    if not t.dtype.is_floating_point:  # whole numbers already: a copy, as in PyTorch
        return Tensor._wrap(t._array.copy())
    return op(t)


@public("function", "method", tensors=("input",))
def floor(t):
    """Round down to a whole number. Its derivative is 0 (FloorBackward0)."""
    return _step_function(FLOOR, t)


@public("function", "method", tensors=("input",))
def ceil(t):
    """Round up to a whole number. Its derivative is 0 (CeilBackward0)."""
    return _step_function(CEIL, t)


@public("function", "method", tensors=("input",))
def trunc(t):
    """Round toward 0 (drop the fractional part: -1.7 -> -1.). Its derivative is 0 (TruncBackward0)."""
    return _step_function(TRUNC, t)



@public("function", "method", "inplace", tensors=("input",))
def round(t, *, decimals=None):
    """Round to the nearest whole number, halves to even (2.5 -> 2.), or with ``decimals`` to that
    many places (``decimals=-1``: to tens). Its derivative is 0."""
    if decimals is None:
        return _step_function(ROUND, t)
    float_kernel(t.dtype, "round_cpu")  # integers have no decimals to round (PyTorch refuses)
    return ROUND_DECIMALS(t, decimals=decimals)


__all__ = ['SQRT', 'ABS', 'ELU_BACKWARD', 'GELU_BACKWARD', 'HARDTANH_BACKWARD', 'LOG1P', 'LOG2', 'LOG10', 'RSQRT', 'EXPM1', 'LOGADDEXP', 'FLOOR', 'CEIL', 'TRUNC', 'ROUND', 'ROUND_DECIMALS', 'SIGN', 'LEAKY_RELU_BACKWARD', 'LEAKY_RELU', 'LEAKY_RELU_', 'SOFTPLUS_BACKWARD', 'SOFTPLUS', 'ERF', 'ELU', 'ELU_', 'GELU', 'SILU', 'MISH', 'HARDTANH']
