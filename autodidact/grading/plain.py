"""Plain data between the learner's kernel and the judge: ``describe`` there, ``decode`` here.

A probe (see :mod:`autodidact.grading`) returns the learner's own objects: numbers, tensors, arrays,
tuples, exceptions. :func:`describe` turns them into JSON-ready data with a tag for each kind
(``{"t": "tensor", "shape": [...], "dtype": "torch.float32", "v": [...], ...}``), cutting anything
large. :func:`decode` runs in the grader: it accepts only those tags, with the right types and
sizes, and rebuilds values the judgement can read: Python numbers and strings, NumPy arrays,
:class:`TensorFacts` for tensors, :class:`Raised` for an exception the learner's code raised, and
:class:`Opaque` for any other object. Anything else is a :class:`PayloadError`: the kernel's
answer is not believed, and the check fails.

Nothing here imports the engine at module level: the judge's side needs NumPy only.
"""
import json
import math
from dataclasses import dataclass

import numpy as np

MAX_PAYLOAD_CHARS = 4_000_000   # one probe's answer, as JSON text
MAX_ELEMENTS = 100_000          # numbers kept of one tensor or array
MAX_ITEMS = 1_000               # items kept of one list, tuple or dict
MAX_DEPTH = 8
MAX_TEXT = 400                  # characters kept of a string, a repr or an exception message
DTYPES = {"float16", "float32", "float64", "int8", "int16", "int32", "int64", "uint8", "bool"}


class PayloadError(ValueError):
    """The kernel's answer is not plain data of the agreed form."""


@dataclass
class TensorFacts:
    """A tensor as the kernel described it: values, dtype and its place in the graph."""
    values: np.ndarray
    dtype: str              # "torch.float32"
    requires_grad: bool
    is_leaf: bool
    grad_fn: object         # the grad_fn's class name, e.g. "MulBackward0", or None

    @property
    def shape(self):
        return list(self.values.shape)

    def __repr__(self):
        return f"tensor of shape {self.shape} ({self.dtype})"


@dataclass
class Raised:
    """An exception raised by the learner's code, by class name."""
    type: str
    message: str
    where: str = ""          # "in `f_prime`, line 3: return slope / 0"
    stub: object = None      # "2.1" for an untouched ``raise NotImplementedError("Exercise 2.1: ...")``
    timed_out: bool = False  # the probe was stopped by its time limit inside the kernel

    def text(self):
        if self.timed_out:
            return self.message
        text = f"{self.type}: {self.message}" if self.message else self.type
        return text + (f"\n  raised {self.where}" if self.where else "")


@dataclass
class Opaque:
    """Any other object: only its class name and a short repr travel."""
    type: str
    repr: str


@dataclass
class Missing:
    """A name the exercise asks for is not there (or not a function/class as it should be)."""
    name: str
    problem: str            # "undefined", "not callable", "not a class", "syntax error"
    type: str = ""          # what the name holds instead
    detail: str = ""        # the syntax error, when the exercise's cell did not compile


# -------------------------------------------------------------------------------------------
# Kernel side


def _cut(text, limit=MAX_TEXT):
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "..."


def _safe_repr(value):
    try:
        return _cut(repr(value), 120)
    except Exception:  # a learner's __repr__ may raise
        return f"<{type(value).__name__} object>"


def _numbers(array):
    flat = np.asarray(array).reshape(-1)[:MAX_ELEMENTS]
    if flat.dtype == np.bool_:
        return [bool(v) for v in flat]
    if flat.dtype.kind in "iu":
        return [int(v) for v in flat]
    return [float(v) for v in flat]


def describe(value, depth=0):
    """The learner's ``value`` as tagged plain data (runs in the kernel; never raises)."""
    from autodidact import Tensor

    if depth > MAX_DEPTH:
        return {"t": "object", "type": type(value).__name__, "repr": "(nested too deeply)"}
    if value is None:
        return {"t": "none"}
    if type(value) is bool:
        return {"t": "bool", "v": value}
    if type(value) is int:
        return {"t": "int", "v": value} if abs(value) < 2**63 else {"t": "float", "v": float(value)}
    if type(value) is float:
        return {"t": "float", "v": value}
    if type(value) is str:
        return {"t": "str", "v": _cut(value)}
    if isinstance(value, Tensor):
        array = value.detach().numpy()
        grad_fn = value.grad_fn
        return {"t": "tensor", "shape": list(array.shape), "dtype": str(value.dtype).replace("torch.", ""),
                "v": _numbers(array), "requires_grad": bool(value.requires_grad), "is_leaf": bool(value.is_leaf),
                "grad_fn": None if grad_fn is None else type(grad_fn).__name__}
    if isinstance(value, (np.ndarray, np.generic)) and str(np.asarray(value).dtype) in DTYPES:
        array = np.asarray(value)
        return {"t": "numpy", "shape": list(array.shape), "dtype": str(array.dtype), "v": _numbers(array),
                "scalar": isinstance(value, np.generic)}
    if isinstance(value, BaseException):
        return describe_exception(value)
    if type(value) in (list, tuple):
        return {"t": type(value).__name__, "items": [describe(v, depth + 1) for v in value[:MAX_ITEMS]],
                "length": len(value)}
    if type(value) is dict:
        items = list(value.items())[:MAX_ITEMS]
        return {"t": "dict", "items": [[_cut(k, 100), describe(v, depth + 1)] for k, v in items if type(k) is str]}
    return {"t": "object", "type": _cut(type(value).__name__, 100), "repr": _safe_repr(value)}


def describe_exception(error):
    from .probe import exception_location, stub_of

    if type(error).__name__ == "MissingName":
        return {"t": "missing", "name": error.name, "problem": error.problem, "type": error.held,
                "detail": _cut(error.detail, 600)}
    try:
        message = _cut(str(error))
    except Exception:
        message = ""
    return {"t": "raised", "type": _cut(type(error).__name__, 100), "message": message,
            "where": _cut(exception_location(error)), "stub": stub_of(error)}


# -------------------------------------------------------------------------------------------
# Judge side


def _expect(condition, what):
    if not condition:
        raise PayloadError(what)


def _is_number(v):
    return type(v) in (int, float) or (type(v) is bool)


def _array(data):
    shape, values, dtype = data.get("shape"), data.get("v"), data.get("dtype")
    _expect(isinstance(shape, list) and len(shape) <= 8 and all(type(n) is int and 0 <= n for n in shape), "bad shape")
    _expect(dtype in DTYPES, "bad dtype")
    _expect(isinstance(values, list) and all(_is_number(v) for v in values), "bad values")
    size = math.prod(shape)
    _expect(size == len(values) and size <= MAX_ELEMENTS, "values do not fill the shape")
    return np.array(values, dtype=np.float64 if dtype != "bool" else np.bool_).reshape(shape), dtype


def _text(data, key, limit=MAX_TEXT + 10):
    value = data.get(key, "")
    _expect(isinstance(value, str) and len(value) <= limit * 2, f"bad text in {key}")
    return value


def _decode(data, depth=0):
    _expect(isinstance(data, dict) and depth <= MAX_DEPTH + 1, "not a tagged value")
    tag = data.get("t")
    if tag == "none":
        return None
    if tag in ("bool", "int", "float"):
        value = data.get("v")
        wanted = {"bool": (bool,), "int": (int,), "float": (float, int)}[tag]
        _expect(type(value) in wanted, f"bad {tag}")
        return float(value) if tag == "float" else value
    if tag == "str":
        return _text(data, "v")
    if tag == "tensor":
        values, dtype = _array(data)
        grad_fn = data.get("grad_fn")
        _expect(grad_fn is None or (isinstance(grad_fn, str) and len(grad_fn) < 100), "bad grad_fn")
        _expect(type(data.get("requires_grad")) is bool and type(data.get("is_leaf")) is bool, "bad flags")
        return TensorFacts(values, "torch." + dtype, data["requires_grad"], data["is_leaf"], grad_fn)
    if tag == "numpy":
        values, dtype = _array(data)
        values = values.astype(dtype)
        return values[()] if data.get("scalar") is True else values
    if tag in ("list", "tuple"):
        items = data.get("items")
        _expect(isinstance(items, list) and len(items) <= MAX_ITEMS, "bad items")
        decoded = [_decode(item, depth + 1) for item in items]
        return tuple(decoded) if tag == "tuple" else decoded
    if tag == "dict":
        items = data.get("items")
        _expect(isinstance(items, list) and len(items) <= MAX_ITEMS, "bad items")
        result = {}
        for pair in items:
            _expect(isinstance(pair, list) and len(pair) == 2 and isinstance(pair[0], str), "bad dict item")
            result[pair[0]] = _decode(pair[1], depth + 1)
        return result
    if tag == "raised":
        stub = data.get("stub")
        _expect(stub is None or (isinstance(stub, str) and len(stub) < 10), "bad stub")
        return Raised(_text(data, "type"), _text(data, "message"), _text(data, "where"), stub)
    if tag == "missing":
        problem = data.get("problem")
        _expect(problem in ("undefined", "not callable", "not a class", "syntax error"), "bad problem")
        return Missing(_text(data, "name"), problem, _text(data, "type"), _text(data, "detail", 700))
    if tag == "timeout":
        return Raised("timeout", "", timed_out=True)
    if tag == "object":
        return Opaque(_text(data, "type"), _text(data, "repr"))
    raise PayloadError(f"unknown tag {tag!r}")


def decode(text):
    """A probe's JSON envelope as ``(answer, printed)``; PayloadError if it is not what we accept."""
    if not isinstance(text, str) or len(text) > MAX_PAYLOAD_CHARS:
        raise PayloadError("the answer is missing or too large")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise PayloadError(f"the answer is not JSON ({str(error)[:100]})") from None
    _expect(isinstance(data, dict) and set(data) == {"answer", "printed"}, "not an answer envelope")
    try:
        return _decode(data["answer"]), _text(data, "printed", 2000)
    except RecursionError:
        raise PayloadError("the answer is nested too deeply") from None


def envelope(description, printed=""):
    """The JSON text a probe sends back: the described answer and what the learner's code printed."""
    return json.dumps({"answer": description, "printed": printed}, allow_nan=True)
