"""The rest of arithmetic: the specs of % and //, maximum and minimum, clamp, where, clone and
``to(dtype)``; then the public functions of all arithmetic (``torch.add``, ``torch.pow``,
``torch.where``...) and what the operators ``+ - * / ** //`` do before they reach a spec:
PyTorch's dtype promotion (``int tensor * 1.5`` is float32), its errors (``-`` on bools, integers
to negative powers) and its argument forms (``alpha=``, ``min=``/``max=``).
"""
import numbers

import numpy as np

from ...parity import dtypes, layout
from ..arguments import check_broadcast, check_tensors, needs_float, operand, operand_tensor
from ..creation import tensor_of
from ..graph import _grad_mode
from ..spec import OPS, Tensor, op
from .public import public
from . import helpers
from .arithmetic import POW
from .helpers import floor, trunc, zeros_like
from .indexing import nonzero


# The arithmetic ops of arithmetic.py with a number on the left, a tensor exponent, and 1/x: each
# is a node of its own in PyTorch (RsubBackward1, PowBackward1/2, ReciprocalBackward0). rsub is
# number - tensor, with the tensor as ``self``.
RSUB = op("rsub", grad_fn="RsubBackward1", forward=lambda self, other: other - self,
          vjp={"self": lambda grad: -grad}, inputs=("self", "other"),
          local={"self": ("-1", "-1")}, shows_as="{other} - {self}")
RECIPROCAL = op("reciprocal", grad_fn="ReciprocalBackward0", forward=lambda self: 1 / self,
                vjp={"self": lambda grad, result: -grad * (result * result)},
                local={"self": ("-1/{self}²", r"-\frac{1}{{self}^2}")}, shows_as="1 / {self}",
                domain="nonzero")
POW_TENSOR = op("pow_tensor", grad_fn="PowBackward1", forward=np.power,  # tensor ** tensor
                vjp={"self": lambda grad, self, exponent: helpers.where(
                         exponent == 0, 0.0, grad * (exponent * self ** (exponent - 1))),
                     "exponent": lambda grad, self, exponent, result:
                         grad * helpers.where((self == 0) & (exponent >= 0), 0.0, result * helpers.log(self))},
                local={"self": ("{exponent}·{self}^({exponent}-1)", r"{exponent}\,{self}^{{exponent}-1}"),
                       "exponent": ("{result}·ln({self})", r"{result}\,\ln {self}")},
                shows_as="{self}**{exponent}", domain={"self": "positive", "exponent": "nonzero"})
RPOW = op("rpow", grad_fn="PowBackward2",  # number ** tensor
          forward=lambda exponent, self: np.power(np.asarray(self, exponent.dtype), exponent),
          vjp={"exponent": lambda grad, self, result: grad * (result * float(np.log(self)))},
          inputs=("exponent",),
          local={"exponent": ("{result}·ln({self})", r"{result}\,\ln {self}")},
          shows_as="{self}**{exponent}")


def _refuse_integer_division_by_zero(self, other, kernel):
    """Integers have no inf or nan: PyTorch raises where NumPy would quietly give 0. Bools it does
    not divide at all (``kernel`` names PyTorch's missing kernel in the error)."""
    if np.asarray(self).dtype == np.bool_ and np.asarray(other).dtype == np.bool_:
        raise NotImplementedError(f'"{kernel}" not implemented for \'Bool\'. Convert the bools first, e.g. t.long().')
    if np.asarray(self).dtype.kind in "iub" and np.asarray(other).dtype.kind in "iub" and np.any(np.asarray(other) == 0):
        raise RuntimeError("ZeroDivisionError")


def _remainder_forward(self, other):
    """Python's ``%`` (the sign of the divisor), computed as PyTorch does: from ``fmod``, so an exact
    multiple keeps fmod's sign (``-2. % 2`` is ``-0.``, where NumPy's remainder gives ``0.``)."""
    _refuse_integer_division_by_zero(self, other, "remainder_cpu")
    with np.errstate(divide="ignore", invalid="ignore"):
        mod = np.fmod(self, other)
        if np.asarray(mod).dtype.kind != "f":
            return np.remainder(self, other)
        fix = (mod != 0) & ((np.asarray(other) < 0) != (mod < 0))
        return np.where(fix, mod + other, mod).astype(np.asarray(mod).dtype, copy=False)


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


def _fmod_forward(self, other):
    """C's fmod: the remainder with the sign of the dividend (``-7 fmod 3`` is ``-1``)."""
    _refuse_integer_division_by_zero(self, other, "fmod_cpu")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.fmod(self, other)


FMOD = op("fmod", grad_fn="FmodBackward0", forward=_fmod_forward,  # tensor fmod number
          vjp={"self": lambda grad: grad}, inputs=("self", "other"),
          local={"self": ("1", "1")}, shows_as="fmod({self}, {other})", domain="away from jumps")


FMOD_TENSOR = op("fmod_tensor", grad_fn="FmodBackward1", forward=_fmod_forward,
                 vjp={"self": lambda grad: grad,
                      "other": lambda grad, self, other: -grad * trunc(self / other)},
                 local={"self": ("1", "1"), "other": ("-trunc({self}/{other})", r"-\operatorname{trunc}({self}/{other})")},
                 shows_as="fmod({self}, {other})", domain="away from jumps")


def _rounded_divide_forward(self, other, rounding_mode):
    """``div(a, b, rounding_mode=...)``: the quotient rounded down ('floor') or toward 0 ('trunc')."""
    _refuse_integer_division_by_zero(self, other, f"div_{rounding_mode}_cpu")
    with np.errstate(divide="ignore", invalid="ignore"):
        quotient = np.floor_divide(self, other)
        if rounding_mode == "trunc":
            if np.asarray(quotient).dtype.kind == "f":
                quotient = np.trunc(np.true_divide(self, other)).astype(np.asarray(quotient).dtype, copy=False)
            else:  # whole numbers: floor, then one up where the exact quotient was negative with a rest
                quotient = quotient + ((quotient < 0) & (np.fmod(self, other) != 0))
    return quotient


# A rounded quotient is a step function: its derivative is 0 (PyTorch passes zeros back).
DIV_ROUNDED = op("div_rounded", grad_fn="DivBackward2", forward=_rounded_divide_forward,
                 vjp={"self": lambda grad: zeros_like(grad), "other": lambda grad: zeros_like(grad)},
                 local={"self": ("0", "0"), "other": ("0", "0")},
                 shows_as="div({self}, {other}, rounding_mode)", domain="away from jumps")


def _no_derivative(name):
    def rule(grad):
        raise RuntimeError(f"derivative for aten::{name} is not implemented: the result of {name} is a "
                           "step function of its inputs, so autograd has no gradient to pass back. "
                           "Compute it under torch.no_grad() or from .detach()ed tensors.")
    return rule


def _floor_divide_forward(self, other):
    _refuse_integer_division_by_zero(self, other, "div_floor_cpu")
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
             vjp={"self": lambda grad, self, other: helpers.where(self < other, 0.0, helpers.where(self == other, grad / 2, grad)),
                  "other": lambda grad, self, other: helpers.where(self > other, 0.0, helpers.where(self == other, grad / 2, grad))},
             local={"self": ("1 if {self} > {other}, ½ if equal, else 0",
                             r"\mathbb{1}[{self} > {other}] + \tfrac{1}{2}\mathbb{1}[{self} = {other}]"),
                    "other": ("1 if {other} > {self}, ½ if equal, else 0",
                              r"\mathbb{1}[{other} > {self}] + \tfrac{1}{2}\mathbb{1}[{self} = {other}]")},
             shows_as="maximum({self}, {other})")


MINIMUM = op("minimum", grad_fn="MinimumBackward0", forward=np.minimum,
             vjp={"self": lambda grad, self, other: helpers.where(self > other, 0.0, helpers.where(self == other, grad / 2, grad)),
                  "other": lambda grad, self, other: helpers.where(self < other, 0.0, helpers.where(self == other, grad / 2, grad))},
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
           vjp={"self": lambda grad, self, min, max: helpers.where(_inside(self, min, max), grad, 0.0)},
           local={"self": ("1 if {min} ≤ {self} ≤ {max} else 0", r"\mathbb{1}[{min} \le {self} \le {max}]")},
           shows_as="clamp({self}, {min}, {max})", domain="away from bounds")


CLAMP_MIN = op("clamp_min", grad_fn="ClampMinBackward0",
               forward=lambda self, min: np.maximum(self, min).astype(self.dtype, copy=False),
               vjp={"self": lambda grad, self, min: helpers.where(self >= min, grad, 0.0)},
               local={"self": ("1 if {self} ≥ {min} else 0", r"\mathbb{1}[{self} \ge {min}]")},
               shows_as="clamp_min({self}, {min})", domain="away from bounds")


CLAMP_MAX = op("clamp_max", grad_fn="ClampMaxBackward0",
               forward=lambda self, max: np.minimum(self, max).astype(self.dtype, copy=False),
               vjp={"self": lambda grad, self, max: helpers.where(self <= max, grad, 0.0)},
               local={"self": ("1 if {self} ≤ {max} else 0", r"\mathbb{1}[{self} \le {max}]")},
               shows_as="clamp_max({self}, {max})", domain="away from bounds")


def _clamp_between(self, min, max):
    """max(self, min), then min(that, max): where min > max, the result is max, as in PyTorch."""
    out = self if min is None else np.maximum(self, min)
    return out if max is None else np.minimum(out, max)


def _min_gets_gradient(self, min, max):
    """Where the lower bound tensor is the result (and it is the smaller bound)."""
    below = self < min
    return below if max is None else below & (min < max)


def _max_gets_gradient(self, min, max):
    """Where the upper bound tensor is the result: above it, or wherever it is below ``min``."""
    above = self > max
    return above if min is None else above | (max < min)


# clamp with tensor bounds (either may be None): the gradient also flows to the bound that is the
# result, as in PyTorch's clamp.Tensor overload.
CLAMP_TENSOR = op("clamp_tensor", grad_fn="ClampBackward0", forward=_clamp_between,
                  vjp={"self": lambda grad, self, min, max: helpers.where(_inside(self, min, max), grad, 0.0),
                       "min": lambda grad, self, min, max: helpers.where(_min_gets_gradient(self, min, max),
                                                                         grad, 0.0),
                       "max": lambda grad, self, min, max: helpers.where(_max_gets_gradient(self, min, max),
                                                                         grad, 0.0)},
                  local={"self": ("1 if {min} ≤ {self} ≤ {max} else 0", r"\mathbb{1}[{min} \le {self} \le {max}]"),
                         "min": ("1 if {self} < {min} < {max} else 0", r"\mathbb{1}[{self} < {min} < {max}]"),
                         "max": ("1 if {self} > {max} or {max} < {min} else 0",
                                 r"\mathbb{1}[{self} > {max} \lor {max} < {min}]")},
                  shows_as="clamp({self}, {min}, {max})", domain="away from bounds")


CLAMP_MIN_TENSOR = op("clamp_min_tensor", grad_fn="ClampMinBackward1", forward=np.maximum,
                      vjp={"self": lambda grad, self, min: helpers.where(self >= min, grad, 0.0),
                           "min": lambda grad, self, min: helpers.where(self < min, grad, 0.0)},
                      local={"self": ("1 if {self} ≥ {min} else 0", r"\mathbb{1}[{self} \ge {min}]"),
                             "min": ("1 if {self} < {min} else 0", r"\mathbb{1}[{self} < {min}]")},
                      shows_as="clamp_min({self}, {min})", domain="away from bounds")


CLAMP_MAX_TENSOR = op("clamp_max_tensor", grad_fn="ClampMaxBackward1", forward=np.minimum,
                      vjp={"self": lambda grad, self, max: helpers.where(self <= max, grad, 0.0),
                           "max": lambda grad, self, max: helpers.where(self > max, grad, 0.0)},
                      local={"self": ("1 if {self} ≤ {max} else 0", r"\mathbb{1}[{self} \le {max}]"),
                             "max": ("1 if {self} > {max} else 0", r"\mathbb{1}[{self} > {max}]")},
                      shows_as="clamp_max({self}, {max})", domain="away from bounds")


WHERE = op("where", grad_fn="WhereBackward0", forward=np.where,
           vjp={"self": lambda grad, condition: helpers.where(condition, grad, 0.0),
                "other": lambda grad, condition: helpers.where(condition, 0.0, grad)},
           inputs=("condition", "self", "other"),
           local={"self": ("1 where condition else 0", r"\mathbb{1}[\text{cond}]"),
                  "other": ("0 where condition else 1", r"\mathbb{1}[\lnot\text{cond}]")},
           shows_as="helpers.where({condition}, {self}, {other})")


CLONE = op("clone", grad_fn="CloneBackward0", forward=lambda self: self.copy(order=layout.preserved_order(self)),
           vjp={"self": lambda grad: grad}, local={"self": ("1", "1")}, shows_as="{self}.clone()")


TO_DTYPE = op("to", grad_fn="ToCopyBackward0", forward=lambda self, dtype: self.astype(dtype.numpy),
              vjp={"self": lambda grad: grad}, local={"self": ("1", "1")}, shows_as="{self}.to({dtype})")


# ---------------------------------------------------------------------------------------------
# The public functions, written by hand: argument makers (dtypes, checks, PyTorch's errors) that
# call the specs above and those of the teaching file next to this one.


@public("function", "method", tensors=("input",))
def neg(input):
    return -input


negative = check_tensors(neg, ("input",), "negative")


@public("function", "method", tensors=("input",))
def reciprocal(t):
    t = needs_float(t)
    with np.errstate(divide="ignore"):
        return RECIPROCAL(t)


@public("function", "method", "inplace", tensors=("input",))
def square(t):
    return t ** 2


@public("function", "method")
def pow(t, exponent):
    """``t ** exponent``: a number exponent (PowBackward0) or a tensor one (PowBackward1)."""
    if not isinstance(t, Tensor):
        _refuse_two_numbers("pow", t, exponent)
        return _rpow(t, exponent)
    if type(exponent) in (int, float) and t._array.dtype.kind == "f":  # the common case: x ** 2
        return POW.on((t._array,), (t,), {"exponent": exponent})
    if isinstance(exponent, Tensor):
        dtype = dtypes.result_type((t, exponent))
        if dtype is dtypes.bool_:
            raise _pow_of_bools()
        x, y = operand(t, dtype), operand(exponent, dtype)
        check_broadcast(t._array.shape, exponent._array.shape)
        if not dtype.is_floating_point and (y < 0).any():
            return Tensor._wrap(_integer_power(x, y))  # integers have no gradient to record
        return POW_TENSOR.on((x, y), (t, exponent))  # no NumPy warning: spec.on silences them
    if not isinstance(exponent, numbers.Number):
        raise TypeError(f"unsupported exponent type {type(exponent).__name__}: use a number or a tensor")
    dtype = dtypes.result_type((t, exponent))
    x = operand(t, dtype)
    if dtype is dtypes.bool_:  # bools to a bool power: True ** False is True, as in PyTorch
        return Tensor._wrap(np.power(x.astype(np.int64), int(exponent)).astype(np.bool_))
    if not dtype.is_floating_point and exponent < 0:
        raise RuntimeError("Integers to negative integer powers are not allowed.")
    return POW.on((x,), (t,), {"exponent": exponent})


def _integer_power(base, exponent):
    """Integer powers as PyTorch computes them elementwise: to a negative power, 1 stays 1, -1 gives
    ±1 and every other base 0 (the fraction rounded toward 0). NumPy raises instead."""
    base, exponent = np.broadcast_arrays(base, exponent)
    negative = exponent < 0
    whole = np.power(base, np.where(negative, 0, exponent))
    fraction = np.where(base == 1, 1, np.where(base == -1, np.where(exponent % 2 == 0, 1, -1), 0))
    return np.where(negative, fraction, whole).astype(base.dtype)


def _pow_of_bools():
    return NotImplementedError('"pow" not implemented for \'Bool\'. Convert the bools first, e.g. '
                               't.long() or t.float().')


def _rpow(base, t):
    dtype = dtypes.result_type((base, t))
    if dtype is dtypes.bool_:
        raise _pow_of_bools()
    x = operand(t, dtype if dtype.is_floating_point else dtypes.DEFAULT_FLOAT) \
        if isinstance(base, float) else operand(t, dtype)
    if x.dtype.kind != "f" and (x < 0).any():
        return Tensor._wrap(_integer_power(np.asarray(operand(base, dtype), x.dtype), x))
    if x.dtype.kind != "f":  # an integer base as the tensor's type holds it (-3 as uint8 is 253)
        base = x.dtype.type(operand(base, dtype))
    return RPOW.on((x,), (t,), {"self": base})


def _is_bool(value):
    if isinstance(value, Tensor):
        return value._array.dtype == np.bool_
    return isinstance(value, (bool, np.bool_))


def _check_bool_subtraction(a, b):
    """PyTorch refuses ``-`` on bools (True - True has no bool answer); say what to use instead."""
    if type(a) is Tensor and type(b) in (Tensor, float) and a._array.dtype.kind == "f" \
            and (type(b) is float or b._array.dtype.kind == "f"):
        return  # the common case, decided at once: floats
    a_bool = _is_bool(a)
    b_bool = _is_bool(b)
    if a_bool and b_bool:
        raise RuntimeError("Subtraction, the `-` operator, with two bool tensors is not supported. "
                           "Use the `^` or `logical_xor()` operator instead.")
    if a_bool or b_bool:
        raise RuntimeError("Subtraction, the `-` operator, with a bool tensor is not supported. If you "
                           "are trying to invert a mask, use the `~` or `logical_not()` operator "
                           "instead; to do arithmetic, convert first (e.g. mask.float()).")


def _floor_divide(a, b):
    """``a // b``. PyTorch has no derivative for it: the result has a grad_fn that refuses backward."""
    dtype = dtypes.result_type((a, b))
    return FLOOR_DIVIDE.on((operand(a, dtype), operand(b, dtype)), (a, b))


def _number_or_tensor(value, other):
    """``value`` as the left operand: a number next to a tensor stays a number, so it takes part in
    dtype promotion as a number (torch.add(2, int8_tensor) is int8), else a tensor."""
    if isinstance(value, numbers.Number) and isinstance(other, Tensor):
        return value
    return tensor_of(value)


def _refuse_two_numbers(name, a, b):
    """PyTorch's TypeError for torch.pow(2, 3) or torch.remainder(5, 2) (torch.add(2, 3) is allowed)."""
    if not isinstance(a, Tensor) and not isinstance(b, Tensor):
        raise TypeError(f"{name}() expects a tensor among its arguments, got {type(a).__name__} and "
                        f"{type(b).__name__}. For plain numbers use Python's operators; for a tensor wrap one: "
                        "torch.tensor(...).")


def remainder(a, b):
    _refuse_two_numbers("remainder", a, b)
    return _number_or_tensor(a, b) % b


def floor_divide(a, b):
    return _number_or_tensor(a, b) // b


def _rsub(t, number):
    dtype = dtypes.result_type((t, number))
    return RSUB.on((operand(t, dtype), operand(number, dtype)), (t, number))


def _scaled(input, other, alpha):
    """``other * alpha`` as ``add``/``sub`` use it: computed in the result's dtype (an int8 tensor plus
    a bool tensor times 2 stays int8, where bool * 2 alone would be int64)."""
    if alpha == 1 and type(alpha) is int:
        return other
    dtype = dtypes.result_type((input, other))
    if isinstance(alpha, bool) and dtype is not dtypes.bool_:
        raise RuntimeError("Boolean alpha only supported for Boolean results.")
    if not dtype.is_floating_point and isinstance(alpha, float):
        raise RuntimeError("For integral input tensors, argument alpha must not be a floating point number.")
    if dtype is dtypes.bool_:  # PyTorch converts alpha to the result's type: any nonzero alpha is True
        alpha = bool(alpha)
    if alpha == 1:
        return other
    if isinstance(other, Tensor) and not other.dtype.is_floating_point and dtype is not dtypes.bool_:
        other = other.to(dtype)
    return other * alpha


@public("function", "method")
def add(input, other, alpha=1):
    return _number_or_tensor(input, other) + _scaled(input, other, alpha)


@public("function", "method")
def sub(input, other, alpha=1):
    _check_bool_subtraction(input, other)
    return _number_or_tensor(input, other) - _scaled(input, other, alpha)


subtract = sub


@public("function", "method")
def mul(a, b):
    return _number_or_tensor(a, b) * b


multiply = mul


@public("function", "method")
def div(a, b, *, rounding_mode=None):
    """``a / b``; with ``rounding_mode='floor'`` or ``'trunc'`` the quotient rounded down or toward 0
    (integers stay integers then)."""
    if rounding_mode is None:
        return _number_or_tensor(a, b) / b
    if rounding_mode not in ("floor", "trunc"):
        raise RuntimeError("div expected rounding_mode to be one of None, 'trunc', or 'floor' but found "
                           f"{rounding_mode!r}")
    dtype = dtypes.result_type((a, b))
    a = operand_tensor(a, dtype)  # a number first (div(7, t, ...)) promotes as a number: it takes the dtype
    if isinstance(b, Tensor):
        check_broadcast(a._array.shape, b._array.shape)
    return DIV_ROUNDED.on((operand(a, dtype), operand(b, dtype)), (a, b), {"rounding_mode": rounding_mode})


@public("function", "method", "inplace", tensors=("input",))
def fmod(input, other):
    """The remainder of ``input / other`` with the sign of ``input`` (C's fmod): ``fmod(-7, 3)`` is
    ``-1`` where ``-7 % 3`` is ``2``."""
    dtype = dtypes.result_type((input, other))
    if isinstance(other, Tensor):
        check_broadcast(input._array.shape, other._array.shape)
        return FMOD_TENSOR.on((operand(input, dtype), operand(other, dtype)), (input, other))
    return FMOD.on((operand(input, dtype), operand(other, dtype)), (input, other))


divide = true_divide = div


@public("function", tensors=("input",))
def clone(input):
    """``torch.clone(x)``, the function form of ``x.clone()``: a copy in its own memory (CloneBackward0)."""
    return CLONE(input)


@public("function", "method")
def clamp(t, min=None, max=None):
    """Limit values to [min, max]; the gradient is 1 inside (bounds included) and 0 outside."""
    if min is None and max is None:
        raise RuntimeError("torch.clamp: At least one of 'min' or 'max' must not be None")
    tensors = [isinstance(bound, Tensor) for bound in (min, max) if bound is not None]
    if all(tensors):
        return _by_tensors(CLAMP_TENSOR, t, min, max)
    if any(tensors):  # a number and a tensor: PyTorch takes the tensor as a number, if it is one
        min, max = (_as_number(bound, min, max) for bound in (min, max))
    t = _promoted_for_bounds(t, min, max)
    return CLAMP(t, min=min, max=max)


def _as_number(bound, min, max):
    if not isinstance(bound, Tensor):
        return bound
    if bound.ndim != 0 or (bound.requires_grad and _grad_mode.enabled):
        raise TypeError(f"clamp() received an invalid combination of arguments - got min={type(min).__name__}, "
                        f"max={type(max).__name__}: min and max must both be numbers or both be tensors (a 0-d "
                        "tensor that does not require grad also counts as a number). Make both tensors, e.g. "
                        "clamp(x, min=torch.tensor(0.0), max=upper).")
    return bound.item()


def _by_tensors(spec, t, *bounds):
    """A clamp whose bounds are tensors (or a tensor and a number or None): all are promoted to
    one dtype and broadcast together, and each bound tensor gets a gradient where it is the result."""
    t = tensor_of(t)
    given = [bound for bound in bounds if bound is not None]
    dtype = dtypes.result_type([t, *given])
    shape = t._array.shape
    for bound in given:
        if isinstance(bound, Tensor):
            check_broadcast(shape, bound._array.shape)
            shape = np.broadcast_shapes(shape, bound._array.shape)
    arrays = [None if bound is None else operand(bound, dtype) for bound in bounds]
    return spec.on((operand(t, dtype), *arrays), (t, *bounds))


def _promoted_for_bounds(t, *bounds):
    """An integer tensor clamped to 2.5 becomes float, as PyTorch promotes it (not 2 silently)."""
    t = tensor_of(t)
    dtype = dtypes.result_type([t, *(bound for bound in bounds if bound is not None)])
    if dtype is dtypes.bool_:
        raise NotImplementedError("\"clamp_scalar_cpu\" not implemented for 'Bool': bools have no order to "
                                  "clamp in. Convert first, e.g. t.long().")
    return t if dtype == t.dtype else t.to(dtype)


clip = clamp


@public("function", "method", "inplace")
def clamp_min(input, min):
    """Raise every value below ``min`` to ``min``: the gradient is 1 where ``input ≥ min``, else 0
    (and, for a tensor ``min``, 1 for the bound where ``input < min``)."""
    if isinstance(min, Tensor):
        return _by_tensors(CLAMP_MIN_TENSOR, input, min)
    return CLAMP_MIN(_promoted_for_bounds(input, min), min=min)


@public("function", "method", "inplace")
def clamp_max(input, max):
    """Lower every value above ``max`` to ``max``: the gradient is 1 where ``input ≤ max``, else 0
    (and, for a tensor ``max``, 1 for the bound where ``input > max``)."""
    if isinstance(max, Tensor):
        return _by_tensors(CLAMP_MAX_TENSOR, input, max)
    return CLAMP_MAX(_promoted_for_bounds(input, max), max=max)


@public("function")
def where(condition, a=None, b=None):
    """Pick from ``a`` where ``condition`` is True, else from ``b`` (all broadcast together).
    ``where(condition)`` alone gives the positions where it is True (nonzero(as_tuple=True))."""
    if a is None and b is None:
        return nonzero(tensor_of(condition), as_tuple=True)
    if isinstance(condition, (bool, int, float)):  # where(True, x, y): PyTorch takes only a tensor condition
        raise TypeError(f"where() received an invalid combination of arguments - got ({type(condition).__name__}, "
                        f"{type(a).__name__}, {type(b).__name__}), but expected one of:\n * (Tensor condition, "
                        "Tensor input, Tensor other)\nMake the condition a tensor: torch.where(torch.tensor(True), "
                        "x, y), or use Python's x if condition else y.")
    condition = tensor_of(condition)
    if condition.dtype is not dtypes.bool_:
        raise RuntimeError(f"where expected condition to be a boolean tensor, but got a tensor with dtype "
                           f"{dtypes.TYPE_NAMES_SHORT[condition.dtype.name]}. Compare first, e.g. where(x > 0, ...).")
    dtype = dtypes.result_type((a, b))
    x, y = np.asarray(operand(a, dtype), dtype.numpy), np.asarray(operand(b, dtype), dtype.numpy)
    return WHERE.on((condition._array, x, y), (condition, a, b))


def _pairwise_extreme(op, a, b):
    for position, (name, value) in enumerate((("input", a), ("other", b)), start=1):
        if not isinstance(value, Tensor):
            raise TypeError(f"{op.name}(): argument '{name}' (position {position}) must be Tensor, not "
                            f"{type(value).__name__}. "
                            f"Wrap numbers with torch.tensor(...), or use clamp(min=...)/clamp(max=...).")
    dtype = dtypes.result_type((a, b))
    check_broadcast(a._array.shape, b._array.shape)
    return op.on((operand(a, dtype), operand(b, dtype)), (a, b))


@public("function", "method")
def maximum(a, b):
    """The larger of ``a`` and ``b``, elementwise (MaximumBackward0); a tie splits the gradient."""
    return _pairwise_extreme(MAXIMUM, a, b)


@public("function", "method")
def minimum(a, b):
    """The smaller of ``a`` and ``b``, elementwise (MinimumBackward0); a tie splits the gradient."""
    return _pairwise_extreme(MINIMUM, a, b)


__all__ = ['RSUB', 'RECIPROCAL', 'POW_TENSOR', 'RPOW', 'DIV_NUMBER', 'REMAINDER', 'REMAINDER_TENSOR', 'FMOD', 'FMOD_TENSOR', 'DIV_ROUNDED', 'FLOOR_DIVIDE', 'MAXIMUM', 'MINIMUM', 'CLAMP', 'CLAMP_MIN', 'CLAMP_MAX', 'CLAMP_TENSOR', 'CLAMP_MIN_TENSOR', 'CLAMP_MAX_TENSOR', 'WHERE', 'CLONE', 'TO_DTYPE']
