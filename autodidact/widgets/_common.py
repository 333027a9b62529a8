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


def scroll_box(content, what):
    """``content`` (HTML) in a box that scrolls sideways when it is wider than the page (a trace's
    table at 320 CSS px) and takes keyboard focus, so the arrow keys scroll it too (WCAG 2.1.1)."""
    label = html.escape(f"{what}, scrolls sideways with the arrow keys when wider than the page", quote=True)
    return (f'<div class="ad-scroll" tabindex="0" role="group" aria-label="{label}" '
            f'style="overflow-x: auto; max-width: 100%;">{content}</div>')


def message_html(text, kind="error"):
    """A box with ``text`` (escaped). ``kind``: "error", "warning" or "ok" (the stripe's colour).

    Text and background come from JupyterLab's theme (with fallbacks for a page without it), so
    the text keeps its contrast in the Light and the Dark theme; the words say what kind of
    message it is, the stripe only repeats it."""
    stripes = {"error": "var(--jp-error-color1, #d32f2f)", "warning": "var(--jp-warn-color1, #f57c00)",
               "ok": "var(--jp-success-color1, #388e3c)"}
    return (f'<div class="autodidact-message autodidact-{kind}" style="border-left:4px solid {stripes[kind]};'
            "color:var(--jp-content-font-color1, #1f1f1f);background:var(--jp-layout-color2, #eeeeee);"
            f'padding:4px 8px;margin:2px 0;">{html.escape(text)}</div>')


def picture_html(png, alt):
    """An ``<img>`` of the PNG bytes with its text alternative (what nbconvert and GitHub show)."""
    data = base64.b64encode(png).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
            'style="max-width:100%;height:auto">')


def static_bundle(png, alt, text):
    """``(data, metadata)`` for IPython's display: the picture with its text alternative.

    JupyterLab's image renderer and nbconvert's HTML template ignore any alt text in an image
    output's metadata (nbconvert then writes "No description has been provided for this image"),
    so the picture also goes out as ``text/html`` with ``alt``, which both prefer to ``image/png``.
    The ``image/png`` (with ``alt`` in its metadata) stays for front-ends that only show images."""
    data = {"text/plain": text}
    metadata = {}
    if png:
        data["image/png"] = base64.b64encode(png).decode("ascii")
        data["text/html"] = picture_html(png, alt)
        metadata["image/png"] = {"alt": alt}
    return data, metadata


class DescribedFigure:
    """A matplotlib figure shown with a text alternative: ``show_figure(fig, "what it shows")``."""

    def __init__(self, figure, alt):
        if not isinstance(alt, str) or not alt.strip():
            raise ValueError("show_figure needs a text alternative: one or two sentences saying what "
                             "the figure shows, e.g. 'The loss falls from 2.3 to 0.004 in 50 epochs.'")
        self.alt = alt.strip()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=FIGURE_DPI, bbox_inches="tight", facecolor="white")
        self.png = buffer.getvalue()

    def _repr_mimebundle_(self, include=None, exclude=None):
        return static_bundle(self.png, self.alt, f"Figure: {self.alt}")


def show_figure(figure, alt):
    """Show a matplotlib figure with a text alternative ``alt`` (read by screen readers, and kept
    as the picture's description in HTML exports). Use it in place of ``plt.show()``."""
    import sys

    described = DescribedFigure(figure, alt)
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        pyplot.close(figure)  # or the inline backend shows it a second time, without its text
    try:
        from IPython.display import display
    except ImportError:
        return described
    display(described)
    return None


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

    def describe(self):
        """The current picture in words (its text alternative)."""
        return ""

    def _repr_mimebundle_(self, include=None, exclude=None):
        data, metadata = static_bundle(self._png, self.describe(), repr(self))
        if self._widget is not None:
            data.update({key: value for key, value in (self._widget._repr_mimebundle_() or {}).items()
                         if key != "text/plain"})
        return data, metadata


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


def named_slider(label, value, low, high, step=None, digits=3, integer=False, continuous=True,
                 width="300px", label_width="7em", buttons=()):
    """A slider with its label linked, a number box to type into, and a note line (see _controls)."""
    from ._controls import NamedSlider

    slider = NamedSlider(label=label, min=float(low), max=float(high), digits=digits, integer=integer,
                         step=float(step if step is not None else (high - low) / 100),
                         continuous=continuous, width=width, label_width=label_width,
                         buttons=list(buttons))
    slider.value = float(value)
    slider.message = ""
    return slider


def log_slider(value, low, high, label, width="300px", label_width="7em"):
    """A learning-rate slider over ``nice_log_values``, announced as the rate ("learning rate 0.05").

    The slider moves over the nice values; the number box next to it takes any rate in
    [low, high] (0.46 stays 0.46: a FloatLogSlider would snap 0.05 to 10^-1.3 = 0.0501)."""
    slider = named_slider(label, low, low, high, digits=0, continuous=False, width=width,
                          label_width=label_width)
    slider.options = nice_log_values(low, high)
    set_log_slider(slider, value)
    slider.observe(_add_typed_rate, names="value")
    return slider


def _add_typed_rate(change):
    slider = change["owner"]
    if change["new"] not in slider.options:
        slider.options = sorted(slider.options + [change["new"]])


def check_learning_rate(value):
    """``value`` as a float if it is a positive finite number, else a ValueError saying so."""
    if isinstance(value, bool) or not (isinstance(value, (int, float, np.integer, np.floating))
                                       and math.isfinite(value) and value > 0):
        raise ValueError(f"The learning rate must be a positive number; got {value!r}.")
    return float(value)


def set_log_slider(slider, value):
    """Select the learning rate ``value``, adding it to the slider's stops if it is not one of them
    (e.g. 0.07). A learning rate must be a positive number: anything else is a ValueError; a rate
    outside the slider's range is clamped to it, and the slider's note says so."""
    slider.value = check_learning_rate(value)
    if slider.value not in slider.options:
        slider.options = sorted(slider.options + [slider.value])
