"""BackpropStepper: walk through a backward pass one step at a time.

Step 0 is the forward pass: the graph with every value, before any gradient flows. Step k is the
k-th backward step the engine runs: the graph with that node and its edges highlighted, and the
step's arithmetic: the upstream gradient, the local derivative (formula, then numbers) and the
contribution passed on to each input.

The data comes from the tracing layer (``ad.explain``), the graph from the drawing layer; this
module only chooses what to show for a step (``step_text``, ``step_html``) and wires the controls.
"""
import html as _html
import sys

from .. import drawing  # noqa: F401  (registers Trace.graph(), which the stepper shows)
from ._common import (
    WidgetApp, describe_exception, ipywidgets, message_html, named_slider, new_figure, quiet_numerics,
    scroll_box,
)


def explain_function(f, x=5.0):
    """Run ``f`` on ``x`` (a leaf that requires grad) and explain the backward pass of the result."""
    import autodidact as ad

    from .. import tracing

    x = x.detach().requires_grad_(True) if isinstance(x, ad.Tensor) else ad.tensor(
        float(x), requires_grad=True)
    with quiet_numerics():
        y = f(x)
    _check_output(y, what="f(x)")
    return tracing.explain(y, labels={"x": x, "y": y})


def _is_learner_value(obj):
    from ..tracing.learner import looks_like_learner_value

    return looks_like_learner_value(obj)


class _LearnerError(Exception):
    """An error in the learner's function, already told in words."""


def _check_output(output, what):
    from ..engine import Tensor

    if not isinstance(output, Tensor):
        raise _LearnerError(f"{what} is a {type(output).__name__}, not a tensor: build it from tensors "
                        "with requires_grad=True so there is a graph to step through.")
    if output.grad_fn is None:
        raise _LearnerError(
            f"{what} has no grad_fn: it was not computed from a tensor with requires_grad=True (or it "
            "was computed under no_grad()). Make the input with requires_grad=True and compute it again.")


# ---------------------------------------------------------------------------------------------
# What each step says


def step_lines(trace, k):
    """Plain-text lines for step ``k`` (0 = the forward pass; the last step adds the leaves' grads)."""
    from ..tracing import local_text, product_text, upstream_text

    steps = trace.steps
    if k == 0:
        lines = ["Forward pass: every value is computed; no gradient yet."]
        lines += [f"  {record.line}" for record in trace.forward]
        if steps:
            lines.append(f"Backward starts at {steps[0].root} with {steps[0].upstream_symbol} = 1. "
                         "Press Next.")
        return lines
    step = steps[k - 1]
    lines = [f"Step {k} of {len(steps)}: {step.equation}   ({step.grad_fn})",
             f"upstream gradient: {upstream_text(step)}"]
    if step.explain:
        lines.append(f"rule: {step.explain}")
    for c in step.contributions:
        lines.append(f"local derivative: {local_text(c)}")
        lines.append(f"passed on to {c.input}: {product_text(step, c)}")
    if k == len(steps) and trace.leaf_grads:
        lines.append("Done. The leaves' gradients:")
        lines += [f"  {leaf.line}" for leaf in trace.leaf_grads]
    return lines


def step_html(trace, k):
    """The same story as ``step_lines``, as a small HTML table."""
    from ..tracing import local_text, product_text, upstream_text

    e = _html.escape
    steps = trace.steps
    style = ('<style>.ad-step td{padding:2px 10px;vertical-align:top}'
             '.ad-step .ad-k{color:var(--jp-content-font-color1, #1f2328);font-style:italic}.ad-step code{font-size:13px}</style>')
    if k == 0:
        rows = "".join(f"<tr><td><code>{e(record.line)}</code></td></tr>" for record in trace.forward)
        start = (f"<p>Backward starts at <code>{e(steps[0].root)}</code> with "
                 f"<code>{e(steps[0].upstream_symbol)} = 1</code>. Press <b>Next</b>.</p>" if steps else "")
        return (f'{style}<div class="ad-step"><b>Step 0 of {len(steps)}: the forward pass.</b> Every '
                f"value is computed; no gradient has flowed yet.{scroll_box(f'<table>{rows}</table>', 'forward pass')}"
                f"{start}</div>")
    step = steps[k - 1]
    rows = [("upstream gradient", upstream_text(step))]
    if step.explain:
        rows.append(("rule", step.explain))
    for c in step.contributions:
        rows.append((f"local derivative for {c.input}", local_text(c)))
        rows.append((f"passed on to {c.input}", product_text(step, c)))
    table = "".join(f'<tr><td class="ad-k">{e(name)}</td><td><code>{e(text)}</code></td></tr>'
                    for name, text in rows)
    done = ""
    if k == len(steps) and trace.leaf_grads:
        done = ("<p><b>Done.</b> The leaves' gradients:</p><ul>"
                + "".join(f"<li><code>{e(leaf.line)}</code></li>" for leaf in trace.leaf_grads) + "</ul>")
    return (f'{style}<div class="ad-step"><b>Step {k} of {len(steps)}:</b> <code>{e(step.equation)}</code> '
            f'<span class="ad-k">({e(step.grad_fn)})</span>{scroll_box(f"<table>{table}</table>", "this step")}{done}</div>')


def step_picture(trace, k, graph_png):
    """A figure with the graph (PNG bytes from the drawing layer, kept at its own size so its
    labels stay sharp) above the step's text, wrapped to the figure's width."""
    import io
    import textwrap

    from matplotlib.image import imread

    from ._common import FIGURE_DPI, FULL_WIDTH

    image = imread(io.BytesIO(graph_png), format="png")
    graph_height, graph_width = image.shape[:2]
    width = max(graph_width / FIGURE_DPI, FULL_WIDTH)
    characters = int(width * FIGURE_DPI / 6.2)  # monospace 9.5 pt is about 6 px per character
    lines = [wrapped for line in step_lines(trace, k)
             for wrapped in (textwrap.wrap(line, characters, subsequent_indent="    ") or [""])]
    text_height = 0.19 * len(lines) + 0.25
    figure = new_figure(width=width, height=graph_height / FIGURE_DPI + text_height)
    figure.set_layout_engine(None)
    total = graph_height / FIGURE_DPI + text_height
    graph_axes = figure.add_axes((0, text_height / total, graph_width / FIGURE_DPI / width,
                                  1 - text_height / total))
    graph_axes.imshow(image, interpolation="none")
    graph_axes.set_axis_off()
    figure.text(0.01, (text_height - 0.1) / total, "\n".join(lines), va="top", ha="left",
                family="monospace", fontsize=9.5)
    return figure


# ---------------------------------------------------------------------------------------------
# The widget


class BackpropStepper(WidgetApp):
    """Step through a backward pass: Prev/Next or the slider; the graph highlights the step.

        stepper = BackpropStepper(lambda x: torch.log(x**2), x=5.0)   # a function of one tensor
        stepper = BackpropStepper(loss)                               # or a result you computed
        stepper.step = 2                                              # from code
    """

    def __init__(self, f_or_output, x=5.0, labels=None):
        from ..engine import Tensor

        self.error = None
        self.trace = None
        try:
            if isinstance(f_or_output, Tensor):
                _check_output(f_or_output, what="the tensor")
                caller = sys._getframe(1)
                namespace = {**caller.f_globals, **caller.f_locals}  # the learner's variable names
                from .. import tracing

                self.trace = tracing.explain(f_or_output, labels=labels, namespace=namespace)
            elif _is_learner_value(f_or_output):  # a Value of the learner's own engine (lesson 9)
                from ..tracing.learner import explain_learner

                caller = sys._getframe(1)
                self.trace = explain_learner(f_or_output, labels=labels,
                                             namespaces=[caller.f_locals, caller.f_globals])
            elif callable(f_or_output):
                try:
                    self.trace = explain_function(f_or_output, x)
                except _LearnerError:
                    raise
                except Exception as error:
                    raise _LearnerError(describe_exception(error, what="f(x)")) from None
            else:
                raise TypeError("BackpropStepper needs a function of one tensor (e.g. lambda x: "
                                f"torch.log(x**2)) or a tensor with a grad_fn; got {type(f_or_output).__name__}.")
            self.trace.steps  # work the steps out now, so a problem shows here and not later
        except _LearnerError as error:
            self.error = str(error)
            self.trace = None
        except Exception as error:  # a learner's function or tensor: say what is wrong, do not crash
            self.error = describe_exception(error, what="BackpropStepper")
            self.trace = None
        self._svg = {}  # step -> SVG of the graph (steps are revisited often)
        self._png_cache = {}

        from ._controls import LiveStatus

        w = ipywidgets()
        count = len(self.trace.steps) if self.trace is not None else 0
        # Prev and Next live in the slider's view: there they can hand focus on to each other when
        # one becomes disabled at either end, instead of dropping it to the page.
        self._slider = named_slider("step", 0, 0, max(count, 1), step=1, digits=0, integer=True,
                                    width="300px", label_width="3em", buttons=("Prev", "Next"))
        self._slider.disabled = count == 0
        self._slider.max = count
        self._text = LiveStatus()
        self._graph = w.HTML(layout=w.Layout(max_width="100%"))
        self._widget = w.VBox([self._slider, self._text, self._graph])
        self._widget.add_class("ad-app")  # our focus ring and reflow rules (see _controls.py)
        self._slider.observe(lambda change: self._refresh(), names="value")
        self._refresh()

    @property
    def steps(self):
        """The number of backward steps (the slider runs from 0, the forward pass, to this)."""
        return int(self._slider.max)

    @property
    def step(self):
        return int(self._slider.value)

    @step.setter
    def step(self, k):
        if int(k) != k or not 0 <= k <= self.steps:
            raise ValueError(f"step must be a whole number from 0 (the forward pass) to {self.steps}; "
                             f"got {k!r}.")
        self._slider.value = int(k)

    @property
    def current(self):
        """The current ``Step`` of the trace (None at step 0)."""
        return self.trace.steps[self.step - 1] if self.trace is not None and self.step else None

    @property
    def text(self):
        """The current step in words (what the widget shows next to the graph)."""
        if self.trace is None:
            return self.error
        return "\n".join(step_lines(self.trace, self.step))

    def graph_svg(self, k=None):
        k = self.step if k is None else k
        if k not in self._svg:
            self._svg[k] = self.trace.graph(step=k).to_svg()
        return self._svg[k]

    def _move(self, delta):
        self._slider.value = min(max(self._slider.value + delta, 0), self._slider.max)

    def _refresh(self):
        if self.trace is None:
            self._text.value = message_html(self.error, "error")
            self._graph.value = ""
            return
        try:
            self._text.value = step_html(self.trace, self.step)
            # One picture with a name: the step's text says what the graph shows at this step.
            # A wide graph scrolls inside a box that takes keyboard focus, so it can be scrolled
            # with the arrow keys too (WCAG 2.1.1).
            self._graph.value = scroll_box(f'<div role="img" aria-label="{_html.escape(self.describe(), quote=True)}">'
                                           f"{self.graph_svg()}</div>", "computation graph")
        except Exception as error:  # drawing trouble must leave the text readable
            self._graph.value = message_html(describe_exception(error, "drawing the graph"), "warning")

    def to_png(self):
        """The graph at the current step with the step's text under it, as PNG bytes.

        Made only when asked for (the static fallback, docs): in the widget the graph is SVG.
        """
        from ._common import figure_to_png

        if self.trace is None:
            figure = new_figure(height=1.2)
            figure.text(0.01, 0.5, self.error, va="center", wrap=True, color="#b00020")
            return figure_to_png(figure)
        if self.step not in self._png_cache:
            graph_png = self.trace.graph(step=self.step).to_png(scale=1.0)
            self._png_cache[self.step] = figure_to_png(step_picture(self.trace, self.step, graph_png))
        return self._png_cache[self.step]

    def describe(self):
        """The current picture in words (its text alternative)."""
        if self.trace is None:
            return self.error
        nodes = len(self.trace.forward)
        return (f"The computation graph ({nodes} tensors), with the current step highlighted. "
                + " ".join(line.strip() for line in step_lines(self.trace, self.step)))

    def _repr_mimebundle_(self, include=None, exclude=None):
        self._png = self.to_png()
        return super()._repr_mimebundle_(include, exclude)

    def __repr__(self):
        if self.trace is None:
            return f"BackpropStepper(error: {self.error})"
        current = self.current
        where = "forward pass" if current is None else f"{current.equation} ({current.grad_fn})"
        return f"BackpropStepper(step {self.step} of {self.steps}: {where})"
