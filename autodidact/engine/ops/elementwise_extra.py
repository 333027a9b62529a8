"""More elementwise functions, the ones PyTorch code reaches for after the basics:

    three tensors   addcmul, addcdiv (input + value·t1·t2, input + value·t1/t2), lerp
    two tensors     atan2, hypot, xlogy, copysign, fmax, fmin, logaddexp2 (and float_power)
    one tensor      logit, nan_to_num, frac, sgn, deg2rad, rad2deg, exp2, sinc, erfc, special.entr
    no gradient     heaviside, gcd, lcm, signbit (steps and whole numbers)

Each differentiable one is an ``op(...)`` as in ``elementwise.py``. Several are a node of their own
for each way PyTorch can call them: ``lerp(a, b, 0.3)`` records LerpBackward0 (a number weight,
no gradient for it) and ``lerp(a, b, w)`` LerpBackward1 (a tensor weight, which gets one).
The public functions after the specs do PyTorch's dtype rules (``atan2`` of integers is float32,
``float_power`` is always float64, ``hypot`` refuses integers) and its errors.
"""
import math
import numbers
import warnings

import numpy as np

from ...parity import dtypes
from ..arguments import check_broadcast, float_kernel, operand
from ..spec import OPS, Tensor, op
from . import helpers
from .arithmetic_more import _no_derivative
from .elementwise import FLOAT_API
from .elementwise_more import _no_gradient
from .helpers import _is_tensor, exp, log, where, zeros_like
from .public import PUBLIC, _not_a_tensor, public

_PI = math.pi


# ---------------------------------------------------------------------------------------------
# Three tensors: input + value·tensor1·tensor2, input + value·tensor1/tensor2, and lerp


def _number(array, value):
    """``value`` as a number of ``array``'s dtype (PyTorch computes a float32 op in float32, and an
    integer addcmul with value=0.5 multiplies by int(0.5) = 0)."""
    return array.dtype.type(value)


ADDCMUL = op("addcmul", grad_fn="AddcmulBackward0",
             forward=lambda self, tensor1, tensor2, value: self + _number(self, value) * tensor1 * tensor2,
             vjp={"self": lambda grad: grad,
                  "tensor1": lambda grad, tensor2, value: grad * (tensor2 * value),
                  "tensor2": lambda grad, tensor1, value: grad * (tensor1 * value)},
             local={"self": ("1", "1"), "tensor1": ("{value}·{tensor2}", r"{value}\,{tensor2}"),
                    "tensor2": ("{value}·{tensor1}", r"{value}\,{tensor1}")},
             shows_as="{self} + {value}·{tensor1}·{tensor2}")
ADDCDIV = op("addcdiv", grad_fn="AddcdivBackward0",
             forward=lambda self, tensor1, tensor2, value: self + _number(self, value) * tensor1 / tensor2,
             vjp={"self": lambda grad: grad,
                  "tensor1": lambda grad, tensor2, value: grad * (value / tensor2),
                  "tensor2": lambda grad, tensor1, tensor2, value: -grad * value * tensor1 / (tensor2 * tensor2)},
             local={"self": ("1", "1"), "tensor1": ("{value}/{tensor2}", r"\frac{{value}}{{tensor2}}"),
                    "tensor2": ("-{value}·{tensor1}/{tensor2}²", r"-\frac{{value}\,{tensor1}}{{tensor2}^2}")},
             shows_as="{self} + {value}·{tensor1}/{tensor2}", domain={"tensor2": "nonzero"})


def _lerp_forward(self, end, weight):
    """self + weight·(end - self), PyTorch's way: from ``end`` back when the weight is 0.5 or more,
    so that weight 1 gives ``end`` exactly (self + 1·(end - self) may be off by rounding)."""
    weight = _number(self, weight) if not isinstance(weight, np.ndarray) else weight
    small = np.abs(weight) < 0.5
    return np.where(small, self + weight * (end - self), end - (end - self) * (1 - weight)).astype(self.dtype)


LERP = op("lerp", grad_fn="LerpBackward0", forward=_lerp_forward,  # a number weight
          vjp={"self": lambda grad, weight: grad * (1 - weight), "end": lambda grad, weight: grad * weight},
          inputs=("self", "end"),
          local={"self": ("1 - {weight}", r"1 - {weight}"), "end": ("{weight}", "{weight}")},
          shows_as="lerp({self}, {end}, {weight})")
LERP_TENSOR = op("lerp_tensor", grad_fn="LerpBackward1", forward=_lerp_forward,  # a tensor weight
                 vjp={"self": lambda grad, weight: grad * (1 - weight), "end": lambda grad, weight: grad * weight,
                      "weight": lambda grad, self, end: grad * (end - self)},
                 local={"self": ("1 - {weight}", r"1 - {weight}"), "end": ("{weight}", "{weight}"),
                        "weight": ("{end} - {self}", r"{end} - {self}")},
                 shows_as="lerp({self}, {end}, {weight})")


# ---------------------------------------------------------------------------------------------
# Two tensors

# atan2 is checked away from 0 for both inputs: at the origin it has no slope, and along
# self = 0 with other < 0 it jumps from π to -π.
ATAN2 = op("atan2", grad_fn="Atan2Backward0", forward=np.arctan2,
           vjp={"self": lambda grad, self, other: grad * other / (self * self + other * other),
                "other": lambda grad, self, other: grad * -self / (self * self + other * other)},
           local={"self": ("{other}/({self}² + {other}²)", r"\frac{{other}}{{self}^2 + {other}^2}"),
                  "other": ("-{self}/({self}² + {other}²)", r"-\frac{{self}}{{self}^2 + {other}^2}")},
           shows_as="atan2({self}, {other})", domain="nonzero")
HYPOT = op("hypot", grad_fn="HypotBackward0", forward=np.hypot,
           vjp={"self": lambda grad, self, result: grad * self / result,
                "other": lambda grad, other, result: grad * other / result},
           local={"self": ("{self}/hypot({self}, {other})", r"\frac{{self}}{\sqrt{{self}^2 + {other}^2}}"),
                  "other": ("{other}/hypot({self}, {other})", r"\frac{{other}}{\sqrt{{self}^2 + {other}^2}}")},
           shows_as="hypot({self}, {other})", domain="nonzero")


def _array_of(v):
    return v._array if _is_tensor(v) else v


def _xlogy_forward(self, other):
    """x·ln(y), and 0 where x is 0 (even where ln y is -inf), unless y is nan."""
    product = self * np.log(other)
    return np.where((self == 0) & ~np.isnan(other), self.dtype.type(0), product).astype(product.dtype)


def _xlogy(x, y):
    """``xlogy`` on arrays, or recorded on Tensors (the rules below use it under create_graph);
    ``y`` may be a number."""
    if _is_tensor(y):
        x = x if _is_tensor(x) else Tensor._wrap(np.asarray(x, dtype=y._array.dtype))
        return XLOGY.on((x._array, y._array), (x, y))
    if _is_tensor(x):
        return XLOGY_NUMBER_OTHER.on((x._array,), (x,), {"other": y})
    return _xlogy_forward(x, np.asarray(y, dtype=x.dtype))


def _xlogy_self_rule(grad, self, other):
    """d/dx x·ln(y) = ln(y), times grad as xlogy(grad, y) (0 where grad is 0, even for y = 0)."""
    cleared = (_array_of(self) == 0) & (_array_of(other) <= 0)
    return where(helpers.constant(cleared, grad), 0.0, _xlogy(grad, other))


def _xlogy_number_rule(grad, self, other):
    """The same for a number ``other``: also cleared where self is 0 and other is nan."""
    if other > 0:
        return _xlogy(grad, other)
    return where(helpers.constant(_array_of(self) == 0, grad), 0.0, _xlogy(grad, other))


_XLOGY_SELF = ("ln({other}) (0 where {self} = 0 and {other} ≤ 0)", r"\ln {other}")
XLOGY = op("xlogy", grad_fn="XlogyBackward0", forward=_xlogy_forward,
           vjp={"self": _xlogy_self_rule, "other": lambda grad, self, other: grad * self / other},
           local={"self": _XLOGY_SELF, "other": ("{self}/{other}", r"\frac{{self}}{{other}}")},
           shows_as="xlogy({self}, {other})", domain={"other": "positive"})
XLOGY_NUMBER_SELF = op("xlogy_number_self", grad_fn="XlogyBackward1",  # xlogy(2.0, y)
                       forward=lambda other, self: _xlogy_forward(np.asarray(self, other.dtype), other),
                       vjp={"other": lambda grad, other, self: grad * self / other},
                       local={"other": ("{self}/{other}", r"\frac{{self}}{{other}}")},
                       shows_as="xlogy({self}, {other})", domain="positive")
XLOGY_NUMBER_OTHER = op("xlogy_number_other", grad_fn="XlogyBackward2",  # xlogy(x, 2.0)
                        forward=lambda self, other: _xlogy_forward(self, np.asarray(other, self.dtype)),
                        vjp={"self": _xlogy_number_rule}, local={"self": _XLOGY_SELF},
                        shows_as="xlogy({self}, {other})")


def _copysign_slope(self, result):
    """d/dx copysign(x, y) = ±1: result/x, and 0 where x is 0 (PyTorch's masked ratio)."""
    return where(self == 0, 0.0, result / self)


COPYSIGN = op("copysign", grad_fn="CopysignBackward0", forward=np.copysign,
              vjp={"self": lambda grad, self, result: grad * _copysign_slope(self, result),
                   "other": lambda grad: zeros_like(grad)},
              local={"self": ("sign({self})·sign({other})", r"\operatorname{sign}({self})\operatorname{sign}({other})"),
                     "other": ("0", "0")},
              shows_as="copysign({self}, {other})", domain="nonzero")
COPYSIGN_NUMBER = op("copysign_number", grad_fn="CopysignBackward1",
                     forward=lambda self, other: np.copysign(self, self.dtype.type(other)),
                     vjp={"self": lambda grad, self, result: grad * _copysign_slope(self, result)},
                     local={"self": ("sign({self})·sign({other})",
                                     r"\operatorname{sign}({self})\operatorname{sign}({other})")},
                     shows_as="copysign({self}, {other})", domain="nonzero")


# fmax and fmin ignore nan (the other value wins); a tie gives the whole gradient to ``self``.
def _fmax_self(self, other):
    return (self >= other) | np.isnan(_array_of(other))


def _masked(grad, keep):
    """``grad`` where ``keep`` (an array of bools) is True, else 0."""
    return where(helpers.constant(keep, grad), grad, 0.0) if _is_tensor(grad) else np.where(keep, grad, 0.0)


FMAX = op("fmax", grad_fn="FmaxBackward0", forward=np.fmax,
          vjp={"self": lambda grad, self, other: _masked(grad, _fmax_self(_array_of(self), _array_of(other))),
               "other": lambda grad, self, other: _masked(grad, ~_fmax_self(_array_of(self), _array_of(other)))},
          local={"self": ("1 if {self} ≥ {other} or {other} is nan, else 0",
                          r"\mathbb{1}[{self} \ge {other}]"),
                 "other": ("1 if {other} > {self} or {self} is nan, else 0", r"\mathbb{1}[{other} > {self}]")},
          shows_as="fmax({self}, {other})")
FMIN = op("fmin", grad_fn="FminBackward0", forward=np.fmin,
          vjp={"self": lambda grad, self, other: _masked(grad, (_array_of(self) <= _array_of(other))
                                                         | np.isnan(_array_of(other))),
               "other": lambda grad, self, other: _masked(grad, ~((_array_of(self) <= _array_of(other))
                                                                  | np.isnan(_array_of(other))))},
          local={"self": ("1 if {self} ≤ {other} or {other} is nan, else 0", r"\mathbb{1}[{self} \le {other}]"),
                 "other": ("1 if {other} < {self} or {self} is nan, else 0", r"\mathbb{1}[{other} < {self}]")},
          shows_as="fmin({self}, {other})")
def _logaddexp2_forward(self, other):
    """The larger value plus log₂(1 + 2^-|difference|), as PyTorch computes it (logaddexp2(-1, -1)
    in float32 is then -1.06e-08, not 0); two equal infinities give themselves."""
    larger = np.maximum(self, other)
    log2_term = np.log1p(np.exp2(-np.abs(self - other)))
    scale = larger.dtype.type(1 / math.log(2))
    if larger.dtype == np.float32:  # PyTorch multiplies and adds in one rounding (a fused multiply-add)
        value = (larger.astype(np.float64) + log2_term.astype(np.float64) * np.float64(scale)).astype(np.float32)
    else:
        value = larger + log2_term * scale
    return np.where(np.isinf(self) & (self == other), self, value)


LOGADDEXP2 = op("logaddexp2", grad_fn="Logaddexp2Backward0", forward=_logaddexp2_forward,
                vjp={"self": lambda grad, self, other: grad / (1 + 2 ** (other - self)),
                     "other": lambda grad, self, other: grad / (1 + 2 ** (self - other))},
                local={"self": ("1/(1 + 2^({other} - {self}))", r"\frac{1}{1 + 2^{{other} - {self}}}"),
                       "other": ("1/(1 + 2^({self} - {other}))", r"\frac{1}{1 + 2^{{self} - {other}}}")},
                shows_as="logaddexp2({self}, {other})")


LDEXP = op("ldexp", grad_fn="LdexpBackward0", forward=lambda self, other: self * np.exp2(other),
           vjp={"self": lambda grad, other: grad * 2 ** other,
                "other": lambda grad, result: grad * result * math.log(2)},
           local={"self": ("2^{other}", r"2^{{other}}"), "other": ("{self}·2^{other}·ln 2", r"{self}\,2^{{other}} \ln 2")},
           shows_as="ldexp({self}, {other})")


# ---------------------------------------------------------------------------------------------
# One tensor


def _logit_forward(self, eps):
    if eps is not None:
        self = np.clip(self, eps, 1 - eps).astype(self.dtype)
    return np.log(self / (1 - self))


def _logit_rule(grad, self, eps):
    """1/(x(1 - x)) inside [eps, 1 - eps] (its ends included) and 0 outside, where the input was
    clamped; without eps, nan outside [0, 1], where logit is not defined."""
    low, high = (0.0, 1.0) if eps is None else (eps, 1 - eps)
    outside = 0.0 if eps is not None else math.nan
    return where((self >= low) & (self <= high), grad / (self * (1 - self)), outside)


LOGIT = op("logit", grad_fn="LogitBackward0", forward=_logit_forward, vjp={"self": _logit_rule},
           local={"self": ("1/({self}·(1 - {self})), 0 where clamped to [eps, 1 - eps]",
                           r"\frac{1}{{self}(1 - {self})}")},
           shows_as="logit({self})", domain="probability")


def _nan_to_num_forward(self, nan, posinf, neginf):
    info = np.finfo(self.dtype)
    replaced = np.where(np.isnan(self), self.dtype.type(nan), self)
    replaced = np.where(replaced == np.inf, self.dtype.type(info.max if posinf is None else posinf), replaced)
    return np.where(replaced == -np.inf, self.dtype.type(info.min if neginf is None else neginf), replaced)


def _finite(self, like):
    return helpers.constant(np.isfinite(_array_of(self)).astype(helpers.dtype_of(like)), like)


NAN_TO_NUM = op("nan_to_num", grad_fn="NanToNumBackward0", forward=_nan_to_num_forward,
                vjp={"self": lambda grad, self: grad * _finite(self, grad)},
                local={"self": ("1 where {self} is finite, else 0", r"\mathbb{1}[{self} \text{ finite}]")},
                shows_as="nan_to_num({self})")
FRAC = op("frac", grad_fn="FracBackward0", forward=lambda self: self - np.trunc(self),
          vjp={"self": lambda grad: grad}, local={"self": ("1", "1")}, shows_as="frac({self})",
          domain="away from jumps")
# sgn is sign for real numbers (it differs only for complex ones), with a node of its own.
SGN = op("sgn", grad_fn="SgnBackward0",
         forward=lambda self: (self > 0).astype(self.dtype) - (self < 0).astype(self.dtype),
         vjp={"self": _no_gradient}, local={"self": ("0", "0")}, shows_as="sgn({self})", domain="nonzero")
DEG2RAD = op("deg2rad", grad_fn="Deg2RadBackward0", forward=lambda self: self * self.dtype.type(_PI / 180),
             vjp={"self": lambda grad: grad * (_PI / 180)}, local={"self": ("π/180", r"\frac{\pi}{180}")},
             shows_as="deg2rad({self})", api=FLOAT_API, doc="Each angle in degrees, converted to radians.")
RAD2DEG = op("rad2deg", grad_fn="Rad2DegBackward0", forward=lambda self: self * self.dtype.type(180 / _PI),
             vjp={"self": lambda grad: grad * (180 / _PI)}, local={"self": ("180/π", r"\frac{180}{\pi}")},
             shows_as="rad2deg({self})", api=FLOAT_API, doc="Each angle in radians, converted to degrees.")
EXP2 = op("exp2", grad_fn="Exp2Backward0", forward=np.exp2,
          vjp={"self": lambda grad, result: grad * result * math.log(2)},
          local={"self": ("2^{self}·ln 2", r"2^{{self}} \ln 2")}, shows_as="exp2({self})", api=FLOAT_API,
          doc="2 to the power of each element.")


def _sinc_forward(self):
    angle = self * self.dtype.type(_PI)
    return np.where(self == 0, self.dtype.type(1), np.sin(angle) / np.where(self == 0, 1, angle)).astype(self.dtype)


def _sinc_rule(grad, self):
    angle = self * _PI
    slope = (angle * helpers.cos(angle) - helpers.sin(angle)) / (angle * self)
    return grad * where(self == 0, 0.0, slope)


# sinc is checked away from 0: there PyTorch's rule masks the slope to 0 (its true value), which
# makes its second derivative 0 there too (the true one is -π²/3).
SINC = op("sinc", grad_fn="SincBackward0", forward=_sinc_forward, vjp={"self": _sinc_rule},
          local={"self": ("(π{self}·cos(π{self}) - sin(π{self}))/(π{self}²)",
                          r"\frac{\pi {self} \cos(\pi {self}) - \sin(\pi {self})}{\pi {self}^2}")},
          shows_as="sinc({self})", domain="nonzero", api=FLOAT_API,
          doc="sin(πx)/(πx) of each element, 1 at 0 (the normalized sinc).")
_ERFC = np.frompyfunc(math.erfc, 1, 1)  # NumPy has no erfc; 1 - erf(x) would lose the digits of tiny values


def _erfc_forward(self):
    return _ERFC(self).astype(self.dtype) if self.ndim else self.dtype.type(math.erfc(self))


ERFC = op("erfc", grad_fn="ErfcBackward0", forward=_erfc_forward,
          vjp={"self": lambda grad, self: grad * (-2 / math.sqrt(_PI)) * exp(-self * self)},
          local={"self": ("-2/√π·e^(-{self}²)", r"-\frac{2}{\sqrt{\pi}} e^{-{self}^2}")}, shows_as="erfc({self})",
          api=FLOAT_API, doc="The complementary error function 1 - erf(x) of each element, accurate for large x.")


def _entr_forward(self):
    with np.errstate(divide="ignore", invalid="ignore"):
        value = -self * np.log(self)
    return np.where(self > 0, value, np.where(self == 0, self.dtype.type(0), self.dtype.type(-np.inf))).astype(self.dtype)


ENTR = op("entr", grad_fn="SpecialEntrBackward0", forward=_entr_forward,
          vjp={"self": lambda grad, self: grad * (-(1 + log(self)))},
          local={"self": ("-(1 + ln {self})", r"-(1 + \ln {self})")}, shows_as="entr({self})", domain="positive")

HEAVISIDE = op("heaviside", grad_fn="NotImplemented",
               forward=lambda self, values: np.where(self == 0, values, (self > 0).astype(self.dtype)).astype(self.dtype),
               vjp={"self": _no_derivative("heaviside"), "values": _no_derivative("heaviside")},
               local={"self": ("no derivative", r"\text{none}"), "values": ("no derivative", r"\text{none}")},
               shows_as="heaviside({self}, {values})")
OPS.pop("heaviside")  # not in the table: it has no gradient to check (PyTorch records it all the same)


# ---------------------------------------------------------------------------------------------
# The public functions


def _needs_tensors(name, **arguments):
    """PyTorch's TypeError when an argument after the first is not a Tensor (the first is checked by
    ``@public(tensors=...)`` for the function; a method's ``self`` always is one)."""
    for position, (argument, value) in enumerate(arguments.items(), start=2):
        if not isinstance(value, Tensor):
            raise _not_a_tensor(name, argument, position, value)


def _broadcast(*tensors):
    """PyTorch's error when the shapes of ``tensors`` (numbers skipped) do not broadcast together."""
    shape = ()
    for t in tensors:
        if isinstance(t, Tensor):
            check_broadcast(shape, t._array.shape)
            shape = np.broadcast_shapes(shape, t._array.shape)


def _float_dtype(operands, kernel=None):
    """The common dtype of ``operands``, made floating point (integers compute in float32), or with
    a ``kernel`` name, PyTorch's NotImplementedError for integers (``hypot`` has no integer version)."""
    dtype = dtypes.result_type(operands)
    if not dtype.is_floating_point:
        if kernel is not None:
            float_kernel(dtype, kernel)
        dtype = dtypes.DEFAULT_FLOAT
    return dtype


def _on(spec, operands, dtype, params=None):
    """Run ``spec`` on ``operands`` (Tensors, or numbers passed as ``params``) converted to ``dtype``."""
    return spec.on(tuple(operand(v, dtype) for v in operands), tuple(operands), params)


@public("function", "method", "inplace", tensors=("input", "tensor1", "tensor2"))
def addcmul(input, tensor1, tensor2, *, value=1):
    """``input + value * tensor1 * tensor2``, one op (AddcmulBackward0), as optimizers write their updates."""
    _needs_tensors("addcmul", tensor1=tensor1, tensor2=tensor2)
    _broadcast(input, tensor1, tensor2)
    dtype = dtypes.result_type((input, tensor1, tensor2))
    return _on(ADDCMUL, (input, tensor1, tensor2), dtype, {"value": value})


@public("function", "method", "inplace", tensors=("input", "tensor1", "tensor2"))
def addcdiv(input, tensor1, tensor2, *, value=1):
    """``input + value * tensor1 / tensor2``, one op (AddcdivBackward0): Adam's update is one."""
    _needs_tensors("addcdiv", tensor1=tensor1, tensor2=tensor2)
    if not (tensor1.dtype.is_floating_point or tensor2.dtype.is_floating_point):
        raise RuntimeError(
            "Integer division with addcdiv is no longer supported, and in a future  release addcdiv will perform "
            "a true division of tensor1 and tensor2. The historic addcdiv behavior can be implemented as "
            "(input + value * torch.trunc(tensor1 / tensor2)).to(input.dtype) for integer inputs and as "
            "(input + value * tensor1 / tensor2) for float inputs. The future addcdiv behavior can be implemented "
            "with true_divide (input + value * torch.true_divide(tensor1, tensor2)).")
    _broadcast(input, tensor1, tensor2)
    dtype = dtypes.result_type((input, tensor1, tensor2))
    return _on(ADDCDIV, (input, tensor1, tensor2), dtype, {"value": value})


_C_NAMES = {"float32": "float", "float64": "double", "float16": "c10::Half", "int64": "long int"}


@public("function", "method", "inplace", tensors=("input", "end"))
def lerp(input, end, weight):
    """``input + weight * (end - input)``: the straight line from ``input`` (weight 0) to ``end``
    (weight 1). ``weight`` is a number (LerpBackward0) or a tensor, which gets a gradient too
    (LerpBackward1). All tensors must have one dtype, a floating-point one."""
    _needs_tensors("lerp", end=end)
    if not isinstance(weight, (Tensor, numbers.Number)) or isinstance(weight, bool):
        raise TypeError(f"lerp(): argument 'weight' (position 3) must be a number or a Tensor, not "
                        f"{type(weight).__name__}")
    tensor_weight = isinstance(weight, Tensor)
    float_kernel(input.dtype, "lerp_kernel_tensor" if tensor_weight else "lerp_kernel_scalar")
    others = (("end", end), ("weight", weight)) if tensor_weight and weight.ndim else (("end", end),)
    for name, other in others:
        if other.dtype is not input.dtype:
            raise RuntimeError(f"expected dtype {_C_NAMES.get(input.dtype.name, input.dtype.name)} for `{name}` but "
                               f"got dtype {_C_NAMES.get(other.dtype.name, other.dtype.name)}. "
                               "lerp needs its tensors in one dtype: convert them first, e.g. end.to(input.dtype).")
    if not tensor_weight:
        _broadcast(input, end)
        return LERP.on((input._array, end._array), (input, end), {"weight": weight})
    _broadcast(input, end, weight)
    return _on(LERP_TENSOR, (input, end, weight), input.dtype)


@public("function", "method", "inplace", tensors=("input", "other"))
def hypot(input, other):
    """√(input² + other²) of each pair, without overflow for large values. Floating point only."""
    _needs_tensors("hypot", other=other)
    _broadcast(input, other)
    return _on(HYPOT, (input, other), _float_dtype((input, other), "hypot_cpu"))


@public("function", "method", "inplace")
def xlogy(input, other):
    """``input * log(other)``, but 0 where ``input`` is 0 (even where log(other) is -inf), unless
    ``other`` is nan: the term x·ln y of an entropy or a likelihood. Either argument may be a number."""
    if not isinstance(input, Tensor) and not isinstance(other, Tensor):
        raise TypeError(f"xlogy() received an invalid combination of arguments - got ({type(input).__name__}, "
                        f"{type(other).__name__}): one of input and other must be a Tensor. Wrap one: torch.tensor(...).")
    dtype = _float_dtype((input, other))
    if not isinstance(input, Tensor):
        return XLOGY_NUMBER_SELF.on((operand(other, dtype),), (other,), {"self": input})
    if not isinstance(other, Tensor):
        return XLOGY_NUMBER_OTHER.on((operand(input, dtype),), (input,), {"other": other})
    _broadcast(input, other)
    return _on(XLOGY, (input, other), dtype)


@public("function", "method", "inplace", tensors=("input",))
def logit(input, eps=None):
    """log(p / (1 - p)), the inverse of sigmoid. With ``eps``, p is first clamped to [eps, 1 - eps]
    (so 0 and 1 give finite values, and the gradient is 0 where p was clamped)."""
    dtype = _float_dtype((input,))
    return LOGIT.on((operand(input, dtype),), (input,), {"eps": eps})


@public("function", "method", "inplace", tensors=("input",))
def nan_to_num(input, nan=0.0, posinf=None, neginf=None):
    """nan replaced by ``nan``, ∞ by ``posinf`` and -∞ by ``neginf`` (by default the largest and
    the lowest value of the dtype). Integers have none of them: a copy."""
    if not input.dtype.is_floating_point:
        return Tensor._wrap(input._array.copy())
    return NAN_TO_NUM(input, nan=nan, posinf=posinf, neginf=neginf)


@public("function", "method", "inplace", tensors=("input",))
def copysign(input, other):
    """The magnitude of ``input`` with the sign of ``other`` (a tensor or a number), elementwise:
    copysign(2, -0.0) is -2. Integers give float32."""
    dtype = _float_dtype((input, other))
    if not isinstance(other, Tensor):
        return COPYSIGN_NUMBER.on((operand(input, dtype),), (input,), {"other": other})
    _broadcast(input, other)
    return _on(COPYSIGN, (input, other), dtype)


@public("function", "method", "inplace", tensors=("input", "other"))
def fmax(input, other):
    """The larger of each pair, where nan counts as missing: fmax(nan, 1) is 1 (maximum gives nan)."""
    _needs_tensors("fmax", other=other)
    _broadcast(input, other)
    return _on(FMAX, (input, other), dtypes.result_type((input, other)))


@public("function", "method", "inplace", tensors=("input", "other"))
def fmin(input, other):
    """The smaller of each pair, where nan counts as missing: fmin(nan, 1) is 1 (minimum gives nan)."""
    _needs_tensors("fmin", other=other)
    _broadcast(input, other)
    return _on(FMIN, (input, other), dtypes.result_type((input, other)))


@public("function", "method", "inplace", tensors=("input", "other"))
def logaddexp2(input, other):
    """log₂(2^input + 2^other) of each pair, without overflow. Floating point only."""
    _needs_tensors("logaddexp2", other=other)
    _broadcast(input, other)
    return _on(LOGADDEXP2, (input, other), _float_dtype((input, other), "logaddexp2_cpu"))


def _powers(input, exponent):
    """``float_power``: input ** exponent, computed in float64 (both converted first)."""
    if not isinstance(input, Tensor) and not isinstance(exponent, Tensor):
        raise TypeError("float_power() expects a tensor among its arguments, got "
                        f"{type(input).__name__} and {type(exponent).__name__}. Wrap one: torch.tensor(...).")
    double = lambda v: v.to(dtypes.float64) if isinstance(v, Tensor) else v  # noqa: E731
    return double(input) ** double(exponent)


@public("function", "method")
def float_power(input, exponent):
    """``input ** exponent`` in double precision: the result is always float64 (PowBackward0/1/2,
    after a conversion), so large or fine powers keep their digits."""
    return _powers(input, exponent)


@public("method")
def float_power_(self, exponent):
    if self.dtype is not dtypes.float64:
        raise RuntimeError(f"the base given to float_power_ has dtype {dtypes.TYPE_NAMES_SHORT[self.dtype.name]} but "
                           "the operation's result requires dtype Double. Convert it first: x = x.double().")
    return self._inplace(lambda t: _powers(t, exponent))


@public("function", "method", "inplace", tensors=("input",))
def frac(input):
    """The fractional part, x - trunc(x), keeping the sign: frac(-1.5) is -0.5. Floating point only."""
    float_kernel(input.dtype, "frac_cpu")
    return FRAC(input)


@public("function", "method", "inplace", tensors=("input",))
def sgn(input):
    """The sign of each element (as ``sign`` for real numbers; integers and bools keep their dtype)."""
    if not input.dtype.is_floating_point:
        return Tensor._wrap(input._array.copy() if input.dtype is dtypes.bool_ else np.sign(input._array))
    return SGN(input)


@public("function", "method", "inplace", tensors=("input", "values"))
def heaviside(input, values):
    """The step function: 0 below 0, 1 above, and ``values`` where ``input`` is 0. It has no
    gradient (its grad_fn prints NotImplemented, as in PyTorch)."""
    _needs_tensors("heaviside", values=values)
    if input.dtype is not values.dtype:
        raise RuntimeError("heaviside is not yet implemented for tensors with different dtypes. "
                           "Convert one first, e.g. values.to(input.dtype).")
    _broadcast(input, values)
    return HEAVISIDE(input, values)


def _whole_numbers(name, input, other):
    _broadcast(input, other)
    dtype = dtypes.result_type((input, other))
    if dtype.is_floating_point or dtype is dtypes.bool_:
        raise NotImplementedError(f'"{name}_cpu" not implemented for \'{dtypes.TYPE_NAMES_SHORT[dtype.name]}\'. '
                                  f"{name} is defined for integers: convert first, e.g. t.long().")
    return operand(input, dtype), operand(other, dtype)


@public("function", "method", "inplace", tensors=("input", "other"))
def gcd(input, other):
    """The greatest common divisor of each pair of integers (never negative; gcd(0, 0) is 0)."""
    _needs_tensors("gcd", other=other)
    return Tensor._wrap(np.gcd(*_whole_numbers("gcd", input, other)))


@public("function", "method", "inplace", tensors=("input", "other"))
def lcm(input, other):
    """The least common multiple of each pair of integers (never negative; 0 if either is 0)."""
    _needs_tensors("lcm", other=other)
    return Tensor._wrap(np.lcm(*_whole_numbers("lcm", input, other)))


@public("function", "method", tensors=("input",))
def signbit(input):
    """True where the sign bit is set: for negative numbers, and for -0.0 (which ``< 0`` misses)."""
    if input.dtype is dtypes.bool_:
        return Tensor._wrap(np.zeros(input._array.shape, dtype=bool))
    return Tensor._wrap(np.signbit(input._array))


@public("function", "method", "inplace", tensors=("input", "other"))
def atan2(input, other):
    """The angle of the point (other, input) from the x axis, in (-π, π]: atan(input/other) in the
    right quadrant. Integers give float32."""
    _needs_tensors("atan2", other=other)
    _broadcast(input, other)
    return _on(ATAN2, (input, other), _float_dtype((input, other)))


@public("function", "method", "inplace", tensors=("input", "other"))
def arctan2(input, other):
    """Another name of ``atan2`` (NumPy's)."""
    return atan2(input, other)


@public("function", "method", "inplace", tensors=("input", "other"))
def ldexp(input, other):
    """``input * 2 ** other``: a mantissa times a power of two (integers give float32)."""
    _needs_tensors("ldexp", other=other)
    _broadcast(input, other)
    shape = np.broadcast_shapes(input._array.shape, other._array.shape)
    if input._array.shape != shape and input._array.size:
        # PyTorch writes the product into a tensor shaped like ``input`` and warns as it resizes it
        warnings.warn(f"An output with one or more elements was resized since it had shape {list(input.shape)}, "
                      f"which does not match the required output shape {list(shape)}. This behavior is deprecated, "
                      "and in a future PyTorch release outputs will not be resized unless they have zero elements. "
                      "You can explicitly reuse an out tensor t by resizing it, inplace, to zero elements with "
                      "t.resize_(0).", UserWarning, stacklevel=2)
    return _on(LDEXP, (input, other), _float_dtype((input, other)))


@public("function", "method", tensors=("input",))
def positive(input):
    """``+input``: the tensor itself (not a copy), as PyTorch returns it; bools refuse."""
    if input.dtype is dtypes.bool_:
        raise RuntimeError("The `+` operator, on a bool tensor is not supported.")
    return input


def _another_name(name, target, api, doc):
    """Register ``name`` as a second name of the public function ``target`` (looked up when called:
    the functions made from the specs exist only after every module is imported)."""
    def function(*args, **kwargs):
        return PUBLIC[target][0](*args, **kwargs)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = doc
    public(*api, name=name, tensors=("input",) if "function" in api else ())(function)


_EVERYWHERE = ("function", "method", "inplace")
for _name, _target in (("arcsin", "asin"), ("arccos", "acos"), ("arctan", "atan"), ("arcsinh", "asinh"),
                       ("arccosh", "acosh"), ("arctanh", "atanh"), ("absolute", "abs"), ("fix", "trunc")):
    _another_name(_name, _target, _EVERYWHERE, f"Another name of ``{_target}`` (NumPy's).")
# Functions that already exist under both names; their Tensor methods (x.multiply(y), x.multiply_(y)) did not
for _name, _target in (("multiply", "mul"), ("subtract", "sub"), ("divide", "div"), ("true_divide", "div"),
                       ("negative", "neg")):
    _another_name(_name, _target, ("method", "inplace"), f"Another name of ``{_target}``.")


@public("method", "inplace")
def remainder(self, other):
    """``x.remainder(y)``: ``x % y``, with the sign of ``y`` (the function is ``torch.remainder``)."""
    return self % other


def entr(input):
    """``torch.special.entr``: -x·ln(x) for x > 0, 0 at 0, -∞ below 0 (a term of an entropy)."""
    if not isinstance(input, Tensor):
        raise _not_a_tensor("special_entr", "input", 1, input)
    return ENTR.on((operand(input, _float_dtype((input,))),), (input,))


__all__ = ["ADDCMUL", "ADDCDIV", "LERP", "LERP_TENSOR", "ATAN2", "HYPOT", "XLOGY", "XLOGY_NUMBER_SELF",
           "XLOGY_NUMBER_OTHER", "COPYSIGN", "COPYSIGN_NUMBER", "FMAX", "FMIN", "LOGADDEXP2", "LOGIT", "NAN_TO_NUM",
           "FRAC", "SGN", "DEG2RAD", "RAD2DEG", "EXP2", "SINC", "ERFC", "ENTR", "HEAVISIDE", "LDEXP"]
