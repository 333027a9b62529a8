"""Playground: a small neural network learns to separate two classes of 2-D points, step by step.

What TensorFlow Playground does, inside Jupyter and on autodidact's own engine: pick a dataset,
the hidden layers, the activation and the learning rate; press Play and watch the decision
boundary form while the loss falls.

The pure parts: ``make_dataset`` (NumPy toy data), ``build_network`` (``autodidact.nn``),
``PlaygroundState`` (data, network, optimizer, loss history; ``train(steps)``),
``decision_grid`` (the network's output over the plane) and ``PlaygroundPicture`` (the heat map and
loss curve, updated in place).
"""
import math

import numpy as np

from ._common import (
    WidgetApp, describe_exception, figure_to_png, format_number, ipywidgets, log_slider, message_html,
    named_slider, new_figure, quiet_numerics, set_log_slider, check_learning_rate,
)

DATASETS = ("moons", "circles", "xor", "spiral")
ACTIVATIONS = ("tanh", "relu", "sigmoid", "linear")
# The picture evaluates the network at every point of a grid, every frame: a million units would
# need terabytes and kill the kernel, and past these sizes a frame takes seconds.
MAX_UNITS, MAX_LAYERS = 64, 8
OPTIMIZERS = ("sgd", "adam")
EXTENT = 1.6  # the plane shown: [-EXTENT, EXTENT] in both directions; the data lies inside ±1.2


# ---------------------------------------------------------------------------------------------
# Data


def make_dataset(name="moons", n=300, noise=0.1, seed=0):
    """``(X, y)``: ``n`` points in the plane, float32 ``(n, 2)``, and their class, 0 or 1, ``(n,)``.

    moons: two interleaved half circles. circles: a disc inside a ring. xor: the four quadrants,
    opposite ones alike. spiral: two arms winding round each other. ``noise`` is the spread of the
    points around the ideal shape (as a fraction of its size). Half the points are class 1.
    """
    if name not in DATASETS:
        raise ValueError(f"Unknown dataset {name!r}: choose one of {', '.join(DATASETS)}.")
    if int(n) != n or n < 4:
        raise ValueError(f"n must be a whole number of at least 4 points; got {n!r}.")
    if not (isinstance(noise, (int, float)) and 0 <= noise <= 1):
        raise ValueError(f"noise must be between 0 and 1; got {noise!r}.")
    rng = np.random.default_rng(seed)
    n = int(n)
    labels = np.arange(n) % 2  # alternate: exactly half of each class
    if name == "moons":
        angle = rng.uniform(0, np.pi, n)
        points = np.where(labels[:, None] == 0,
                          np.c_[np.cos(angle), np.sin(angle)],
                          np.c_[1 - np.cos(angle), 0.5 - np.sin(angle)])
        points = (points - [0.5, 0.25]) * [0.8, 1.2]  # centre on the origin, fill the square
    elif name == "circles":
        angle = rng.uniform(0, 2 * np.pi, n)
        radius = np.where(labels == 1, rng.uniform(0, 0.45, n), rng.uniform(0.75, 1.1, n))
        points = np.c_[radius * np.cos(angle), radius * np.sin(angle)]
    elif name == "xor":
        points = rng.uniform(-1.1, 1.1, (n, 2))
        points += np.sign(points) * 0.06  # a small gap along the axes, so the classes can be told apart
        labels = (points[:, 0] * points[:, 1] > 0).astype(int)
    else:  # spiral
        turn = np.sqrt(rng.uniform(0.02, 1, n))  # denser near the centre, like a real spiral
        angle = turn * 3.5 * np.pi + labels * np.pi
        points = np.c_[turn * np.cos(angle), turn * np.sin(angle)] * 1.15
    points = points + rng.normal(0, noise, points.shape) * 1.0
    return points.astype(np.float32), labels.astype(np.float32)


def split(X, y, test_fraction=1 / 3):
    """Every third point is kept aside to test on; the network never trains on it."""
    test = np.arange(len(y)) % round(1 / test_fraction) == 0
    return X[~test], y[~test], X[test], y[test]


# ---------------------------------------------------------------------------------------------
# The network and its training


def hidden_layers(hidden):
    """The widths of the hidden layers as a tuple: ``8`` is one layer of 8 units, ``(8, 8)`` two."""
    layers = (hidden,) if isinstance(hidden, (int, np.integer)) else hidden
    if isinstance(layers, (str, bytes)) or not hasattr(layers, "__iter__"):
        raise TypeError(f"hidden must be the widths of the hidden layers, e.g. (8,) or (8, 8); "
                        f"got {hidden!r}.")
    layers = tuple(layers)
    if any(isinstance(units, bool) or not isinstance(units, (int, float, np.integer, np.floating))
           or int(units) != units or units < 1 for units in layers):
        raise ValueError(f"Every hidden layer needs a whole number of units, at least 1; got {hidden!r}.")
    if len(layers) > MAX_LAYERS or any(units > MAX_UNITS for units in layers):
        raise ValueError(f"The Playground draws its network's prediction all over the plane at every "
                         f"step, so it keeps networks small: at most {MAX_LAYERS} hidden layers of at most "
                         f"{MAX_UNITS} units; got {hidden!r}.")
    return tuple(int(units) for units in layers)


def build_network(hidden=(8, 8), activation="tanh", seed=0):
    """``nn.Sequential``: 2 inputs, the hidden layers, 1 output squashed to a probability."""
    from .. import manual_seed, nn

    if activation not in ACTIVATIONS:
        raise ValueError(f"Unknown activation {activation!r}: choose one of {', '.join(ACTIVATIONS)}.")
    hidden = [int(units) for units in hidden]
    if any(units < 1 for units in hidden):
        raise ValueError(f"Every hidden layer needs at least one unit; got {hidden}.")
    layer_of = {"tanh": nn.Tanh, "relu": nn.ReLU, "sigmoid": nn.Sigmoid, "linear": nn.Identity}
    manual_seed(seed)  # the same settings always start from the same weights
    layers, width = [], 2
    for units in hidden:
        layers += [nn.Linear(width, units), layer_of[activation]()]
        width = units
    layers += [nn.Linear(width, 1), nn.Sigmoid()]
    return nn.Sequential(*layers)


def decision_grid(network, resolution=60, extent=EXTENT):
    """The network's probability of class 1 at every point of a grid over the plane."""
    import autodidact as ad

    axis = np.linspace(-extent, extent, resolution, dtype=np.float32)
    A, B = np.meshgrid(axis, axis)
    points = np.c_[A.reshape(-1), B.reshape(-1)]
    with ad.no_grad(), quiet_numerics():
        probabilities = network(ad.tensor(points))._array.reshape(resolution, resolution)
    return probabilities


class PlaygroundState:
    """Everything the Playground shows, without any widget: data, network, optimizer, history."""

    def __init__(self, dataset="moons", noise=0.1, hidden=(8, 8), activation="tanh", lr=0.3,
                 optimizer="sgd", n=300, seed=0):
        if optimizer not in OPTIMIZERS:
            raise ValueError(f"Unknown optimizer {optimizer!r}: choose one of {', '.join(OPTIMIZERS)}.")
        self.dataset, self.noise, self.n, self.seed = dataset, noise, n, seed
        self.hidden, self.activation = hidden_layers(hidden), activation
        self.optimizer_name, self._lr = optimizer, check_learning_rate(lr)
        X, y = make_dataset(dataset, n, noise, seed)
        self.X_train, self.y_train, self.X_test, self.y_test = split(X, y)
        self.reset()

    def reset(self):
        """New starting weights (the same for the same settings) and an empty history."""
        import autodidact as ad
        from .. import nn, optim

        self.network = build_network(self.hidden, self.activation, self.seed)
        maker = optim.SGD if self.optimizer_name == "sgd" else optim.Adam
        self.optimizer = maker(self.network.parameters(), lr=self._lr)
        self.loss_fn = nn.BCELoss()
        self._inputs = ad.tensor(self.X_train)
        self._targets = ad.tensor(self.y_train[:, None])
        self._test_inputs = ad.tensor(self.X_test)
        self._test_targets = ad.tensor(self.y_test[:, None])
        self.steps = 0
        self.train_loss, self.test_loss = [], []
        self.diverged = False
        self._record()

    @property
    def lr(self):
        return self._lr

    @lr.setter
    def lr(self, value):
        self._lr = float(value)
        for group in self.optimizer.param_groups:
            group["lr"] = self._lr

    def train(self, steps=1):
        """``steps`` steps of gradient descent on the whole training set (full batch)."""
        with quiet_numerics():
            for _ in range(int(steps)):
                self.optimizer.zero_grad()
                loss = self.loss_fn(self.network(self._inputs), self._targets)
                loss.backward()
                self.optimizer.step()
                self.steps += 1
                self._record()  # every step, so the loss curve has all its points
        return self.train_loss[-1]

    def _record(self):
        import autodidact as ad

        with ad.no_grad(), quiet_numerics():
            train = self.loss_fn(self.network(self._inputs), self._targets).item()
            test = self.loss_fn(self.network(self._test_inputs), self._test_targets).item()
        self.train_loss.append((self.steps, train))
        self.test_loss.append((self.steps, test))
        # BCELoss caps each log at -100, so a blown-up network shows a large finite loss rather
        # than inf: call it diverged once the loss is far above where it started.
        start = self.train_loss[0][1]
        self.diverged = not (math.isfinite(train) and math.isfinite(test)) or (
            train > max(2 * start, 1.5))

    def accuracy(self, which="test"):
        """The fraction of points on the right side of the boundary (probability 0.5)."""
        import autodidact as ad

        X, y = (self.X_test, self.y_test) if which == "test" else (self.X_train, self.y_train)
        with ad.no_grad(), quiet_numerics():
            predicted = self.network(ad.tensor(X))._array.reshape(-1) > 0.5
        return float(np.mean(predicted == (y > 0.5)))

    def architecture(self):
        return " → ".join(["2"] + [str(units) for units in self.hidden] + ["1"])


# ---------------------------------------------------------------------------------------------
# The picture


CLASS_COLOURS = ["#1f5fa8", "#c0392b"]
CLASS_MARKERS = ["o", "^"]
# The plane's shades, from "class 0" through "unsure" to "class 1": light tints of the class
# colours, so that a point of either class keeps at least 3:1 contrast on any part of the plane
# (WCAG 1.4.11); the black line where p = 0.5 marks the boundary itself.
PLANE_TINTS = ["#c6dbef", "#ffffff", "#fcbba1"]


def plane_colours():
    from matplotlib.colors import LinearSegmentedColormap

    return LinearSegmentedColormap.from_list("plane", PLANE_TINTS)


def _marker_path(marker):
    from matplotlib.markers import MarkerStyle

    style = MarkerStyle(marker)
    return style.get_path().transformed(style.get_transform())


class _MarkerPaths:
    """The scatter paths of the two classes' markers, made on first use (matplotlib is lazy)."""

    def __getitem__(self, label):
        if not hasattr(self, "paths"):
            self.paths = [_marker_path(marker) for marker in CLASS_MARKERS]
        return self.paths[label]


_MARKER_PATHS = _MarkerPaths()


class PlaygroundPicture:
    """The decision boundary heat map with the points (left), the loss curves (right)."""

    def __init__(self, height=3.9):
        from matplotlib.colors import ListedColormap
        from matplotlib.ticker import LogLocator, NullLocator

        self.figure = new_figure(height=height)
        self.plane, self.curves = self.figure.subplots(1, 2, width_ratios=[1, 1.15])
        ax = self.plane
        self.heat = ax.imshow(np.full((2, 2), 0.5), extent=(-EXTENT, EXTENT, -EXTENT, EXTENT),
                              origin="lower", cmap=plane_colours(), vmin=0, vmax=1,
                              interpolation="bilinear", zorder=0)
        self.boundary = None
        colours = ListedColormap(CLASS_COLOURS)
        # Classes differ by shape as well as colour (circles and triangles); test points by a
        # black outline.
        self.train_points = ax.scatter([], [], c=[], cmap=colours, vmin=0, vmax=1, s=18,
                                       edgecolors="white", linewidths=0.5, zorder=3, label="training")
        self.test_points = ax.scatter([], [], c=[], cmap=colours, vmin=0, vmax=1, s=26,
                                      edgecolors="black", linewidths=1.1, zorder=3, label="test")
        ax.set_xlim(-EXTENT, EXTENT)
        ax.set_ylim(-EXTENT, EXTENT)
        ax.set_aspect("equal")
        ax.set_xlabel("x₁")
        ax.set_ylabel("x₂")
        self.plane_title = ax.set_title("", fontsize=10)

        ax = self.curves
        ax.set_yscale("log")
        ax.yaxis.set_major_locator(LogLocator(base=10, numticks=6))
        ax.yaxis.set_minor_locator(NullLocator())
        (self.train_line,) = ax.plot([], [], color="#333333", linewidth=2, label="training loss")
        (self.test_line,) = ax.plot([], [], color="#888888", linewidth=1.5, linestyle="--",
                                    label="test loss")
        ax.set_xlabel("training step")
        ax.set_ylabel("loss (binary cross-entropy)")
        ax.grid(True, alpha=0.25)
        # One legend for both panels, under them: it never covers the points or the curves, and
        # it does not change, so it is drawn once with the axes.
        from matplotlib.lines import Line2D

        marker = dict(linestyle="none", markersize=7)
        proxies = [Line2D([], [], marker=CLASS_MARKERS[0], color=CLASS_COLOURS[0], **marker),
                   Line2D([], [], marker=CLASS_MARKERS[1], color=CLASS_COLOURS[1], **marker),
                   Line2D([], [], marker="o", markerfacecolor="0.8", markeredgecolor="black",
                          markeredgewidth=1.2, **marker)]
        self.figure.legend(handles=proxies + [self.train_line, self.test_line],
                           labels=["class 0", "class 1", "test point (outlined)",
                                   "training loss", "test loss"],
                           loc="outside lower center", ncol=5, fontsize=10, frameon=False)
        self.curves_title = ax.set_title("step 0 · loss 0.000 · test 0.000 · accuracy 100%",
                                         fontsize=10)
        self.message = ax.text(0.5, 0.5, "", transform=ax.transAxes, ha="center", va="center",
                               fontsize=10, color="#b00020", wrap=True,
                               bbox=dict(boxstyle="round", facecolor="#fdecea", edgecolor="#b00020"))
        self._data_id = None

    def update(self, state, grid=None):
        if self._data_id != id(state.X_train):  # new data: move the points (cheap enough, but rare)
            self._data_id = id(state.X_train)
            for points, X, y in ((self.train_points, state.X_train, state.y_train),
                                 (self.test_points, state.X_test, state.y_test)):
                points.set_offsets(X)
                points.set_array(y)
                points.set_paths([_MARKER_PATHS[int(label > 0.5)] for label in y])
        grid = decision_grid(state.network) if grid is None else grid
        self.heat.set_data(np.nan_to_num(grid, nan=0.5))
        if self.boundary is not None:
            self.boundary.remove()
            self.boundary = None
        if np.all(np.isfinite(grid)) and grid.min() < 0.5 < grid.max():
            axis = np.linspace(-EXTENT, EXTENT, grid.shape[0])
            self.boundary = self.plane.contour(axis, axis, grid, levels=[0.5], colors="black",
                                               linewidths=1.2, zorder=2)
        self.plane_title.set_text(f"{state.dataset}, network {state.architecture()} ({state.activation})")

        steps = np.array([s for s, _ in state.train_loss], dtype=float)
        train = np.array([v for _, v in state.train_loss], dtype=float)
        test = np.array([v for _, v in state.test_loss], dtype=float)
        self.train_line.set_data(steps, train)
        self.test_line.set_data(steps, test)
        self._scale_curves(steps, np.r_[train, test])
        accuracy = state.accuracy("test")
        self.curves_title.set_text(
            f"step {state.steps} · loss {format_number(train[-1], 3)} · "
            f"test {format_number(test[-1], 3)} · accuracy {accuracy:.0%}")
        if state.diverged:
            self.message.set_text("The loss ran away: the learning rate\nis too large. "
                                  "Lower it and press Reset.")
        else:
            self.message.set_text("")
        self.message.set_visible(state.diverged)

    def _scale_curves(self, steps, losses):
        """Limits that change rarely (whole decades; the step axis doubles), so the axes can be
        drawn once and reused while the curves move (see figure_to_png)."""
        right = 50
        while right < steps[-1]:
            right *= 2
        self.curves.set_xlim(0, right)
        finite = losses[np.isfinite(losses) & (losses > 0)]
        if finite.size:
            low = 10 ** np.floor(np.log10(finite.min()))
            high = 10 ** np.ceil(np.log10(finite.max()) + 1e-9)
            self.curves.set_ylim(min(low, 0.1), max(high, 1.0))

    def png(self):
        # The heat map changes every frame, so the points drawn over it must be redrawn too.
        moving = [self.heat, *([] if self.boundary is None else [self.boundary]), self.train_points,
                  self.test_points, self.train_line, self.test_line, self.curves_title, self.message]
        key = (self.curves.get_xlim(), self.curves.get_ylim(), self.plane_title.get_text())
        return figure_to_png(self.figure, moving, static_key=key)


# ---------------------------------------------------------------------------------------------
# The widget


class Playground(WidgetApp):
    """A tiny neural network playground: choose data and network, press Play, watch it learn.

        playground = Playground(dataset="circles", hidden=(4, 4), activation="tanh", lr=0.3)
        playground                  # shows it; press Play
        playground.train(100)       # or train from code
        playground.state.accuracy() # test accuracy
    """

    def __init__(self, dataset="moons", noise=0.1, hidden=(8, 8), activation="tanh", lr=0.3,
                 optimizer="sgd", steps_per_frame=5, seed=0):
        self.steps_per_frame = int(steps_per_frame)
        hidden = hidden_layers(hidden)
        self.state = PlaygroundState(dataset, noise, hidden, activation, lr, optimizer, seed=seed)
        self.picture = PlaygroundPicture()
        self.error = None
        self._quiet = False

        from ._controls import LiveStatus, NamedChoice, Picture, Player

        w = ipywidgets()
        sized = dict(width="120px", label_width="8.5em")

        def choice(label, options, value):  # (the state has already checked the value)
            return NamedChoice(label=label, options=list(options), value=value)

        self._dataset = choice("dataset", DATASETS, dataset)
        self._noise = named_slider("noise", noise, 0, 0.5, step=0.01, digits=2, continuous=False,
                                   **sized)
        units = max(hidden) if hidden else 4
        # a network from code may be bigger than the sliders' usual range: widen it, so they show it
        self._layers = named_slider("hidden layers", len(hidden), 0, max(4, len(hidden)), step=1, digits=0,
                                    integer=True, continuous=False, **sized)
        self._units = named_slider("units per layer", units, 1, max(8, units), step=1, digits=0, integer=True,
                                   continuous=False, **sized)
        self._activation = choice("activation", ACTIVATIONS, activation)
        self._lr = log_slider(lr, 1e-3, 10, "learning rate", **sized)
        self.state.lr = self._lr.value  # a rate beyond the slider is clamped, and its note says so
        self._optimizer = choice("optimizer", OPTIMIZERS, optimizer)
        self._play = Player(interval=120)
        self._step_button = w.Button(description="Step", icon="step-forward",
                                     tooltip=f"Train {self.steps_per_frame} steps")
        self._reset_button = w.Button(description="Reset", icon="undo", tooltip="New starting weights")
        self._readout = LiveStatus()
        self._image = Picture()
        controls = w.HBox([
            w.VBox([self._dataset, self._activation, self._optimizer]),
            w.VBox([self._noise, self._layers, self._units, self._lr]),
        ])
        self._widget = w.VBox([controls, w.HBox([self._play, self._step_button, self._reset_button]),
                               self._readout, self._image])
        self._widget.add_class("ad-app")  # its buttons get our focus ring (see _controls.py)

        self._play.observe(self._on_play, names="value")
        self._step_button.on_click(lambda _: self.train(self.steps_per_frame))
        self._reset_button.on_click(lambda _: self.reset())
        self._lr.observe(self._on_lr, names="value")
        for control in (self._dataset, self._noise, self._layers, self._units, self._activation,
                        self._optimizer):
            control.observe(self._on_structure, names="value")
        self._redraw()

    # Settable from code
    @property
    def play(self):
        """The Play/Pause control (``ipywidgets.Play``): each tick trains ``steps_per_frame`` steps."""
        return self._play

    @property
    def lr(self):
        return self._lr.value

    @lr.setter
    def lr(self, value):
        set_log_slider(self._lr, value)

    @property
    def dataset(self):
        return self._dataset.value

    @dataset.setter
    def dataset(self, name):
        self._dataset.value = name

    @property
    def hidden(self):
        return self.state.hidden

    @hidden.setter
    def hidden(self, layers):
        """E.g. ``(4, 4)``: the sliders take one width for all layers, as in the widget."""
        layers = hidden_layers(layers)
        if len(set(layers)) > 1:
            self._rebuild(hidden=layers)  # different widths: possible from code only
            return
        self._quiet = True  # set both sliders, then rebuild once
        try:
            self._layers.max = max(self._layers.max, len(layers))
            self._units.max = max(self._units.max, layers[0] if layers else 1)
            self._layers.value = len(layers)
            if layers:
                self._units.value = layers[0]
        finally:
            self._quiet = False
        self._rebuild()

    @property
    def activation(self):
        return self._activation.value

    @activation.setter
    def activation(self, name):
        self._activation.value = name

    def train(self, steps=1):
        """Train ``steps`` steps and redraw; returns the training loss."""
        try:
            self.state.train(steps)
            self.error = None
        except Exception as error:
            self.error = describe_exception(error, "training")
        self._redraw()
        return self.state.train_loss[-1][1]

    def reset(self):
        """New starting weights; the data and settings stay."""
        self._play.playing = False
        self.state.reset()
        self._redraw()

    def _on_play(self, change):
        if change["new"] == self._play.min:
            return  # Stop rewinds the counter to its start: that is not a tick, so do not train
        if self.state.diverged:
            self._play.playing = False  # nothing more to learn from nan: stop and say why
            return
        self.train(self.steps_per_frame)

    def _on_lr(self, change):
        self.state.lr = change["new"]
        self._readout.value = self._readout_html()

    def _on_structure(self, change):
        if not self._quiet:
            self._rebuild()

    def _rebuild(self, hidden=None):
        if hidden is None:
            hidden = (int(self._units.value),) * int(self._layers.value)
        try:
            self.state = PlaygroundState(self._dataset.value, self._noise.value, hidden,
                                         self._activation.value, self._lr.value, self._optimizer.value,
                                         seed=self.state.seed)
            self.error = None
        except Exception as error:
            self.error = describe_exception(error, "the playground")
        self._redraw()

    def _redraw(self):
        try:
            self.picture.update(self.state)
            self._png = self.picture.png()
        except Exception as error:
            self.error = describe_exception(error, "drawing")
        self._image.alt = self.describe()
        self._image.value = self._png
        self._readout.value = self._readout_html()

    def describe(self):
        """The current picture in words (its text alternative)."""
        state = self.state
        first, last = state.train_loss[0][1], state.train_loss[-1][1]
        text = (f"Left: the {state.dataset} data, class 0 as blue circles and class 1 as red triangles, "
                f"test points outlined in black, over the network's prediction (red for class 1, blue for class 0) with "
                f"the decision boundary as a black line. Network {state.architecture()} "
                f"({state.activation}), learning rate {state.lr:.4g}, after {state.steps} training steps: "
                f"test accuracy {state.accuracy():.0%}. Right: the training loss ")
        if state.steps == 0:
            text += f"starts at {format_number(first, 3)}; no training step yet."
        else:
            way = "falls" if last <= first else "rises"
            text += (f"{way} from {format_number(first, 3)} to {format_number(last, 3)} in "
                     f"{state.steps} steps; the test loss is {format_number(state.test_loss[-1][1], 3)}.")
        if state.diverged:
            text += " Training diverged: the learning rate is too large."
        return text

    def _readout_html(self):
        state = self.state
        text = (f'<div style="font-family:monospace;font-size:13px;">step {state.steps} · network '
                f'{state.architecture()} ({state.activation}) · lr = {state.lr:.3g} · '
                f'training loss {format_number(state.train_loss[-1][1], 3)} · test accuracy '
                f'{state.accuracy():.0%}</div>')
        if self.error:
            text += message_html(self.error, "error")
        elif state.diverged:
            text += message_html(
                f"Training diverged: the loss grew from {format_number(state.train_loss[0][1], 3)} "
                f"to {format_number(state.train_loss[-1][1], 3)} by step {state.steps}. The "
                f"learning rate {state.lr:.3g} is too large; lower it and press Reset.", "error")
        return text

    def __repr__(self):
        state = self.state
        return (f"Playground({state.dataset}, network {state.architecture()} {state.activation}, "
                f"lr={state.lr:.3g}, step {state.steps}, "
                f"training loss {format_number(state.train_loss[-1][1], 3)})")
