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
    new_figure, quiet_numerics, set_log_slider,
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


def verdict(run):
    """``(status, sentence)``: did this run converge, crawl, grow or blow up?"""
    loss, lr = run.loss, format_number(run.lr, 3).rstrip("0").rstrip(".")
    if len(loss) == 0:
        return "converging", "No epochs run yet."
    start, end = loss[0], loss[-1]
    smaller = format_number(run.lr / 4, 3).rstrip("0").rstrip(".")
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


COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"]


class TrainingPicture:
    """Loss curves (log scale) on the left; the parameter paths over the loss contour on the right
    (for two parameters) or the parameters per epoch (otherwise). Updated in place."""

    def __init__(self, model, x, y, loss, start, param_names, height=3.7):
        self.model, self.x, self.y, self.loss = model, x, y, loss
        self.start = np.asarray(start, dtype=float)
        self.param_names = param_names
        self.figure = new_figure(height=height)
        self.curves, self.paths = self.figure.subplots(1, 2, width_ratios=[1, 1])
        self._contour = None
        self._region = None
        self._lines = []  # artists of the current runs, removed on each update
        self._curve_limits = None  # (last epoch, lowest, highest loss) shown so far
        self._setup_axes()

    @property
    def two_parameters(self):
        return self.start.size == 2

    def _setup_axes(self):
        from matplotlib.ticker import LogLocator, NullLocator

        ax = self.curves
        ax.set_yscale("log")
        # Decades only: minor ticks on a log axis cost more to draw than everything else together.
        ax.yaxis.set_major_locator(LogLocator(base=10, numticks=8))
        ax.yaxis.set_minor_locator(NullLocator())
        ax.set_xlabel("epoch")
        ax.set_ylabel("loss (log scale)")
        ax.set_title("Loss per epoch", fontsize=11)
        ax.grid(True, alpha=0.25)
        self._empty = ax.text(0.5, 0.5, "Press Run to train", transform=ax.transAxes,
                              ha="center", va="center", color="0.45", fontsize=11)
        ax = self.paths
        if self.two_parameters:
            a, b = self.param_names[:2]
            ax.set_xlabel(a)
            ax.set_ylabel(b)
            ax.set_title("Path over the loss surface (darker = lower loss)", fontsize=11)
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

            self._contour = ax.contourf(A, B, np.where(L > 0, L, levels[0]), levels=levels,
                                        norm=LogNorm(), cmap="Blues_r", alpha=0.85, zorder=0)
        ax.set_xlim(*region[0])
        ax.set_ylim(*region[1])

    def update(self, runs):
        for artist in self._lines:
            artist.remove()
        self._lines = []
        self._empty.set_visible(not runs)
        newest = len(runs) - 1
        for i, run in enumerate(runs):
            colour = COLOURS[i % len(COLOURS)]
            style = dict(color=colour, linewidth=2.2 if i == newest else 1.3,
                         alpha=1.0 if i == newest else 0.75)
            label = f"lr = {format_number(run.lr, 4).rstrip('0').rstrip('.')}"
            if run.diverged:
                label += " (diverged)"
            shown = np.where(run.loss > 0, run.loss, np.nan)
            self._lines += self.curves.plot(np.arange(len(shown)), shown, label=label, **style)
            if run.status == "diverged" and len(run.loss):
                self._lines += self.curves.plot([len(run.loss) - 1], [_last_finite(run.loss)], "x",
                                                color=colour, markersize=9, mew=2)
            if self.two_parameters:
                path = self._visible_path(run)
                # Dots for each epoch on the newest path only: 200 markers per run add up.
                self._lines += self.paths.plot(path[:, 0], path[:, 1], ".-" if i == newest else "-",
                                               markersize=3, **style)
                if not run.diverged:
                    self._lines += self.paths.plot([path[-1, 0]], [path[-1, 1]], "o", color=colour,
                                                   markersize=6, zorder=4)
            else:
                for k in range(run.params.shape[1]):
                    self._lines += self.paths.plot(run.params[:, k], **style)
        if self.two_parameters:
            self._draw_surface(runs)
            self._lines += self.paths.plot([self.start[0]], [self.start[1]], "s", color="black",
                                           markersize=6, zorder=5, label="start")
        self._scale_curves(runs)
        if runs:
            self._lines.append(self.curves.legend(fontsize=9, loc="upper right", framealpha=0.9))
        if not self.two_parameters and runs:
            self.paths.relim()
            self.paths.autoscale_view()

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
        bottom, top = 10 ** np.floor(np.log10(low)), 10 ** np.ceil(np.log10(high) + 1e-9)
        if self._curve_limits is not None:
            old_right, old_bottom, old_top = self._curve_limits
            right, bottom, top = max(right, old_right), min(bottom, old_bottom), max(top, old_top)
        self._curve_limits = (right, bottom, top)
        self.curves.set_xlim(0, right)
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
        self.model = model or linear_model
        self.start = np.asarray(_as_tensor(SEED_PARAMS if params is None else params)._array, dtype=float)
        self.x = SEED_X if x is None else x
        self.y = SEED_Y if y is None else y
        self.loss = loss
        loss_function(loss)  # a clear error now for an unknown loss name
        if self.start.ndim != 1:
            raise ValueError(f"params must be a vector of parameters; got shape {self.start.shape}.")
        if param_names is None:
            param_names = ["a", "b"] if self.model is linear_model else [
                f"params[{i}]" for i in range(self.start.size)]
        self.param_names = list(param_names)
        self.runs = []
        self.picture = TrainingPicture(self.model, self.x, self.y, loss, self.start, self.param_names)

        w = ipywidgets()
        self._lr = log_slider(lr, 1e-4, 10, "learning rate", width="420px")
        self._epochs = w.IntSlider(value=epochs, min=1, max=500, description="epochs",
                                   layout=w.Layout(width="380px"))
        self._run_button = w.Button(description="Run", button_style="primary", icon="play",
                                    tooltip="Train with these settings; earlier runs stay for comparison")
        self._reset_button = w.Button(description="Reset", icon="undo",
                                      tooltip="Forget all runs and start again from the initial parameters")
        self._readout = w.HTML()
        self._image = w.Image(format="png", layout=w.Layout(max_width="100%"))
        self._widget = w.VBox([
            w.HBox([self._lr, self._epochs]),
            w.HBox([self._run_button, self._reset_button]),
            self._readout, self._image,
        ])
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
        return self._epochs.value

    @epochs.setter
    def epochs(self, value):
        if int(value) != value or value < 1:
            raise ValueError(f"epochs must be a whole number of at least 1; got {value!r}.")
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
        self._image.value = self._png
        self._readout.value = self._readout_html()

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
            parts.append(f"<i>lr = {self.lr:.3g}, {self.epochs} epochs: press Run to train.</i>")
        return "".join(parts)

    def __repr__(self):
        if not self.runs:
            return f"TrainingLab(lr={self.lr:.3g}, epochs={self.epochs}, no runs yet)"
        run = self.runs[-1]
        return (f"TrainingLab(lr={self.lr:.3g}, epochs={self.epochs}, runs={len(self.runs)}, "
                f"final loss={format_number(run.final_loss)}, {run.status})")
