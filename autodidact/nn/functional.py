"""``nn.functional``: the computations behind the layers, as plain functions (``import ... as F``).

Each function is made of tensor operations from the op table, so the engine differentiates it: no
function here has a backward of its own. The two losses with reduction ``"mean"`` are single ops of
the table (``mse_loss``, ``binary_cross_entropy``), as in PyTorch, so their ``grad_fn`` prints the
same (``MseLossBackward0``, ``BinaryCrossEntropyBackward0``).
"""
import numbers
import warnings

import numpy as np

from ..engine import Tensor, check_broadcast, dim_arg, no_grad, numpy_generator, ops
from ..engine.spec import PUBLIC as _PUBLIC
from ..engine.tensor import addmm
from ..engine.tensor import log_softmax as _log_softmax
from ..engine.tensor import relu as _relu
from ..engine.tensor import softmax as _softmax
from ..parity import dtypes

__all__ = ["linear", "dropout", "embedding", "layer_norm", "batch_norm", "relu", "tanh", "sigmoid", "leaky_relu", "softplus", "elu", "gelu", "silu", "mish", "hardtanh", "relu6", "normalize", "softmax", "log_softmax",
           "mse_loss", "l1_loss", "binary_cross_entropy", "binary_cross_entropy_with_logits", "nll_loss",
           "cross_entropy", "one_hot", "relu_", "huber_loss", "smooth_l1_loss", "conv2d", "max_pool2d",
           "avg_pool2d", "adaptive_avg_pool2d"]

# The functions the op specs expose here (api "functional": tanh, sigmoid...), generated.
_GENERATED = {name: function for name, (function, api) in _PUBLIC.items() if "functional" in api}
globals().update(_GENERATED)
__all__ += [name for name in _GENERATED if name not in __all__]

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
            f"mat1 and mat2 must have the same dtype, but got {dtypes.TYPE_NAMES_SHORT[input.dtype.name]} and "
            f"{dtypes.TYPE_NAMES_SHORT[weight.dtype.name]}. Make the input {weight.dtype} (e.g. x.float(), or "
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
        return input.relu_()
    return _relu(input)


def relu_(input):
    """``relu(input, inplace=True)``."""
    return input.relu_()


def one_hot(input, num_classes=-1):
    """Each class index ``i`` becomes a row of zeros with a 1 at position ``i`` (int64, like the
    indices). ``num_classes=-1`` means one more than the largest index in ``input``."""
    _check_tensor("one_hot", "input", input)
    if isinstance(num_classes, bool) or not isinstance(num_classes, numbers.Integral):
        raise TypeError(f"one_hot(): argument 'num_classes' (position 2) must be int, not {type(num_classes).__name__}")
    if input.dtype is not dtypes.int64:
        raise RuntimeError("one_hot is only applicable to index tensor of type LongTensor. This tensor is "
                           f"{input.dtype}: make the class indices integers with .long().")
    indices = input._array
    if num_classes == -1:
        if indices.size == 0:
            raise RuntimeError("Can not infer total number of classes from empty tensor.")
        num_classes = int(indices.max()) + 1
    if indices.size and indices.min() < 0:
        raise RuntimeError("Class values must be non-negative.")
    if (indices.size and indices.max() >= num_classes) or num_classes < 0:
        raise RuntimeError(f"Class values must be smaller than num_classes. Here num_classes={num_classes} "
                           f"and the largest class value is {int(indices.max()) if indices.size else None}.")
    return Tensor._wrap((indices[..., None] == np.arange(num_classes)).astype(np.int64))


def _check_dropout_probability(p):
    if not 0.0 <= p <= 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")


def dropout(input, p=0.5, training=True, inplace=False):
    """While ``training``, zero each element with probability ``p`` and multiply the others by
    1/(1-p); otherwise return ``input`` itself. The random mask is one tensor and the result one
    multiplication (MulBackward0), as in PyTorch: the gradient flows only through the kept units.

    The mask comes from autodidact's generator (``torch.manual_seed``), not PyTorch's.
    """
    _check_tensor("dropout", "input", input)
    _check_dropout_probability(p)
    if not training or p == 0.0:
        return input
    if not input.dtype.is_floating_point:
        raise RuntimeError(f"result type Float can't be cast to the desired output type "
                           f"{dtypes.TYPE_NAMES_SHORT[input.dtype.name]}: dropout needs a float tensor.")
    keep = 1.0 - p
    kept = numpy_generator(None, "dropout").random(input._array.shape) < keep
    scale = kept.astype(input._array.dtype) / keep if keep > 0 else np.zeros_like(input._array)
    mask = Tensor._wrap(scale.astype(input._array.dtype))
    return input.mul_(mask) if inplace else input * mask


def _warn_target_size(input, target):
    # PyTorch's warning: a target of another shape broadcasts silently, which is rarely meant.
    warnings.warn(
        f"Using a target size ({target.shape}) that is different to the input size ({input.shape}). "
        "This will likely lead to incorrect results due to broadcasting. Please ensure they have the "
        "same size.", UserWarning, stacklevel=3)


def _broadcast_pair(function, input, target):
    """``input`` and ``target`` in one shape and one dtype, with PyTorch's warning when the shapes
    differ (broadcasting a target is rarely what was meant)."""
    _check_tensor(function, "input", input)
    _check_tensor(function, "target", target)
    if target.shape != input.shape:
        _warn_target_size(input, target)
        check_broadcast(input.shape, target.shape)
        shape = np.broadcast_shapes(input.shape, target.shape)
        input, target = input.expand(shape), target.expand(shape)
    dtype = dtypes.result_type((input, target))  # an integer target is promoted, as in PyTorch
    return input.to(dtype), target.to(dtype)


def mse_loss(input, target, reduction="mean"):
    """Mean squared error: the average of ``(input - target)²`` (or the sum, or each term)."""
    _check_reduction(reduction)
    input, target = _broadcast_pair("mse_loss", input, target)
    return ops.MSE_LOSS(input, target, reduction=reduction)


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
            f"Found dtype {dtypes.TYPE_NAMES_SHORT[target.dtype.name]} but expected "
            f"{dtypes.TYPE_NAMES_SHORT[input.dtype.name]}: the target must have the input's dtype. "
            "Convert the labels, e.g. y.float()."
        )
    if not np.all((input._array >= 0) & (input._array <= 1)):
        raise RuntimeError(
            "all elements of input should be between 0 and 1. binary_cross_entropy takes probabilities: "
            "pass your scores through torch.sigmoid first."
        )
    with np.errstate(divide="ignore"):  # log(0) = -inf is expected here: it is clamped to -100
        return ops.BCE_LOSS(input, target, reduction=reduction)


def leaky_relu(input, negative_slope=0.01, inplace=False):
    """``x`` where x > 0, ``negative_slope·x`` elsewhere: a ReLU whose negative side still has a
    small gradient, so a unit cannot get stuck at 0."""
    _check_tensor("leaky_relu", "input", input)
    if inplace:  # a node of its own in PyTorch (LeakyReluBackward1), which reads the result
        return input._inplace(lambda t: ops.LEAKY_RELU_(t, negative_slope=negative_slope))
    return ops.LEAKY_RELU(input, negative_slope=negative_slope)


def softplus(input, beta=1.0, threshold=20.0):
    """``log(1 + e^(beta·x)) / beta``: a smooth ReLU. Above ``threshold`` (in beta·x) it returns x."""
    _check_tensor("softplus", "input", input)
    return ops.SOFTPLUS(input, beta=beta, threshold=threshold)


def _activation(spec, name, input, inplace, **params):
    _check_tensor(name, "input", input)
    compute = lambda t: spec(t, **params)  # noqa: E731
    return input._inplace(compute) if inplace else compute(input)


def elu(input, alpha=1.0, inplace=False):
    """``x`` where x > 0, ``alpha·(e^x - 1)`` elsewhere: smooth below 0, tending to -alpha."""
    return _activation(ops.ELU_ if inplace else ops.ELU, "elu", input, inplace, alpha=alpha)


def gelu(input, approximate="none"):
    """``x·Φ(x)``, Φ the standard normal's distribution function (GPT's activation).
    ``approximate="tanh"`` uses the tanh formula of the GPT-2 code instead of erf."""
    if approximate not in ("none", "tanh"):
        raise RuntimeError(f"approximate argument must be either none or tanh, not {approximate!r}.")
    return _activation(ops.GELU, "gelu", input, False, approximate=approximate)


def silu(input, inplace=False):
    """``x·σ(x)`` (also called swish)."""
    return _activation(ops.SILU, "silu", input, inplace)


def mish(input, inplace=False):
    """``x·tanh(softplus(x))``."""
    return _activation(ops.MISH, "mish", input, inplace)


def hardtanh(input, min_val=-1.0, max_val=1.0, inplace=False):
    """``x`` clipped to [min_val, max_val]; no gradient outside (a clamp, recorded as PyTorch does)."""
    if min_val > max_val:
        raise ValueError("min_val cannot be greater than max_val")
    return _activation(ops.HARDTANH, "hardtanh", input, inplace, min_val=min_val, max_val=max_val)


def relu6(input, inplace=False):
    """``min(max(x, 0), 6)``: hardtanh(x, 0, 6), as PyTorch computes it (HardtanhBackward0)."""
    return _activation(ops.HARDTANH, "relu6", input, inplace, min_val=0.0, max_val=6.0)


def normalize(input, p=2.0, dim=1, eps=1e-12):
    """``input`` divided by its length along ``dim`` (at least ``eps``): unit vectors."""
    _check_tensor("normalize", "input", input)
    return input / input.norm(p, dim, keepdim=True).clamp(min=eps).expand_as(input)


def _softmax_dim(name, ndim, dim):
    if dim is not None:
        return dim
    warnings.warn(f"Implicit dimension choice for {name} has been deprecated. Change the call to include "
                  "dim=X as an argument.", UserWarning, stacklevel=3)
    return 0 if ndim in (0, 1, 3) else 1


def softmax(input, dim=None):
    """Turn each slice along ``dim`` into probabilities: ``exp(x) / exp(x).sum(dim)``. Name the dim
    (for a batch of scores of shape (N, C), ``dim=1``)."""
    _check_tensor("softmax", "input", input)
    return _softmax(input, _softmax_dim("softmax", input.ndim, dim))


def log_softmax(input, dim=None):
    """``log(softmax(x, dim))``, computed stably: the log-probabilities that ``nll_loss`` takes."""
    _check_tensor("log_softmax", "input", input)
    return _log_softmax(input, _softmax_dim("log_softmax", input.ndim, dim))


def l1_loss(input, target, reduction="mean"):
    """Mean absolute error: the average of ``|input - target|`` (or the sum, or each term).

    As in PyTorch it is made of ordinary ops, so its grad_fn is MeanBackward0 (SumBackward0,
    AbsBackward0 for the other reductions)."""
    _check_tensor("l1_loss", "input", input)
    _check_tensor("l1_loss", "target", target)
    _check_reduction(reduction)
    if target.shape != input.shape:
        _warn_target_size(input, target)
    errors = (input - target).abs()
    return errors.mean() if reduction == "mean" else errors.sum() if reduction == "sum" else errors


def huber_loss(input, target, reduction="mean", delta=1.0, weight=None):
    """Squared error for small errors, absolute error beyond ``delta``: ``½d²`` if ``|d| < delta``,
    else ``delta·(|d| - ½delta)``, with ``d = input - target``. Outliers pull on the fit with a
    bounded force (delta) instead of one that grows with the error."""
    _check_reduction(reduction)
    if weight is not None:
        raise NotImplementedError("huber_loss(weight=...) is not part of autodidact.")
    if delta <= 0:
        raise RuntimeError("huber_loss does not support non-positive values for delta.")
    input, target = _broadcast_pair("huber_loss", input, target)
    return ops.HUBER_LOSS(input, target, reduction=reduction, delta=float(delta))


def smooth_l1_loss(input, target, size_average=None, reduce=None, reduction="mean", beta=1.0):
    """Huber's loss divided by ``beta``: ``½d²/beta`` if ``|d| < beta``, else ``|d| - ½beta``.
    ``beta=0`` is the L1 loss."""
    if size_average is not None or reduce is not None:
        raise NotImplementedError("smooth_l1_loss(size_average=..., reduce=...) are deprecated in PyTorch and "
                                  "not part of autodidact: use reduction='mean', 'sum' or 'none'.")
    _check_reduction(reduction)
    if beta < 0:
        raise RuntimeError("smooth_l1_loss does not support negative values for beta.")
    if beta == 0:
        return l1_loss(input, target, reduction=reduction)
    input, target = _broadcast_pair("smooth_l1_loss", input, target)
    return ops.SMOOTH_L1_LOSS(input, target, reduction=reduction, beta=float(beta))


def binary_cross_entropy_with_logits(input, target, reduction="mean"):
    """Binary cross-entropy of ``sigmoid(input)``, computed from the scores (logits) directly: more
    accurate than ``binary_cross_entropy(sigmoid(x), y)``, and never log(0)."""
    _check_tensor("binary_cross_entropy_with_logits", "input", input)
    _check_tensor("binary_cross_entropy_with_logits", "target", target)
    _check_reduction(reduction)
    if target.shape != input.shape:
        raise ValueError(f"Target size ({target.shape}) must be the same as input size ({input.shape})")
    if not input.dtype.is_floating_point:
        raise RuntimeError("binary_cross_entropy_with_logits takes float scores: convert the input, "
                           "e.g. x.float().")
    target = target.to(input.dtype)  # integer labels are fine: they are compared as numbers
    return ops.BCE_WITH_LOGITS(input, target, reduction=reduction)


def nll_loss(input, target, weight=None, *, ignore_index=-100, reduction="mean"):
    """Negative log-likelihood: minus the log-probability of each row's target class, averaged.

    ``input`` holds log-probabilities of shape (N, C) (from ``log_softmax``), ``target`` the class
    of each row, N integers (int64) from 0 to C-1. Rows whose target is ``ignore_index`` count
    for nothing.
    """
    _check_tensor("nll_loss", "input", input)
    _no_class_weights("nll_loss", weight)
    _check_tensor("nll_loss", "target", target)
    _check_reduction(reduction)
    if input.ndim not in (1, 2):
        raise ValueError(f"Expected 1 or 2 dimensions for the scores, (C) or (N, C), got {input.ndim} "
                         f"(shape {list(input.shape)}). Flatten the extra dims into the batch first.")
    expected = () if input.ndim == 1 else (input.shape[0],)
    if expected and target.ndim >= 1 and target.shape[0] != expected[0]:
        raise ValueError(f"Expected input batch_size ({expected[0]}) to match target batch_size "
                         f"({target.shape[0]}): give one target class per row of the scores.")
    if target.dtype.is_floating_point or target.dtype.name == "bool":
        raise RuntimeError(
            f"expected target dtype to be Long or Byte, but got {dtypes.TYPE_NAMES_SHORT[target.dtype.name]}: "
            "the target holds class numbers (0, 1, 2, ...), as integers. Convert it with target.long().")
    if tuple(target.shape) != expected:
        raise ValueError(f"Expected target of shape {list(expected)} (one class per row of the scores "
                         f"of shape {list(input.shape)}), got {list(target.shape)}")
    classes = input.shape[-1]
    labels = target._array.astype(np.int64)
    bad = (labels != ignore_index) & ((labels < 0) | (labels >= classes))
    if np.any(bad):
        raise IndexError(f"Target {int(labels[bad].flat[0])} is out of bounds: the classes are "
                         f"numbered 0 to {classes - 1}.")
    return ops.NLL_LOSS(input, target=labels, reduction=reduction, ignore_index=ignore_index)


def cross_entropy(input, target, weight=None, *, ignore_index=-100, reduction="mean", label_smoothing=0.0):
    """Cross-entropy for classification: ``nll_loss(log_softmax(input, dim), target)``.

    ``input`` holds raw scores (logits) of shape (N, C), one row per example and one column per
    class. ``target`` is either the right class of each row, as int64 class numbers (the grad_fn is
    NllLossBackward0, with LogSoftmaxBackward0 below it), or, with the input's shape, a
    probability for every class: then the loss is ``-(target * log_softmax(input)).sum(dim=1)``,
    averaged over the rows.

    ``label_smoothing`` (ε) trusts the labels a little less: the target becomes (1-ε) of the given
    one plus ε spread evenly over all C classes. Formulas and graph are PyTorch's.
    """
    _check_tensor("cross_entropy", "input", input)
    _no_class_weights("cross_entropy", weight)
    _check_tensor("cross_entropy", "target", target)
    _check_reduction(reduction)
    if not 0.0 <= label_smoothing <= 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing:g}")
    class_dim = 0 if input.ndim == 1 else 1
    log_probabilities = _log_softmax(input, dim_arg(class_dim, input.ndim))
    classes = input.shape[class_dim]
    if target.dtype.is_floating_point and target.shape == input.shape:
        if label_smoothing > 0:
            target = target * (1 - label_smoothing) + label_smoothing / classes
        terms = log_probabilities * target
        if reduction == "mean":  # one DivBackward1 node, as PyTorch divides by a C++ number
            return ops.DIV_NUMBER(-terms.sum(), other=input.numel() / classes)
        return -terms.sum() if reduction == "sum" else -terms.sum(class_dim)
    if target.dtype.is_floating_point and target.ndim > 1 and target.shape[0] == input.shape[0]:
        raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
    loss = nll_loss(log_probabilities, target, ignore_index=ignore_index, reduction=reduction)
    if label_smoothing == 0:
        return loss
    # Smoothing adds ε/C times the loss against every class: -Σ_c log p_c per row (0 where ignored).
    kept = Tensor._wrap((target._array != ignore_index).astype(log_probabilities._array.dtype))
    smooth = -log_probabilities.sum(class_dim) * kept
    if reduction == "mean":
        smooth = smooth.sum() / kept.sum()
    elif reduction == "sum":
        smooth = smooth.sum()
    return (1 - label_smoothing) * loss + smooth * (label_smoothing / classes)


def embedding(input, weight, padding_idx=None, max_norm=None, norm_type=2.0, scale_grad_by_freq=False,
              sparse=False):
    """``weight[input]``: the rows of ``weight`` picked by the integer ``input`` (any shape); the
    result has shape ``input.shape + (embedding_dim,)``. Rows picked more than once get the sum of
    their gradients; the ``padding_idx`` row gets none."""
    _check_tensor("embedding", "input", input)
    if max_norm is not None or scale_grad_by_freq or sparse:
        raise NotImplementedError("embedding(max_norm=..., scale_grad_by_freq=True, sparse=True) is not part of "
                                  "autodidact; a plain lookup is.")
    if input.dtype.name not in ("int64", "int32"):
        raise RuntimeError("Expected tensor for argument #1 'indices' to have one of the following scalar types: "
                           f"Long, Int; but got {input.type()} instead (while checking arguments for embedding). "
                           "Indices are whole numbers: convert them with .long().")
    rows = weight.shape[0]
    indices = input._array.astype(np.int64)
    if indices.size and (indices.min() < 0 or indices.max() >= rows):
        raise IndexError(f"index out of range in self: the embedding has rows 0 to {rows - 1}")
    if padding_idx is not None and padding_idx < 0:
        padding_idx += rows
    return ops.EMBEDDING(weight, indices=indices, padding_idx=padding_idx)


def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
    """Normalize over the last ``len(normalized_shape)`` dims: ``(x - mean) / √(var + eps)``, then
    ``· weight + bias``; the variance is the biased one (÷N). One NativeLayerNormBackward0 node."""
    _check_tensor("layer_norm", "input", input)
    normalized_shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    if tuple(input.shape[input.ndim - len(normalized_shape):]) != normalized_shape or input.ndim < len(normalized_shape):
        raise RuntimeError(f"Given normalized_shape={list(normalized_shape)}, expected input with shape "
                           f"[*, {', '.join(map(str, normalized_shape))}], but got input of size{list(input.shape)}")
    _check_same_dtype(input, weight, bias)
    return ops.LAYER_NORM(input, weight, bias, normalized_ndim=len(normalized_shape), eps=eps)


def batch_norm(input, running_mean, running_var, weight=None, bias=None, training=False, momentum=0.1, eps=1e-5):
    """Normalize each channel (dim 1) over the batch and the other dims, then ``· weight + bias``.

    With ``training=True`` the batch's own mean and variance are used, and ``running_mean`` and
    ``running_var`` (if given) move towards them by ``momentum`` (the variance unbiased, ÷(n-1));
    otherwise the running values are used. One NativeBatchNormBackward0 node, as in PyTorch.
    """
    _check_tensor("batch_norm", "input", input)
    channels = input.shape[1] if input.ndim > 1 else None
    for name, buffer in (("running_mean", running_mean), ("running_var", running_var)):
        if buffer is not None and buffer.numel() != channels:
            raise RuntimeError(f"{name} should contain {channels} elements not {buffer.numel()}")
    if training:
        per_channel = input.numel() // channels
        if per_channel <= 1:
            raise ValueError(f"Expected more than 1 value per channel when training, got input size {input.shape}")
    elif running_mean is None or running_var is None:
        raise RuntimeError("batch_norm in evaluation mode needs running_mean and running_var")
    _check_same_dtype(input, weight, bias, running_mean, running_var)
    statistics = None if training else (running_mean._array, running_var._array)
    out = ops.BATCH_NORM(input, weight, bias, statistics=statistics, eps=eps)
    if training and running_mean is not None:
        axes = tuple(d for d in range(input.ndim) if d != 1)
        values = input._array
        count = values.size // channels
        with no_grad():
            running_mean.mul_(1 - momentum).add_(Tensor._wrap(values.mean(axis=axes)).to(running_mean.dtype),
                                                 alpha=momentum)
            unbiased = values.var(axis=axes) * (count / (count - 1))
            running_var.mul_(1 - momentum).add_(Tensor._wrap(unbiased).to(running_var.dtype), alpha=momentum)
    return out


def _check_same_dtype(input, *others):
    if any(t is not None and t.dtype is not input.dtype for t in others):
        raise RuntimeError("mixed dtype (CPU): all inputs must share same datatype. The layer's parameters are "
                           f"{next(t.dtype for t in others if t is not None)} and the input is {input.dtype}: convert "
                           "one of them, e.g. x.float() or layer.double().")


def _no_class_weights(function, weight):
    if weight is not None:
        raise NotImplementedError(f"{function}(weight=...) (per-class weights) is not part of autodidact: "
                                  "every class counts the same here.")


def _check_tensor(function, name, value):
    if not isinstance(value, Tensor):
        raise TypeError(f"{function}(): argument '{name}' (position {1 if name == 'input' else 2}) must be "
                        f"Tensor, not {type(value).__name__}. Wrap it first: torch.tensor(...).")


def _check_reduction(reduction):
    if reduction not in _REDUCTIONS:
        raise ValueError(f"{reduction} is not a valid value for reduction: use 'mean', 'sum' or 'none'")


# ---------------------------------------------------------------------------------------------
# Convolution and pooling over images (N, C, H, W); the ops are in engine/ops/convolution.py


def _pair(name, value):
    """An int or a pair of ints, as a pair (PyTorch accepts either for sizes and strides)."""
    pair = tuple(value) if isinstance(value, (tuple, list)) else (value, value)
    if len(pair) != 2 or not all(isinstance(v, numbers.Integral) and not isinstance(v, bool) for v in pair):
        raise TypeError(f"{name} must be an int or a pair of ints, got {value!r}")
    return tuple(int(v) for v in pair)


def _as_batch(function, input):
    """A 4-D batch view of ``input`` and whether it was a single (3-D) image."""
    _check_tensor(function, "input", input)
    if input.ndim not in (3, 4):
        raise RuntimeError(f"Expected 3D (unbatched) or 4D (batched) input to {function}, but got input of "
                           f"size: {list(input.shape)}")
    return (input.unsqueeze(0), True) if input.ndim == 3 else (input, False)


def _conv_padding(padding, kernel, dilation, stride):
    """((top, bottom), (left, right)) from an int, a pair, 'valid' or 'same'."""
    if isinstance(padding, str):
        if padding == "valid":
            return ((0, 0), (0, 0))
        if padding != "same":
            raise RuntimeError(f"Invalid padding string: '{padding}'")
        if stride != (1, 1):
            raise RuntimeError("padding='same' is not supported for strided convolutions")
        # The total padding keeps the size; an odd total puts the extra row/column at the end.
        totals = [d * (k - 1) for k, d in zip(kernel, dilation)]
        return tuple((total // 2, total - total // 2) for total in totals)
    padding = _pair("padding", padding)
    if min(padding) < 0:
        raise RuntimeError("negative padding is not supported")
    return tuple((p, p) for p in padding)


def _legacy_name(tensor):
    return f"torch.{dtypes.TYPE_NAMES_SHORT[tensor.dtype.name]}Tensor"


def conv2d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """Slide each of ``weight``'s kernels (C_out, C_in, kH, kW) over the image ``input``
    (N, C_in, H, W) and take the dot product with every window, plus ``bias``: (N, C_out, Ho, Wo)."""
    batch, single = _as_batch("conv2d", input)
    _check_tensor("conv2d", "weight", weight)
    if groups != 1:
        raise NotImplementedError("conv2d with groups != 1 (grouped or depthwise convolution) is not part of "
                                  "autodidact; use groups=1.")
    stride, dilation = _pair("stride", stride), _pair("dilation", dilation)
    if min(stride) <= 0:
        raise RuntimeError("non-positive stride is not supported")
    if min(dilation) <= 0:
        raise RuntimeError("dilation should be greater than zero")
    if weight.ndim != 4:
        raise RuntimeError(f"weight should have 4 dimensions (out_channels, in_channels, kH, kW), got "
                           f"{list(weight.shape)}")
    if batch.shape[1] != weight.shape[1]:
        raise RuntimeError(f"Given groups=1, weight of size {list(weight.shape)}, expected input{list(batch.shape)} "
                           f"to have {weight.shape[1]} channels, but got {batch.shape[1]} channels instead")
    if bias is not None and (bias.ndim != 1 or bias.shape[0] != weight.shape[0]):
        raise RuntimeError(f"Given weight of size {list(weight.shape)}, expected bias to be 1-dimensional with "
                           f"{weight.shape[0]} elements, but got bias of size {list(bias.shape)} instead")
    if weight.dtype is not batch.dtype:
        hint = "the input and the weights need one dtype (e.g. x.float(), or layer.double())."
        if not single and weight.dtype.itemsize > batch.dtype.itemsize:  # PyTorch's wording differs here
            raise RuntimeError(f"Input type ({_legacy_name(batch)}) and weight type ({_legacy_name(weight)}) should "
                               f"be the same: {hint}")
        raise RuntimeError(f"expected scalar type {dtypes.TYPE_NAMES_SHORT[batch.dtype.name]} but found "
                           f"{dtypes.TYPE_NAMES_SHORT[weight.dtype.name]}: {hint}")
    if bias is not None and bias.dtype is not batch.dtype:
        raise RuntimeError(f"Input type ({batch.dtype.name.replace('float32', 'float').replace('float64', 'double')}) "
                           f"and bias type ({bias.dtype.name.replace('float32', 'float').replace('float64', 'double')}) "
                           "should be the same")
    padding = _conv_padding(padding, weight.shape[2:], dilation, stride)
    padded = [n + sum(p) for n, p in zip(batch.shape[2:], padding)]
    spans = [d * (k - 1) + 1 for k, d in zip(weight.shape[2:], dilation)]
    if any(span > n for span, n in zip(spans, padded)):
        raise RuntimeError(f"Calculated padded input size per channel: ({padded[0]} x {padded[1]}). Kernel size: "
                           f"({spans[0]} x {spans[1]}). Kernel size can't be greater than actual input size")
    out = ops.CONV2D(batch, weight, bias, stride=stride, padding=padding, dilation=dilation)
    return out.squeeze(0) if single else out


def _pool_geometry(function, batch, kernel_size, stride, padding, dilation):
    """Kernel, stride, padding ((top, bottom), (left, right)) and dilation, checked as PyTorch does."""
    kernel = _pair("kernel_size", kernel_size)
    stride = kernel if stride is None or stride == [] else _pair("stride", stride)
    padding, dilation = _pair("padding", padding), _pair("dilation", dilation)
    if min(stride) <= 0:
        raise RuntimeError("stride should be greater than zero")
    for p, k, d in zip(padding, kernel, dilation):
        if p < 0 or p > (d * (k - 1) + 1) // 2:
            raise RuntimeError(f"pad should be at most half of effective kernel size, but got pad={p}, "
                               f"kernel_size={k} and dilation={d}")
    if any(p > k // 2 for p, k in zip(padding, kernel)):
        raise RuntimeError(f"pad should be smaller than or equal to half of kernel size, but got padW = {padding[1]}, "
                           f"padH = {padding[0]}, kW = {kernel[1]}, kH = {kernel[0]}")
    sizes = [(n + 2 * p - d * (k - 1) - 1) // s + 1
             for n, p, d, k, s in zip(batch.shape[-2:], padding, dilation, kernel, stride)]
    if min(sizes) < 1:
        c, h, w = batch.shape[-3:]
        raise RuntimeError(f"Given input size: ({c}x{h}x{w}). Calculated output size: ({c}x{sizes[0]}x{sizes[1]}). "
                           "Output size is too small")
    return kernel, stride, tuple((p, p) for p in padding), dilation


def _no_ceil_mode(function, ceil_mode):
    if ceil_mode:
        raise NotImplementedError(f"{function}(ceil_mode=True) is not part of autodidact: the last partial "
                                  "window is dropped (ceil_mode=False).")


def max_pool2d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """The largest value of each ``kernel_size`` window (windows ``stride`` apart, ``kernel_size``
    by default): a smaller image that keeps the strongest responses."""
    _check_tensor("max_pool2d", "input", input)
    if input.ndim not in (3, 4) or input.numel() == 0:
        raise RuntimeError("non-empty 3D or 4D (batch mode) tensor expected for input")
    _no_ceil_mode("max_pool2d", ceil_mode)
    if return_indices:
        raise NotImplementedError("max_pool2d(return_indices=True) is not part of autodidact.")
    kernel, stride, padding, dilation = _pool_geometry("max_pool2d", input, kernel_size, stride, padding, dilation)
    winners = ops.max_pool_winners(input._array, kernel, stride, padding, dilation)
    return ops.MAX_POOL2D(input, kernel=kernel, stride=stride, padding=padding, dilation=dilation, winners=winners)


def avg_pool2d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
               divisor_override=None):
    """The mean of each ``kernel_size`` window (windows ``stride`` apart, ``kernel_size`` by
    default). With padding, ``count_include_pad`` says whether the padded zeros count in the mean."""
    _check_tensor("avg_pool2d", "input", input)
    if input.ndim not in (3, 4):
        dim_arg(-3, input.ndim)  # PyTorch's IndexError for an image without channels
    _no_ceil_mode("avg_pool2d", ceil_mode)
    if divisor_override is not None:
        raise NotImplementedError("avg_pool2d(divisor_override=...) is not part of autodidact.")
    kernel, stride, padding, _ = _pool_geometry("avg_pool2d", input, kernel_size, stride, padding, 1)
    return ops.AVG_POOL2D(input, kernel=kernel, stride=stride, padding=padding,
                          count_include_pad=bool(count_include_pad))


def adaptive_avg_pool2d(input, output_size):
    """The mean over each of ``output_size`` regions; autodidact supports output size 1 (the mean
    of each channel: global average pooling), which PyTorch computes as a mean too."""
    _check_tensor("adaptive_avg_pool2d", "input", input)
    size = _pair("output_size", output_size)
    if size != (1, 1):
        raise NotImplementedError(f"adaptive_avg_pool2d with output_size={output_size!r} is not part of "
                                  "autodidact; only output_size=1 (global average pooling) is.")
    return input.mean(dim=(-2, -1), keepdim=True)
