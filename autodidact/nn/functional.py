"""``nn.functional``: the computations behind the layers, as plain functions (``import ... as F``).

Each function is made of tensor operations from the op table, so the engine differentiates it: no
function here has a backward of its own. The two losses with reduction ``"mean"`` are single ops of
the table (``mse_loss``, ``binary_cross_entropy``), as in PyTorch, so their ``grad_fn`` prints the
same (``MseLossBackward0``, ``BinaryCrossEntropyBackward0``).
"""
import math
import numbers
import warnings

import numpy as np

from ..engine import Tensor, check_broadcast, dim_arg, is_grad_enabled, no_grad, numpy_generator, ops
from ..engine.arguments import float_kernel
from ..engine.ops.public import PUBLIC as _PUBLIC
from ..engine.tensor import addmm
from ..engine.tensor import broadcast_tensors as _broadcast_tensors
from ..engine.tensor import log_softmax as _log_softmax
from ..engine.tensor import relu as _relu
from ..engine.tensor import softmax as _softmax
from ..parity import dtypes

__all__ = ["linear", "dropout", "embedding", "layer_norm", "batch_norm", "relu", "tanh", "sigmoid", "leaky_relu", "softplus", "elu", "gelu", "silu", "mish", "hardtanh", "relu6", "normalize", "softmax", "log_softmax",
           "mse_loss", "l1_loss", "kl_div", "scaled_dot_product_attention", "binary_cross_entropy", "binary_cross_entropy_with_logits", "nll_loss",
           "cross_entropy", "one_hot", "relu_", "huber_loss", "smooth_l1_loss", "group_norm", "instance_norm", "conv1d", "conv2d", "max_pool1d", "avg_pool1d", "max_pool2d",
           "avg_pool2d", "adaptive_avg_pool2d", "pad", "logsigmoid", "softsign", "tanhshrink", "selu", "celu",
           "hardsigmoid", "hardswish", "threshold", "threshold_", "hardshrink", "softshrink", "glu", "prelu", "softmin",
           "dropout1d", "dropout2d", "dropout3d", "pairwise_distance", "cosine_similarity", "interpolate", "upsample",
           "upsample_nearest", "upsample_bilinear", "adaptive_avg_pool1d", "conv_transpose1d", "conv_transpose2d"]

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


def _feature_dropout(input, p, training, inplace):
    """Zero whole channels: one random draw per (example, channel), shared by every position."""
    _check_dropout_probability(p)
    if not training or p == 0.0:
        return input
    keep = 1.0 - p
    shape = tuple(input.shape[:2]) + (1,) * (input.ndim - 2)
    kept = numpy_generator(None, "dropout").random(shape) < keep
    scale = kept.astype(input._array.dtype) / keep if keep > 0 else np.zeros(shape, input._array.dtype)
    mask = Tensor._wrap(scale.astype(input._array.dtype))
    return input.mul_(mask) if inplace else input * mask


def _channel_dropout(name, input, p, training, inplace, spatial):
    """dropout1d/2d/3d: ``input`` is (N, C, *spatial) or, without the batch dim, (C, *spatial)."""
    _check_tensor(name, "input", input)
    _check_dropout_probability(p)
    batched = input.ndim == spatial + 2
    if input.ndim not in (spatial + 1, spatial + 2):
        raise RuntimeError(f"{name}: Expected {spatial + 1}D or {spatial + 2}D input, but received a {input.ndim}D "
                           f"input. Note that {name} exists to provide channel-wise dropout on inputs with "
                           f"{spatial} spatial dimension{'s' if spatial > 1 else ''}, a channel dimension, and an "
                           f"optional batch dimension (i.e. {spatial + 1}D or {spatial + 2}D inputs).")
    if batched:
        return _feature_dropout(input, p, training, inplace)
    result = _feature_dropout(input.unsqueeze_(0) if inplace else input.unsqueeze(0), p, training, inplace)
    return result.squeeze_(0) if inplace else result.squeeze(0)


def dropout1d(input, p=0.5, training=True, inplace=False):
    """Dropout of whole channels of sequences (N, C, L) or (C, L): each channel is zeroed (with
    probability ``p``) or kept and scaled by 1/(1-p) as a whole."""
    return _channel_dropout("dropout1d", input, p, training, inplace, 1)


def dropout2d(input, p=0.5, training=True, inplace=False):
    """Dropout of whole channels (feature maps) of images (N, C, H, W). As in PyTorch, a 3-D input
    is read as (N, C, L) (with PyTorch's warning), not as one image."""
    _check_tensor("dropout2d", "input", input)
    _check_dropout_probability(p)
    if input.ndim not in (3, 4):
        warnings.warn(f"dropout2d: Received a {input.ndim}-D input to dropout2d, which is deprecated and will "
                      "result in an error in a future release. To retain the behavior and silence this warning, "
                      "please use dropout instead. Note that dropout2d exists to provide channel-wise dropout on "
                      "inputs with 2 spatial dimensions, a channel dimension, and an optional batch dimension "
                      "(i.e. 3D or 4D inputs).", UserWarning, stacklevel=2)
    if input.ndim == 3:
        warnings.warn("dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D dropout "
                      "behavior is desired - input is interpreted as shape (N, C, L), where C is the channel dim. "
                      "This behavior will change in a future release to interpret the input as one without a "
                      "batch dimension, i.e. shape (C, H, W). To maintain the 1D channel-wise dropout behavior, "
                      "please switch to using dropout1d instead.", UserWarning, stacklevel=2)
    return _feature_dropout(input, p, training, inplace)


def dropout3d(input, p=0.5, training=True, inplace=False):
    """Dropout of whole channels of volumes (N, C, D, H, W) or (C, D, H, W)."""
    _check_tensor("dropout3d", "input", input)
    _check_dropout_probability(p)
    if input.ndim not in (4, 5):
        warnings.warn(f"dropout3d: Received a {input.ndim}-D input to dropout3d, which is deprecated and will "
                      "result in an error in a future release. To retain the behavior and silence this warning, "
                      "please use dropout instead. Note that dropout3d exists to provide channel-wise dropout on "
                      "inputs with 3 spatial dimensions, a channel dimension, and an optional batch dimension "
                      "(i.e. 4D or 5D inputs).", UserWarning, stacklevel=2)
    if input.ndim == 5:
        return _feature_dropout(input, p, training, inplace)
    result = _feature_dropout(input.unsqueeze_(0) if inplace else input.unsqueeze(0), p, training, inplace)
    return result.squeeze_(0) if inplace else result.squeeze(0)


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
    if function in _LOSS_KERNELS:
        float_kernel(dtype, _LOSS_KERNELS[function])
    return input.to(dtype), target.to(dtype)


# PyTorch's kernels of the ops that have no integer version (their names are in its error message).
_LOSS_KERNELS = {"mse_loss": "mse_cpu", "huber_loss": "huber_cpu", "smooth_l1_loss": "smooth_l1_cpu"}
_ACTIVATION_KERNELS = {"elu": "elu_cpu", "gelu": "GeluKernelImpl", "silu": "silu_cpu"}


def mse_loss(input, target, reduction="mean"):
    """Mean squared error: the average of ``(input - target)²`` (or the sum, or each term)."""
    _check_reduction(reduction)
    input, target = _broadcast_pair("mse_loss", input, target)
    return ops.MSE_LOSS(input, target, reduction=reduction)


def binary_cross_entropy(input, target, weight=None, size_average=None, reduce=None, reduction="mean"):
    """``-(y·log(p) + (1-y)·log(1-p))`` averaged over the elements; ``p`` must be probabilities.
    ``weight`` (broadcast to the input's shape) multiplies each element's loss.

    As in PyTorch, each log is clamped at -100, so a probability of exactly 0 or 1 costs at most 100
    instead of infinity.
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_tensor("binary_cross_entropy", "input", input)
    _check_tensor("binary_cross_entropy", "target", target)
    if input.dtype == target.dtype:
        float_kernel(input.dtype, "binary_cross_entropy")
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
    weight = _elementwise_weight("binary_cross_entropy", "weight", weight, input)
    if not np.all((input._array >= 0) & (input._array <= 1)):
        raise RuntimeError(
            "all elements of input should be between 0 and 1. binary_cross_entropy takes probabilities: "
            "pass your scores through torch.sigmoid first."
        )
    with np.errstate(divide="ignore"):  # log(0) = -inf is expected here: it is clamped to -100
        return ops.BCE_LOSS(input, target, reduction=reduction, weight=weight)


def _legacy_reduction(size_average, reduce, reduction):
    """PyTorch's old arguments: ``size_average=False`` meant "sum", ``reduce=False`` "none"."""
    if size_average is None and reduce is None:
        return reduction
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    reduction = "mean" if size_average and reduce else "sum" if reduce else "none"
    warnings.warn(f"size_average and reduce args will be deprecated, please use reduction='{reduction}' "
                  "instead.", UserWarning, stacklevel=3)
    return reduction


def _not_differentiable(function, name, weight):
    if weight.requires_grad and is_grad_enabled():
        raise RuntimeError(f"The function '{function}' is not differentiable with respect to argument '{name}'. "
                           "This input cannot have requires_grad True. Pass it detached: "
                           f"{name}={name}.detach().")


def _elementwise_weight(function, name, weight, input):
    """``weight`` (a tensor broadcasting to the input's shape, or None) as an array of the input's
    shape and dtype: a constant of the loss, as in PyTorch."""
    if weight is None:
        return None
    if not isinstance(weight, Tensor):
        raise TypeError(f"{function}(): argument '{name}' must be Tensor, not {type(weight).__name__}. Wrap it "
                        "first: torch.tensor(...).")
    _not_differentiable(function, name, weight)
    check_broadcast(input.shape, weight.shape)
    if np.broadcast_shapes(input.shape, weight.shape) != tuple(input.shape):
        raise RuntimeError(f"output with shape {list(input.shape)} doesn't match the broadcast shape "
                           f"{list(np.broadcast_shapes(input.shape, weight.shape))}: the {name} must broadcast "
                           "to the input's shape.")
    return np.broadcast_to(weight._array.astype(input._array.dtype), input._array.shape)


def leaky_relu(input, negative_slope=0.01, inplace=False):
    """``x`` where x > 0, ``negative_slope·x`` elsewhere: a ReLU whose negative side still has a
    small gradient, so a unit cannot get stuck at 0."""
    _check_tensor("leaky_relu", "input", input)
    float_kernel(input.dtype, "leaky_relu_cpu")
    if inplace:  # a node of its own in PyTorch (LeakyReluBackward1), which reads the result
        return input._inplace(lambda t: ops.LEAKY_RELU_(t, negative_slope=negative_slope))
    return ops.LEAKY_RELU(input, negative_slope=negative_slope)


def softplus(input, beta=1.0, threshold=20.0):
    """``log(1 + e^(beta·x)) / beta``: a smooth ReLU. Above ``threshold`` (in beta·x) it returns x."""
    _check_tensor("softplus", "input", input)
    float_kernel(input.dtype, "softplus_cpu")
    return ops.SOFTPLUS(input, beta=beta, threshold=threshold)


def _activation(spec, name, input, inplace, **params):
    _check_tensor(name, "input", input)
    if name in _ACTIVATION_KERNELS:
        float_kernel(input.dtype, _ACTIVATION_KERNELS[name])
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


def _check_pair(function, x1, x2):
    for position, (name, value) in enumerate((("x1", x1), ("x2", x2)), 1):
        if not isinstance(value, Tensor):
            raise TypeError(f"{function}(): argument '{name}' (position {position}) must be Tensor, not "
                            f"{type(value).__name__}. Wrap it first: torch.tensor(...).")


def pairwise_distance(x1, x2, p=2.0, eps=1e-6, keepdim=False):
    """The distance between matching rows of ``x1`` and ``x2``: the ``p``-norm of ``x1 - x2 + eps``
    along the last dimension. The small ``eps`` keeps the gradient finite when two rows are equal.
    Computed as PyTorch's (a norm, NormBackward1)."""
    _check_pair("pairwise_distance", x1, x2)
    last = max(x1.ndim, x2.ndim) - 1
    return ops.norm_scalar(x1 - x2 + eps, p, last, keepdim)


def cosine_similarity(x1, x2, dim=1, eps=1e-8):
    """cos θ between ``x1`` and ``x2`` along ``dim``: their dot product once each is divided by its
    length (at least ``eps``, so a zero vector gives 0, not nan). Dividing first, as PyTorch does,
    keeps the result within [-1, 1]."""
    _check_pair("cosine_similarity", x1, x2)
    common = dtypes.result_type((x1, x2))
    if not common.is_floating_point:
        raise RuntimeError(f"expected common dtype to be floating point, yet common dtype is "
                           f"{dtypes.TYPE_NAMES_SHORT[common.name]}: convert the inputs first, e.g. x.float().")
    x1, x2 = (x if x.dtype.is_floating_point else x.to(common) for x in (x1, x2))
    x1, x2 = _broadcast_tensors(x1, x2)
    lengths = []
    for x in (x1, x2):
        length = x.norm(2, dim, keepdim=True).clone()
        with no_grad():  # as PyTorch: the floor changes the value, not the gradient of the length
            length.clamp_min_(eps)
        lengths.append(length)
    return ((x1 / lengths[0]) * (x2 / lengths[1])).sum(dim)


def logsigmoid(input):
    """``log(σ(x)) = -softplus(-x)``, computed without overflow (LogSigmoidBackward0)."""
    _check_float("log_sigmoid", input)
    return ops.LOG_SIGMOID(input)


def softsign(input):
    """``x / (1 + |x|)``: a tanh-like curve that approaches ±1 slowly."""
    _check_tensor("softsign", "input", input)
    return input / (input.abs() + 1)


def tanhshrink(input):
    """``x - tanh(x)``."""
    _check_tensor("tanhshrink", "input", input)
    return input - input.tanh()


def selu(input, inplace=False):
    """``λ·x`` where x > 0, ``λα(e^x - 1)`` elsewhere, with λ ≈ 1.0507 and α ≈ 1.6733 chosen so that
    activations keep mean 0 and variance 1 through many layers (self-normalizing networks)."""
    return _activation(ops.SELU_ if inplace else ops.SELU, "selu", input, inplace)


def celu(input, alpha=1.0, inplace=False):
    """``x`` where x > 0, ``α(e^(x/α) - 1)`` elsewhere: ELU made smooth at 0 for every α."""
    if alpha == 0:
        raise RuntimeError("ZeroDivisionError")
    return _activation(ops.CELU_ if inplace else ops.CELU, "celu", input, inplace, alpha=float(alpha))


def hardsigmoid(input, inplace=False):
    """``relu6(x + 3) / 6``: a sigmoid made of three straight pieces (0 below -3, 1 above 3)."""
    return _activation(ops.HARDSIGMOID, "hardsigmoid", input, inplace)


def hardswish(input, inplace=False):
    """``x · relu6(x + 3) / 6``: swish (x·σ(x)) made of straight pieces and a parabola (MobileNetV3)."""
    return _activation(ops.HARDSWISH, "hardswish", input, inplace)


def threshold(input, threshold, value, inplace=False):
    """``x`` where x > threshold, ``value`` elsewhere (ThresholdBackward0)."""
    if inplace:
        _check_tensor("threshold", "input", input)
        above = input._array > threshold
        return input._inplace(lambda t: ops.THRESHOLD_(t, threshold=threshold, value=value, above=above))
    return _activation(ops.THRESHOLD, "threshold", input, False, threshold=threshold, value=value)


def threshold_(input, threshold, value):
    """``threshold(..., inplace=True)``."""
    return globals()["threshold"](input, threshold, value, inplace=True)


def hardshrink(input, lambd=0.5):
    """``x`` where |x| > lambd, 0 elsewhere."""
    _check_float("hardshrink", input)
    return ops.HARDSHRINK(input, lambd=lambd)


def softshrink(input, lambd=0.5):
    """``x`` moved lambd towards 0, and 0 where |x| ≤ lambd (the proximal step of the L1 penalty)."""
    _check_float("softshrink", input)
    if lambd < 0:
        raise RuntimeError(f"lambda must be greater or equal to 0, but found to be {lambd}.")
    return ops.SOFTSHRINK(input, lambd=lambd)


def glu(input, dim=-1):
    """The gated linear unit: split ``input`` in two halves a, b along ``dim``; return ``a · σ(b)``."""
    _check_tensor("glu", "input", input)
    if input.ndim == 0:
        raise RuntimeError("glu does not support scalars because halving size must be even")
    dim = dim_arg(dim, input.ndim)
    if input.shape[dim] % 2:
        raise RuntimeError(f"Halving dimension must be even, but dimension {dim} is size {input.shape[dim]}")
    return ops.GLU(input, dim=dim)


def prelu(input, weight):
    """``x`` where x > 0, ``weight·x`` elsewhere, with a learned slope: one for every channel (dim 1)
    or one for all (PreluKernelBackward0)."""
    _check_tensor("prelu", "input", input)
    _check_tensor("prelu", "weight", weight)
    channels = input.shape[1] if input.ndim >= 2 else 1
    if weight.numel() != 1 and weight.numel() != channels:
        raise RuntimeError(f"Mismatch of parameter numbers and input channel size. Found parameter numbers = "
                           f"{weight.numel()} and channel size = {channels}.")
    if weight.ndim > 1:
        raise RuntimeError(f"prelu: Expected `weight` to be a scalar or 1D tensor, but got: ndim = {weight.ndim}")
    if weight.dtype is not input.dtype:
        raise RuntimeError(f"prelu: Type promoting not supported. Got {dtypes.TYPE_NAMES_SHORT[input.dtype.name]} and "
                           f"{dtypes.TYPE_NAMES_SHORT[weight.dtype.name]}: give the input the weight's dtype "
                           "(e.g. x.float()).")
    return ops.PRELU(input, weight)


def _check_float(function, input):
    _check_tensor(function, "input", input)
    if not input.dtype.is_floating_point:
        raise NotImplementedError(f'"{function}_cpu" not implemented for '
                                  f"'{dtypes.TYPE_NAMES_SHORT[input.dtype.name]}': convert the input first, "
                                  "e.g. x.float().")


def _softmax_dim(name, ndim, dim):
    if dim is not None:
        return dim
    warnings.warn(f"Implicit dimension choice for {name} has been deprecated. Change the call to include "
                  "dim=X as an argument.", UserWarning, stacklevel=3)
    return 0 if ndim in (0, 1, 3) else 1


def softmax(input, dim=None, dtype=None):
    """Turn each slice along ``dim`` into probabilities: ``exp(x) / exp(x).sum(dim)``. Name the dim
    (for a batch of scores of shape (N, C), ``dim=1``). ``dtype`` casts the input first."""
    _check_tensor("softmax", "input", input)
    return _softmax(input, _softmax_dim("softmax", input.ndim, dim), dtype)


def log_softmax(input, dim=None, dtype=None):
    """``log(softmax(x, dim))``, computed stably: the log-probabilities that ``nll_loss`` takes.
    ``dtype`` casts the input first."""
    _check_tensor("log_softmax", "input", input)
    return _log_softmax(input, _softmax_dim("log_softmax", input.ndim, dim), dtype)


def softmin(input, dim=None, dtype=None):
    """``softmax(-x, dim)``: probabilities that favour the smallest values."""
    _check_tensor("softmin", "input", input)
    if dtype is not None:
        input = input.to(dtype)
    return _softmax(-input, _softmax_dim("softmin", input.ndim, dim))


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


def binary_cross_entropy_with_logits(input, target, weight=None, size_average=None, reduce=None,
                                     reduction="mean", pos_weight=None):
    """Binary cross-entropy of ``sigmoid(input)``, computed from the scores (logits) directly: more
    accurate than ``binary_cross_entropy(sigmoid(x), y)``, and never log(0).

    ``pos_weight`` multiplies the loss of the positive examples (y = 1), one number per class (the
    last dim): with 3 times more negatives than positives, ``pos_weight=3`` balances them.
    ``weight`` multiplies each element's loss. Both broadcast to the input's shape."""
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_tensor("binary_cross_entropy_with_logits", "input", input)
    _check_tensor("binary_cross_entropy_with_logits", "target", target)
    _check_reduction(reduction)
    if target.shape != input.shape:
        raise ValueError(f"Target size ({target.shape}) must be the same as input size ({input.shape})")
    if not input.dtype.is_floating_point:
        raise RuntimeError("binary_cross_entropy_with_logits takes float scores: convert the input, "
                           "e.g. x.float().")
    target = target.to(input.dtype)  # integer labels are fine: they are compared as numbers
    weight = _elementwise_weight("binary_cross_entropy_with_logits", "weight", weight, input)
    pos_weight = _elementwise_weight("binary_cross_entropy_with_logits", "pos_weight", pos_weight, input)
    return ops.BCE_WITH_LOGITS(input, target, reduction=reduction, weight=weight, pos_weight=pos_weight)


def nll_loss(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean"):
    """Negative log-likelihood: minus the log-probability of each target class, averaged.

    ``input`` holds log-probabilities (from ``log_softmax``) of shape (N, C), (C,), or (N, C, d1,
    ...) for a class at every position (pixels, time steps); ``target`` holds the classes, int64
    numbers from 0 to C-1, of shape (N,), () or (N, d1, ...). Targets equal to ``ignore_index``
    count for nothing. ``weight`` (C numbers) scales each class's loss; the mean is then divided by
    the summed weights of the targets, not by their number (PyTorch's weighted mean).
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_tensor("nll_loss", "input", input)
    _check_tensor("nll_loss", "target", target)
    float_kernel(input.dtype, "nll_loss_out_frame" if input.ndim <= 2 else "nll_loss2d_forward_out_frame")
    _check_reduction(reduction)
    if input.ndim < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {input.ndim}): the scores need a class dim.")
    if input.ndim != 1 and (target.ndim == 0 or input.shape[0] != target.shape[0]):
        raise ValueError(f"Expected input batch_size ({input.shape[0]}) to match target batch_size "
                         f"({target.shape[0] if target.ndim else 0}): give one target class per example.")
    classes = input.shape[0 if input.ndim == 1 else 1]
    weights = _class_weights("nll_loss", weight, input, classes)
    if input.ndim <= 2:
        if target.ndim > 1:
            raise RuntimeError("0D or 1D target tensor expected, multi-target not supported")
        if input.ndim == 1 and target.ndim != 0:
            raise RuntimeError(f"size mismatch (got input: {list(input.shape)}, target: {list(target.shape)}): "
                               "scores of shape (C,) take a 0-d target.")
        return ops.NLL_LOSS(input, **_nll_arguments(target, weights, classes, reduction, ignore_index))
    expected = [input.shape[0], *input.shape[2:]]
    if input.ndim == 4:
        if target.ndim != 3:
            raise RuntimeError(f"only batches of spatial targets supported (3D tensors) but got targets of "
                               f"dimension: {target.ndim}")
        if list(target.shape) != expected:
            raise RuntimeError(f"size mismatch (got input: {list(input.shape)} , target: {list(target.shape)}: "
                               f"the target needs shape {expected})")
        return ops.NLL_LOSS2D(input, **_nll_arguments(target, weights, classes, reduction, ignore_index))
    if list(target.shape) != expected:
        raise RuntimeError(f"Expected target size {expected}, got {list(target.shape)}")
    # As in PyTorch: other shapes are viewed as (N, C, 1, -1) and go through the (N, C, H, W) loss.
    n, empty = input.shape[0], input.numel() == 0
    input = input.contiguous().view(n, classes, 0, 0) if empty else input.contiguous().view(n, classes, 1, -1)
    target = target.contiguous().view(n, 0, 0) if target.numel() == 0 else target.contiguous().view(n, 1, -1)
    loss = ops.NLL_LOSS2D(input, **_nll_arguments(target, weights, classes, reduction, ignore_index))
    return loss.view(expected) if reduction == "none" else loss


def _nll_arguments(target, weights, classes, reduction, ignore_index):
    if target.dtype.name not in ("int64", "uint8"):
        raise RuntimeError(
            f"expected target dtype to be Long or Byte, but got {dtypes.TYPE_NAMES_SHORT[target.dtype.name]}: "
            "the target holds class numbers (0, 1, 2, ...), as integers. Convert it with target.long().")
    labels = target._array.astype(np.int64)
    bad = (labels != ignore_index) & ((labels < 0) | (labels >= classes))
    if np.any(bad):
        raise IndexError(f"Target {int(labels[bad].flat[0])} is out of bounds: the classes are "
                         f"numbered 0 to {classes - 1}.")
    return {"target": labels, "weight": weights, "reduction": reduction, "ignore_index": ignore_index}


def _class_weights(function, weight, input, classes, prefix=""):
    """``weight`` (one number per class, or None) as an array of the input's dtype."""
    if weight is None:
        return None
    if not isinstance(weight, Tensor):
        raise TypeError(f"{function}(): argument 'weight' (position 3) must be Tensor, not "
                        f"{type(weight).__name__}. Wrap it first: torch.tensor(...).")
    _not_differentiable(function if function != "nll_loss" else "nll_loss_forward", "weight", weight)
    if weight.ndim != 1 or weight.shape[0] != classes:
        raise RuntimeError(f"{prefix}weight tensor should be defined either for all {classes} classes or no classes "
                           f"but got weight tensor of shape: {list(weight.shape)}")
    if weight.dtype is not input.dtype:
        raise RuntimeError(f"expected scalar type {dtypes.TYPE_NAMES_SHORT[input.dtype.name]} but found "
                           f"{dtypes.TYPE_NAMES_SHORT[weight.dtype.name]}: give the class weights the scores' "
                           "dtype, e.g. weight.float().")
    return weight._array


def cross_entropy(input, target, weight=None, size_average=None, ignore_index=-100, reduce=None,
                  reduction="mean", label_smoothing=0.0):
    """Cross-entropy for classification: ``nll_loss(log_softmax(input, 1), target)``.

    ``input`` holds raw scores (logits) of shape (N, C), one row per example and one column per
    class, or (C,), or (N, C, d1, ...) for a class at every position. ``target`` is either the
    right class of each example, as int64 class numbers of shape (N,) (or (), (N, d1, ...)), or,
    with the input's shape, a probability for every class: then the loss is
    ``-(target * log_softmax(input)).sum(1)``, averaged over the examples.

    ``weight`` (C numbers) scales each class's loss; with class targets the mean divides by the
    summed weights of the targets. ``label_smoothing`` (ε) trusts the labels a little less: the
    target becomes (1-ε) of the given one plus ε spread evenly over all C classes. Formulas and
    graph are PyTorch's.
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_tensor("cross_entropy", "input", input)
    _check_tensor("cross_entropy", "target", target)
    _check_reduction(reduction)
    if input.ndim < 1:
        raise ValueError(f"Expected 1 or more dimensions (got {input.ndim}): the scores need a class dim.")
    class_dim = 0 if input.ndim == 1 else 1
    classes = input.shape[class_dim]
    if target.shape == input.shape:
        return _cross_entropy_probabilities(input, target, weight, ignore_index, reduction, label_smoothing,
                                            class_dim)
    if label_smoothing > 1.0:
        raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing:g}")
    log_probabilities = _log_softmax(input, class_dim)
    loss = nll_loss(log_probabilities, target, weight, ignore_index=ignore_index, reduction=reduction)
    if label_smoothing <= 0:
        return loss
    # Smoothing adds ε/C times the loss against every class (weighted): -Σ_c w_c log p_c per
    # example, 0 where ignored; the mean divides by the same total as nll_loss.
    weight_shape = [1] * input.ndim
    weight_shape[class_dim] = classes
    weighted = log_probabilities if weight is None else log_probabilities * weight.view(weight_shape)
    smooth = -weighted.sum(class_dim)
    ignored = target == ignore_index
    smooth = smooth.masked_fill(ignored, 0.0)
    if reduction == "mean":
        if weight is None:
            smooth = smooth.sum() / (~ignored).sum()
        else:
            smooth = smooth.sum() / weight[target[~ignored]].sum()
    elif reduction == "sum":
        smooth = smooth.sum()
    # Both products by a number are MulBackward1, as in PyTorch's C++.
    return ops.MUL_NUMBER(loss, other=1 - label_smoothing) + ops.MUL_NUMBER(smooth, other=label_smoothing / classes)


def _cross_entropy_probabilities(input, target, weight, ignore_index, reduction, label_smoothing, class_dim):
    """Cross-entropy against a probability for every class (the target has the input's shape)."""
    if not target.dtype.is_floating_point:
        raise RuntimeError(f"Expected floating point type for target with class probabilities, got "
                           f"{dtypes.TYPE_NAMES_SHORT[target.dtype.name]}")
    if ignore_index >= 0:
        raise RuntimeError("ignore_index is not supported for floating point target")
    classes = input.shape[class_dim]
    weights = _class_weights("cross_entropy", weight, input, classes, prefix="cross_entropy: ")
    log_probabilities = _log_softmax(input, class_dim)
    if label_smoothing > 0:
        if label_smoothing > 1.0:
            raise RuntimeError(f"label_smoothing must be between 0.0 and 1.0. Got: {label_smoothing:g}")
        target = target * (1 - label_smoothing) + label_smoothing / classes
    terms = log_probabilities * target
    if weights is not None:
        shape = [1] * input.ndim
        shape[class_dim] = classes
        terms = terms * (weight.view(shape) if input.ndim > 1 else weight)
    if reduction == "sum":
        return -terms.sum()
    if reduction == "none":
        return -terms.sum(class_dim)
    if input.numel() == 0:
        return -terms.sum().fill_(float("nan"))
    return ops.DIV_NUMBER(-terms.sum(), other=input.numel() // classes)  # one DivBackward1, as PyTorch


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
    float_kernel(input.dtype, "LayerNormKernelImpl")
    normalized_shape = (normalized_shape,) if isinstance(normalized_shape, int) else tuple(normalized_shape)
    if tuple(input.shape[input.ndim - len(normalized_shape):]) != normalized_shape or input.ndim < len(normalized_shape):
        raise RuntimeError(f"Given normalized_shape={list(normalized_shape)}, expected input with shape "
                           f"[*, {', '.join(map(str, normalized_shape))}], but got input of size{list(input.shape)}")
    _check_same_dtype(input, weight, bias)
    return ops.LAYER_NORM(input, weight, bias, normalized_ndim=len(normalized_shape), eps=eps)


def group_norm(input, num_groups, weight=None, bias=None, eps=1e-5):
    """Split the channels (dim 1) into ``num_groups`` groups and normalize each group of each
    example over its channels and positions, then ``· weight + bias`` per channel. One
    NativeGroupNormBackward0 node, as in PyTorch."""
    _check_tensor("group_norm", "input", input)
    if input.ndim < 2:
        raise RuntimeError(f"Expected at least 2 dimensions for input tensor but received {input.ndim}")
    float_kernel(input.dtype, "GroupNormKernelImpl")
    if input.shape[1] % num_groups != 0:
        raise RuntimeError("Expected number of channels in input to be divisible by num_groups, but got input of "
                           f"shape {list(input.shape)} and num_groups={num_groups}")
    for name, parameter in (("weight", weight), ("bias", bias)):
        if parameter is not None and (parameter.ndim != 1 or parameter.shape[0] != input.shape[1]):
            raise RuntimeError(f"Expected {name} to be a vector of size equal to the number of channels in input, "
                               f"but got {name} of shape {list(parameter.shape)} and input of shape "
                               f"{list(input.shape)}")
    _check_same_dtype(input, weight, bias)
    return ops.GROUP_NORM(input, weight, bias, groups=num_groups, eps=eps)


def instance_norm(input, running_mean=None, running_var=None, weight=None, bias=None, use_input_stats=True,
                  momentum=0.1, eps=1e-5):
    """Normalize each channel of each example on its own, over its positions, then ``· weight +
    bias``. As PyTorch computes it: a batch norm of the input viewed as one example with N·C
    channels, viewed back (so the result's grad_fn is ViewBackward0)."""
    _check_tensor("instance_norm", "input", input)
    if running_mean is not None or running_var is not None or not use_input_stats:
        raise NotImplementedError("instance_norm with running statistics (track_running_stats=True) is not part "
                                  "of autodidact; it normalizes with each example's own statistics.")
    if input.ndim < 3:
        raise ValueError(f"Expected more than 1 spatial element when training, got input size {list(input.shape)}")
    batch, channels = input.shape[:2]
    rows = input.reshape(1, batch * channels, *input.shape[2:])
    out = batch_norm(rows, None, None, None if weight is None else weight.repeat(batch),
                     None if bias is None else bias.repeat(batch), True, momentum, eps)
    return out.view(*input.shape)


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


_PAD_MODES = ("constant", "reflect", "replicate", "circular")
_PAD_OPS = {("reflect", 1): ops.REFLECTION_PAD1D, ("reflect", 2): ops.REFLECTION_PAD2D,
            ("reflect", 3): ops.REFLECTION_PAD3D, ("replicate", 1): ops.REPLICATION_PAD1D,
            ("replicate", 2): ops.REPLICATION_PAD2D, ("replicate", 3): ops.REPLICATION_PAD3D}


def pad(input, pad, mode="constant", value=None):
    """Add ``pad`` elements around the last dims of ``input``: ``pad`` lists (before, after) for
    the last dim first, then the one before it, ... (``(1, 1)`` adds a column on each side of a
    matrix; ``(1, 1, 2, 0)`` also adds two rows on top). A negative width crops instead.

    ``mode`` says what the new elements hold: ``"constant"`` (``value``, 0 by default),
    ``"reflect"`` (the input mirrored at its edge, without repeating the edge: 2 1 [0 1 2]),
    ``"replicate"`` (the edge repeated: 0 0 [0 1 2]) or ``"circular"`` (wrapped around from the
    other side: 1 2 [0 1 2]). Each element's gradient is the sum of the gradients of its copies.
    """
    _check_tensor("pad", "input", input)
    widths = _pad_widths(input, pad)
    if mode not in _PAD_MODES:
        raise NotImplementedError(f"Unrecognised padding mode {mode}: use one of {', '.join(_PAD_MODES)}.")
    if mode == "constant":
        for n, (before, after) in zip(input.shape, widths):
            if n + min(before, 0) + min(after, 0) < 0:
                raise RuntimeError(f"narrow(): length must be non-negative. The negative padding ({before}, "
                                   f"{after}) crops more than the {n} elements there.")
        return ops.CONSTANT_PAD_ND(input, widths=widths, value=0 if value is None else value)
    if value is not None and value != 0:
        raise RuntimeError(f'Padding mode "{mode}" doesn\'t take in value argument: only mode="constant" '
                           "fills with a value.")
    padded = len(pad) // 2
    if not (padded in (1, 2, 3) and input.ndim in (padded + 1, padded + 2)):
        raise NotImplementedError(
            f"Padding size {len(pad)} is not supported for {input.ndim}D input tensor.\n"
            "Supported combinations for non-constant padding:\n"
            "  - 2D or 3D input: padding size = 2 (pads last dimension)\n"
            "  - 3D or 4D input: padding size = 4 (pads last 2 dimensions)\n"
            "  - 4D or 5D input: padding size = 6 (pads last 3 dimensions)")
    if mode == "circular":
        return _pad_circular(input, widths, padded)
    last = input.shape[input.ndim - padded:]
    if 0 in last or (0 in input.shape and input.ndim == padded + 1):
        raise RuntimeError(f"Expected {padded + 1}D or {padded + 2}D (batch mode) tensor with possibly 0 batch "
                           f"size and other non-zero dimensions for input, but got: {list(input.shape)}")
    if mode == "reflect":
        for i, (n, (before, after)) in enumerate(zip(input.shape, widths)):
            if before >= n or after >= n:
                argument = 4 + 2 * (input.ndim - 1 - i)
                raise RuntimeError(f"Argument #{argument}: Padding size should be less than the corresponding "
                                   f"input dimension, but got: padding ({before}, {after}) at dimension {i} of "
                                   f"input {list(input.shape)}")
    sizes = [n + before + after for n, (before, after) in zip(input.shape, widths)][input.ndim - padded:]
    if min(sizes) < 1:
        names = "DHW"[3 - padded:]
        raise RuntimeError(f"input ({', '.join(f'{d}: {n}' for d, n in zip(names, last))}) is too small. "
                           f"Calculated output {' '.join(f'{d}: {n}' for d, n in zip(names, sizes))}")
    sources = ops.pad_sources(input.shape, widths, mode)
    return _PAD_OPS[mode, padded](input, sources=sources)


def _pad_widths(input, pad):
    """(before, after) for every dim of ``input`` from F.pad's flat list (last dim first)."""
    if not isinstance(pad, (tuple, list)):
        raise TypeError(f"pad(): argument 'pad' (position 2) must be tuple of ints, not {type(pad).__name__}")
    for position, width in enumerate(pad):
        if isinstance(width, bool) or not isinstance(width, numbers.Integral):
            raise TypeError(f"pad(): argument 'pad' (position 2) must be tuple of ints, but found element of "
                            f"type {type(width).__name__} at pos {position}")
    if len(pad) % 2:
        raise RuntimeError(f"Padding length must be divisible by 2: give (before, after) for each padded dim, "
                           f"got {len(pad)} numbers.")
    if len(pad) > 2 * input.ndim:
        raise RuntimeError(f"Padding length should be less than or equal to two times the input dimension but "
                           f"got padding length {len(pad)} and input of dimension {input.ndim}")
    widths = [(0, 0)] * input.ndim
    for i in range(len(pad) // 2):
        widths[input.ndim - 1 - i] = (int(pad[2 * i]), int(pad[2 * i + 1]))
    return tuple(widths)


def _pad_circular(input, widths, padded):
    """PyTorch's way, step by step, so the graph is PyTorch's too (CopySlices): copy the input into
    the middle of an empty result, then each dim's ends from the other side of that result."""
    for n, (before, after) in zip(input.shape[input.ndim - padded:], widths[input.ndim - padded:]):
        if before > n or after > n:
            raise RuntimeError("Padding value causes wrapping around more than once: each width can be at most "
                               f"the size of its dim ({n}).")
        if n + before + after < 0:
            raise RuntimeError("Negative padding value is resulting in an empty dimension")
    shape = [n + before + after for n, (before, after) in zip(input.shape, widths)]
    out = input.new_empty(shape)
    into, source = [slice(None)] * input.ndim, [slice(None)] * input.ndim
    for dim in range(input.ndim - padded, input.ndim):
        before, after = widths[dim]
        into[dim] = slice(max(before, 0), shape[dim] - max(after, 0))
        source[dim] = slice(max(-before, 0), input.shape[dim] - max(-after, 0))
    out[tuple(into)].copy_(input[tuple(source)])
    for dim in range(input.ndim - 1, input.ndim - padded - 1, -1):  # the corners are written again
        before, after = widths[dim]
        everything = (slice(None),) * dim
        if before > 0:
            end = shape[dim] - max(after, 0)
            out[everything + (slice(0, before),)].copy_(out[everything + (slice(end - before, end),)])
        if after > 0:
            start = max(before, 0)
            out[everything + (slice(shape[dim] - after, shape[dim]),)].copy_(
                out[everything + (slice(start, start + after),)])
    return out


def _check_same_dtype(input, *others):
    if any(t is not None and t.dtype is not input.dtype for t in others):
        raise RuntimeError("mixed dtype (CPU): all inputs must share same datatype. The layer's parameters are "
                           f"{next(t.dtype for t in others if t is not None)} and the input is {input.dtype}: convert "
                           "one of them, e.g. x.float() or layer.double().")


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


def _single(name, value):
    """An int or a one-element tuple, as an int (conv1d's sizes and strides)."""
    if isinstance(value, (tuple, list)):
        if len(value) != 1:
            raise TypeError(f"{name} must be an int or a tuple of one int, got {value!r}")
        value = value[0]
    if not isinstance(value, numbers.Integral) or isinstance(value, bool):
        raise TypeError(f"{name} must be an int or a tuple of one int, got {value!r}")
    return int(value)


def conv1d(input, weight, bias=None, stride=1, padding=0, dilation=1, groups=1):
    """Slide each of ``weight``'s kernels (C_out, C_in, k) along the sequence ``input`` (N, C_in, L)
    and take the dot product with every window, plus ``bias``: (N, C_out, L_out). Computed as a
    conv2d over a height of 1 (one op, ConvolutionBackward0, as in PyTorch)."""
    _check_tensor("conv1d", "input", input)
    _check_tensor("conv1d", "weight", weight)
    if input.ndim not in (2, 3):
        raise RuntimeError(f"Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of size: "
                           f"{list(input.shape)}")
    single = input.ndim == 2
    batch = input.unsqueeze(0) if single else input
    if groups != 1:
        raise NotImplementedError("conv1d with groups != 1 (grouped or depthwise convolution) is not part of "
                                  "autodidact; use groups=1.")
    if weight.ndim != 3:
        raise RuntimeError(f"Expected {weight.ndim}-dimensional input for {weight.ndim}-dimensional weight "
                           f"{list(weight.shape)}, but got 3-dimensional input of size {list(batch.shape)} instead")
    stride, dilation = _single("stride", stride), _single("dilation", dilation)
    if stride <= 0:
        raise RuntimeError("non-positive stride is not supported")
    if dilation <= 0:
        raise RuntimeError("dilation should be greater than zero")
    if batch.shape[1] != weight.shape[1]:
        raise RuntimeError(f"Given groups=1, weight of size {list(weight.shape)}, expected input{list(batch.shape)} "
                           f"to have {weight.shape[1]} channels, but got {batch.shape[1]} channels instead")
    if bias is not None and (bias.ndim != 1 or bias.shape[0] != weight.shape[0]):
        raise RuntimeError(f"Given weight of size {list(weight.shape)}, expected bias to be 1-dimensional with "
                           f"{weight.shape[0]} elements, but got bias of size {list(bias.shape)} instead")
    for other in (weight, bias):
        if other is not None and other.dtype is not batch.dtype:
            raise RuntimeError(f"expected scalar type {dtypes.TYPE_NAMES_SHORT[batch.dtype.name]} but found "
                               f"{dtypes.TYPE_NAMES_SHORT[other.dtype.name]}: the input and the weights need one "
                               "dtype (e.g. x.float(), or layer.double()).")
    if isinstance(padding, str):
        if padding == "same" and stride == 1 and dilation % 2 == 1 and weight.shape[2] % 2 == 0:
            warnings.warn("Using padding='same' with even kernel lengths and odd dilation may require a "
                          "zero-padded copy of the input be created", UserWarning, stacklevel=2)
        padding = _conv_padding(padding, (1, weight.shape[2]), (1, dilation), (1, stride))[1]  # (left, right)
    else:
        padding = _single("padding", padding)
        if padding < 0:
            raise RuntimeError("negative padding is not supported")
        padding = (padding, padding)
    padded, span = batch.shape[2] + sum(padding), dilation * (weight.shape[2] - 1) + 1
    if span > padded:
        raise RuntimeError(f"Calculated padded input size per channel: ({padded}). Kernel size: ({span}). "
                           "Kernel size can't be greater than actual input size")
    out = ops.CONV1D(batch, weight, bias, stride=stride, padding=padding, dilation=dilation)
    return out.squeeze(0) if single else out


def _conv_transpose(function, dims, input, weight, bias, stride, padding, output_padding, groups, dilation):
    """Check conv_transpose1d/2d's arguments as PyTorch does; the geometry as tuples of ``dims``."""
    _check_tensor(function, "input", input)
    _check_tensor(function, "weight", weight)
    if input.ndim not in (dims + 1, dims + 2):
        raise RuntimeError(f"Expected {dims + 1}D (unbatched) or {dims + 2}D (batched) input to {function}, but got "
                           f"input of size: {list(input.shape)}")
    if groups != 1:
        raise NotImplementedError(f"{function} with groups != 1 (grouped transposed convolution) is not part of "
                                  "autodidact; use groups=1.")
    batch = input.unsqueeze(0) if input.ndim == dims + 1 else input
    if weight.ndim != dims + 2:
        raise RuntimeError(f"weight should have {dims + 2} dimensions (in_channels, out_channels, kernel size), got "
                           f"{list(weight.shape)}")
    geometry = {}
    for name, value in (("stride", stride), ("padding", padding), ("output_padding", output_padding),
                        ("dilation", dilation)):
        if isinstance(value, str):
            raise TypeError(f"{function}(): argument '{name}' must be tuple of ints, not str")
        values = tuple(value) if isinstance(value, (tuple, list)) else (value,) * dims
        if len(values) != dims or not all(_integer(v) for v in values):
            raise RuntimeError(f"expected {name} to be a single integer value or a list of {dims} values to match "
                               f"the convolution dimensions, but got {name}={list(values)}")
        geometry[name] = tuple(int(v) for v in values)
    if min(geometry["stride"]) <= 0:
        raise RuntimeError("non-positive stride is not supported")
    if min(geometry["dilation"]) <= 0:
        raise RuntimeError("dilation should be greater than zero")
    if min(geometry["padding"]) < 0:
        raise RuntimeError("negative padding is not supported")
    if min(geometry["output_padding"]) < 0:
        raise RuntimeError("negative output_padding is not supported")
    if any(extra >= max(s, d) for extra, s, d in zip(geometry["output_padding"], geometry["stride"], geometry["dilation"])):
        sides = ("height", "width")[-dims:] if dims == 2 else ("width",)
        numbers = " ".join(f"{name}_{side}: {geometry[name][i]}" for name in ("output_padding", "stride", "dilation")
                           for i, side in enumerate(sides))
        raise RuntimeError(f"output padding must be smaller than either stride or dilation, but got {numbers}")
    if batch.shape[1] != weight.shape[0]:
        raise RuntimeError(f"Given transposed=1, weight of size {list(weight.shape)}, expected input{list(batch.shape)} "
                           f"to have {weight.shape[0]} channels, but got {batch.shape[1]} channels instead")
    if bias is not None and (bias.ndim != 1 or bias.shape[0] != weight.shape[1]):
        raise RuntimeError(f"Given transposed=1, weight of size {list(weight.shape)}, expected bias to be 1-dimensional "
                           f"with {weight.shape[1]} elements, but got bias of size {list(bias.shape)} instead")
    _check_same_dtype(batch, weight, bias)
    sizes = [(n - 1) * s - 2 * p + d * (k - 1) + extra + 1 for n, s, p, d, k, extra in
             zip(batch.shape[2:], geometry["stride"], geometry["padding"], geometry["dilation"], weight.shape[2:],
                 geometry["output_padding"])]
    if min(sizes) < 1:
        given, computed = " x ".join(map(str, batch.shape[2:])), " x ".join(map(str, sizes))
        raise RuntimeError(f"Given input size per channel: ({given}). Calculated output size per channel: ({computed}). "
                           "Output size is too small")
    return batch, geometry


def conv_transpose2d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    """The transposed convolution ("deconvolution") of images (N, C_in, H, W) with ``weight``
    (C_in, C_out, kH, kW): each input pixel adds its value times the kernel to a patch of the
    output, patches ``stride`` apart; the output is (N, C_out, (H - 1)·stride - 2·padding +
    dilation·(kH - 1) + output_padding + 1, ...). It is conv2d's input gradient, used as a layer that
    makes images larger (ConvolutionBackward0, as in PyTorch)."""
    batch, geometry = _conv_transpose("conv_transpose2d", 2, input, weight, bias, stride, padding, output_padding,
                                      groups, dilation)
    geometry["padding"] = tuple((p, p) for p in geometry["padding"])
    out = ops.CONV_TRANSPOSE2D(batch, weight, bias, **geometry)
    return out.squeeze(0) if batch is not input else out


def conv_transpose1d(input, weight, bias=None, stride=1, padding=0, output_padding=0, groups=1, dilation=1):
    """The transposed convolution of sequences (N, C_in, L) with ``weight`` (C_in, C_out, k): see
    ``conv_transpose2d``; computed over a height of 1 (one op, ConvolutionBackward0)."""
    batch, geometry = _conv_transpose("conv_transpose1d", 1, input, weight, bias, stride, padding, output_padding,
                                      groups, dilation)
    (stride,), (padding,), (output_padding,), (dilation,) = (geometry[name] for name in
                                                             ("stride", "padding", "output_padding", "dilation"))
    out = ops.CONV_TRANSPOSE1D(batch, weight, bias, stride=stride, padding=(padding, padding),
                               output_padding=output_padding, dilation=dilation)
    return out.squeeze(0) if batch is not input else out


def _one_row(function, input):
    """A (N, C, L) or (C, L) input as images one row high, for the 1-d pools (as PyTorch computes them)."""
    _check_tensor(function, "input", input)
    if input.ndim not in (2, 3):
        raise RuntimeError(f"{function}() Expected 2D or 3D input tensor, but got {list(input.shape)}")
    return input.unsqueeze(-2)


def max_pool1d(input, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False, return_indices=False):
    """The largest value of each window along the sequence (SqueezeBackward1, as PyTorch's)."""
    stride = kernel_size if stride is None or stride == [] else stride
    rows = _one_row("max_pool1d", input)
    return max_pool2d(rows, (1, _single("kernel_size", kernel_size)), (1, _single("stride", stride)),
                      (0, _single("padding", padding)), (1, _single("dilation", dilation)), ceil_mode,
                      return_indices).squeeze(-2)


def avg_pool1d(input, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
    """The mean of each window along the sequence (SqueezeBackward1, as PyTorch's)."""
    stride = kernel_size if stride is None or stride == [] else stride
    rows = _one_row("avg_pool1d", input)
    return avg_pool2d(rows, (1, _single("kernel_size", kernel_size)), (1, _single("stride", stride)),
                      (0, _single("padding", padding)), ceil_mode, count_include_pad).squeeze(-2)


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


def _adaptive_sizes(function, input, output_size, dims):
    """``output_size`` as a list of ``dims`` sizes (None keeps the input's size there)."""
    sizes = list(output_size) if isinstance(output_size, (tuple, list)) else [output_size] * dims
    if len(sizes) != dims:
        raise RuntimeError(f"{function}: output_size must be {dims}")
    for n in sizes:
        if n is not None and (not _integer(n) or n < 0):
            raise TypeError(f"{function}: output_size must hold non-negative ints (or None), got {output_size!r}")
    return [input.shape[-dims + i] if n is None else int(n) for i, n in enumerate(sizes)]


def adaptive_avg_pool2d(input, output_size):
    """The mean over each of ``output_size`` regions of every image: the output has that size
    whatever the input's (region ``o`` along a side of ``n`` spans inputs ``⌊o·n/out⌋`` to
    ``⌈(o+1)·n/out⌉``). Output size 1 is the mean of each channel (global average pooling), which
    PyTorch computes as a mean."""
    _check_tensor("adaptive_avg_pool2d", "input", input)
    if input.ndim not in (3, 4):
        raise RuntimeError(f"adaptive_avg_pool2d(): Expected 3D or 4D tensor, but got {list(input.shape)}")
    sizes = _adaptive_sizes("adaptive_avg_pool2d", input, output_size, 2)
    if sizes == [1, 1]:
        return input.mean(dim=(-2, -1), keepdim=True)
    rows, cols = (ops.averaging_matrix(n, out) for n, out in zip(input.shape[-2:], sizes))
    return ops.UPSAMPLE["area", 2](input, rows=rows, cols=cols)


def adaptive_avg_pool1d(input, output_size):
    """The mean over each of ``output_size`` regions of every sequence (N, C, L) or (C, L), computed
    as PyTorch does: adaptive_avg_pool2d over sequences one row high (SqueezeBackward1)."""
    _check_tensor("adaptive_avg_pool1d", "input", input)
    if input.ndim not in (2, 3):
        raise RuntimeError(f"Expected 2 to 3 dimensions, but got {input.ndim}-dimensional tensor for argument #1 "
                           "'self' (while checking arguments for adaptive_avg_pool1d)")
    (size,) = _adaptive_sizes("adaptive_avg_pool1d", input, output_size, 1)
    return adaptive_avg_pool2d(input.unsqueeze(-2), (1, size)).squeeze(-2)


# ---------------------------------------------------------------------------------------------
# Resizing: interpolate (the ops are in engine/ops/resampling.py)

_RESAMPLING_OPS = {("nearest", 1): "nearest", ("nearest", 2): "nearest", ("nearest-exact", 1): "nearest-exact",
                   ("nearest-exact", 2): "nearest-exact", ("linear", 1): "linear", ("bilinear", 2): "linear"}
_MODES = "nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact"


def _integer(value):
    return isinstance(value, numbers.Integral) and not isinstance(value, bool)


def _output_sizes(input, size, scale_factor, recompute_scale_factor):
    """The output's spatial sizes, and the scale factors the kernels use (None: in/out sizes)."""
    dims = input.ndim - 2
    if size is not None and scale_factor is not None:
        raise ValueError("only one of size or scale_factor should be defined")
    if size is not None:
        if recompute_scale_factor:
            raise ValueError("recompute_scale_factor is not meaningful with an explicit size.")
        if isinstance(size, (list, tuple)):
            if len(size) != dims:
                raise ValueError(
                    "Input and output must have the same number of spatial dimensions, but got input with spatial "
                    f"dimensions of {list(input.shape[2:])} and output size of {size}. Please provide input tensor "
                    "in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.")
            if not all(_integer(n) for n in size):
                raise TypeError("expected size to be one of int or Tuple[int] or Tuple[int, int] or Tuple[int, int, "
                                f"int], but got size with types {[type(n) for n in size]}")
            return [int(n) for n in size], [None] * dims
        return [size] * dims, [None] * dims
    if scale_factor is None:
        raise ValueError("either size or scale_factor should be defined")
    if isinstance(scale_factor, (list, tuple)):
        if len(scale_factor) != dims:
            raise ValueError(
                "Input and scale_factor must have the same number of spatial dimensions, but got input with spatial "
                f"dimensions of {list(input.shape[2:])} and scale_factor of shape {scale_factor}. Please provide "
                "input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.")
        factors = [float(f) for f in scale_factor]
    else:
        factors = [float(scale_factor)] * dims
    sizes = [int(np.floor(n * f)) for n, f in zip(input.shape[2:], factors)]
    # recompute_scale_factor=True: the kernels work from the sizes alone, as if ``size`` was given.
    return sizes, [None] * dims if recompute_scale_factor else factors


def interpolate(input, size=None, scale_factor=None, mode="nearest", align_corners=None, recompute_scale_factor=None,
                antialias=False):
    """Resize the sequences (N, C, L) or images (N, C, H, W) of ``input`` to ``size``, or by
    ``scale_factor`` (the output size rounded down). ``mode``: 'nearest' copies the closest input,
    'nearest-exact' the one under the output's centre, 'linear' / 'bilinear' blend the neighbours.
    ``align_corners=True`` puts the first and last outputs exactly on the first and last inputs."""
    _check_tensor("interpolate", "input", input)
    if mode in ("nearest", "area", "nearest-exact"):
        if align_corners is not None:
            raise ValueError("align_corners option can only be set with the interpolating modes: "
                             "linear | bilinear | bicubic | trilinear")
    elif align_corners is None:
        align_corners = False
    sizes, factors = _output_sizes(input, size, scale_factor, recompute_scale_factor)
    if antialias:
        raise NotImplementedError("interpolate(antialias=True) is not part of autodidact; use antialias=False.")
    dims = input.ndim - 2
    if mode == "area" and dims in (1, 2):  # the mean over each output's share of the input
        return (adaptive_avg_pool1d if dims == 1 else adaptive_avg_pool2d)(input, sizes)
    kind = _RESAMPLING_OPS.get((mode, dims))
    if kind is None:
        for name, needed in (("linear", 3), ("bilinear", 4), ("trilinear", 5)):
            if mode == name and input.ndim in (3, 4, 5) and input.ndim != needed:
                raise NotImplementedError(f"Got {input.ndim}D input, but {name} mode needs {needed}D input")
        if input.ndim in (3, 4, 5) and mode in ("bicubic", "trilinear", "nearest", "nearest-exact", "area"):
            raise NotImplementedError(f"interpolate(mode={mode!r}) on {input.ndim}-d input is not part of "
                                      "autodidact; it resizes sequences (3-d) and images (4-d) with 'nearest', "
                                      "'nearest-exact', 'linear' (3-d), 'bilinear' (4-d) and 'area'.")
        raise NotImplementedError(f"Input Error: Only 3D, 4D and 5D input Tensors supported (got {input.ndim}D) "
                                  f"for the modes: {_MODES} (got {mode})")
    if min(sizes) <= 0 or min(input.shape[2:]) <= 0:
        names = "W" if dims == 1 else "H, W"
        given = ", ".join(f"{n}: {v}" for n, v in zip(names.split(", "), input.shape[2:]))
        wanted = ", ".join(f"{n}: {v}" for n, v in zip(names.split(", "), sizes))
        raise RuntimeError(f"Input and output sizes should be greater than 0, but got input ({given}) output ({wanted})")
    matrices = [ops.interpolation_matrix(n, out, kind, align_corners, factor)
                for n, out, factor in zip(input.shape[2:], sizes, factors)]
    rows, cols = (None, matrices[0]) if dims == 1 else matrices
    return ops.UPSAMPLE[kind, dims](input, rows=rows, cols=cols)


def upsample(input, size=None, scale_factor=None, mode="nearest", align_corners=None):
    """Old name of ``interpolate`` (PyTorch warns that it is deprecated)."""
    warnings.warn("`nn.functional.upsample` is deprecated. Use `nn.functional.interpolate` instead.", stacklevel=2)
    return interpolate(input, size, scale_factor, mode, align_corners)


def upsample_nearest(input, size=None, scale_factor=None):
    """Old name of ``interpolate(mode='nearest')`` (deprecated, as in PyTorch)."""
    warnings.warn("`nn.functional.upsample_nearest` is deprecated. Use `nn.functional.interpolate` instead.",
                  stacklevel=2)
    return interpolate(input, size, scale_factor, mode="nearest")


def upsample_bilinear(input, size=None, scale_factor=None):
    """Old name of ``interpolate(mode='bilinear', align_corners=True)`` (deprecated, as in PyTorch)."""
    warnings.warn("`nn.functional.upsample_bilinear` is deprecated. Use `nn.functional.interpolate` instead.",
                  stacklevel=2)
    return interpolate(input, size, scale_factor, mode="bilinear", align_corners=True)


def kl_div(input, target, size_average=None, reduce=None, reduction="mean", log_target=False):
    """Kullback-Leibler divergence ``target · (log target - input)`` where ``input`` is a
    log-probability (e.g. from log_softmax) and ``target`` a probability (or, with
    ``log_target=True``, a log-probability). ``reduction="batchmean"`` divides the sum by the batch
    size, which is the KL divergence's definition; ``"mean"`` divides by every element's count.

    Built from ordinary ops, as PyTorch's composite is (its grad_fn is that of the last op).
    """
    reduction = _legacy_reduction(size_average, reduce, reduction)
    _check_tensor("kl_div", "input", input)
    _check_tensor("kl_div", "target", target)
    if reduction not in ("none", "mean", "sum", "batchmean"):
        raise ValueError(f"{reduction} is not a valid value for reduction")
    if reduction == "mean":
        warnings.warn("reduction: 'mean' divides the total loss by both the batch size and the support size."
                      "'batchmean' divides only by the batch size, and aligns with the KL div math definition."
                      "'mean' will be changed to behave the same as 'batchmean' in the next major release.",
                      UserWarning, stacklevel=2)
    if log_target:
        pointwise = target.exp() * (target - input)
    else:
        pointwise = target.xlogy(target) - target * input   # xlogy: 0·log 0 counts as 0
    if reduction == "none":
        return pointwise
    if reduction == "mean":
        return pointwise.mean()
    if reduction == "batchmean" and input.dim() != 0:
        return pointwise.sum() / input.shape[0]
    return pointwise.sum()


def scaled_dot_product_attention(query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False,
                                 scale=None, enable_gqa=False):
    """Attention: ``softmax(query @ keyᵀ · scale + mask) @ value``, with ``scale = 1/√E`` by default.

    ``attn_mask`` is a bool tensor (True = may attend) or a float tensor added to the scores;
    ``is_causal=True`` lets position i attend only to positions ≤ i. A row that may attend to
    nothing gets weights 0 (not NaN), as in PyTorch. ``dropout_p`` drops attention weights whenever
    it is positive: this function does not know about ``.train()``/``.eval()``, so pass
    ``dropout_p=0.0`` when evaluating.
    """
    for name, tensor in (("query", query), ("key", key), ("value", value)):
        _check_tensor("scaled_dot_product_attention", name, tensor)
    if is_causal and attn_mask is not None:
        raise RuntimeError("_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True")
    if enable_gqa and key.dim() >= 3 and query.shape[-3] != key.shape[-3]:
        repeats = query.shape[-3] // key.shape[-3]
        key = key.repeat_interleave(repeats, dim=-3)
        value = value.repeat_interleave(repeats, dim=-3)
    target_length, source_length = query.shape[-2], key.shape[-2]
    scale = 1.0 / math.sqrt(query.shape[-1]) if scale is None else scale
    scores = query @ key.transpose(-2, -1) * scale
    if is_causal:
        causal = np.tril(np.ones((target_length, source_length), dtype=bool))
        scores = scores.masked_fill(Tensor._wrap(~causal), float("-inf"))
    if attn_mask is not None:
        if attn_mask._array.dtype == np.bool_:   # True = may attend
            scores = scores.masked_fill(attn_mask.logical_not(), float("-inf"))
        else:
            scores = scores + attn_mask
    # Rows that may attend to nothing: softmax would be 0/0. They get weights 0 (and no NaN gradient).
    empty_rows = np.all(scores._array == -np.inf, axis=-1, keepdims=True)
    if empty_rows.any():
        scores = scores.masked_fill(Tensor._wrap(empty_rows), 0.0)
    weights = _softmax(scores, -1)
    if empty_rows.any():
        weights = weights.masked_fill(Tensor._wrap(empty_rows), 0.0)
    if dropout_p > 0.0:
        weights = dropout(weights, dropout_p, training=True)
    return weights @ value
