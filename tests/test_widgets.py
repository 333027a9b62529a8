"""Widgets without a browser: the pure parts directly, the wiring by setting values and reading
the readouts (ipywidgets fire observers synchronously, no kernel needed)."""
import base64
import io
import math
import subprocess
import sys

import numpy as np
import pytest

import autodidact as ad
from autodidact.widgets import BackpropStepper, GradientExplorer, Playground, TrainingLab
from autodidact.widgets import gradient, playground, training
from autodidact.widgets._common import format_number


def log_of_square(x):
    return ad.log(x ** 2)


def png_size(data):
    from PIL import Image

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return Image.open(io.BytesIO(data)).size


def test_importing_autodidact_does_not_import_ipywidgets_or_matplotlib():
    code = ("import sys, autodidact as ad; ad.tensor(1.0);"
            "print('ipywidgets' in sys.modules, 'matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# ---------------------------------------------------------------------------------------------
# GradientExplorer: pure parts


def test_evaluate_gives_value_and_autograd_gradient():
    result = gradient.evaluate(log_of_square, 5.0)
    assert result.ok
    assert result.value == pytest.approx(math.log(25), rel=1e-6)
    assert result.gradient == pytest.approx(2 / 5, rel=1e-6)


def test_evaluate_explains_a_value_outside_the_domain():
    result = gradient.evaluate(lambda x: ad.log(x), -1.0)
    assert math.isnan(result.value)
    assert "log" in result.problem and "positive" in result.problem
    result = gradient.evaluate(log_of_square, 0.0)
    assert result.value == -math.inf and "log(0.0000) = -inf" in result.problem


def test_evaluate_explains_an_infinite_slope():
    result = gradient.evaluate(lambda x: ad.sqrt(x), 0.0)
    assert result.value == 0.0 and math.isinf(result.gradient)
    assert "slope of sqrt" in result.problem and "infinite" in result.problem


def test_evaluate_turns_exceptions_in_learner_code_into_a_message():
    def buggy(x):
        return x + "one"

    result = gradient.evaluate(buggy, 2.0)
    assert math.isnan(result.value)
    assert result.error.startswith("buggy(x) raised TypeError")
    assert 'return x + "one"' in result.error  # points at the learner's own line


@pytest.mark.parametrize("f, expected", [
    (lambda x: 3.0, "returned float"),
    (lambda x: x * ad.ones(3), "shape (3,)"),
])
def test_evaluate_rejects_results_that_are_not_one_tensor_value(f, expected):
    result = gradient.evaluate(f, 1.0)
    assert expected in result.error


def test_constant_function_has_slope_zero():
    result = gradient.evaluate(lambda x: ad.tensor(3.0), 1.0)
    assert result.value == 3.0 and result.gradient == 0.0


def test_sample_curve_is_nan_where_undefined_and_handles_non_vectorisable_functions():
    xs, ys = gradient.sample_curve(lambda x: ad.sqrt(x), -1, 1, points=21)
    assert np.all(np.isnan(ys[xs < 0])) and np.allclose(ys[xs >= 0], np.sqrt(xs[xs >= 0]))

    def uses_item(x):  # cannot take a whole array at once
        return x * 2 if x.item() > 0 else x * -1

    xs, ys = gradient.sample_curve(uses_item, -1, 1, points=5)
    assert np.allclose(ys, np.where(xs > 0, 2 * xs, -xs))


def test_plot_limits_ignore_a_pole():
    xs, ys = gradient.sample_curve(log_of_square, -10, 10, points=401)
    low, high = gradient.plot_limits(ys)
    assert math.isfinite(low) and high > math.log(100) * 0.9


def test_describe_function_reads_the_lambda_body():
    f = lambda x: ad.log(x**2)  # noqa: E731
    assert gradient.describe_function(f) == "ad.log(x**2)"
    assert gradient.describe_function(log_of_square) == "ad.log(x ** 2)"


# ---------------------------------------------------------------------------------------------
# GradientExplorer: wiring


def test_explorer_readouts_follow_x_set_from_code():
    explorer = GradientExplorer(log_of_square, x=5.0)
    assert "f′(x) = 0.4000" in explorer._readout.value
    explorer.x = 2.0
    assert explorer._slider.value == 2.0
    assert explorer.gradient == pytest.approx(1.0, rel=1e-6)
    assert "f′(x) = 1.0000" in explorer._readout.value
    assert explorer.picture.point.get_xdata()[0] == 2.0
    slope = np.diff(explorer.picture.tangent.get_ydata()[:2]) / np.diff(explorer.picture.tangent.get_xdata()[:2])
    assert slope[0] == pytest.approx(1.0, rel=1e-5)


def test_explorer_slider_is_clamped_to_the_range():
    explorer = GradientExplorer(log_of_square, x=5.0, x_range=(-3, 3))
    assert explorer.x == 3.0  # the start is brought inside the range
    explorer.x = 100
    assert explorer.x == 3.0


def test_explorer_shows_domain_problems_and_keeps_working():
    explorer = GradientExplorer(lambda x: ad.sqrt(x), x=4.0)
    explorer.x = -1.0
    assert math.isnan(explorer.value)
    assert "sqrt needs a positive input" in explorer._readout.value
    assert explorer.picture.problem.get_visible()
    explorer.x = 4.0
    assert explorer.gradient == pytest.approx(0.25) and explorer.message is None
    assert not explorer.picture.problem.get_visible()


def test_explorer_survives_a_function_that_raises():
    explorer = GradientExplorer(lambda x: 1 / 0, x=1.0)
    assert "ZeroDivisionError" in explorer._readout.value
    assert explorer.to_png()  # still has a picture


def test_explorer_trace_matches_the_chain_rule():
    explorer = GradientExplorer(log_of_square, x=5.0)
    if explorer.trace is None:
        pytest.skip("autodidact.tracing is not importable")
    steps = explorer.trace.steps
    assert [step.grad_fn for step in steps] == ["LogBackward0", "PowBackward0"]
    assert steps[1].contributions[0].value == pytest.approx(0.4)
    assert "2·x = 2·5 = 10" in explorer._trace.value
    explorer.x = 2.0
    assert "2·x = 2·2 = 4" in explorer._trace.value


def test_explorer_static_fallback_has_png_and_a_stable_text():
    explorer = GradientExplorer(log_of_square, x=5.0)
    bundle, metadata = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    # The picture's text alternative goes with it: as alt of the HTML <img>, and in the metadata.
    alt = explorer.describe()
    assert "x = 5.000, f(x) = 3.2189" in alt and "slope f′(x) = 0.4000" in alt
    assert f'alt="{alt}"' in bundle["text/html"] and metadata["image/png"]["alt"] == alt
    width, height = png_size(base64.b64decode(bundle["image/png"]))
    assert 700 <= width <= 1000 and height >= 250
    assert bundle["text/plain"] == "GradientExplorer(f(x) = ad.log(x ** 2), x=5.0000, f(x)=3.2189, f'(x)=0.4000)"
    assert "0x" not in bundle["text/plain"]


def test_explorer_picture_changes_with_x():
    explorer = GradientExplorer(log_of_square, x=5.0)
    before = explorer.to_png()
    explorer.x = -3.0
    assert explorer.to_png() != before and explorer._image.value == explorer.to_png()


def test_explorer_readout_shows_x_value_and_slope_once():
    explorer = GradientExplorer(log_of_square, x=5.0)
    assert explorer._readout.value.count("f′(x) =") == 1 and explorer._readout.value.count("x = ") == 1
    assert explorer.picture.axes.get_title() == ""  # the picture does not repeat the numbers


def test_explorer_point_stays_visible_at_the_edge_of_the_range():
    explorer = GradientExplorer(lambda x: x ** 2, x=5.0, x_range=(-4, 4))
    assert explorer.x == 4.0
    (x,), (y,) = explorer.picture.point.get_data()
    low, high = explorer.picture.axes.get_xlim()
    bottom, top = explorer.picture.axes.get_ylim()
    assert low < x < high and bottom <= y <= top
    assert explorer.picture.point.get_marker() in ("o", "^")
    explorer.x = 0.0
    assert explorer.picture.point.get_marker() == "o"


def test_explorer_rejects_bad_arguments_clearly():
    with pytest.raises(TypeError, match="function of one tensor"):
        GradientExplorer(3.0)
    with pytest.raises(ValueError, match="low < high"):
        GradientExplorer(log_of_square, x_range=(2, 1))


# ---------------------------------------------------------------------------------------------
# BackpropStepper


def test_stepper_walks_the_steps_of_log_x_squared():
    stepper = BackpropStepper(log_of_square, x=5.0)
    assert stepper.steps == 2 and stepper.step == 0
    assert "forward pass" in stepper._text.value and stepper._slider.buttons == ["Prev", "Next"]
    stepper._slider.value += 1  # what Next does (the buttons live in the slider's view)
    assert stepper.step == 1 and stepper.current.grad_fn == "LogBackward0"
    assert "1/v1 = 1/25 = 0.04" in stepper._text.value
    stepper.step = 2
    assert "2·x = 2·5 = 10" in stepper._text.value
    assert "x.grad = 0.4" in stepper._text.value
    stepper._slider.value = 3  # past the end: kept at the last step
    assert stepper.step == 2
    stepper._slider.value -= 1
    assert stepper.step == 1


def test_stepper_highlights_the_current_step_in_the_graph():
    stepper = BackpropStepper(log_of_square, x=5.0)
    plain = stepper._graph.value
    assert '<div role="img" aria-label="The computation graph' in plain and "<svg" in plain
    # a wide graph scrolls in a box that keyboard users can focus (axe: scrollable-region-focusable)
    assert plain.startswith('<div class="ad-scroll" tabindex="0" role="group" aria-label="computation graph')
    stepper.step = 1
    assert stepper._graph.value != plain
    assert stepper.trace.graph(step=1).to_svg() in stepper._graph.value
    assert "Step 1 of 2" in stepper.describe()


def test_stepper_takes_a_tensor_and_finds_the_learners_names():
    x = ad.tensor([1.0, 2.0, 3.0])
    y = ad.tensor([1.0, 1.5, 2.0])
    params = ad.tensor([1.0, 1.0], requires_grad=True)
    loss = ((params[0] * x + params[1] - y) ** 2).mean()
    stepper = BackpropStepper(loss)
    assert stepper.steps == 7
    stepper.step = 1
    assert "loss = v6.mean()" in stepper.text
    stepper.step = 7
    assert "params.grad = [0, 3] (via v3) + [6.667, 0] (via v1) = [6.667, 3]" in stepper.text
    assert params.grad is None  # stepping explains; it does not run backward


def test_stepper_step_must_be_in_range():
    stepper = BackpropStepper(log_of_square)
    with pytest.raises(ValueError, match="from 0 .* to 2"):
        stepper.step = 3


@pytest.mark.parametrize("argument, expected", [
    (lambda x: x + "a", "f(x) raised TypeError"),
    (ad.tensor(3.0), "no grad_fn"),
    ("log(x)", "needs a function of one tensor"),
])
def test_stepper_reports_bad_input_in_the_widget(argument, expected):
    stepper = BackpropStepper(argument)
    assert expected in stepper._text.value and stepper.steps == 0
    assert expected in repr(stepper)
    assert stepper.to_png()


def test_stepper_static_png_shows_graph_and_text():
    stepper = BackpropStepper(log_of_square)
    stepper.step = 1
    bundle, metadata = stepper._repr_mimebundle_()
    assert metadata["image/png"]["alt"] == stepper.describe()
    width, height = png_size(base64.b64decode(bundle["image/png"]))
    assert width >= 860 and height > 150
    assert bundle["text/plain"] == "BackpropStepper(step 1 of 2: y = log(v1) (LogBackward0))"


# ---------------------------------------------------------------------------------------------
# TrainingLab: pure parts


def test_train_reproduces_the_seed_notebook_loop():
    run = training.train(lr=0.05, epochs=50)
    # The seed notebook printed these (PyTorch, float32).
    assert run.loss[:3] == pytest.approx([2.4166667461395264, 0.4854629337787628, 0.10228254646062851], rel=1e-6)
    assert run.params[1] == pytest.approx([0.6666666269302368, 0.8500000238418579], rel=1e-6)
    assert run.params[3] == pytest.approx([0.4537407159805298, 0.7497222423553467], rel=1e-5)
    assert len(run) == 50 and run.params.shape == (51, 2)
    assert run.status == "converging" and "fell from 2.4167" in run.message


def test_train_says_when_the_loss_grows_or_diverges():
    grew = training.train(lr=0.2, epochs=50)
    assert grew.status == "grew" and "too large" in grew.message
    diverged = training.train(lr=3.0, epochs=500)
    assert diverged.status == "diverged" and len(diverged) < 500
    assert "diverged" in diverged.message and "smaller learning rate" in diverged.message
    slow = training.train(lr=1e-4, epochs=50)
    assert slow.status == "slow" and "larger learning rate" in slow.message


def test_train_reports_a_broken_model_instead_of_raising():
    run = training.train(model=lambda x, p: p[5] * x, epochs=5)
    assert run.status == "error" and "the model or loss raised" in run.message


def test_train_accepts_a_custom_loss_and_rejects_unknown_names():
    run = training.train(loss=lambda y_hat, y: ((y_hat - y) ** 4).mean(), epochs=5)
    assert run.loss[0] == pytest.approx(np.mean((np.array([2, 3, 4]) - [1, 1.5, 2]) ** 4.0))
    with pytest.raises(ValueError, match="Unknown loss 'l3'"):
        training.loss_function("l3")


def test_loss_surface_matches_the_loss_at_a_point_and_the_pointwise_fallback():
    A, B, L = training.loss_surface(training.linear_model, training.SEED_X, training.SEED_Y, "mse",
                                    (0, 1), (0, 1), resolution=11)
    assert L[0, 10] == pytest.approx(np.mean((1.0 * np.array([1, 2, 3.]) + 0 - [1, 1.5, 2]) ** 2))

    def loop_only(x, p):  # p @ ... does not broadcast over a grid: the slow path is used
        return ad.stack([p[0] * v + p[1] for v in x])

    A2, B2, L2 = training.loss_surface(loop_only, training.SEED_X, training.SEED_Y, "mse",
                                       (0, 1), (0, 1), resolution=11)
    assert np.allclose(L2, L, rtol=1e-5)


# ---------------------------------------------------------------------------------------------
# TrainingLab: wiring


def test_lab_defaults_to_the_seed_notebook_and_runs_from_its_button():
    lab = TrainingLab()
    assert lab.lr == 0.05 and lab.epochs == 50 and lab.history is None
    assert not lab.picture._lines or len(lab.picture.curves.lines) == 0
    lab._run_button.click()
    assert len(lab.history) == 50
    assert lab.history.params[-1] == pytest.approx(training.train().params[-1])
    assert "after 50 epochs: a = " in lab._readout.value
    # the curve, and its direct label's marker
    assert [len(line.get_xdata()) for line in lab.picture.curves.lines] == [50, 1]
    assert "lr 0.05: the loss falls from 2.4167 to 0.0024 in 50 epochs" in lab._image.alt


def test_lab_compares_learning_rates_on_one_plot_and_resets():
    lab = TrainingLab()
    runs = lab.compare([0.01, 0.05, 0.3])
    assert [run.lr for run in runs] == [0.01, 0.05, 0.3]
    labels = [t.get_text() for t in lab.picture.curves.texts if t.get_visible()]
    assert sorted(labels) == ["lr 0.01", "lr 0.05", "lr 0.3, diverged"]
    styles = {line.get_label(): (line.get_color(), line.get_linestyle(), line.get_marker())
              for line in lab.picture.curves.lines if line.get_label().startswith("lr")}
    assert len(set(styles.values())) == 3 and len({style[1] for style in styles.values()}) == 3
    assert "diverged" in lab._readout.value
    lab._reset_button.click()
    assert lab.runs == [] and len(lab.picture.curves.lines) == 0


def test_lab_settings_from_code_move_the_sliders_and_validate():
    lab = TrainingLab()
    lab.lr, lab.epochs = 0.1, 200
    assert lab._lr.value == 0.1 and lab._epochs.value == 200
    assert "press Run" in lab._readout.value or lab.history is None
    lab.run()
    assert len(lab.history) == 200 and lab.history.lr == 0.1
    with pytest.raises(ValueError, match="positive"):
        lab.lr = -1
    with pytest.raises(ValueError, match="whole number"):
        lab.epochs = 2.5


def test_lab_keeps_working_after_divergence():
    lab = TrainingLab(lr=5.0)
    lab.run()
    assert lab.history.status == "diverged"
    lab.lr = 0.05
    lab.run()
    assert lab.history.status == "converging" and lab.to_png()


def test_lab_with_three_parameters_draws_parameters_per_epoch():
    lab = TrainingLab(model=lambda x, p: p[0] * x ** 2 + p[1] * x + p[2], params=[0.0, 0.0, 0.0], lr=0.01)
    lab.run()
    assert lab.picture.paths.get_title() == "Parameters per epoch"
    assert len(lab.picture.paths.lines) == 3
    assert lab.param_names == ["params[0]", "params[1]", "params[2]"]


def test_lab_static_fallback():
    lab = TrainingLab()
    lab.run()
    bundle, metadata = lab._repr_mimebundle_()
    assert png_size(base64.b64decode(bundle["image/png"]))[0] == 720
    assert bundle["text/plain"].startswith("TrainingLab(lr=0.05, epochs=50, runs=1, final loss=0.0024")
    assert metadata["image/png"]["alt"].startswith("Loss per epoch (log scale) and the path of (a, b)")


def test_lab_static_picture_shows_a_finished_run_before_any_run():
    """A page without the live widget (GitHub, nbconvert) must not show an empty plot."""
    lab = TrainingLab(lr=0.05)
    empty = lab.to_png()
    bundle, metadata = lab._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) != empty
    assert "lr 0.05: the loss falls from 2.4167 to 0.0024 in 50 epochs" in metadata["image/png"]["alt"]
    assert lab.runs == [] and lab.to_png() == empty  # the live widget is unchanged


def test_lab_takes_a_typed_learning_rate_and_clamps_with_a_message():
    lab = TrainingLab()
    lab._lr.value = 0.46  # what typing 0.46 + Enter in the number box sends
    assert lab.lr == 0.46 and 0.46 in lab._lr.options and lab._lr.message == ""
    lab.run()
    assert lab.history.lr == 0.46
    lab._lr.value = 50.0
    assert lab.lr == 10.0 and "learning rate goes from 0.0001 to 10: 50 became 10" in lab._lr.message
    lab._lr.value = -1.0
    assert lab.lr == 0.0001 and "became 0.0001" in lab._lr.message
    lab._epochs.value = 2.6
    assert lab.epochs == 3


def test_lab_runs_have_their_own_colours_styles_and_markers():
    lab = TrainingLab()
    lab.compare([0.01, 0.02, 0.05, 0.1, 0.15, 0.2])
    looks = [(line.get_color(), str(line._unscaled_dash_pattern), line.get_marker())
             for line in lab.picture.curves.lines if line.get_label().startswith("lr")]
    assert len(looks) == 6
    for part in range(3):  # colour, dash pattern and marker: each differs from run to run
        assert len({look[part] for look in looks}) == 6


# ---------------------------------------------------------------------------------------------
# Playground


@pytest.mark.parametrize("name", playground.DATASETS)
def test_datasets_are_balanced_reproducible_and_inside_the_picture(name):
    X, y = playground.make_dataset(name, n=200, noise=0.05, seed=1)
    assert X.shape == (200, 2) and X.dtype == np.float32 and set(np.unique(y)) == {0.0, 1.0}
    assert abs(y.mean() - 0.5) < 0.1
    assert np.all(np.abs(X) < playground.EXTENT)
    X2, _ = playground.make_dataset(name, n=200, noise=0.05, seed=1)
    assert np.array_equal(X, X2)


def test_dataset_arguments_are_checked():
    with pytest.raises(ValueError, match="Unknown dataset 'blobs'"):
        playground.make_dataset("blobs")
    with pytest.raises(ValueError, match="noise"):
        playground.make_dataset("moons", noise=-1)


def test_network_learns_circles():
    state = playground.PlaygroundState("circles", noise=0.05, hidden=(8, 8), activation="tanh", lr=0.05,
                                       optimizer="adam")
    start = state.train_loss[-1][1]
    state.train(150)
    assert state.train_loss[-1][1] < start / 3
    assert state.accuracy("test") > 0.9


def test_decision_grid_is_a_probability_map():
    network = playground.build_network((4,), "relu")
    grid = playground.decision_grid(network, resolution=20)
    assert grid.shape == (20, 20) and np.all((grid >= 0) & (grid <= 1))


def test_playground_play_ticks_train_and_redraw():
    pg = Playground(dataset="xor", hidden=(4,), steps_per_frame=3)
    first = pg.to_png()
    pg.play.value += 1
    pg.play.value += 1
    assert pg.state.steps == 6 and "step 6" in pg._readout.value
    assert pg.to_png() != first


def test_playground_controls_rebuild_the_network():
    pg = Playground(hidden=(8, 8))
    pg.train(10)
    pg._layers.value = 1
    assert pg.state.hidden == (8,) and pg.state.steps == 0
    pg.hidden = (3, 3, 3)
    assert (pg._layers.value, pg._units.value) == (3, 3) and pg.state.architecture() == "2 → 3 → 3 → 3 → 1"
    pg.dataset = "spiral"
    assert pg.state.dataset == "spiral"
    pg.lr = 0.01
    assert pg.state.optimizer.param_groups[0]["lr"] == 0.01


def test_playground_says_when_training_diverges_and_stops_playing():
    pg = Playground(lr=10.0)
    for _ in range(5):
        pg.play.value += 1
    assert pg.state.diverged
    assert "diverged" in pg._readout.value
    steps = pg.state.steps
    pg.play.value += 1  # a tick after divergence does nothing more
    assert pg.state.steps == steps and pg.play.playing is False
    pg.lr = 0.1
    pg.reset()
    assert not pg.state.diverged


def test_playground_lists_are_named_and_refuse_unknown_choices():
    pg = Playground()
    assert (pg._dataset.label, pg._dataset.options) == ("dataset", list(playground.DATASETS))
    pg._dataset.value = "circles"  # what choosing in the list sends
    assert pg.state.dataset == "circles"
    with pytest.raises(Exception, match="dataset must be one of moons"):
        pg.dataset = "mnist"


@pytest.mark.parametrize("hidden, layers", [(8, (8,)), ([3], (3,)), ((4, 2), (4, 2)), ((), ())])
def test_playground_takes_one_number_of_units_as_one_layer(hidden, layers):
    assert Playground(hidden=hidden).hidden == layers


@pytest.mark.parametrize("hidden, error", [(0, ValueError), ((2.5,), ValueError), ("ab", TypeError),
                                           (None, TypeError), (True, ValueError)])
def test_playground_refuses_odd_layer_sizes_with_a_clear_error(hidden, error):
    with pytest.raises(error, match="hidden|Every hidden layer"):
        Playground(hidden=hidden)


@pytest.mark.parametrize("epochs", [0, -5, 2.5, None, "50"])
def test_lab_refuses_a_number_of_epochs_the_slider_would_silently_change(epochs):
    with pytest.raises(ValueError, match="epochs must be a whole number from 1 to"):
        TrainingLab(epochs=epochs)


@pytest.mark.parametrize("x, error", [(float("nan"), ValueError), (float("inf"), ValueError), ("a", TypeError)])
def test_explorer_refuses_an_x_the_slider_would_silently_turn_into_another(x, error):
    with pytest.raises(error, match="x must be"):
        GradientExplorer(lambda t: t**2, x=x)
    explorer = GradientExplorer(lambda t: t**2, x=1.0)
    with pytest.raises(error, match="x must be"):
        explorer.x = x
    assert explorer.x == 1.0


def test_playground_static_fallback():
    bundle, metadata = Playground()._repr_mimebundle_()
    assert "image/png" in bundle and "after 0 training steps" in metadata["image/png"]["alt"] and bundle["text/plain"].startswith("Playground(moons, network 2 → 8 → 8 → 1")


def test_format_number():
    assert [format_number(v) for v in (0.4, -1.5e6, float("nan"), float("-inf"), 0)] == [
        "0.4000", "-1.5000e+06", "nan", "-inf", "0.0000"]


def test_learning_rate_sliders_keep_exact_values():
    lab = TrainingLab()
    assert lab._lr.value == 0.05 and lab._lr.label == "learning rate"  # not 10**-1.3 = 0.0501
    lab.lr = 0.07  # not a stop: added, in order
    values = lab._lr.options
    assert lab.lr == 0.07 and values == sorted(values) and 0.07 in values
    pg = Playground(lr=0.3)
    assert pg.state.lr == 0.3
    with pytest.raises(ValueError, match="positive"):
        pg.lr = 0


def test_a_notebook_rendered_without_widget_frontend_shows_the_pictures(tmp_path):
    """Run a notebook in a real kernel, drop the widget state (as a website renderer would lack
    it) and convert to HTML: each widget must appear as its PNG, not as a bare text repr."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nbconvert = pytest.importorskip("nbconvert")
    from pathlib import Path

    repo = str(Path(__file__).resolve().parents[1])
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in [
        f"import sys; sys.path.insert(0, {repo!r})\n"
        "import autodidact as torch\n"
        "from autodidact.widgets import GradientExplorer, BackpropStepper, TrainingLab, Playground",
        "GradientExplorer(lambda x: torch.log(x**2), x=5.0)",
        "BackpropStepper(lambda x: torch.log(x**2))",
        "lab = TrainingLab(); lab.run(); lab",
        "Playground()",
    ]]
    nbclient.NotebookClient(notebook, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    notebook.metadata.pop("widgets", None)
    outputs = [cell.outputs[0] for cell in notebook.cells[1:]]
    assert all("image/png" in output["data"] for output in outputs)
    assert all("application/vnd.jupyter.widget-view+json" in output["data"] for output in outputs)
    assert outputs[0]["data"]["text/plain"].startswith("GradientExplorer(f(x) = torch.log(x**2), x=5.0000")
    html, _ = nbconvert.HTMLExporter().from_notebook_node(notebook)
    assert html.count('src="data:image/png;base64,') == 4
    # Each picture carries its own description, never nbconvert's placeholder.
    assert "No description has been provided" not in html
    assert html.count(' alt="Plot of f(x) = torch.log(x**2)') == 1
    assert html.count(' alt="Loss per epoch (log scale)') == 1


def test_playground_stop_does_not_train_another_frame():
    # Stop rewinds the Play counter to its start; that change is not a tick.
    pg = Playground(dataset="xor", hidden=(4,), steps_per_frame=5)
    pg.play.value = 1
    trained = pg.state.steps
    pg.play.value = pg.play.min
    assert pg.state.steps == trained


def test_the_stepper_shows_every_value_of_a_sum_started_from_a_constant_tensor():
    # total = torch.tensor(0.5); total = total + ... in a loop: the constant is gone when the
    # stepper is made, so its value is worked out from the output (it was shown as "?" and "—")
    import autodidact as torch

    x = torch.tensor(2.0, requires_grad=True)
    total = torch.tensor(0.5)
    for i in range(3):
        total = total + x * i
    text = BackpropStepper(total).text
    assert "0.5 + v1 = 0.5" in text and "v4 = v2 + v3 = 2.5" in text and "= 6.5" in text, text
    assert "?" not in text and "—" not in text, text
    explained = str(ad.explain(torch.tensor(3.0) - x * 2))
    assert "3 - v1 = -1" in explained, explained


def test_training_lab_says_when_x_and_y_do_not_pair_up():
    with pytest.raises(ValueError, match=r"x has shape \[3\] and y has shape \[2\]"):
        TrainingLab(x=[1.0, 2.0, 3.0], y=[1.0, 2.0])


# ---------------------------------------------------------------------------------------------
# Odd input from a learner: a clear error or an honest picture, never a hung or killed kernel


@pytest.mark.parametrize("epochs", [float("nan"), 10**7])
def test_lab_refuses_nan_epochs_and_runs_that_would_keep_the_kernel_busy_for_hours(epochs):
    with pytest.raises(ValueError, match="epochs must be a whole number from 1 to 10000"):
        TrainingLab(epochs=epochs)
    lab = TrainingLab()
    with pytest.raises(ValueError, match="epochs must be a whole number from 1 to 10000"):
        lab.epochs = epochs
    assert lab.epochs == 50


def test_lab_keeps_a_number_of_epochs_above_the_slider_instead_of_clamping_it():
    lab = TrainingLab(epochs=2000)
    assert lab.epochs == 2000 and lab._epochs.max >= 2000


@pytest.mark.parametrize("kwargs, match", [
    (dict(params=[float("nan"), 0.0]), "params must be finite numbers"),
    (dict(param_names=["a"]), "param_names must name each of the 2 parameters"),
    (dict(model=lambda x, p: "a"), "model\\(x, params\\) must return a tensor"),
])
def test_lab_refuses_odd_settings_with_a_clear_error(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        TrainingLab(**kwargs)


def test_lab_with_nan_data_says_the_loss_was_nan_from_the_start_not_that_lr_overshoots():
    lab = TrainingLab(x=ad.tensor([1.0, float("nan"), 3.0]), y=ad.tensor([1.0, 2.0, 3.0]))
    message = lab.run().message
    assert "before any step" in message and "overshoots" not in message


@pytest.mark.parametrize("lr", [-1, "x", None])
def test_playground_refuses_a_learning_rate_that_is_not_a_positive_number(lr):
    with pytest.raises(ValueError, match="The learning rate must be a positive number"):
        Playground(lr=lr)


def test_playground_trains_with_the_rate_its_slider_shows():
    pg = Playground(lr=1e9)
    assert pg.state.lr == pg._lr.value == 10 and "became 10" in pg._lr.message


def test_playground_refuses_a_network_too_big_to_draw_and_shows_the_size_it_has():
    with pytest.raises(ValueError, match="at most 64 units"):
        Playground(hidden=(10**6,))  # the grid of predictions would need terabytes
    with pytest.raises(ValueError, match="at most 8 hidden layers"):
        Playground(hidden=(8,) * 30)
    pg = Playground(hidden=(16,) * 6)
    assert (pg._layers.value, pg._units.value) == (6, 16)


def test_explorer_says_how_to_fix_an_x_too_large_for_its_default_range():
    with pytest.raises(ValueError, match="pass x_range"):
        GradientExplorer(lambda t: t**2, x=1e308)


def test_explorer_names_what_cut_x_off_when_f_returns_a_detached_tensor():
    explorer = GradientExplorer(lambda t: (t**2).detach(), x=1.0)
    assert any(".detach()" in note for note in explorer.evaluation.notes)


def test_wide_traces_scroll_in_their_own_focusable_box_so_the_page_reflows_at_320_px():
    # the browser test measures the reflow itself (tests/test_browser_a11y.py, REFLOW_WIDTH)
    explorer = GradientExplorer(log_of_square, x=2.0)
    assert explorer._trace.value.startswith('<div class="ad-scroll" tabindex="0" role="group"')
    stepper = BackpropStepper(log_of_square, x=2.0)
    assert '<div class="ad-scroll" tabindex="0" role="group" aria-label="forward pass' in stepper._text.value
    for app in (explorer, stepper, TrainingLab(), Playground()):
        assert "ad-app" in app.widget._dom_classes
