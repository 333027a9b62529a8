"""Lesson 7, A neural network: an MLP from tensors, then with autodidact.nn and autodidact.optim."""
import numpy as np

import autodidact as ad

from ..core import Check, Exercise, as_array, as_float, expect_array_close, fail, register

TARGET_LOSS = 0.02


def _reference_forward(params, X):
    W1, b1, W2, b2 = (as_array(p, f"parameter {i}") for i, p in enumerate(params))
    return np.tanh(X @ W1 + b1) @ W2 + b2


def _sizes(learner):
    """Three different layer sizes, so that a transposed weight matrix cannot pass by chance."""
    return tuple(int(v) for v in learner.rng.choice(np.arange(2, 9), size=3, replace=False))


def _curve(learner, n=48):
    """A smooth curve to fit: a random sine wave plus a slope, on [-2, 2]."""
    X = np.linspace(-2, 2, n).reshape(n, 1)
    phase, slope = learner.uniform(0, np.pi), learner.uniform(-0.5, 0.5)
    return X, np.sin(1.5 * X + phase) + slope * X


# 7.1 ----------------------------------------------------------------------------------------

def _init(learner):
    init_mlp = learner.get("init_mlp")
    n_in, n_hidden, n_out = _sizes(learner)
    params = init_mlp(n_in, n_hidden, n_out)
    if not isinstance(params, (list, tuple)) or len(params) != 4:
        fail(f"init_mlp should return a list [W1, b1, W2, b2], got {type(params).__name__} "
             f"of length {len(params) if hasattr(params, '__len__') else '?'}.")
    return params, (n_in, n_hidden, n_out)


def _init_shapes(learner):
    params, (n_in, n_hidden, n_out) = _init(learner)
    expected = [[n_in, n_hidden], [n_hidden], [n_hidden, n_out], [n_out]]
    for name, p, shape in zip(["W1", "b1", "W2", "b2"], params, expected):
        if not isinstance(p, ad.Tensor):
            fail(f"{name} should be a tensor, got {type(p).__name__}.")
        if list(p.shape) != shape:
            fail(f"for init_mlp({n_in}, {n_hidden}, {n_out}), {name} has shape {list(p.shape)}, not {shape}.")


def _init_leaves(learner):
    params, _ = _init(learner)
    for name, p in zip(["W1", "b1", "W2", "b2"], params):
        if not (isinstance(p, ad.Tensor) and p.is_leaf and p.requires_grad):
            fail(f"{name} must be a leaf tensor with requires_grad=True, so training can update it.")


def _init_breaks_symmetry(learner):
    params, _ = _init(learner)
    W1 = as_array(params[0], "W1")
    if np.allclose(W1, W1.flat[0]):
        fail("all entries of W1 are equal: every hidden unit would compute the same thing and learn "
             "the same thing.")
    if np.abs(W1).max() > 3:
        fail(f"W1 has entries as large as {np.abs(W1).max():.3g}: tanh would saturate.")


register(Exercise("7.1", "Initialise a network", 2, [
    Check("the parameters have the right shapes", "X has shape [n, n_in] and X @ W1 must have shape "
          "[n, n_hidden]; each bias has one entry per unit of its layer.", _init_shapes),
    Check("the parameters are leaves that require grad", "Create each one with requires_grad=True "
          "(or call .requires_grad_() after scaling, since scaling makes a non-leaf).", _init_leaves),
    Check("the weights are random and small", "Draw the weights with torch.randn and scale them down "
          "(e.g. by 1/sqrt(n_in)); equal weights would keep all hidden units identical.",
          _init_breaks_symmetry),
], names=("init_mlp",)))


# 7.2 ----------------------------------------------------------------------------------------

def _random_params(learner, n_in, n_hidden, n_out):
    shapes = [(n_in, n_hidden), (n_hidden,), (n_hidden, n_out), (n_out,)]
    return [ad.tensor(learner.uniform(-1, 1, size=s), dtype=ad.float64, requires_grad=True) for s in shapes]


def _forward_values(learner):
    mlp_forward = learner.get("mlp_forward")
    n_in, n_hidden, n_out = _sizes(learner)
    params = _random_params(learner, n_in, n_hidden, n_out)
    X = learner.uniform(-1, 1, size=(5, n_in))
    expect_array_close(mlp_forward(params, ad.tensor(X, dtype=ad.float64)), _reference_forward(params, X),
                       "mlp_forward(params, X)", f" for layer sizes {n_in} → {n_hidden} → {n_out}")


def _forward_gradients(learner):
    mlp_forward = learner.get("mlp_forward")
    n_in, n_hidden, n_out = _sizes(learner)
    params = _random_params(learner, n_in, n_hidden, n_out)
    X = ad.tensor(learner.uniform(-1, 1, size=(5, n_in)), dtype=ad.float64)
    out = mlp_forward(params, X)
    if not isinstance(out, ad.Tensor) or out.grad_fn is None:
        fail("mlp_forward must return a tensor built from the parameters with tensor operations.")
    out.sum().backward()
    for name, p in zip(["W1", "b1", "W2", "b2"], params):
        if p.grad is None:
            fail(f"after backward, {name}.grad is None: the output does not depend on {name}.")


register(Exercise("7.2", "The forward pass", 2, [
    Check("computes tanh(X @ W1 + b1) @ W2 + b2", "Multiply, add the bias (it broadcasts over the rows), "
          "apply tanh, then the second layer without an activation.", _forward_values),
    Check("gradients reach every parameter", "Use tensor operations only (no .data, .item() or "
          "NumPy), so backward() can follow the path to each parameter.", _forward_gradients),
], names=("mlp_forward",)))


# 7.3 ----------------------------------------------------------------------------------------

def _fits_curve(learner):
    train_mlp = learner.get("train_mlp")
    X, y = _curve(learner)
    params = train_mlp(ad.tensor(X, dtype=ad.float32), ad.tensor(y, dtype=ad.float32))
    if not isinstance(params, (list, tuple)) or len(params) != 4:
        fail("train_mlp should return the trained parameters [W1, b1, W2, b2].")
    loss = float(np.mean((_reference_forward(params, X) - y) ** 2))
    if not np.isfinite(loss):
        fail("the loss of your trained network is not a number: the training diverged.")
    if loss > TARGET_LOSS:
        fail(f"your trained network reaches a mean squared error of {loss:.4g}; the target is {TARGET_LOSS}.")


register(Exercise("7.3", "Train the network", 3, [
    Check(f"fits a random curve to a loss below {TARGET_LOSS}", "Repeat: forward, loss, backward, update "
          "under torch.no_grad(), zero the gradients. If the loss stalls, use more hidden units, more "
          "steps or a larger learning rate; if it becomes nan, a smaller one.", _fits_curve),
], names=("train_mlp",)))


# 7.4 ----------------------------------------------------------------------------------------

def _train_with_nn(learner):
    """Train once per grading run; both checks of 7.4 look at the same trained model."""
    if "trained" not in learner.memo:
        learner.memo["trained"] = _train_with_nn_once(learner)
    return learner.memo["trained"]


def _train_with_nn_once(learner):
    train_with_nn = learner.get("train_with_nn")
    X, y = _curve(learner)
    model = train_with_nn(ad.tensor(X, dtype=ad.float32), ad.tensor(y, dtype=ad.float32))
    if not isinstance(model, ad.nn.Module):
        fail(f"train_with_nn should return the trained nn.Module, got {type(model).__name__}.")
    with ad.no_grad():
        prediction = model(ad.tensor(X, dtype=ad.float32))
    return model, X, y, prediction


def _nn_module(learner):
    model, X, y, prediction = _train_with_nn(learner)
    if list(getattr(prediction, "shape", [])) != list(y.shape):
        fail(f"the model maps inputs of shape {list(X.shape)} to {list(getattr(prediction, 'shape', []))}, "
             f"not {list(y.shape)}.")
    if not list(model.parameters()):
        fail("the model has no parameters: build it from nn.Linear layers.")


def _nn_fits(learner):
    _, _, y, prediction = _train_with_nn(learner)
    loss = float(np.mean((as_array(prediction, "the model's output") - y) ** 2))
    if not np.isfinite(loss) or loss > TARGET_LOSS:
        fail(f"the trained model reaches a mean squared error of {loss:.4g}; the target is {TARGET_LOSS}.")


register(Exercise("7.4", "The same network with autodidact.nn", 2, [
    Check("returns an nn.Module that maps [n, 1] to [n, 1]", "nn.Sequential(nn.Linear(1, hidden), "
          "nn.Tanh(), nn.Linear(hidden, 1)) builds the network of 7.2.", _nn_module),
    Check(f"fits a random curve to a loss below {TARGET_LOSS}", "The loop is the same as in 7.3, with "
          "optimizer.zero_grad(), loss.backward() and optimizer.step() doing the bookkeeping.", _nn_fits),
], names=("train_with_nn",)))
