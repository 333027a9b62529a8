"""Lesson 7, A neural network: an MLP from tensors, then with autodidact.nn and autodidact.optim."""
import numpy as np

import autodidact as ad

from ..core import Check, Exercise, article, as_array, describe, expect_array_close, fail, register
from .common import draw, t64

TARGET_LOSS = 0.02
NAMES = ["W1", "b1", "W2", "b2"]


def _reference_forward(params, X):
    W1, b1, W2, b2 = (as_array(p, f"parameter {name}") for name, p in zip(NAMES, params))
    return np.tanh(np.asarray(X) @ W1 + b1) @ W2 + b2


def _sizes(rng):
    """Three different layer sizes, so that a transposed weight matrix cannot pass by chance."""
    return [int(v) for v in rng.choice(np.arange(2, 9), size=3, replace=False)]


def _curve(rng, n=48):
    """A smooth curve to fit: a random sine wave plus a slope, on [-2, 2]."""
    X = np.linspace(-2, 2, n).reshape(n, 1)
    phase, slope = rng.uniform(0, np.pi), rng.uniform(-0.5, 0.5)
    between = (X[1:] + X[:-1]) / 2  # points the training never saw: a model, not a table of y, fits them too
    return {"X": X.tolist(), "y": (np.sin(1.5 * X + phase) + slope * X).tolist(),
            "X_between": between.tolist(), "y_between": (np.sin(1.5 * between + phase) + slope * between).tolist()}


# 7.1 ----------------------------------------------------------------------------------------

def _probe_init(learner, inputs):
    return learner.get("init_mlp")(*inputs["sizes"])


def _params(answer, what="init_mlp"):
    if not isinstance(answer, (list, tuple)) or len(answer) != 4:
        fail(f"{what} should return a list [W1, b1, W2, b2], but it returned {describe(answer)}.")
    return answer


def _judge_shapes(inputs, answer):
    n_in, n_hidden, n_out = inputs["sizes"]
    expected = [[n_in, n_hidden], [n_hidden], [n_hidden, n_out], [n_out]]
    for name, p, shape in zip(NAMES, _params(answer), expected):
        if not hasattr(p, "grad_fn"):
            fail(f"{name} should be a tensor, but it is {describe(p)}.")
        if p.shape != shape:
            fail(f"for init_mlp({n_in}, {n_hidden}, {n_out}), {name} has shape {p.shape}, not {shape}.")


def _judge_leaves(inputs, answer):
    for name, p in zip(NAMES, _params(answer)):
        if not (getattr(p, "is_leaf", False) and getattr(p, "requires_grad", False)):
            fail(f"{name} must be a leaf tensor with requires_grad=True, so training can update it "
                 f"(it is {describe(p)}, is_leaf={getattr(p, 'is_leaf', None)}, "
                 f"requires_grad={getattr(p, 'requires_grad', None)}).")


def _judge_symmetry(inputs, answer):
    W1 = as_array(_params(answer)[0], "W1")
    if not np.all(np.isfinite(W1)):
        fail("W1 holds nan or inf entries: draw the weights with torch.randn (torch.empty leaves them "
             "uninitialised).")
    if W1.size and np.allclose(W1, W1.flat[0]):
        fail("all entries of W1 are equal: every hidden unit would compute the same thing and learn the same thing.")
    if W1.size and np.abs(W1).max() > 3:
        fail(f"W1 has entries as large as {np.abs(W1).max():.3g}: tanh would saturate.")


register(Exercise("7.1", "Initialise a network", 2, [
    Check("the parameters have the right shapes",
          ("X has shape [n, n_in], and X @ W1 must have shape [n, n_hidden].",
           "Each bias has one entry per unit of its layer; the second layer maps n_hidden to n_out."),
          lambda rng: {"sizes": _sizes(rng)}, _probe_init, _judge_shapes),
    Check("the parameters are leaves that require grad",
          ("Scaling a tensor that requires grad makes a new tensor, the result of an operation.",
           "Scale first, then call .requires_grad_() on the result (or create it with requires_grad=True "
           "and do not scale it)."),
          lambda rng: {"sizes": _sizes(rng)}, _probe_init, _judge_leaves),
    Check("the weights are random and small",
          ("Equal weights would keep all hidden units identical.",
           "Draw the weights with torch.randn and scale them down (e.g. by 1/sqrt(n_in))."),
          lambda rng: {"sizes": _sizes(rng)}, _probe_init, _judge_symmetry),
], names=("init_mlp",)))


# 7.2 ----------------------------------------------------------------------------------------

def _forward_inputs(rng):
    n_in, n_hidden, n_out = _sizes(rng)
    shapes = [(n_in, n_hidden), (n_hidden,), (n_hidden, n_out), (n_out,)]
    return {"params": [draw(rng, -1, 1, size=s) for s in shapes], "X": draw(rng, -1, 1, size=(5, n_in))}


def _probe_forward(learner, inputs):
    params = [t64(p, requires_grad=True) for p in inputs["params"]]
    out = learner.get("mlp_forward")(params, t64(inputs["X"]))
    answer = {"out": out}
    if isinstance(out, ad.Tensor) and out.grad_fn is not None:
        out.sum().backward()
        answer["grads"] = [p.grad for p in params]
    return answer


def _judge_forward_values(inputs, answer):
    sizes = " → ".join(str(np.shape(p)[0]) for p in inputs["params"][::2]) + f" → {np.shape(inputs['params'][2])[1]}"
    out = answer["out"]
    expected = _reference_forward(inputs["params"], inputs["X"])
    if isinstance(out, type(None)):
        fail("mlp_forward returned None: return the network's output.")
    linear = (np.asarray(inputs["X"]) @ np.array(inputs["params"][0]) + np.array(inputs["params"][1])) \
        @ np.array(inputs["params"][2]) + np.array(inputs["params"][3])
    values = as_array(out, "mlp_forward(params, X)")
    if values.shape == linear.shape and np.allclose(values, linear, rtol=1e-4):
        fail("the output is what the two layers give without an activation: the hidden layer needs tanh.")
    expect_array_close(out, expected, "mlp_forward(params, X)", f" for layer sizes {sizes}")


def _judge_forward_gradients(inputs, answer):
    if "grads" not in answer:
        fail("mlp_forward must return a tensor built from the parameters with tensor operations "
             f"(it returned {describe(answer['out'])}).")
    for name, grad in zip(NAMES, answer["grads"]):
        if grad is None:
            fail(f"after backward, {name}.grad is None: the output does not depend on {name}.")


register(Exercise("7.2", "The forward pass", 2, [
    Check("computes tanh(X @ W1 + b1) @ W2 + b2",
          ("Follow the formula in the title from the inside out.",
           "Multiply, add the bias (it broadcasts over the rows), apply tanh, then the second layer "
           "without an activation."),
          _forward_inputs, _probe_forward, _judge_forward_values),
    Check("gradients reach every parameter",
          ("backward() can only follow tensor operations.",
           "Use tensor operations only (no .data, .item() or NumPy), so backward() can reach each parameter."),
          _forward_inputs, _probe_forward, _judge_forward_gradients),
], names=("mlp_forward",)))


# 7.3 ----------------------------------------------------------------------------------------

def _stalled_note(prediction, X, y):
    """Why a trained network misses the target, where its predictions show it; else the usual causes."""
    prediction, X, y = (np.asarray(a, dtype=np.float64).reshape(-1) for a in (prediction, X, y))
    if np.std(prediction) < 0.1 * np.std(y):
        return (f" Your network predicts about the same value ({np.mean(prediction):.3g}) for every x: it "
                "learned little more than the mean of y. A loss that compares predictions of shape [n, 1] "
                "with targets of shape [n] does that (the difference broadcasts to [n, n]): make both the "
                "same shape. Otherwise, check that the parameters are updated and the gradients zeroed.")
    slope, intercept = np.polyfit(X, prediction, 1)
    if np.max(np.abs(slope * X + intercept - prediction)) < 1e-3 * (1 + np.max(np.abs(prediction))):
        return (" Your network's output is a straight line in x: two linear layers with nothing between "
                "them make one linear map. Put tanh between the layers.")
    return (" If the loss stalls, look at what each step starts from: are the gradients zeroed, and does "
            "the update (optimizer.step()) come after backward()? Then try more steps or a larger "
            "learning rate.")


def _probe_train_mlp(learner, inputs):
    return learner.get("train_mlp")(ad.tensor(inputs["X"], dtype=ad.float32), ad.tensor(inputs["y"], dtype=ad.float32))


def _judge_train_mlp(inputs, answer):
    params = _params(answer, "train_mlp")
    loss = float(np.mean((_reference_forward(params, inputs["X"]) - np.array(inputs["y"])) ** 2))
    if not np.isfinite(loss):
        fail("the loss of your trained network is not a number: the training diverged.")
    if loss > TARGET_LOSS:
        fail(f"your trained network reaches a mean squared error of {loss:.4g}; the target is {TARGET_LOSS}."
             + _stalled_note(_reference_forward(params, inputs["X"]), inputs["X"], inputs["y"]))


register(Exercise("7.3", "Train the network", 3, [
    Check(f"fits a random curve to a loss below {TARGET_LOSS}",
          ("Repeat: forward, loss, backward, update under torch.no_grad(), zero the gradients.",
           "If the loss stalls, use more hidden units, more steps or a larger learning rate; if it "
           "becomes nan, a smaller one."),
          _curve, _probe_train_mlp, _judge_train_mlp),
], names=("train_mlp",)))


# 7.4 ----------------------------------------------------------------------------------------

def _probe_nn(learner, inputs):
    X = ad.tensor(inputs["X"], dtype=ad.float32)
    model = learner.get("train_with_nn")(X, ad.tensor(inputs["y"], dtype=ad.float32))
    if not isinstance(model, ad.nn.Module):
        return {"module": False, "type": type(model).__name__}
    with ad.no_grad():
        prediction = model(X)
        between = model(ad.tensor(inputs["X_between"], dtype=ad.float32))
    return {"module": True, "type": type(model).__name__, "prediction": prediction, "between": between,
            "parameters": len(list(model.parameters()))}


def _model(answer):
    if answer.get("module") is not True:
        fail(f"train_with_nn should return the trained nn.Module, got {article(str(answer.get('type')))} "
             f"{answer.get('type')}.")
    return answer


def _judge_nn_module(inputs, answer):
    answer = _model(answer)
    prediction, y = answer["prediction"], np.array(inputs["y"])
    if getattr(prediction, "shape", None) != list(y.shape):
        fail(f"the model maps inputs of shape {list(y.shape)} to {describe(prediction)}, not {list(y.shape)}.")
    if not answer["parameters"]:
        fail("the model has no parameters: build it from nn.Linear layers.")


def _judge_nn_fits(inputs, answer):
    prediction = as_array(_model(answer)["prediction"], "the model's output")
    y = np.array(inputs["y"])
    loss = float(np.mean((prediction - y) ** 2)) if prediction.shape == y.shape else float("inf")
    if not np.isfinite(loss) or loss > TARGET_LOSS:
        note = _stalled_note(prediction, inputs["X"], y) if prediction.shape == y.shape else ""
        fail(f"the trained model reaches a mean squared error of {loss:.4g}; the target is {TARGET_LOSS}." + note)
    between = as_array(answer["between"], "the model's output between the training points")
    y_between = np.array(inputs["y_between"])
    loss = float(np.mean((between - y_between) ** 2)) if between.shape == y_between.shape else float("inf")
    if not np.isfinite(loss) or loss > TARGET_LOSS:
        fail(f"the model fits the training points, but on {len(y_between)} points halfway between them its "
             f"mean squared error is {loss:.4g} (output shape {list(between.shape)}): it must compute its "
             "output from its input, as a network does, not return stored targets.")


register(Exercise("7.4", "The same network with autodidact.nn", 2, [
    Check("returns an nn.Module that maps [n, 1] to [n, 1]",
          ("Build the network of 7.2 from nn layers.",
           "nn.Sequential chains layers: a Linear layer, a Tanh, and another Linear layer."),
          _curve, _probe_nn, _judge_nn_module),
    Check(f"fits a random curve to a loss below {TARGET_LOSS}",
          ("The loop is the same as in 7.3, with the optimizer doing the bookkeeping.",
           "Each step: optimizer.zero_grad(), loss.backward(), optimizer.step()."),
          _curve, _probe_nn, _judge_nn_fits),
], names=("train_with_nn",)))
