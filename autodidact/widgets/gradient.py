"""GradientExplorer: move x and watch f(x), the tangent line and the chain rule.

The pure part is ``evaluate(f, x)`` (one forward and backward pass, with a readable account of any
problem) and ``GradientPicture`` (a figure updated in place from an evaluation). The widget only
connects a slider to them.
"""
import inspect
import math
from dataclasses import dataclass, field

import numpy as np

from ._common import (
    NonFiniteWatcher, WidgetApp, describe_exception, figure_to_png, format_number, ipywidgets,
    is_finite, message_html, named_slider, new_figure, quiet_numerics, scroll_box,
)


@dataclass
class Evaluation:
    """Everything the explorer shows for one x."""

    x: float
    value: float = math.nan  # f(x)
    gradient: float = math.nan  # f'(x), from autograd
    error: str = None  # f raised, or returned something that is not one number
    problem: str = None  # why the value or the gradient is nan/inf, in words
    trace: object = None  # the chain-rule Trace (autodidact.tracing), when available
    notes: list = field(default_factory=list)

    @property
    def ok(self):
        return self.error is None and self.problem is None


def _tracing():
    """autodidact.tracing when it is importable (the explorer works without it, minus the trace)."""
    try:
        from .. import tracing
    except ImportError:
        return None
    return tracing if hasattr(tracing, "trace") else None


def evaluate(f, x, with_trace=True):
    """Run ``f`` at ``x`` once, forward and backward, and say plainly what came out.

    Never raises for anything ``f`` does: exceptions and odd return values become ``error``; nan
    and inf become ``problem`` with the operation that caused them.
    """
    import autodidact as ad

    result = Evaluation(x=float(x))
    point = ad.tensor(float(x), requires_grad=True)
    tracing = _tracing() if with_trace else None
    watcher = NonFiniteWatcher()
    try:
        with quiet_numerics(), watcher:
            if tracing is not None:
                output, result.trace = _traced_call(tracing, f, point)
            else:
                output = _call_and_backward(f, point)
    except _BadResult as bad:
        result.error = str(bad)
        return result
    except Exception as error:  # the learner's function: any exception is a message, not a crash
        result.error = describe_exception(error, what=f"{_name_of(f)}(x)")
        return result

    result.value = float(output._array.reshape(-1)[0])
    if output.requires_grad and point.grad is not None:
        result.gradient = float(point.grad._array.reshape(-1)[0])
    else:  # f did not use x at all: a constant has slope zero
        result.gradient = 0.0
        result.notes.append("f(x) is not connected to x by operations autograd records, so autograd sees a "
                            "slope of 0. If f uses x, look for .detach(), .data, .item(), NumPy or "
                            "torch.no_grad() in it: they cut x off.")

    at = f"at x = {format_number(x)}"
    if not is_finite(result.value):
        result.problem = (f"f(x) is {format_number(result.value)} {at}: "
                          + (watcher.explain_value() or "the value is not a finite number."))
    elif not is_finite(result.gradient):
        result.problem = (f"f′(x) is {format_number(result.gradient)} {at}: "
                          + (watcher.explain_gradient() or "the slope is not a finite number."))
    return result


class _BadResult(Exception):
    pass


def _traced_call(tracing, f, x):
    """f(x) and its backward pass inside a trace. The trace names tensors after the variables of
    the frame that closes it, so here the input is ``x`` and the output ``y``."""
    with tracing.trace(labels={"x": x}) as recorded:
        y = _call_and_backward(f, x)
    return y, recorded


def _call_and_backward(f, point):
    from ..engine import Tensor

    output = f(point)
    if not isinstance(output, Tensor):
        raise _BadResult(
            f"{_name_of(f)}(x) returned {type(output).__name__} {output!r}, not a tensor. Build the "
            "result from x with autodidact operations (e.g. torch.log(x**2)) so autograd can follow it."
        )
    if output.numel() != 1:
        raise _BadResult(
            f"{_name_of(f)}(x) returned a tensor of shape {tuple(output.shape)}; the explorer needs one "
            "number. Return a single value, e.g. by summing: (...).sum()."
        )
    if output.requires_grad:
        output.backward()
    return output


def _name_of(f):
    name = getattr(f, "__name__", None) or type(f).__name__
    return "f" if name == "<lambda>" else name


def describe_function(f):
    """A short text for the title: the lambda's body or the def's single return, else the name."""
    import ast
    import textwrap

    try:
        source = textwrap.dedent(inspect.getsource(f))
        tree = ast.parse(source)
    except (OSError, TypeError, SyntaxError):  # builtins, or a lambda inside a multi-line call
        return _name_of(f)
    if _name_of(f) == "f" and getattr(f, "__name__", "") == "<lambda>":
        lambdas = [node for node in ast.walk(tree) if isinstance(node, ast.Lambda)]
        if len(lambdas) == 1:
            return ast.get_source_segment(source, lambdas[0].body) or "f"
        return "f"
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)]
    if functions:
        body = [node for node in functions[0].body  # skip a docstring
                if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant))]
        returns = body if len(body) == 1 and isinstance(body[0], ast.Return) else []
        if returns and returns[0].value is not None:
            text = ast.get_source_segment(source, returns[0].value) or ""
            if 0 < len(text) <= 40 and "\n" not in text:
                return text
    return _name_of(f)


# ---------------------------------------------------------------------------------------------
# The curve over the range (computed once per function and range)


def default_range(x):
    """A symmetric range around 0 that contains x comfortably: (-10, 10) for x = 5."""
    half = max(5.0, 2.0 * abs(float(x)))
    return (-half, half)


def sample_curve(f, low, high, points=401):
    """``(xs, ys)`` for plotting f; nan where f is undefined or fails.

    One vectorised call when f works elementwise, else one call per point (functions that use
    ``.item()`` or reduce their input cannot take a whole array).
    """
    import autodidact as ad

    xs = np.linspace(low, high, points)
    with quiet_numerics(), ad.no_grad():
        try:
            ys = f(ad.tensor(xs, dtype=ad.float64))
            ys = np.asarray(ys._array, dtype=float)
            if ys.shape == xs.shape:
                return xs, ys
        except Exception:  # not vectorisable: fall back to one point at a time
            pass
        ys = np.full_like(xs, np.nan)
        for i, value in enumerate(xs):
            try:
                y = f(ad.tensor(float(value), dtype=ad.float64))
                ys[i] = float(np.asarray(y._array, dtype=float).reshape(-1)[0]) if y.numel() == 1 else np.nan
            except Exception:
                ys[i] = np.nan
    return xs, ys


def plot_limits(ys):
    """y-limits that show the curve's shape: robust to -inf at a pole and to huge values."""
    finite = ys[np.isfinite(ys)]
    if finite.size == 0:
        return (-1.0, 1.0)
    low, high = np.percentile(finite, [2, 98])
    if high - low < 1e-9:
        low, high = low - 1.0, high + 1.0
    pad = 0.12 * (high - low)
    return (float(low - pad), float(high + pad))


def tangent_line(x, value, gradient, xs):
    """The tangent at (x, f(x)): f(x) + f'(x) (t - x) for every t in xs."""
    return value + gradient * (xs - x)


class GradientPicture:
    """The explorer's figure, created once and updated in place.

    Each series has its own line style or marker as well as its colour (solid curve, dashed
    tangent, round point), so nothing depends on telling colours apart. The numbers are in the
    widget's readout and in the picture's text alternative, not repeated in the picture."""

    def __init__(self, xs, ys, title, width=None, height=3.4):
        self.figure = new_figure(*((width,) if width else ()), height=height)
        ax = self.axes = self.figure.add_subplot()
        self.xs = xs
        ax.plot(xs, ys, color="#0072B2", linewidth=2, label="f(x)")
        (self.tangent,) = ax.plot([], [], color="#D55E00", linestyle="--", linewidth=1.8,
                                  label="tangent: slope = f′(x)")
        # Not clipped by the axes: at the edge of the range the whole point stays in view.
        (self.point,) = ax.plot([], [], "o", color="#000000", markersize=8, zorder=5,
                                label="(x, f(x))", clip_on=False)
        self.problem = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                               fontsize=11, color="#1f1f1f", wrap=True,
                               bbox=dict(boxstyle="round", facecolor="#fdecea", edgecolor="#b00020"))
        span = xs[-1] - xs[0]
        ax.set_xlim(xs[0] - 0.02 * span, xs[-1] + 0.02 * span)
        self.y_limits = plot_limits(ys)
        ax.set_ylim(*self.y_limits)
        ax.axhline(0, color="0.75", linewidth=0.8, zorder=0)
        ax.axvline(0, color="0.75", linewidth=0.8, zorder=0)
        self.where = ax.axvline(xs[0], color="0.35", linestyle=":", linewidth=1, zorder=1)
        ax.set_xlabel("x")
        ax.set_ylabel("f(x)")
        self.figure.suptitle(title, fontsize=12)
        ax.grid(True, alpha=0.3)
        # Below the axes, so the legend never hides the curve wherever x is.
        self.figure.legend(handles=[ax.lines[0], self.tangent, self.point], loc="outside lower center",
                           ncol=3, fontsize=10, frameon=False)

    def update(self, evaluation):
        x, value, gradient = evaluation.x, evaluation.value, evaluation.gradient
        self.where.set_xdata([x, x])
        if evaluation.error is None and is_finite(value):
            # A value above or below the plotted range: a triangle at the edge, pointing to it.
            low, high = self.y_limits
            marker = "^" if value > high else "v" if value < low else "o"
            self.point.set_marker(marker)
            self.point.set_data([x], [min(max(value, low), high)])
        else:
            self.point.set_data([], [])
        if evaluation.error is None and is_finite(value) and is_finite(gradient):
            self.tangent.set_data(self.xs, tangent_line(x, value, gradient, self.xs))
        else:
            self.tangent.set_data([], [])
        if evaluation.error:
            self.problem.set_text(_wrap(evaluation.error))
        elif evaluation.problem:
            self.problem.set_text(_wrap(evaluation.problem))
        else:
            self.problem.set_text("")
        self.problem.set_visible(bool(self.problem.get_text()))

    def png(self):
        # Only the marker, tangent, point and message move; the curve and axes are drawn once.
        moving = (self.where, self.tangent, self.point, self.problem)
        return figure_to_png(self.figure, moving, static_key="fixed")


def describe(title, x_range, evaluation):
    """The picture in words, for its text alternative."""
    low, high = x_range
    text = f"Plot of {title} for x from {format_number(low, 2)} to {format_number(high, 2)}. "
    x = format_number(evaluation.x, 3)
    if evaluation.error:
        return text + f"At x = {x} there is no point: {evaluation.error}"
    text += (f"The point is at x = {x}, f(x) = {format_number(evaluation.value)}; the dashed tangent "
             f"there has slope f′(x) = {format_number(evaluation.gradient)}.")
    if evaluation.problem:
        text += f" {evaluation.problem}"
    return text


def _wrap(text, width=70):
    import textwrap

    return "\n".join(textwrap.wrap(text, width))


# ---------------------------------------------------------------------------------------------
# The widget


def readout_html(evaluation):
    """The readouts as HTML: f(x), f'(x), and any problem in words."""
    x = format_number(evaluation.x, 3)
    parts = [f'<span class="autodidact-x">x = {x}</span>']
    if evaluation.error is None:
        parts.append(f'<span class="autodidact-value">f(x) = {format_number(evaluation.value)}</span>')
        parts.append(f'<span class="autodidact-gradient">f′(x) = '
                     f'{format_number(evaluation.gradient)}</span>')
    line = '<div style="font-family:monospace;font-size:14px;">' + " &nbsp;&nbsp; ".join(parts) + "</div>"
    if evaluation.error:
        line += message_html(evaluation.error, "error")
    elif evaluation.problem:
        line += message_html(evaluation.problem, "warning")
    for note in evaluation.notes:
        line += message_html(note, "ok")
    return line


def trace_html(evaluation):
    """The chain-rule trace for this x, as HTML (or a short note when there is none)."""
    if evaluation.trace is None:
        if evaluation.error:
            return ""
        if _tracing() is None:
            return "<i>The chain-rule trace appears here once autodidact.tracing is installed.</i>"
        return ""
    try:
        try:  # the tables only: the stepper is the place for the graph, and this stays quick
            from ..tracing import html
        except ImportError:
            return evaluation.trace._repr_html_()
        return scroll_box(html(evaluation.trace, with_graph=False), "chain-rule trace")
    except Exception as error:  # a trace that cannot render must not take the widget down
        return message_html(describe_exception(error, what="drawing the trace"), "warning")


def finite_x(value):
    """``value`` as a float, or a clear error: the slider would turn nan into 0 without a word."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise TypeError(f"x must be a number, e.g. 1.5; got {value!r}.") from None
    if not math.isfinite(x):
        raise ValueError(f"x must be a finite number; got {x}.")
    return x


class GradientExplorer(WidgetApp):
    """Move x and watch f(x), the tangent whose slope is the autograd gradient, and the chain rule.

    ``f`` is a Python function of one tensor, e.g. ``lambda x: torch.log(x**2)``.

        explorer = GradientExplorer(lambda x: torch.log(x**2), x=5.0)
        explorer                     # shows the widget
        explorer.x = 2.0             # move the slider from code
        explorer.gradient            # 1.0 (= 2/x)
    """

    def __init__(self, f, x=5.0, x_range=None, title=None):
        if not callable(f):
            raise TypeError(f"GradientExplorer needs a function of one tensor, e.g. "
                            f"lambda x: torch.log(x**2); got {type(f).__name__}.")
        self.f = f
        x = finite_x(x)
        low, high = (float(v) for v in (x_range if x_range is not None else default_range(x)))
        if x_range is None and not math.isfinite(high):
            raise ValueError(f"x = {x:g} is too large for the default range (-2|x|, 2|x|): pass "
                             "x_range=(low, high) with finite ends.")
        if not (math.isfinite(low) and math.isfinite(high) and low < high):
            raise ValueError(f"x_range must be (low, high) with low < high; got {x_range!r}.")
        self.x_range = (low, high)
        description = describe_function(f)
        self.title = title or ("f(x)" if description == "f" else f"f(x) = {description}")
        xs, ys = sample_curve(f, low, high)
        self.picture = GradientPicture(xs, ys, self.title)
        self._evaluation = None

        from ._controls import LiveStatus, Picture

        w = ipywidgets()
        self._slider = named_slider("x", min(max(float(x), low), high), low, high,
                                    step=(high - low) / 400, digits=3, width="520px",
                                    label_width="1.5em")
        self._readout = LiveStatus()
        self._image = Picture()
        self._trace = w.HTML()
        self._widget = w.VBox([self._slider, self._readout, self._image, self._trace])
        self._widget.add_class("ad-app")  # our focus ring and reflow rules (see _controls.py)
        self._slider.observe(self._on_slider, names="value")
        self._refresh()

    # State, readable and settable from code
    @property
    def x(self):
        return self._slider.value

    @x.setter
    def x(self, value):
        self._slider.value = finite_x(value)  # the slider clamps to its range; the observer redraws

    @property
    def value(self):
        """f(x) at the current x (nan when undefined or when f failed)."""
        return self._evaluation.value

    @property
    def gradient(self):
        """f'(x) at the current x, computed by autograd."""
        return self._evaluation.gradient

    @property
    def trace(self):
        """The chain-rule Trace for the current x (None without autodidact.tracing)."""
        return self._evaluation.trace

    @property
    def evaluation(self):
        return self._evaluation

    @property
    def message(self):
        """What went wrong at the current x, in words (None when all is well)."""
        return self._evaluation.error or self._evaluation.problem

    def _on_slider(self, change):
        self._refresh()

    def _refresh(self):
        try:
            self._evaluation = evaluate(self.f, self._slider.value)
        except Exception as error:  # a bug of ours must still leave a readable widget
            self._evaluation = Evaluation(x=self._slider.value,
                                          error=describe_exception(error, "the explorer"))
        self.picture.update(self._evaluation)
        self._png = self.picture.png()
        self._image.alt = self.describe()
        self._image.value = self._png
        self._readout.value = readout_html(self._evaluation)
        self._trace.value = trace_html(self._evaluation)

    def describe(self):
        """The current picture in words (its text alternative)."""
        return describe(self.title, self.x_range, self._evaluation)

    def __repr__(self):
        e = self._evaluation
        state = e.error and "error" or f"f(x)={format_number(e.value)}, f'(x)={format_number(e.gradient)}"
        return f"GradientExplorer({self.title}, x={format_number(e.x)}, {state})"
