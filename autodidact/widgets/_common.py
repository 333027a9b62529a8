"""What every widget shares: figures rendered to PNG, readable error messages, the static fallback.

A widget here is *state* plus *pure functions* from that state to a figure or a table. The
ipywidgets controls only set the state and ask for a redraw. Figures are plain
``matplotlib.figure.Figure`` objects on the Agg canvas (never pyplot: a later ``%matplotlib widget``
cell must not switch the backend under our callbacks); they are created once, updated in place, and
saved as PNG bytes into a ``widgets.Image``. That works in JupyterLab, in Notebook, headless in
tests, and leaves a picture behind when the notebook is rendered without a widget frontend.
"""
import base64
import contextlib
import html
import io
import math
import os
import traceback
import warnings

import numpy as np

# The default notebook width: JupyterLab and Notebook leave roughly 900-1000 px for an output.
# Figures are sized to fit that at 100 dpi, so nothing is scaled down and the text stays legible.
FIGURE_DPI = 100
FULL_WIDTH = 8.6  # inches: 860 px


def new_figure(width=FULL_WIDTH, height=3.6):
    """A matplotlib Figure on the Agg canvas, outside pyplot's global state."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=FIGURE_DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def figure_to_png(figure, moving=(), static_key=None):
    """The figure as PNG bytes (what goes into ``widgets.Image`` and the static fallback).

    ``moving`` lists the artists that change from one update to the next (a point, a tangent, a
    loss curve). They are marked *animated*, so a full draw leaves them out; that draw is kept as
    a background and reused while ``static_key`` (e.g. the axis limits) stays the same, and only
    the moving artists are drawn over it. Drawing tick labels and axes is most of a redraw's cost,
    so this makes a slider feel immediate.

    The first full draw lays the figure out (constrained layout) and then freezes that layout:
    working it out again costs more than the rest of a redraw, and the axes do not move.
    """
    from PIL import Image

    canvas = figure.canvas
    for artist in moving:
        artist.set_animated(True)
    cached = getattr(figure, "_autodidact_background", None)
    if cached is not None and static_key is not None and cached[0] == static_key:
        canvas.restore_region(cached[1])
    else:
        canvas.draw()
        if figure.get_layout_engine() is not None:
            figure.set_layout_engine("none")
        figure._autodidact_background = (static_key, canvas.copy_from_bbox(figure.bbox))
    for artist in moving:
        if artist.get_visible():
            figure.draw_artist(artist)
    width, height = canvas.get_width_height()
    image = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="png", compress_level=1)
    return buffer.getvalue()


def ipywidgets():
    """Import ipywidgets on first use (``import autodidact`` must not pay for it)."""
    import ipywidgets as module

    return module


@contextlib.contextmanager
def quiet_numerics():
    """Let nan and inf happen without NumPy warnings: the widget explains them in words instead."""
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        yield


def format_number(value, digits=4):
    """A number as a learner reads it: ``0.4000``, ``-1.2346e+05``, ``nan``, ``inf``."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value == 0:
        return f"{0:.{digits}f}"
    if 1e-3 <= abs(value) < 1e5:
        return f"{value:.{digits}f}"
    return f"{value:.{digits}e}"


def is_finite(value):
    return bool(np.all(np.isfinite(np.asarray(value, dtype=float))))


# ---------------------------------------------------------------------------------------------
# Errors from learner code, told as a message instead of a crash


def describe_exception(error, what="your function"):
    """One or two plain sentences: which exception, its message, and the learner's line.

    The line is the last frame outside autodidact itself, i.e. the learner's own code, so the
    message points at what they wrote rather than at the engine's internals.
    """
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    where = ""
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        if not os.path.abspath(frame.filename).startswith(package):
            code = f": {frame.line.strip()}" if frame.line else ""
            where = f" (line {frame.lineno} of {frame.name}{code})"
            break
    message = str(error).strip() or "(no message)"
    return f"{what} raised {type(error).__name__}{where}: {message}"


def message_html(text, kind="error"):
    """A coloured box with ``text`` (escaped). ``kind``: "error", "warning" or "ok"."""
    colours = {"error": ("#b00020", "#fdecea"), "warning": ("#8a5300", "#fff4e5"),
               "ok": ("#1b5e20", "#edf7ed")}
    border, background = colours[kind]
    return (f'<div class="autodidact-message autodidact-{kind}" style="border-left:4px solid {border};'
            f'background:{background};padding:4px 8px;margin:2px 0;">{html.escape(text)}</div>')


# ---------------------------------------------------------------------------------------------
# Explaining nan and inf: which operation produced the first one


_DOMAIN_WORDS = {
    "positive": "needs a positive input",
    "nonzero": "is undefined at zero",
    "y nonzero": "cannot divide by zero",
    "probability": "needs a value between 0 and 1",
    "away from bounds": "has no slope at its bounds",
    "distinct": "has no slope where the values tie",
}


class NonFiniteWatcher:
    """An engine observer that remembers where a nan or inf first appeared.

    Forward: the first operation whose inputs were all finite but whose output is not.
    Backward: the first step whose upstream gradient was finite but whose input gradient is not
    (``sqrt`` at 0: the value is fine, the slope is infinite). Used as a context manager it
    registers itself in ``autodidact.engine.graph.observers`` and removes itself afterwards.
    """

    def __init__(self):
        self.forward = None  # (op name, domain, [input values])
        self.backward = None  # (op name, domain, [input values])

    def __enter__(self):
        from ..engine import graph

        graph.observers.append(self)
        return self

    def __exit__(self, *exc):
        from ..engine import graph

        if self in graph.observers:
            graph.observers.remove(self)
        return False

    @staticmethod
    def _values(node):
        values = []
        for value in node.inputs or ():
            values.append(np.asarray(getattr(value, "_array", value), dtype=float))
        return values

    def on_forward(self, node, output):
        if self.forward is not None or is_finite(output._array):
            return
        inputs = self._values(node)
        if all(is_finite(v) for v in inputs):
            self.forward = (node.op.name, node.op.domain, inputs, np.asarray(output._array, dtype=float))

    def on_backward_step(self, node, upstream, input_grads):
        if self.backward is not None or not is_finite(getattr(upstream, "_array", upstream)):
            return
        for grad in input_grads:
            grad = np.asarray(getattr(grad, "_array", grad), dtype=float) if grad is not None else None
            if grad is not None and not is_finite(grad):
                self.backward = (node.op.name, node.op.domain, self._values(node), grad)
                return

    def on_accumulate(self, leaf, grad):
        pass

    @staticmethod
    def _show(values):
        return ", ".join(format_number(v) if v.size == 1 else f"an array of {v.size} values"
                         for v in values)

    def explain_value(self):
        """E.g. ``log(0.0000) = -inf, and log needs a positive input.`` (None if nothing was seen)."""
        if self.forward is None:
            return None
        name, domain, inputs, output = self.forward
        shown = format_number(output) if output.size == 1 else "nan or inf"
        rule = _DOMAIN_WORDS.get(domain, "gives nan or inf for this input")
        return f"{name}({self._show(inputs)}) = {shown}, and {name} {rule}."

    def explain_gradient(self):
        """E.g. ``the slope of sqrt at 0.0000 is infinite (the curve is vertical there).``"""
        if self.backward is None:
            return None
        name, domain, inputs, grad = self.backward
        if np.all(np.isinf(grad[~np.isfinite(grad)])):
            how = "infinite (the curve is vertical there)"
        else:
            how = "undefined (nan): the curve has no single slope there"
        return f"the slope of {name} at {self._show(inputs)} is {how}."


# ---------------------------------------------------------------------------------------------
# The base class: a widget container, a current picture, and the static fallback


class WidgetApp:
    """Common behaviour of the autodidact widgets.

    Subclasses build ``self._widget`` (an ipywidgets container) and keep ``self._png`` up to date.
    Displaying the object shows the live widget where a widget frontend exists, and the PNG of the
    current state everywhere else (nbconvert HTML, a notebook rendered on a website, GitHub).
    """

    _widget = None
    _png = b""

    @property
    def widget(self):
        """The ipywidgets container (put it in your own layouts with ``VBox([... , app.widget])``)."""
        return self._widget

    def to_png(self):
        """The current picture as PNG bytes."""
        return self._png

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = dict(self._widget._repr_mimebundle_() or {}) if self._widget is not None else {}
        if self._png:
            bundle["image/png"] = base64.b64encode(self._png).decode("ascii")
        bundle["text/plain"] = repr(self)
        return bundle


# ---------------------------------------------------------------------------------------------
# A learning-rate slider on a log scale that keeps exact values


def nice_log_values(low, high):
    """1, 2, 3, 5 times each power of ten from ``low`` to ``high``: even steps on a log scale, and
    values a learner would type (0.05, not 0.0501)."""
    values = []
    for exponent in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        for mantissa in (1, 2, 3, 5):
            value = float(f"{mantissa}e{exponent}")
            if low <= value <= high:
                values.append(value)
    return values


def _label(value):
    return f"{value:.4g}"


def log_slider(value, low, high, description, **layout):
    """A ``SelectionSlider`` over ``nice_log_values``. A ``FloatLogSlider`` would snap 0.05 to
    10^-1.3 = 0.0501 in the browser and send that back; this keeps the value the learner chose."""
    w = ipywidgets()
    slider = w.SelectionSlider(options=[(_label(v), v) for v in nice_log_values(low, high)],
                               description=description, continuous_update=False,
                               style={"description_width": "initial"}, layout=w.Layout(**layout))
    set_log_slider(slider, value)
    return slider


def set_log_slider(slider, value):
    """Select the learning rate ``value``, adding it to the slider's stops if it is not one of them
    (e.g. 0.07). A learning rate must be a positive number: anything else is a ValueError."""
    if not (isinstance(value, (int, float)) and math.isfinite(value) and value > 0):
        raise ValueError(f"The learning rate must be a positive number; got {value!r}.")
    value = float(value)
    stops = [v for _, v in slider.options]
    if value not in stops:
        stops = sorted(stops + [value])
        current = slider.value
        slider.options = [(_label(v), v) for v in stops]
        if current is not None:
            slider.value = current
    slider.value = value
