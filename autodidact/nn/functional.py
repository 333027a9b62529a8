"""``nn.functional``: the computations behind the layers, as plain functions (``import ... as F``).

Each function is made of tensor operations from the op table, so the engine differentiates it: no
function here has a backward of its own. The two losses with reduction ``"mean"`` are single ops of
the table (``mse_loss``, ``binary_cross_entropy``), as in PyTorch, so their ``grad_fn`` prints the
same (``MseLossBackward0``, ``BinaryCrossEntropyBackward0``).
"""
import warnings

import numpy as np

from .. import _dtypes, _ops
from .._tensor import _TYPE_NAMES_SHORT, Tensor, _apply, _check_broadcast, addmm
from .._tensor import relu as _relu
from .._tensor import sigmoid, tanh

__all__ = ["linear", "relu", "tanh", "sigmoid", "mse_loss", "binary_cross_entropy"]

_REDUCTIONS = ("mean", "sum", "none")


def linear(input, weight, bias=None):
    """``input @ weight.T + bias``: each output is a weighted sum of the inputs plus a bias.

    ``weight`` has shape ``(out_features, in_features)``, one row per output.
    """
    _check_tensor("linear", "input", input)
    in_features = weight.shape[-1]
    if input.ndim == 0 or input.shape[-1] != in_features:
        rows = int(np.prod(input.shape[:-1])) if input.ndim > 1 else 1
        columns = input.shape[-1] if input.ndim else 1
        raise RuntimeError(
            f"mat1 and mat2 shapes cannot be multiplied ({rows}x{columns} and {in_features}x{weight.shape[0]}): "
            f"this layer expects {in_features} input features (the last size of the input), but the input "
            f"has shape {list(input.shape)}. Give the layer in_features={columns}, or reshape the input."
        )
    if input.dtype is not weight.dtype:
        raise RuntimeError(
            f"mat1 and mat2 must have the same dtype, but got {_TYPE_NAMES_SHORT[input.dtype.name]} and "
            f"{_TYPE_NAMES_SHORT[weight.dtype.name]}. Make the input {weight.dtype} (e.g. x.float(), or "
            "write the data with decimal points: torch.tensor([[0., 1.]]))."
        )
    # As PyTorch: with a bias, one addmm on a matrix of rows (AddmmBackward0, its weight input a
    # TBackward0); other shapes are viewed as rows first and the result viewed back (ViewBackward0).
    if bias is None:
        return input @ weight.t()
    if input.ndim == 2:
        return addmm(bias, input, weight.t())
    rows = input.reshape(-1, in_features)
    return addmm(bias, rows, weight.t()).view(*input.shape[:-1], weight.shape[0])


def relu(input, inplace=False):
    """``max(x, 0)`` elementwise. ``inplace=True`` overwrites ``input``, as in PyTorch."""
    if inplace:
        return input._inplace(_relu)
    return _relu(input)


def mse_loss(input, target, reduction="mean"):
    """Mean squared error: the average of ``(input - target)²`` (or the sum, or each term)."""
    _check_tensor("mse_loss", "input", input)
    _check_tensor("mse_loss", "target", target)
    _check_reduction(reduction)
    if target.shape != input.shape:
        warnings.warn(
            f"Using a target size ({target.shape}) that is different to the input size ({input.shape}). "
            "This will likely lead to incorrect results due to broadcasting. Please ensure they have the "
            "same size.", UserWarning, stacklevel=2)
        _check_broadcast(input.shape, target.shape)
        shape = np.broadcast_shapes(input.shape, target.shape)
        input, target = input.expand(shape), target.expand(shape)
    dtype = _dtypes.result_type((input, target))  # an integer target is promoted, as in PyTorch
    input, target = input.to(dtype), target.to(dtype)
    if reduction == "mean":
        return _apply(_ops.MSE_LOSS, input, target)
    squared_errors = (input - target) ** 2
    return squared_errors.sum() if reduction == "sum" else squared_errors


def binary_cross_entropy(input, target, reduction="mean"):
    """``-(y·log(p) + (1-y)·log(1-p))`` averaged over the elements; ``p`` must be probabilities.

    As in PyTorch, each log is clamped at -100, so a probability of exactly 0 or 1 costs at most 100
    instead of infinity.
    """
    _check_tensor("binary_cross_entropy", "input", input)
    _check_tensor("binary_cross_entropy", "target", target)
    _check_reduction(reduction)
    if target.shape != input.shape:
        raise ValueError(
            f"Using a target size ({target.shape}) that is different to the input size ({input.shape}) is "
            "deprecated. Please ensure they have the same size."
        )
    if target.dtype is not input.dtype:
        raise RuntimeError(
            f"Found dtype {_TYPE_NAMES_SHORT[target.dtype.name]} but expected "
            f"{_TYPE_NAMES_SHORT[input.dtype.name]}: the target must have the input's dtype. "
            "Convert the labels, e.g. y.float()."
        )
    if not np.all((input._array >= 0) & (input._array <= 1)):
        raise RuntimeError(
            "all elements of input should be between 0 and 1. binary_cross_entropy takes probabilities: "
            "pass your scores through torch.sigmoid first."
        )
    if reduction != "none":
        with np.errstate(divide="ignore"):  # log(0) = -inf is expected here: it is clamped to -100
            mean = _apply(_ops.BCE_LOSS, input, target)
        # The table's entry averages; times N gives the sum, and keeps its gradient, which stays
        # finite at probabilities of exactly 0 or 1.
        return mean if reduction == "mean" else mean * input.numel()
    return -(target * input.log().clamp(min=-100) + (1 - target) * (1 - input).log().clamp(min=-100))


def _check_tensor(function, name, value):
    if not isinstance(value, Tensor):
        raise TypeError(f"{function}(): argument '{name}' (position {1 if name == 'input' else 2}) must be "
                        f"Tensor, not {type(value).__name__}. Wrap it first: torch.tensor(...).")


def _check_reduction(reduction):
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction: use 'mean', 'sum' or 'none'")
