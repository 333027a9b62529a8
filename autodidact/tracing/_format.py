"""How numbers, tensors and formulas are written in traces.

Numbers get 4 significant digits and no float noise (0.04, not 0.039999999); whole numbers lose
their ``.0`` (5, not 5.0). Small tensors are written in full, large ones as a one-line summary with
their shape. Formulas come from the op table; ``simplify`` only tidies what a template becomes once
its parameters are filled in (``2·x^(2-1)`` reads ``2·x``), it never invents a derivative.
"""
import re

import numpy as np

# Tensors with at most this many elements are written out in full.
FULL_SIZE = 12


def number(value):
    """One number, compactly: 4 significant digits, no trailing ``.0``, no ``-0``."""
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    value = value.item() if isinstance(value, np.generic) else value
    if isinstance(value, int):
        return str(value)
    value = float(value)
    if value != value:
        return "nan"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    if value == 0:
        return "0"
    text = f"{value:.4g}"
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text


def shape_text(shape):
    """A shape as Python writes a tuple: ``(3,)``, ``(2, 3)``, ``()``."""
    return str(tuple(int(n) for n in shape))


def value(v, full_size=FULL_SIZE):
    """A number, a small tensor in full (``[0.4, 0.2]``), or a large one summarised with its shape."""
    if v is None:
        return "—"
    if isinstance(v, (int, float, np.generic)) and not isinstance(v, bool):
        return number(v)
    array = np.asarray(v)
    if array.size == 1:
        return number(array.reshape(()).item())
    if array.size <= full_size:
        return _nested(array)
    if array.dtype.kind in "fiu" and array.size:
        return (f"<{'×'.join(map(str, array.shape))} tensor, mean {number(array.mean())}, "
                f"min {number(array.min())}, max {number(array.max())}>")
    return f"<{'×'.join(map(str, array.shape))} tensor>"


def _nested(array):
    if array.ndim == 0:
        return number(array.item())
    return "[" + ", ".join(_nested(part) for part in array) + "]"


def is_scalar(v):
    return v is not None and np.asarray(v).size == 1


def to_data(v):
    """A JSON-friendly copy: a float for one number, nested lists for a tensor."""
    if v is None:
        return None
    if isinstance(v, (int, float, str, bool)):
        return v
    array = np.asarray(v)
    if array.dtype.kind == "b":
        return array.tolist()
    if array.ndim == 0:
        return _json_number(array.item())
    return np.vectorize(_json_number, otypes=[object])(array).tolist()


def _json_number(x):
    x = float(x) if not isinstance(x, (int, bool)) else x
    if isinstance(x, float) and (x != x or x in (float("inf"), float("-inf"))):
        return str(x)  # JSON has no nan or infinity
    return x


# ---------------------------------------------------------------------------------------------
# Formulas

_NUMBER = r"-?\d+(?:\.\d+)?(?:e-?\d+)?"
# A constant sum or difference in brackets, e.g. "(2-1)" or "{2-1}" after the exponent is filled in.
_CONSTANT_ARITHMETIC = re.compile(rf"([({{])\s*({_NUMBER})\s*([-+])\s*({_NUMBER})\s*([)}}])")


def simplify(formula):
    """Tidy a formula whose parameters are already numbers: ``2·x^(2-1)`` becomes ``2·x``.

    Only constant arithmetic is done, and factors and exponents equal to 1 are dropped; this works
    for every template in the table, in plain text and in LaTeX.
    """
    previous = None
    while previous != formula:
        previous = formula
        formula = _CONSTANT_ARITHMETIC.sub(_evaluate_bracket, formula)
        # x^1 and x^{1} are x; a factor 1 in front (1·x, 1\,x) goes.
        formula = re.sub(r"\^\{?1\}?(?![\d.}])", "", formula)
        formula = re.sub(r"(?<![\w.)}])1(?:·|\\,)(?=[\w{\\(])", "", formula)
    return formula


def _evaluate_bracket(match):
    opening, left, operator, right, _ = match.groups()
    result = float(left) + float(right) if operator == "+" else float(left) - float(right)
    text = number(result)
    if opening == "{":  # LaTeX group: keep the braces, x^{-2}
        return "{" + text + "}"
    return f"({text})" if result < 0 else text  # x^(-2), but x^2
