"""TrainingLab: gradient descent on a small model, with the learning rate on a slider.

The pure part: ``train`` (the seed notebook's training loop, returning a ``TrainingRun`` with the
loss and parameters of every epoch and a verdict in words), ``loss_surface`` (the loss over a grid
of two parameters) and ``TrainingPicture`` (the loss curves and the path over the contour, updated
in place). The widget connects sliders and Run/Reset buttons to them.
"""
import math
from dataclasses import dataclass

import numpy as np

from ._common import (
    WidgetApp, describe_exception, figure_to_png, format_number, ipywidgets, log_slider, message_html,
    named_slider, new_figure, quiet_numerics, set_log_slider, static_bundle,
)


def linear_model(x, params):
    """The seed notebook's model: y = a*x + b with params = [a, b]."""
    return params[0] * x + params[1]


def mse(y_hat, y):
    """Mean squared error, as in the seed notebook: mean((y - y_hat)**2)."""
    return ((y - y_hat) ** 2).mean()


def mae(y_hat, y):
    """Mean absolute error: mean(|y - y_hat|)."""
    return (y - y_hat).abs().mean()


LOSSES = {"mse": mse, "mae": mae}

# The seed notebook's data: three points on y = 0.5x + 0.5, starting from a = b = 1.
SEED_X = [1.0, 2.0, 3.0]
SEED_Y = [1.0, 1.5, 2.0]
SEED_PARAMS = [1.0, 1.0]

# Stop when the loss is this many times its starting value: it has clearly run away, and going on
# would only overflow to inf.
RUNAWAY_FACTOR = 1e12


def loss_function(loss):
    """``"mse"``, ``"mae"`` or a function ``loss(y_hat, y)`` returning a tensor."""
    if callable(loss):
        return loss
    try:
        return LOSSES[str(loss).lower()]
    except KeyError:
        raise ValueError(f"Unknown loss {loss!r}: use one of {sorted(LOSSES)} or pass a function "
                         "loss(y_hat, y) that returns a tensor.") from None


@dataclass
class TrainingRun:
    """One training run. ``loss[k]`` is the loss at ``params[k]``, before epoch k's update (as the
    seed notebook prints it); ``params`` has one more row: the parameters after the last update."""

    lr: float
    epochs: int
    loss: np.ndarray
    params: np.ndarray
    status: str  # "converging", "slow", "grew", "diverged" or "error"
    message: str

    @property
    def diverged(self):
        return self.status in ("grew", "diverged")

    @property
    def final_loss(self):
        return float(self.loss[-1]) if len(self.loss) else math.nan

    def rows(self):
        """``(epoch, loss, params)`` per epoch, as a list (handy for printing a table)."""
        return [(epoch, float(value), self.params[epoch].tolist())
                for epoch, value in enumerate(self.loss)]

    def __len__(self):
        return len(self.loss)


def train(model=linear_model, params=SEED_PARAMS, x=SEED_X, y=SEED_Y, lr=0.05, epochs=50, loss="mse"):
    """Plain gradient descent, as in the seed notebook's training loop; never raises for bad settings.

    Each epoch: fresh leaf parameters, forward, loss, backward, ``params - lr * params.grad``.
    Stops early when the loss becomes nan or inf, or runs away; says what happened in ``message``.
    """
    import autodidact as ad

    loss_fn = loss_function(loss)
    x, y = _as_tensor(x), _as_tensor(y)
    current = _as_tensor(params)
    losses, path = [], [current._array.astype(float).copy()]
    status, message = None, None
    with quiet_numerics():
        for epoch in range(int(epochs)):
            current = current.clone().detach().requires_grad_(True)
            try:
                value = loss_fn(model(x, current), y)
                if value.numel() != 1:
                    raise ValueError(f"the loss has shape {tuple(value.shape)}; it must be one number "
                                     "(take .mean() of it)")
                value.backward()
            except Exception as error:  # a learner's model or loss: report, do not crash
                status = "error"
                message = describe_exception(error, what="the model or loss")
                break
            losses.append(float(value.item()))
            if not math.isfinite(losses[-1]) or losses[-1] > RUNAWAY_FACTOR * (losses[0] + 1e-12):
                status = "diverged"
                break
            with ad.no_grad():
                current = current - lr * current.grad
            path.append(current._array.astype(float).copy())
            if not np.all(np.isfinite(path[-1])):
                status = "diverged"
                break
    run = TrainingRun(float(lr), int(epochs), np.array(losses, dtype=float),
                      np.array(path, dtype=float), status or "converging", message or "")
    run.status, run.message = verdict(run) if status != "error" else (status, message)
    return run


def _as_tensor(value):
    import autodidact as ad

    if isinstance(value, ad.Tensor):
        return value.detach()
    return ad.tensor(value, dtype=ad.float32)


MAX_EPOCHS = 10_000  # about 8 s for the seed's line; 10**7 epochs would keep the kernel busy for hours


def _check_model(model, x, start):
    """A model that does not return a tensor fails here, with a sentence, not deep in the drawing."""
    from ..engine import Tensor

    try:
        predictions = model(_as_tensor(x), _as_tensor(start))
    except Exception:
        return  # the run reports the model's own exception, with its line
    if not isinstance(predictions, Tensor):
        raise TypeError(f"model(x, params) must return a tensor of predictions, one per row of x; it "
                        f"returned {type(predictions).__name__} {predictions!r:.60}.")


def check_epochs(value):
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)) \
            or not math.isfinite(value) or int(value) != value or not 1 <= value <= MAX_EPOCHS:
        raise ValueError(f"epochs must be a whole number from 1 to {MAX_EPOCHS}; got {value!r}.")


def verdict(run):
    """``(status, sentence)``: did this run converge, crawl, grow or blow up?"""
    loss, lr = run.loss, format_number(run.lr, 3).rstrip("0").rstrip(".")
    if len(loss) == 0:
        return "converging", "No epochs run yet."
    start, end = loss[0], loss[-1]
    smaller = format_number(run.lr / 4, 3).rstrip("0").rstrip(".")
    if not math.isfinite(start):
        return "diverged", (
            f"The loss was {format_number(start)} from the start, before any step: no learning rate "
            "fixes that. Look for nan or inf in x, y or the starting parameters, or for empty data.")
    if not math.isfinite(end) or run.status == "diverged":
        what = "nan" if math.isnan(end) else ("inf" if math.isinf(end) else "enormous")
        return "diverged", (
            f"Training diverged: at epoch {len(loss) - 1} the loss became {what}, so training "
            f"stopped. Each step with lr = {lr} overshoots the minimum and lands further away than it "
            f"started. Try a smaller learning rate, e.g. {smaller}.")
    if end > start:
        return "grew", (
            f"The loss grew from {format_number(start)} to {format_number(end)} in {len(loss)} "
            f"epochs: lr = {lr} is too large, each step overshoots the minimum. Try a smaller "
            f"learning rate, e.g. {smaller}.")
    if end > 0.5 * start and len(loss) >= 10:
        return "slow", (
            f"The loss only fell from {format_number(start)} to {format_number(end)} in {len(loss)} "
            f"epochs: lr = {lr} takes tiny steps. Try a larger learning rate or more epochs.")
    return "converging", (f"The loss fell from {format_number(start)} to {format_number(end)} in "
                          f"{len(loss)} epochs with lr = {lr}.")


# ---------------------------------------------------------------------------------------------
# The loss surface over two parameters


def loss_surface(model, x, y, loss, first, second, resolution=60):
    """The loss on a ``resolution`` x ``resolution`` grid of two parameters.

    ``first`` and ``second`` are (low, high) ranges. Returns ``(A, B, L)`` for ``contour``. All grid
    points go through the model in one call when it broadcasts (``params[0] * x + params[1]``
    does), otherwise one call per point on a coarser grid.
    """
    import autodidact as ad

    loss_fn = loss_function(loss)
    x, y = _as_tensor(x), _as_tensor(y)
    with quiet_numerics(), ad.no_grad():
        grid = _grid(first, second, resolution)
        values = _surface_vectorised(model, x, y, loss_fn, grid)
        if values is None:
            grid = _grid(first, second, min(resolution, 30))
            values = _surface_pointwise(model, x, y, loss_fn, grid)
    A, B = grid
    return A, B, values.reshape(A.shape)


def _grid(first, second, resolution):
    return np.meshgrid(np.linspace(*first, resolution), np.linspace(*second, resolution))


def _surface_vectorised(model, x, y, loss_fn, grid):
    """Loss for every grid point in one pass, for the built-in losses; None if the model objects."""
    import autodidact as ad

    if loss_fn not in (mse, mae):
        return None
    A, B = grid
    stacked = ad.tensor(np.stack([A.reshape(-1, 1), B.reshape(-1, 1)]), dtype=ad.float64)
    try:
        y_hat = model(x.double(), stacked)
    except Exception:
        return None
    if tuple(y_hat.shape) != (A.size,) + tuple(x.shape):
        return None
    error = y_hat._array - y._array.astype(float)
    reduce_axes = tuple(range(1, error.ndim))
    values = (error ** 2 if loss_fn is mse else np.abs(error)).mean(axis=reduce_axes)
    return np.asarray(values, dtype=float)


def _surface_pointwise(model, x, y, loss_fn, grid):
    import autodidact as ad

    A, B = grid
    values = np.full(A.size, np.nan)
    for i, (a, b) in enumerate(zip(A.reshape(-1), B.reshape(-1))):
        try:
            values[i] = float(loss_fn(model(x, ad.tensor([a, b])), y).item())
        except Exception:
            pass
    return values


def surface_region(runs, start, margin=0.35, minimum_span=1.0):
    """The parameter box to draw: the start and every point where the loss has not run away.

    Points of a diverging path beyond 1.5 x the starting loss are left out, so the picture stays on
    the interesting part (the path is then seen leaving the frame).
    """
    points = [np.asarray(start, dtype=float)[:2]]
    for run in runs:
        if len(run.loss) == 0:
            continue
        keep = np.isfinite(run.loss) & (run.loss <= 1.5 * run.loss[0])
        points.extend(run.params[: len(run.loss)][keep, :2])
        if run.status not in ("diverged", "grew", "error") and np.all(np.isfinite(run.params[-1])):
            points.append(run.params[-1, :2])
    points = np.array(points)
    low, high = points.min(axis=0), points.max(axis=0)
    centre, span = (low + high) / 2, np.maximum(high - low, minimum_span) * (1 + 2 * margin)
    return (tuple(centre[0] + np.array([-0.5, 0.5]) * span[0]),
            tuple(centre[1] + np.array([-0.5, 0.5]) * span[1]))


# ---------------------------------------------------------------------------------------------
# The picture


# One colour, line style and marker per run, so runs never differ by colour alone. The colours
# stay apart under colour-vision deficiency: at least 12 CIEDE2000 units between any two, the first
# four at least 16, in normal vision and simulated protanopia, deuteranopia and tritanopia
# (Machado et al. 2009; tests/test_a11y.py measures it).
COLOURS = ["#0072B2", "#D55E00", "#000000", "#8C564B", "#009E73", "#CC79A7"]
LINESTYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1, 1, 1)), (0, (8, 2))]
MARKERS = ["o", "s", "^", "D", "v", "P"]


LABEL_ROOM = 1.6  # the loss axis runs this far past the last epoch: the runs' names go there


def run_style(i):
    """The colour, line style and marker of run ``i`` (TrainingLab uses them in this order): use
    them in your own plots to give each learning rate the same look everywhere."""
    return dict(color=COLOURS[i % len(COLOURS)], linestyle=LINESTYLES[i % len(LINESTYLES)],
                marker=MARKERS[i % len(MARKERS)])


def rate_text(lr):
    """A learning rate as a learner typed it: 0.05, 0.46, 1e-05."""
    return f"{lr:.4g}"


class TrainingPicture:
    """Loss curves (log scale) on the left; the parameter paths over the loss contour on the right
    (for two parameters) or the parameters per epoch (otherwise). Updated in place."""

    def __init__(self, model, x, y, loss, start, param_names, width=7.2, height=3.5):
        self.model, self.x, self.y, self.loss = model, x, y, loss
        self.start = np.asarray(start, dtype=float)
        self.param_names = param_names
        # 720 px wide: in a 1024 px window JupyterLab scales it by about 0.8, so its 11-point text
        # still shows at 12 px or more.
        self.figure = new_figure(width=width, height=height)
        self.curves, self.paths = self.figure.subplots(1, 2, width_ratios=[1, 1])
        self._contour = None
        self._contour_lines = None
        self._region = None
        self._lines = []  # artists of the current runs, removed on each update
        self._curve_limits = None  # (last epoch, lowest, highest loss) shown so far
        self._setup_axes()

    @property
    def two_parameters(self):
        return self.start.size == 2

    def _setup_axes(self):
        from matplotlib.ticker import LogLocator, NullLocator

        for ax in (self.curves, self.paths):
            ax.tick_params(labelsize=11)
        ax = self.curves
        ax.set_yscale("log")
        # Decades only: minor ticks on a log axis cost more to draw than everything else together.
        ax.yaxis.set_major_locator(LogLocator(base=10, numticks=8))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.set_xlabel("epoch", fontsize=11)
        ax.set_ylabel("loss (log scale)", fontsize=11)
        ax.set_title("Loss per epoch", fontsize=12)
        ax.grid(True, alpha=0.25)
        self._empty = ax.text(0.5, 0.5, "Press Run to train", transform=ax.transAxes,
                              ha="center", va="center", color="0.45", fontsize=11)
        ax = self.paths
        if self.two_parameters:
            a, b = self.param_names[:2]
            ax.set_xlabel(a)
            ax.set_ylabel(b)
            ax.set_title("Path over the loss (darker = lower)", fontsize=11)
        else:
            ax.set_xlabel("epoch")
            ax.set_ylabel("parameter value")
            ax.set_title("Parameters per epoch", fontsize=11)
            ax.grid(True, alpha=0.25)
        self._draw_surface([])

    def _draw_surface(self, runs):
        if not self.two_parameters:
            return
        region = surface_region(runs, self.start)
        if self._region is not None and _inside(region, self._region):
            return  # the current contour still covers everything: keep it (redrawing costs ~20 ms)
        if self._region is not None:  # grow generously so small changes do not redraw it again
            region = _union(region, self._region)
        self._region = region
        if self._contour is not None:
            self._contour.remove()
        A, B, L = loss_surface(self.model, self.x, self.y, self.loss, *region)
        finite = L[np.isfinite(L) & (L > 0)]
        ax = self.paths
        if finite.size:
            levels = np.geomspace(max(finite.min(), finite.max() * 1e-6), finite.max(), 14)
            from matplotlib.colors import LogNorm

            from matplotlib.colors import LinearSegmentedColormap

            # Light shades only (darker = lower loss), so every run's colour stands out on it.
            shades = LinearSegmentedColormap.from_list("loss", ["#cfd8e0", "#ffffff"])
            surface = np.where(L > 0, L, levels[0])
            self._contour = ax.contourf(A, B, surface, levels=levels, norm=LogNorm(), cmap=shades,
                                        zorder=0)
            if self._contour_lines is not None:
                self._contour_lines.remove()
            self._contour_lines = ax.contour(A, B, surface, levels=levels, colors="#8a96a3",
                                             linewidths=0.6, zorder=0)
        ax.set_xlim(*region[0])
        ax.set_ylim(*region[1])

    def update(self, runs):
        for artist in self._lines:
            artist.remove()
        self._lines = []
        self._empty.set_visible(not runs)
        newest = len(runs) - 1
        ends = []  # (last epoch, last loss, label, colour) for the direct labels
        for i, run in enumerate(runs):
            look = run_style(i)
            colour = look["color"]
            style = dict(color=colour, linestyle=look["linestyle"], linewidth=2.4 if i == newest else 1.6)
            label = f"lr {rate_text(run.lr)}"
            if run.diverged:
                label += " (diverged)"
            shown = np.where(run.loss > 0, run.loss, np.nan)
            epochs = np.arange(len(shown))
            every = max(1, len(shown) // 8)  # a few markers per curve: enough to tell them apart
            self._lines += self.curves.plot(epochs, shown, label=label, marker=look["marker"],
                                            markevery=(i % every, every), markersize=6, **style)
            finite = np.flatnonzero(np.isfinite(shown))
            if finite.size:
                ends.append((shown[finite[-1]], label.replace(" (diverged)", ", diverged"), look))
            if run.status == "diverged" and len(run.loss):
                self._lines += self.curves.plot([len(run.loss) - 1], [_last_finite(run.loss)], "x",
                                                color=colour, markersize=9, mew=2)
            if self.two_parameters:
                path = self._visible_path(run)
                self._lines += self.paths.plot(path[:, 0], path[:, 1], marker=look["marker"],
                                               markersize=4 if i == newest else 3,
                                               markevery=1 if i == newest else max(1, len(path) // 8),
                                               **style)
                if not run.diverged:
                    self._lines += self.paths.plot([path[-1, 0]], [path[-1, 1]], look["marker"],
                                                   color=colour, markersize=8, zorder=4,
                                                   markeredgecolor="white")
            else:
                for k in range(run.params.shape[1]):
                    self._lines += self.paths.plot(run.params[:, k], **style)
        if self.two_parameters:
            self._draw_surface(runs)
            self._lines += self.paths.plot([self.start[0]], [self.start[1]], "s", color="black",
                                           markersize=7, zorder=5, label="start")
        self._scale_curves(runs)
        self._lines += self._direct_labels(ends)
        if not self.two_parameters and runs:
            self.paths.relim()
            self.paths.autoscale_view()

    def _direct_labels(self, ends):
        """Each run's name right of its curve's end (the x axis leaves room for it), with the run's
        marker in its colour; labels are nudged apart so that they never overlap."""
        if not ends:
            return []
        ax = self.curves
        bottom, top = (np.log10(v) for v in ax.get_ylim())
        height = (top - bottom) or 1.0
        gap = 0.075  # of the axes' height: one line of 10-point text
        ends = sorted(ends, key=lambda end: end[0])
        positions = []
        for loss, _, _ in ends:
            y = min(max((np.log10(loss) - bottom) / height, 0.04), 0.96)
            if positions and y < positions[-1] + gap:
                y = positions[-1] + gap
            positions.append(y)
        overflow = positions[-1] - 0.96
        if overflow > 0:  # pushed off the top: move the whole stack down
            positions = [y - overflow for y in positions]
        artists = []
        x = 1 / LABEL_ROOM + 0.02
        for (_, label, look), y in zip(ends, positions):
            artists += ax.plot([x], [y], look["marker"], color=look["color"], markersize=6,
                               transform=ax.transAxes, clip_on=False)
            artists.append(ax.text(x + 0.03, y, label, transform=ax.transAxes, fontsize=11,
                                   color="#1f1f1f", va="center", ha="left"))
        return artists

    def _visible_path(self, run):
        """A diverging path jumps further out each step; draw it only until it leaves the frame, or
        its zigzag would paint over the whole contour."""
        path = run.params
        if not run.diverged or self._region is None:
            return path
        (a_low, a_high), (b_low, b_high) = self._region
        inside = ((path[:, 0] >= a_low) & (path[:, 0] <= a_high)
                  & (path[:, 1] >= b_low) & (path[:, 1] <= b_high))
        outside = np.flatnonzero(~inside)
        return path if outside.size == 0 else path[: outside[0] + 1]

    def _scale_curves(self, runs):
        """Limits chosen here rather than by autoscale: all epochs; from the smallest loss to the
        largest, but no more than 10^4 above the start so one diverging run cannot flatten the rest."""
        losses = [run.loss[np.isfinite(run.loss) & (run.loss > 0)] for run in runs]
        losses = [values for values in losses if values.size]
        if not losses:
            self._curve_limits = None
            self.curves.set_xlim(0, max([run.epochs for run in runs], default=50))
            self.curves.set_ylim(1e-3, 10)
            return
        low = min(values.min() for values in losses)
        high = max(values.max() for values in losses)
        start = max(values[0] for values in losses)
        high = min(high, start * 1e4)
        # Whole decades, and only ever widened until Reset: runs being compared share one scale,
        # and the axes (cached, see png) are not redrawn for every run.
        right = max(len(run.loss) for run in runs) - 1 or 1
        # (a lowest loss just above a whole decade gets the decade below: the curve's end stays in view)
        bottom, top = 10 ** np.floor(np.log10(low) - 0.15), 10 ** np.ceil(np.log10(high) + 1e-9)
        if self._curve_limits is not None:
            old_right, old_bottom, old_top = self._curve_limits
            right, bottom, top = max(right, old_right), min(bottom, old_bottom), max(top, old_top)
        self._curve_limits = (right, bottom, top)
        self.curves.set_xlim(0, right * LABEL_ROOM)  # room on the right for the runs' names
        from matplotlib.ticker import MaxNLocator

        self.curves.set_xticks([t for t in MaxNLocator(5, integer=True).tick_values(0, right) if t <= right])
        self.curves.set_ylim(bottom, top)

    def png(self):
        # Curves, paths and the legend change with every run; axes, ticks and the contour only when
        # the limits do, so they are drawn once per set of limits (see figure_to_png).
        key = (self.curves.get_xlim(), self.curves.get_ylim(), self.paths.get_xlim(),
               self.paths.get_ylim(), id(self._contour), self._empty.get_visible())
        return figure_to_png(self.figure, self._lines, static_key=key)


def _last_finite(values):
    finite = values[np.isfinite(values)]
    return finite[-1] if finite.size else 1.0


def _inside(inner, outer):
    return all(o[0] <= i[0] and i[1] <= o[1] for i, o in zip(inner, outer))


def _union(a, b):
    return tuple((min(p[0], q[0]), max(p[1], q[1])) for p, q in zip(a, b))


def describe_runs(runs, param_names=("a", "b")):
    """The training picture in words: one sentence per run, e.g. "lr 0.05: the loss falls from
    2.4167 to 0.0040 in 50 epochs; (a, b) ends at (0.5300, 0.4300)."."""
    if not runs:
        return "Loss per epoch and the parameters' path: empty until you press Run."
    sentences = [f"Loss per epoch (log scale) and the path of ({', '.join(param_names)}) over the "
                 f"loss surface, for {len(runs)} run{'s' if len(runs) > 1 else ''}."]
    for run in runs:
        name = f"lr {rate_text(run.lr)}"
        if len(run.loss) == 0:
            sentences.append(f"{name}: no epochs ({run.message})")
        elif run.diverged:
            sentences.append(f"{name}: the loss grows from {format_number(run.loss[0])} and the run "
                             f"diverges by epoch {len(run.loss) - 1}.")
        else:
            way = "falls" if run.loss[-1] <= run.loss[0] else "rises"
            end = ", ".join(format_number(v) for v in run.params[-1])
            sentences.append(f"{name}: the loss {way} from {format_number(run.loss[0])} to "
                             f"{format_number(run.loss[-1])} in {len(run.loss)} epochs; the "
                             f"parameters end at ({end}).")
    return " ".join(sentences)


# ---------------------------------------------------------------------------------------------
# The widget


class TrainingLab(WidgetApp):
    """Train a small model by gradient descent; change the learning rate and compare the runs.

        lab = TrainingLab()                 # the seed notebook: a*x + b on three points, MSE
        lab.lr = 0.1; lab.run()             # or move the slider and press Run
        lab.history.loss[-1]                # the loss after the last epoch
        lab.compare([0.01, 0.05, 0.2])      # several learning rates on one plot

    ``model(x, params)`` returns the predictions; ``params`` is the starting parameter vector.
    """

    MAX_RUNS = 6  # curves kept for comparison; older ones are dropped

    def __init__(self, model=None, params=None, x=None, y=None, lr=0.05, epochs=50, loss="mse",
                 param_names=None):
        check_epochs(epochs)  # the slider would clamp 0 to 1 without a word
        self.model = model or linear_model
        self.start = np.asarray(_as_tensor(SEED_PARAMS if params is None else params)._array, dtype=float)
        self.x = SEED_X if x is None else x
        self.y = SEED_Y if y is None else y
        sizes = [np.shape(getattr(v, "_array", v))[:1] for v in (self.x, self.y)]
        if sizes[0] != sizes[1]:
            raise ValueError(f"x and y must hold one target per input, but x has shape "
                             f"{list(np.shape(getattr(self.x, '_array', self.x)))} and y has shape "
                             f"{list(np.shape(getattr(self.y, '_array', self.y)))}: give y one value per row of x.")
        self.loss = loss
        loss_function(loss)  # a clear error now for an unknown loss name
        if self.start.ndim != 1:
            raise ValueError(f"params must be a vector of parameters; got shape {self.start.shape}.")
        if not np.all(np.isfinite(self.start)):
            raise ValueError(f"params must be finite numbers to start from; got {self.start.tolist()}.")
        if param_names is None:
            param_names = ["a", "b"] if self.model is linear_model else [
                f"params[{i}]" for i in range(self.start.size)]
        self.param_names = list(param_names)
        if len(self.param_names) != self.start.size:
            raise ValueError(f"param_names must name each of the {self.start.size} parameters; "
                             f"got {self.param_names!r}.")
        _check_model(self.model, self.x, self.start)
        self.runs = []
        self.picture = TrainingPicture(self.model, self.x, self.y, loss, self.start, self.param_names)

        from ._controls import LiveStatus, Picture

        w = ipywidgets()
        self._lr = log_slider(lr, 1e-4, 10, "learning rate", width="240px", label_width="7.5em")
        self._epochs = named_slider("epochs", epochs, 1, max(500, int(epochs)), step=1, digits=0, integer=True,
                                    continuous=False, width="240px", label_width="7.5em")
        self._run_button = w.Button(description="Run", button_style="primary", icon="play",
                                    tooltip="Train with these settings; earlier runs stay for comparison")
        self._reset_button = w.Button(description="Reset", icon="undo",
                                      tooltip="Forget all runs and start again from the initial parameters")
        self._readout = LiveStatus()
        self._image = Picture()
        self._widget = w.VBox([
            self._lr, self._epochs,
            w.HBox([self._run_button, self._reset_button]),
            self._readout, self._image,
        ])
        self._widget.add_class("ad-app")  # its buttons get our focus ring (see _controls.py)
        self._run_button.on_click(lambda _: self.run())
        self._reset_button.on_click(lambda _: self.reset())
        self._lr.observe(self._on_setting, names="value")
        self._epochs.observe(self._on_setting, names="value")
        self._redraw()

    # Settable from code (the sliders follow)
    @property
    def lr(self):
        return self._lr.value

    @lr.setter
    def lr(self, value):
        set_log_slider(self._lr, value)

    @property
    def epochs(self):
        return int(self._epochs.value)

    @epochs.setter
    def epochs(self, value):
        check_epochs(value)
        self._epochs.max = max(self._epochs.max, int(value))
        self._epochs.value = int(value)

    @property
    def history(self):
        """The newest run (loss and params per epoch), or None before the first Run."""
        return self.runs[-1] if self.runs else None

    @property
    def message(self):
        return self.runs[-1].message if self.runs else ""

    def run(self):
        """Train with the current learning rate and epochs; keep earlier runs for comparison."""
        try:
            result = train(self.model, self.start, self.x, self.y, self.lr, self.epochs, self.loss)
        except Exception as error:
            result = TrainingRun(self.lr, self.epochs, np.array([]), self.start[None, :].copy(), "error",
                                 describe_exception(error, what="training"))
        self.runs = (self.runs + [result])[-self.MAX_RUNS:]
        self._redraw()
        return result

    def compare(self, learning_rates):
        """One run per learning rate, all on one plot (replaces the current runs)."""
        self.runs = []
        for lr in list(learning_rates)[-self.MAX_RUNS:]:
            self.lr = lr
            self.runs.append(train(self.model, self.start, self.x, self.y, lr, self.epochs, self.loss))
        self._redraw()
        return list(self.runs)

    def reset(self):
        """Forget every run; the parameters start again from their initial values."""
        self.runs = []
        self._redraw()

    def _on_setting(self, change):
        self._readout.value = self._readout_html(pending=True)

    def _redraw(self):
        try:
            self.picture.update(self.runs)
            self._png = self.picture.png()
        except Exception as error:  # never leave the learner with a dead widget
            self._readout.value = message_html(describe_exception(error, "drawing"), "error")
            return
        self._image.alt = self.describe()
        self._image.value = self._png
        self._readout.value = self._readout_html()

    def describe(self, runs=None):
        """The current picture in words (its text alternative)."""
        return describe_runs(self.runs if runs is None else runs, self.param_names)

    def _repr_mimebundle_(self, include=None, exclude=None):
        data, metadata = super()._repr_mimebundle_(include, exclude)
        if not self.runs:
            # A page without the live widget should show a finished run, not an empty plot.
            preview = [train(self.model, self.start, self.x, self.y, self.lr, self.epochs, self.loss)]
            try:
                self.picture.update(preview)
                png = self.picture.png()
            finally:
                self.picture.update(self.runs)
            static, static_metadata = static_bundle(png, self.describe(preview), repr(self))
            for key in ("image/png", "text/html"):
                data[key] = static[key]
            metadata.update(static_metadata)
        return data, metadata

    def _readout_html(self, pending=False):
        parts = []
        if self.runs:
            run = self.runs[-1]
            params = ", ".join(f"{name} = {format_number(value)}"
                               for name, value in zip(self.param_names, run.params[-1]))
            parts.append(f'<div style="font-family:monospace;font-size:13px;">after {len(run.loss)} '
                         f'epochs: {params}, loss = {format_number(run.final_loss)}</div>')
            kind = {"converging": "ok", "slow": "warning", "grew": "error", "diverged": "error",
                    "error": "error"}[run.status]
            parts.append(message_html(run.message, kind))
        else:
            start = ", ".join(f"{name} = {format_number(value)}"
                              for name, value in zip(self.param_names, self.start))
            parts.append(f'<div style="font-family:monospace;font-size:13px;">start: {start}</div>')
        if pending and self.runs and (self.runs[-1].lr != self.lr or self.runs[-1].epochs != self.epochs):
            parts.append(f"<i>lr = {rate_text(self.lr)}, {self.epochs} epochs: press Run to train.</i>")
        return "".join(parts)

    def __repr__(self):
        if not self.runs:
            return f"TrainingLab(lr={self.lr:.3g}, epochs={self.epochs}, no runs yet)"
        run = self.runs[-1]
        return (f"TrainingLab(lr={self.lr:.3g}, epochs={self.epochs}, runs={len(self.runs)}, "
                f"final loss={format_number(run.final_loss)}, {run.status})")
