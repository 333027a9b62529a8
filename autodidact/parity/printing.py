"""Turn NumPy arrays into text exactly as PyTorch prints tensors.

This is a port of ``torch/_tensor_str.py`` (PyTorch 2.13) with its default
print options.  The aim is byte-identical output, so that a learner can put an
autodidact session next to a PyTorch session and see the same thing.  Where
PyTorch does something surprising we copy it and say why in a comment.

How PyTorch prints a tensor, in short:

1. One ``_Formatter`` looks at *all* the values that will be shown and picks a
   single style for them (integer-looking ``2.``, fixed ``2.5000`` or
   scientific ``2.5000e+00``) and a single width, so columns line up.
2. The array is printed recursively: a 1-d row is ``[a, b, c]`` (wrapped at 80
   columns); a higher-dimensional array is a list of its sub-arrays, one per
   line, with blank lines between 2-d blocks.
3. Big arrays (more than 1000 elements) are summarized: only the first and
   last 3 entries of each dimension are shown, with ``...`` in between.
4. Extra information such as ``dtype=torch.float64`` or ``requires_grad=True``
   is appended after the closing bracket.
"""

from __future__ import annotations

import math

import numpy as np

# PyTorch's default print options (torch.set_printoptions(profile="default")).
PRECISION = 4  # digits after the decimal point
THRESHOLD = 1000  # summarize arrays with more elements than this
EDGEITEMS = 3  # in a summary, entries kept at each end of every dimension
LINEWIDTH = 80  # wrap 1-d rows so lines stay within this many characters
SCI_MODE = None  # None: choose per tensor; True/False: always/never scientific notation

_PREFIX = "tensor("


class _Formatter:
    """Chooses one format and width shared by every element that is printed."""

    def __init__(self, values: np.ndarray) -> None:
        self.floating = values.dtype.kind == "f"
        self.int_mode = True  # floats that are all whole numbers print as "2."
        self.sci_mode = False
        self.max_width = 1

        if not self.floating:
            # Integers and booleans print as Python does: "-2", "True".
            for value in values.ravel().tolist():
                self.max_width = max(self.max_width, len(str(value)))
            return

        # PyTorch converts to float64 (exactly, for float32) before measuring,
        # so a float32 0.1 is really 0.10000000149011612 here.
        flat = values.ravel().astype(np.float64)
        # Zeros, infs and nans say nothing about the scale of the data, so
        # only the nonzero finite values decide the style.
        nonzero_finite = flat[np.isfinite(flat) & (flat != 0)]
        if nonzero_finite.size == 0:
            return  # e.g. [0., -0.] or [inf, nan]: keep int_mode, width 1

        magnitudes = np.abs(nonzero_finite)
        smallest, largest = magnitudes.min(), magnitudes.max()
        self.int_mode = bool(np.all(nonzero_finite == np.ceil(nonzero_finite)))
        # Scientific notation when values span more than 3 orders of magnitude,
        # or are too big or too small to show well with 4 decimals.
        with np.errstate(over="ignore"):  # the ratio may overflow to inf
            ratio = largest / smallest
        self.sci_mode = bool(ratio > 1000.0 or largest > 1.0e8 or smallest < 1.0e-4)
        if SCI_MODE is not None:
            self.sci_mode = SCI_MODE

        for value in nonzero_finite.tolist():
            if self.sci_mode:
                text = f"{value:.{PRECISION}e}"
            elif self.int_mode:
                text = f"{value:.0f}."  # the "." marks a float tensor
            else:
                text = f"{value:.{PRECISION}f}"
            self.max_width = max(self.max_width, len(text))

    def format(self, value) -> str:
        """Format one Python scalar, right-aligned to the common width."""
        if not self.floating:
            text = str(value)
        elif self.sci_mode:
            text = f"{value:{self.max_width}.{PRECISION}e}"
        elif self.int_mode:
            text = f"{value:.0f}"
            if math.isfinite(value):  # "inf" and "nan" get no "."
                text += "."
        else:
            text = f"{value:.{PRECISION}f}"
        return text.rjust(self.max_width)


def _summarized(data: np.ndarray) -> np.ndarray:
    """The values a summary will show: the edges of every long dimension."""
    for axis, size in enumerate(data.shape):
        if size > 2 * EDGEITEMS:
            keep = list(range(EDGEITEMS)) + list(range(size - EDGEITEMS, size))
            data = np.take(data, keep, axis=axis)
    return data


def _vector_str(row: np.ndarray, indent: int, summarize: bool, fmt: _Formatter) -> str:
    """A 1-d row, e.g. '[1., 2., 3.]', wrapped to fit the line width."""
    if summarize and row.shape[0] > 2 * EDGEITEMS:
        items = (
            [fmt.format(v) for v in row[:EDGEITEMS].tolist()]
            + [" ..."]
            + [fmt.format(v) for v in row[-EDGEITEMS:].tolist()]
        )
    else:
        items = [fmt.format(v) for v in row.tolist()]

    # PyTorch counts every element as width + 2 (for ", "), and starts a new
    # line, indented to just after the "[", when the next one would not fit.
    per_line = max(1, (LINEWIDTH - indent) // (fmt.max_width + 2))
    lines = [", ".join(items[i : i + per_line]) for i in range(0, len(items), per_line)]
    return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"


def _array_str(data: np.ndarray, indent: int, summarize: bool, fmt: _Formatter) -> str:
    """Recursively print ``data``; ``indent`` is the column of its "["."""
    if data.ndim == 0:
        return fmt.format(data.item())
    if data.ndim == 1:
        return _vector_str(data, indent, summarize, fmt)

    def sub(i: int) -> str:
        return _array_str(data[i], indent + 1, summarize, fmt)

    size = data.shape[0]
    if summarize and size > 2 * EDGEITEMS:
        parts = (
            [sub(i) for i in range(EDGEITEMS)]
            + ["..."]
            + [sub(i) for i in range(size - EDGEITEMS, size)]
        )
    else:
        parts = [sub(i) for i in range(size)]
    # Sub-arrays go one per line; a d-dimensional array puts d - 2 blank lines
    # between them, so 2-d blocks of a 3-d array are separated by one blank line.
    return "[" + ("," + "\n" * (data.ndim - 1) + " " * (indent + 1)).join(parts) + "]"


def _add_suffixes(text: str, suffixes: list[str], indent: int) -> str:
    """Append ', key=value' parts, moving one to a new line if it would not fit."""
    parts = [text]
    # Copied as-is from PyTorch, including its off-by-one: without a newline
    # rfind gives -1 and this is len(text) + 2, i.e. it over-counts by 2.
    last_line_len = len(text) - text.rfind("\n") + 1
    for suffix in suffixes:
        if last_line_len + len(suffix) + 2 > LINEWIDTH:
            parts.append(",\n" + " " * indent + suffix)
            last_line_len = indent + len(suffix)
        else:
            parts.append(", " + suffix)
            last_line_len += len(suffix) + 2
    parts.append(")")
    return "".join(parts)


def tensor_repr(data: np.ndarray, suffixes: list[str]) -> str:
    """The full repr of a tensor, e.g. 'tensor([1., 2.], requires_grad=True)'.

    ``data`` holds the tensor's values (float32, float64, int64 or bool).
    ``suffixes`` are extra 'key=value' strings, already formatted and in order,
    e.g. ['dtype=torch.float64', 'requires_grad=True'].  The caller decides
    them; note that PyTorch shows the dtype of an *empty* tensor whenever it
    is not float32 (so also 'dtype=torch.int64' and 'dtype=torch.bool').
    For empty tensors that are not 1-d this function adds 'size=(...)' itself,
    in front of the caller's suffixes, as PyTorch does.
    """
    data = np.asarray(data)
    indent = len(_PREFIX)
    suffixes = list(suffixes)
    if data.size == 0:
        # There are no values to show, so PyTorch shows the shape instead
        # (except for the plain 1-d case, whose shape (0,) "[]" already says).
        body = "[]"
        if data.ndim != 1:
            suffixes.insert(0, f"size={tuple(data.shape)}")
    else:
        summarize = data.size > THRESHOLD
        fmt = _Formatter(_summarized(data) if summarize else data)
        body = _array_str(data, indent, summarize, fmt)
    return _add_suffixes(_PREFIX + body, suffixes, indent)


def format_scalar(value, spec: str) -> str:
    """What f'{t:spec}' gives for a 0-d tensor ``t`` whose item() is ``value``.

    PyTorch formats a 0-d tensor by formatting its Python number, so
    f'{torch.tensor(2.5):.2f}' is '2.50' and f'{torch.tensor(2.5)}' is '2.5'
    (not 'tensor(2.5000)').  A float32 value is first widened to a Python
    float, which is why 1/3 in float32 shows as '0.3333333432674408'.
    """
    if isinstance(value, (np.generic, np.ndarray)):
        value = value.item()  # numpy scalar -> the matching Python scalar
    return format(value, spec)


_PROFILES = {"default": (4, 1000, 3, 80), "short": (2, 1000, 2, 80), "full": (4, math.inf, 3, 80)}


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None,
                     sci_mode=None):
    """``torch.set_printoptions``: digits after the point, the size above which tensors are
    summarized, how many entries a summary keeps at each end, the line width, and scientific
    notation (True/False; None lets each tensor choose). ``profile`` ("default", "short", "full")
    sets the first four at once; the others given with it win. The settings last for the process."""
    global PRECISION, THRESHOLD, EDGEITEMS, LINEWIDTH, SCI_MODE
    if profile is not None:
        if profile not in _PROFILES:
            raise ValueError(f"Unknown profile {profile!r}: use 'default', 'short' or 'full'")
        PRECISION, THRESHOLD, EDGEITEMS, LINEWIDTH = _PROFILES[profile]
    if precision is not None:
        PRECISION = precision
    if threshold is not None:
        THRESHOLD = threshold
    if edgeitems is not None:
        EDGEITEMS = edgeitems
    if linewidth is not None:
        LINEWIDTH = linewidth
    SCI_MODE = sci_mode
