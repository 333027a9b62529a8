"""Losses and layers PyTorch computes as one op each (used by ``autodidact.nn``): mse_loss,
binary cross-entropy, nll_loss, embedding, layer_norm, batch_norm."""
import math

import numpy as np

from ...parity.correctly_rounded import rounded
from ...parity.float32_order import sequential_sum, torch_sum
from .shape import cat
from ..spec import op
from .gradient_ops import threshold_backward as _threshold_backward
from .helpers import (Tensor, swap, clamp_min, constant, dtype_of, exp, log, mean_keepdim, reshape, scatter, sigmoid,
                      size_of, sum_over, unsqueeze_dims, where)


def _reduce(losses, reduction, count):
    if reduction == "none":
        return losses
    total = torch_sum(losses)
    return total if reduction == "sum" else total / losses.dtype.type(count)


def _per_element(self, reduction):
    return size_of(self) if reduction == "mean" else 1


def _mse_backward_forward(grad_output, self, target, reduction):
    # PyTorch's kernel: (2/N)·(x - y)·g, with 2/N rounded to the input's dtype first (2 for "sum"
    # and "none"); the same order keeps float32 gradients identical to PyTorch's.
    norm = 2 / size_of(self) if reduction == "mean" else 2
    return float(dtype_of(self).type(norm)) * (self - target) * grad_output


def _mse_double_backward(grad, self, reduction):
    return grad * (2 / size_of(self) if reduction == "mean" else 2)


# The gradient of mse_loss is an op of its own in PyTorch (MseLossBackwardBackward0 under create_graph).
MSE_LOSS_BACKWARD = op(
    "mse_loss_backward", grad_fn="MseLossBackwardBackward0", forward=_mse_backward_forward,
    vjp={"grad_output": lambda grad, self, target, reduction: mse_loss_backward(grad, self, target, reduction),
         "self": lambda grad, grad_output, self, reduction: _mse_double_backward(grad * grad_output, self,
                                                                                reduction),
         "target": lambda grad, grad_output, target, reduction: -_mse_double_backward(grad * grad_output,
                                                                                     target, reduction)},
    local={"grad_output": ("2·({self} - {target})/N", r"\frac{2({self}-{target})}{N}"),
           "self": ("2·{grad_output}/N", r"\frac{2\,{grad_output}}{N}"),
           "target": ("-2·{grad_output}/N", r"-\frac{2\,{grad_output}}{N}")},
    shows_as="mse_loss_backward({grad_output}, {self}, {target})")


def mse_loss_backward(grad, self, target, reduction):
    if isinstance(grad, Tensor):
        return MSE_LOSS_BACKWARD(grad, self, target, reduction=reduction)
    return _mse_backward_forward(grad, self, target, reduction)


MSE_LOSS = op("mse_loss", grad_fn="MseLossBackward0",
              forward=lambda self, target, reduction: _reduce((self - target) * (self - target),
                                                              reduction, self.size),
              vjp={"self": lambda grad, self, target, reduction: mse_loss_backward(grad, self, target, reduction),
                   "target": lambda grad, self, target, reduction: mse_loss_backward(grad, target, self,
                                                                                     reduction)},
              local={"self": ("2·({self} - {target})/N (N = 1 unless the mean)", r"\frac{2({self}-{target})}{N}"),
                     "target": ("-2·({self} - {target})/N (N = 1 unless the mean)",
                                r"-\frac{2({self}-{target})}{N}")},
              shows_as="mse_loss({self}, {target})")


def _bce_terms(p, y):
    """Each element's binary cross-entropy, written as PyTorch's kernel writes it (log1p for the
    ln(1 - p) term, each log clamped at -100), so float32 losses match to the last bit."""
    one = p.dtype.type(1)
    return ((y - one) * np.maximum(rounded(np.log1p)(-p), p.dtype.type(-100))
            - y * np.maximum(rounded(np.log)(p), p.dtype.type(-100)))


def _weighted(v, weight):
    """``v`` times the per-element ``weight`` (an array, or None for no weighting)."""
    return v if weight is None else v * constant(weight, v)


BCE_LOSS = op("binary_cross_entropy", grad_fn="BinaryCrossEntropyBackward0",
              forward=lambda self, target, reduction, weight: _reduce(
                  _bce_terms(self, target) if weight is None else _bce_terms(self, target) * weight,
                  reduction, self.size),
              vjp={"self": lambda grad, self, target, reduction, weight: _weighted(
                  grad * (self - target) / clamp_min(self * (1 - self), 1e-12), weight) / _per_element(self, reduction),
                   # The target can require grad too (as in PyTorch): d/dy = (ln(1-p) - ln p) / N.
                   "target": lambda grad, self, reduction, weight: _weighted(
                       grad * (clamp_min(log(1 - self), -100) - clamp_min(log(self), -100)), weight)
                   / _per_element(self, reduction)},
              local={"self": ("w·({self} - {target}) / ({self}(1 - {self}) N) (w = 1 and N = 1 unless given "
                              "weights and the mean)", r"\frac{w\,({self}-{target})}{{self}(1-{self})N}"),
                     "target": ("w·(ln(1 - {self}) - ln({self})) / N (w = 1 and N = 1 unless given weights and "
                                "the mean)", r"\frac{w\,(\ln(1-{self}) - \ln {self})}{N}")},
              shows_as="binary_cross_entropy({self}, {target})", domain="probability")


def _log_sigmoid(x):
    """log σ(x) = min(x, 0) - log(1 + e^-|x|), stable for any x."""
    return np.minimum(x, 0) - rounded(np.log1p)(rounded(np.exp)(-np.abs(x)))


def _bce_logits_forward(self, target, reduction, weight, pos_weight):
    # (1 - y)·x - l·log σ(x), where l = 1 + (pos_weight - 1)·y weighs the positive examples; then
    # times the weight. The same steps as PyTorch's kernel.
    log_sigmoid = _log_sigmoid(self)
    if pos_weight is not None:
        log_sigmoid = log_sigmoid * ((pos_weight - 1) * target + 1)
    losses = (1 - target) * self - log_sigmoid
    if weight is not None:
        losses = losses * weight
    return _reduce(losses, reduction, self.size)


def _bce_logits_self_rule(grad, self, target, reduction, weight, pos_weight):
    # d/dx = (pos_weight·y + 1 - y)·σ(x) - pos_weight·y, which is σ(x) - y without pos_weight.
    if pos_weight is None:
        slope = sigmoid(self) - target
    else:
        positive = constant(pos_weight, self) * target
        slope = (positive + 1 - target) * sigmoid(self) - positive
    return _weighted(slope, weight) * grad / _per_element(self, reduction)


def _bce_logits_target_rule(grad, self, reduction, weight, pos_weight):
    # d/dy = log σ(-x) - pos_weight·log σ(x), which is -x without pos_weight.
    if pos_weight is None:
        slope = -self
    elif isinstance(self, Tensor):
        slope = log(sigmoid(-self)) - log(sigmoid(self)) * constant(pos_weight, self)
    else:
        slope = _log_sigmoid(-self) - _log_sigmoid(self) * pos_weight
    return _weighted(slope, weight) * grad / _per_element(self, reduction)


BCE_WITH_LOGITS = op("binary_cross_entropy_with_logits", grad_fn="BinaryCrossEntropyWithLogitsBackward0",
                     forward=_bce_logits_forward,
                     vjp={"self": _bce_logits_self_rule, "target": _bce_logits_target_rule},
                     local={"self": ("w·((p·{target} + 1 - {target})·σ({self}) - p·{target}) / N (p = pos_weight; "
                                     "σ({self}) - {target} when p = w = 1)",
                                     r"\frac{w\,((p{target} + 1 - {target})\,\sigma({self}) - p{target})}{N}"),
                            "target": ("w·(log σ(-{self}) - p·log σ({self})) / N (-{self} when p = w = 1)",
                                       r"\frac{w\,(\log\sigma(-{self}) - p\log\sigma({self}))}{N}")},
                     shows_as="binary_cross_entropy_with_logits({self}, {target})")


# A tensor times a plain number inside PyTorch's own C++ code (label smoothing's (1 - ε)·loss);
# from Python, t * 0.9 wraps the number in a tensor (MulBackward0).
MUL_NUMBER = op("mul_number", grad_fn="MulBackward1", forward=lambda self, other: self * self.dtype.type(other),
                vjp={"self": lambda grad, other: grad * other},
                local={"self": ("{other}", "{other}")}, shows_as="{self} * {other}")


def _nll_target_weights(target, weight, ignore_index, dtype):
    """Each target's weight: its class's weight (1 without weights), 0 where ignored; and the
    targets with the ignored ones replaced by class 0 (any valid index)."""
    counted = target != ignore_index
    classes = np.where(counted, target, 0)
    weights = np.ones(target.shape, dtype) if weight is None else weight[classes].astype(dtype)
    return np.where(counted, weights, dtype.type(0)), classes


def _class_axis(ndim):
    return 0 if ndim == 1 else 1


def _nll_forward(self, target, weight, reduction, ignore_index):
    """-weight[y]·input[y] for each target y (0 where ignored); the mean divides the sum by the sum
    of the counted targets' weights (their number without weights), as PyTorch does."""
    weights, classes = _nll_target_weights(target, weight, ignore_index, self.dtype)
    axis = _class_axis(self.ndim)
    picked = np.take_along_axis(self, np.expand_dims(classes, axis), axis).squeeze(axis)
    losses = np.where(target != ignore_index, -picked * weights, self.dtype.type(0))
    if reduction == "none":
        return np.asarray(losses, dtype=self.dtype)
    total = sequential_sum(np.reshape(losses, (-1,)))
    if reduction == "sum":
        return total
    with np.errstate(invalid="ignore", divide="ignore"):  # no counted target: nan, as in PyTorch
        return np.asarray(total / sequential_sum(np.reshape(weights, (-1,))), dtype=self.dtype)


def _nll_rule(grad, self_shape, target, weight, reduction, ignore_index):
    """-weight[y] at each target's class (÷ the summed weights for the mean), 0 elsewhere."""
    dtype = dtype_of(grad)
    weights, classes = _nll_target_weights(target, weight, ignore_index, dtype)
    axis = _class_axis(len(self_shape))
    slopes = np.zeros(tuple(self_shape), dtype=dtype)
    counted = np.expand_dims(target != ignore_index, axis)  # an ignored target writes nothing (not -0.0)
    np.put_along_axis(slopes, np.expand_dims(classes, axis), np.where(counted, np.expand_dims(-weights, axis), 0), axis)
    if reduction == "none":
        grad = unsqueeze_dims(grad, (axis,)) if len(self_shape) > 1 else grad
    elif reduction == "mean":
        with np.errstate(invalid="ignore", divide="ignore"):
            total = sequential_sum(np.reshape(weights, (-1,)))
            grad = grad / (float(total) if isinstance(grad, Tensor) else dtype.type(total))
    return grad * constant(slopes, grad)  # constants of the graph


_NLL_LOCAL = {"self": ("-w[y] at the target class y (÷Σw for the mean; w = 1 without weights), 0 elsewhere",
                       r"-w_{y_i}\,\mathbb{1}[j = y_i] / \textstyle\sum w")}
_NLL_EXPLAIN = ("each log-probability of a target class receives -G times the class's weight (1 without "
                "weights), divided by the summed weights for the mean; the other classes get 0")
NLL_LOSS = op("nll_loss", grad_fn="NllLossBackward0", forward=_nll_forward, vjp={"self": _nll_rule},
              local=_NLL_LOCAL, shows_as="nll_loss({self}, target)", explain=_NLL_EXPLAIN)
# The same loss for (N, C, H, W) scores and (N, H, W) targets: a node of its own in PyTorch.
NLL_LOSS2D = op("nll_loss2d", grad_fn="NllLoss2DBackward0", forward=_nll_forward, vjp={"self": _nll_rule},
                local=_NLL_LOCAL, shows_as="nll_loss2d({self}, target)", explain=_NLL_EXPLAIN)


def _embedding_rule(grad, weight_shape, indices, padding_idx):
    # Row r of the weight was copied to every place where indices == r: its gradient is the sum of
    # the upstream gradients of those places. The padding row learns nothing.
    rows = weight_shape[0]
    keep = indices != padding_idx if padding_idx is not None else np.ones(indices.shape, bool)
    picks = np.zeros((rows, indices.size), dtype=np.float64)
    picks[indices.reshape(-1), np.arange(indices.size)] = keep.reshape(-1)
    flat = reshape(grad, (indices.size, grad.shape[-1]))
    return constant(picks.astype(dtype_of(flat)), flat) @ flat


EMBEDDING = op("embedding", grad_fn="EmbeddingBackward0",
               forward=lambda weight, indices, padding_idx: weight[indices],
               vjp={"weight": _embedding_rule},
               local={"weight": ("1 at each row the indices pick (summed over repeats)", r"\mathbb{1}[\text{row picked}]")},
               shows_as="embedding({weight}, indices)",
               explain="each row of the weight receives the sum of the upstream gradients of every place "
                       "it was picked; the padding row receives 0")


def _normalize(x, axes, eps, statistics=None):
    """(x̂, 1/√(var + eps)): x standardized over ``axes`` (the biased variance, as PyTorch), or with
    given (mean, var) ``statistics``."""
    if statistics is None:
        mean = mean_keepdim(x, axes)
        centered = x - mean
        variance = mean_keepdim(centered * centered, axes)
    else:
        mean, variance = statistics
        centered = x - mean
    inverse_std = (variance + eps) ** -0.5
    return centered * inverse_std, inverse_std


def _affine(x_hat, weight, bias, shape):
    if weight is not None:
        x_hat = x_hat * reshape(weight, shape)
    if bias is not None:
        x_hat = x_hat + reshape(bias, shape)
    return x_hat


def _input_rule(grad, input, weight, axes, param_shape, eps, statistics=None):
    """The gradient of ``x̂·w + b`` for x (x̂ standardized over ``axes``). PyTorch's formula: with
    gw = g·w, dx = (gw - mean(gw) - x̂·mean(gw·x̂)) / √(var + eps), means over the standardized axes;
    given statistics (evaluation) it is just gw / √(var + eps)."""
    x_hat, inverse_std = _normalize(input, axes, eps, statistics)
    g_w = grad * reshape(weight, param_shape) if weight is not None else grad
    if statistics is not None:
        return g_w * inverse_std
    return (g_w - mean_keepdim(g_w, axes) - x_hat * mean_keepdim(g_w * x_hat, axes)) * inverse_std


def _layer_norm_axes(ndim, normalized_ndim):
    return tuple(range(ndim - normalized_ndim, ndim))


def _layer_norm_forward(input, weight, bias, normalized_ndim, eps):
    axes = _layer_norm_axes(input.ndim, normalized_ndim)
    x_hat, _ = _normalize(input.astype(np.float64), axes, eps)
    return _affine(x_hat, weight, bias, input.shape[input.ndim - normalized_ndim:]).astype(input.dtype)


def _layer_norm_input(grad, input, weight, normalized_ndim, eps):
    ndim = len(input.shape)
    return _input_rule(grad, input, weight, _layer_norm_axes(ndim, normalized_ndim),
                       tuple(input.shape[ndim - normalized_ndim:]), eps)


def _layer_norm_weight(grad, input, normalized_ndim, eps):
    ndim = len(input.shape)
    x_hat, _ = _normalize(input, _layer_norm_axes(ndim, normalized_ndim), eps)
    return sum_over(grad * x_hat, tuple(range(ndim - normalized_ndim)))


_NORM_LOCAL = {"input": ("(gw - mean(gw) - x̂·mean(gw·x̂)) / √(var + eps), gw = g·weight",
                         r"\frac{1}{\sigma}\left(g_w - \overline{g_w} - \hat{{input}}\,\overline{g_w \hat{{input}}}\right)"),
               "weight": ("x̂", r"\hat{x}"), "bias": ("1", "1")}

LAYER_NORM = op("layer_norm", grad_fn="NativeLayerNormBackward0", forward=_layer_norm_forward,
                vjp={"input": _layer_norm_input, "weight": _layer_norm_weight,
                     "bias": lambda grad, input_shape, normalized_ndim:
                     sum_over(grad, tuple(range(len(input_shape) - normalized_ndim)))},
                local=_NORM_LOCAL, shows_as="layer_norm({input}, {weight}, {bias})",
                explain="x receives the upstream gradient times the weight, with its mean and its "
                        "component along x̂ removed, divided by the standard deviation; the weight "
                        "receives the sum of G·x̂, the bias the sum of G")


def _batch_axes(ndim):
    return (0,) + tuple(range(2, ndim))


def _channel_shape(ndim, channels):
    return (1, channels) + (1,) * (ndim - 2)


def _batch_norm_forward(input, weight, bias, statistics, eps):
    shape = _channel_shape(input.ndim, input.shape[1])
    if statistics is not None:
        statistics = tuple(s.astype(np.float64).reshape(shape) for s in statistics)
    x_hat, _ = _normalize(input.astype(np.float64), _batch_axes(input.ndim), eps, statistics)
    return _affine(x_hat, weight, bias, shape).astype(input.dtype)


def _given_statistics(statistics, shape, like):
    if statistics is None:
        return None
    return tuple(constant(s.reshape(shape), like) for s in statistics)


def _batch_norm_input(grad, input, weight, statistics, eps):
    ndim = len(input.shape)
    shape = _channel_shape(ndim, input.shape[1])
    return _input_rule(grad, input, weight, _batch_axes(ndim), shape, eps,
                       _given_statistics(statistics, shape, grad))


def _batch_norm_weight(grad, input, statistics, eps):
    ndim = len(input.shape)
    shape = _channel_shape(ndim, input.shape[1])
    x_hat, _ = _normalize(input, _batch_axes(ndim), eps, _given_statistics(statistics, shape, grad))
    return sum_over(grad * x_hat, _batch_axes(ndim))


BATCH_NORM = op("batch_norm", grad_fn="NativeBatchNormBackward0", forward=_batch_norm_forward,
                vjp={"input": _batch_norm_input, "weight": _batch_norm_weight,
                     "bias": lambda grad, input_shape: sum_over(grad, _batch_axes(len(input_shape)))},
                local=_NORM_LOCAL, shows_as="batch_norm({input}, {weight}, {bias})",
                explain="like layer_norm, with means over the batch (and length) for each channel; in "
                        "evaluation mode x receives G·weight/√(running var + eps)")


def _huber_terms(self, target, delta):
    difference = np.abs(self - target)
    return np.where(difference < delta, 0.5 * difference * difference, delta * (difference - 0.5 * delta))


def _clipped(difference, bound):
    """``difference`` limited to [-bound, bound]: the slope of Huber's loss (arrays or tensors)."""
    return where(difference > bound, bound, where(difference < -bound, -bound, difference))


def _huber_rule(sign):
    def rule(grad, self, target, reduction, delta):
        return sign * grad * _clipped(self - target, delta) / _per_element(self, reduction)
    return rule


HUBER_LOSS = op("huber_loss", grad_fn="HuberLossBackward0",
                forward=lambda self, target, reduction, delta: _reduce(_huber_terms(self, target, delta)
                                                                      .astype(self.dtype), reduction, self.size),
                vjp={"self": _huber_rule(1), "target": _huber_rule(-1)},
                local={"self": ("clamp({self} - {target}, -δ, δ) / N (N = 1 unless the mean)",
                                r"\frac{\mathrm{clamp}({self}-{target}, -\delta, \delta)}{N}"),
                       "target": ("-clamp({self} - {target}, -δ, δ) / N (N = 1 unless the mean)",
                                  r"-\frac{\mathrm{clamp}({self}-{target}, -\delta, \delta)}{N}")},
                shows_as="huber_loss({self}, {target})")


def _smooth_l1_rule(sign):
    def rule(grad, self, target, reduction, beta):
        return sign * grad * _clipped((self - target) / beta, 1.0) / _per_element(self, reduction)
    return rule


SMOOTH_L1_LOSS = op("smooth_l1_loss", grad_fn="SmoothL1LossBackward0",
                    forward=lambda self, target, reduction, beta: _reduce(
                        (_huber_terms(self, target, beta) / beta).astype(self.dtype), reduction, self.size),
                    vjp={"self": _smooth_l1_rule(1), "target": _smooth_l1_rule(-1)},
                    local={"self": ("clamp(({self} - {target})/β, -1, 1) / N (N = 1 unless the mean)",
                                    r"\frac{\mathrm{clamp}(({self}-{target})/\beta, -1, 1)}{N}"),
                           "target": ("-clamp(({self} - {target})/β, -1, 1) / N (N = 1 unless the mean)",
                                      r"-\frac{\mathrm{clamp}(({self}-{target})/\beta, -1, 1)}{N}")},
                    shows_as="smooth_l1_loss({self}, {target})")

# ---------------------------------------------------------------------------------------------
# Padding (F.pad). ``widths`` holds (before, after) for every dim of the input; a negative width
# crops instead of padding.


def _constant_pad_forward(self, widths, value):
    cropped = self[tuple(slice(max(-before, 0), n - max(-after, 0)) for n, (before, after) in zip(self.shape, widths))]
    return np.pad(cropped, [(max(before, 0), max(after, 0)) for before, after in widths], constant_values=value)


def constant_pad(v, widths, value=0):
    """``v`` padded (cropped where a width is negative) by ``widths``, on arrays and tensors."""
    if isinstance(v, Tensor):
        return CONSTANT_PAD_ND(v, widths=widths, value=value)
    return _constant_pad_forward(v, widths, value)


def _unpad(grad, widths):
    # The padded places were constants: their gradient is dropped by cropping them off again
    # (and a cropped place gets 0): the same op with the widths negated.
    return constant_pad(grad, tuple((-before, -after) for before, after in widths))


CONSTANT_PAD_ND = op("constant_pad_nd", grad_fn="ConstantPadNdBackward0", forward=_constant_pad_forward,
                     vjp={"self": _unpad},
                     local={"self": ("1 where the element was copied, 0 for the padding",
                                     r"\mathbb{1}[\text{copied}]")},
                     shows_as="pad({self}, {widths})",
                     explain="each element receives the upstream gradient of the place it was copied to; "
                             "the padding's gradient is dropped")


def pad_sources(shape, widths, mode):
    """The index into an input of ``shape`` that each element of the padded result copies: along
    each padded dim, positions -before ... n + after - 1 mapped back into 0 ... n - 1 by reflecting
    at the edges (``reflect``: ..., 2, 1, [0, 1, 2, ...]), repeating the edge (``replicate``) or
    wrapping around (``circular``)."""
    per_dim = []
    for n, (before, after) in zip(shape, widths):
        positions = np.arange(-before, n + after)
        if mode == "reflect":
            positions = np.abs(positions)
            positions = np.where(positions >= n, 2 * (n - 1) - positions, positions)
        elif mode == "replicate":
            positions = np.clip(positions, 0, n - 1)
        else:
            positions = positions % n
        per_dim.append(positions)
    return np.ix_(*per_dim)


def _copied_back(grad, self_shape, sources):
    # Each input element was copied to every place that names it: it receives the sum of their
    # upstream gradients.
    return scatter(grad, tuple(self_shape), sources)


def _index_pad(name, grad_fn, how):
    return op(name, grad_fn=grad_fn, forward=lambda self, sources: self[sources],
              vjp={"self": _copied_back},
              local={"self": (f"1 for each place the element was copied to ({how})", r"\mathbb{1}[\text{copied}]")},
              shows_as=f"{name}({{self}})",
              explain=f"each element receives the sum of the upstream gradients of the places it was copied "
                      f"to ({how})")


_REFLECT = "reflected at the edges"
_REPLICATE = "the edge repeated"
REFLECTION_PAD1D = _index_pad("reflection_pad1d", "ReflectionPad1DBackward0", _REFLECT)
REFLECTION_PAD2D = _index_pad("reflection_pad2d", "ReflectionPad2DBackward0", _REFLECT)
REFLECTION_PAD3D = _index_pad("reflection_pad3d", "ReflectionPad3DBackward0", _REFLECT)
REPLICATION_PAD1D = _index_pad("replication_pad1d", "ReplicationPad1DBackward0", _REPLICATE)
REPLICATION_PAD2D = _index_pad("replication_pad2d", "ReplicationPad2DBackward0", _REPLICATE)
REPLICATION_PAD3D = _index_pad("replication_pad3d", "ReplicationPad3DBackward0", _REPLICATE)

# ---------------------------------------------------------------------------------------------
# More activations of nn.functional, one op each as in PyTorch (nn helper)

_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946
_ONE_SIXTH = float(np.float32(1 / 6))


def _below_zero(self, negative):
    """``self`` where it is positive, ``negative`` (an array of the same shape) elsewhere."""
    return np.where(self > 0, self, negative)


LOG_SIGMOID = op("log_sigmoid", grad_fn="LogSigmoidBackward0", forward=_log_sigmoid,
                 vjp={"self": lambda grad, self: grad * sigmoid(-self)},
                 local={"self": ("σ(-{self}) = 1 - σ({self})", r"\sigma(-{self})")}, shows_as="logsigmoid({self})")
CELU = op("celu", grad_fn="CeluBackward0",
          forward=lambda self, alpha: _below_zero(self, self.dtype.type(alpha) * rounded(np.expm1)(self / self.dtype.type(alpha))),
          vjp={"self": lambda grad, self, alpha: grad * where(self > 0, 1.0, exp(self / alpha))},
          local={"self": ("1 if {self} > 0 else exp({self}/α)", r"1 \text{ if } {self} > 0 \text{ else } e^{{self}/\alpha}")},
          shows_as="celu({self}, {alpha})", domain="nonzero")
# SELU is ELU with fixed constants; PyTorch records it as EluBackward0.
SELU = op("selu", grad_fn="EluBackward0",
          forward=lambda self: self.dtype.type(_SELU_SCALE) * _below_zero(
              self, self.dtype.type(_SELU_ALPHA) * rounded(np.expm1)(self)),
          vjp={"self": lambda grad, self: grad * (_SELU_SCALE * where(self > 0, 1.0, _SELU_ALPHA * exp(self)))},
          local={"self": ("λ if {self} > 0 else λα·exp({self}) (λ ≈ 1.0507, α ≈ 1.6733)",
                          r"\lambda \text{ if } {self} > 0 \text{ else } \lambda\alpha e^{{self}}")},
          shows_as="selu({self})", domain="nonzero")
HARDSIGMOID = op("hardsigmoid", grad_fn="HardsigmoidBackward0",
                 forward=lambda self: np.minimum(np.maximum(self + 3, 0), 6) / self.dtype.type(6),
                 # PyTorch's kernel multiplies by 1/6 rounded to float32, in double precision too.
                 vjp={"self": lambda grad, self: where((self > -3) & (self < 3), grad * _ONE_SIXTH, 0.0)},
                 local={"self": ("1/6 if -3 < {self} < 3 else 0", r"\tfrac{1}{6}\,\mathbb{1}[-3 < {self} < 3]")},
                 shows_as="hardsigmoid({self})", domain="away from ±3")
HARDSWISH = op("hardswish", grad_fn="HardswishBackward0",
               forward=lambda self: self * np.minimum(np.maximum(self + 3, 0), 6) / self.dtype.type(6),
               vjp={"self": lambda grad, self: where(self <= -3, 0.0, where(self < 3, grad * (self / 3 + 0.5), grad))},
               local={"self": ("0 below -3, {self}/3 + 1/2 up to 3, then 1",
                               r"\tfrac{{self}}{3} + \tfrac{1}{2} \text{ on } (-3, 3)")},
               shows_as="hardswish({self})", domain="away from ±3")
THRESHOLD = op("threshold", grad_fn="ThresholdBackward0",
               forward=lambda self, threshold, value: np.where(self > threshold, self, self.dtype.type(value)),
               vjp={"self": lambda grad, self, threshold: _threshold_backward(grad, self, threshold)},
               local={"self": ("1 if {self} > {threshold} else 0", r"\mathbb{1}[{self} > \text{threshold}]")},
               shows_as="threshold({self}, {threshold}, {value})", domain="away from the threshold")


# In place (selu_, celu_), PyTorch's rules read the result instead of the overwritten input
# (EluBackward1, CeluBackward1).
SELU_ = op("selu_", grad_fn="EluBackward1", forward=SELU.forward,
           vjp={"self": lambda grad, result: grad * where(result > 0, _SELU_SCALE, result + _SELU_SCALE * _SELU_ALPHA)},
           local=SELU.local, shows_as="selu_({self})", domain="nonzero")
CELU_ = op("celu_", grad_fn="CeluBackward1", forward=CELU.forward,
           vjp={"self": lambda grad, result, alpha: grad * where(result > 0, 1.0, result / alpha + 1)},
           local=CELU.local, shows_as="celu_({self}, {alpha})", domain="nonzero")
# threshold_'s rule needs the input before it was overwritten (the new value may lie above the
# threshold): where it was above is kept as a mask, ``above``, as PyTorch keeps a copy of the input.
THRESHOLD_ = op("threshold_", grad_fn="ThresholdBackward1",
                forward=lambda self, threshold, value, above: THRESHOLD.forward(self, threshold, value),
                vjp={"self": lambda grad, above: where(constant(above, grad), grad, 0.0)},
                local=THRESHOLD.local, shows_as="threshold_({self}, {threshold}, {value})",
                domain="away from the threshold")


def _shrunk_away(self, lambd):
    return (self > lambd) | (self < -lambd)


HARDSHRINK = op("hardshrink", grad_fn="HardshrinkBackward0",
                forward=lambda self, lambd: np.where(_shrunk_away(self, lambd), self, self.dtype.type(0)),
                vjp={"self": lambda grad, self, lambd: where(_shrunk_away(self, lambd), grad, 0.0)},
                local={"self": ("1 if |{self}| > λ else 0", r"\mathbb{1}[|{self}| > \lambda]")},
                shows_as="hardshrink({self}, {lambd})", domain="away from ±λ")
SOFTSHRINK = op("softshrink", grad_fn="SoftshrinkBackward0",
                forward=lambda self, lambd: np.where(self > lambd, self - self.dtype.type(lambd), np.where(
                    self < -lambd, self + self.dtype.type(lambd), self * 0)),  # -0.0 for small negatives, as PyTorch
                vjp={"self": lambda grad, self, lambd: where(_shrunk_away(self, lambd), grad, 0.0)},
                local={"self": ("1 if |{self}| > λ else 0", r"\mathbb{1}[|{self}| > \lambda]")},
                shows_as="softshrink({self}, {lambd})", domain="away from ±λ")


def _halves(v, dim):
    n = v.shape[dim] // 2
    first = (slice(None),) * dim + (slice(0, n),)
    second = (slice(None),) * dim + (slice(n, None),)
    return v[first], v[second]


def _glu_rule(grad, self, dim):
    # out = a·σ(b), a and b the two halves: da = G·σ(b), db = G·a·σ(b)·(1 - σ(b)), side by side.
    a, b = _halves(self, dim)
    gate = sigmoid(b)
    parts = (grad * gate, grad * a * gate * (1 - gate))
    return cat(list(parts), dim) if isinstance(grad, Tensor) else np.concatenate(parts, axis=dim)


GLU = op("glu", grad_fn="GluBackward0",
         forward=lambda self, dim: (lambda a, b: a * sigmoid(b))(*_halves(self, dim)),
         vjp={"self": _glu_rule},
         local={"self": ("σ(b) for the first half a, a·σ(b)(1 - σ(b)) for the second half b",
                         r"\sigma(b),\; a\,\sigma(b)(1-\sigma(b))")},
         shows_as="glu({self}, dim={dim})",
         explain="the first half a receives G·σ(b); the second half b receives G·a·σ(b)(1 - σ(b))")


def _prelu_weight(weight, ndim):
    """The weight shaped to broadcast along the channel dim (dim 1; dim 0 of a 1-D input)."""
    if size_of(weight) == 1 or ndim < 2:
        return reshape(weight, (1,) * ndim) if ndim else reshape(weight, ())
    return reshape(weight, (1, size_of(weight)) + (1,) * (ndim - 2))


def _prelu_weight_rule(grad, self, weight_shape):
    ndim = len(self.shape)
    contributions = where(self > 0, 0.0, grad * self)
    if math.prod(weight_shape) == 1 or ndim < 2:
        return reshape(sum_over(contributions, tuple(range(ndim))), tuple(weight_shape))
    return reshape(sum_over(contributions, (0,) + tuple(range(2, ndim))), tuple(weight_shape))


PRELU = op("prelu", grad_fn="PreluKernelBackward0",
           forward=lambda self, weight: _below_zero(self, _prelu_weight(weight, self.ndim) * self),
           vjp={"self": lambda grad, self, weight: where(self > 0, grad, grad * _prelu_weight(weight, len(self.shape))),
                "weight": _prelu_weight_rule},
           local={"self": ("1 if {self} > 0 else {weight}", r"1 \text{ if } {self} > 0 \text{ else } {weight}"),
                  "weight": ("0 if {self} > 0 else {self}", r"{self}\,\mathbb{1}[{self} \le 0]")},
           shows_as="prelu({self}, {weight})", domain="nonzero",
           explain="x receives G (or G·weight where x ≤ 0); each weight receives the sum of G·x over the "
                   "places of its channel where x ≤ 0")



# Group norm: each example's channels split into ``groups`` groups, each group standardized over its
# channels and positions (layer norm per group), then a per-channel weight and bias.

def _grouped(v, groups):
    """(N, C, *) as (N, groups, C/groups · positions): one row per group."""
    shape = tuple(v.shape)
    return reshape(v, (shape[0], groups, math.prod(shape[1:]) // groups))


def _group_norm_forward(input, weight, bias, groups, eps):
    x_hat, _ = _normalize(_grouped(input.astype(np.float64), groups), (2,), eps)
    shape = _channel_shape(input.ndim, input.shape[1])
    return _affine(x_hat.reshape(input.shape), weight, bias, shape).astype(input.dtype)


def _group_norm_input(grad, input, weight, groups, eps):
    g_w = grad * reshape(weight, _channel_shape(input.ndim, input.shape[1])) if weight is not None else grad
    return reshape(_input_rule(_grouped(g_w, groups), _grouped(input, groups), None, (2,), None, eps),
                   tuple(input.shape))


def _group_norm_weight(grad, input, groups, eps):
    x_hat, _ = _normalize(_grouped(input, groups), (2,), eps)
    return sum_over(grad * reshape(x_hat, tuple(input.shape)), (0,) + tuple(range(2, len(input.shape))))


GROUP_NORM = op("group_norm", grad_fn="NativeGroupNormBackward0", forward=_group_norm_forward,
                vjp={"input": _group_norm_input, "weight": _group_norm_weight,
                     "bias": lambda grad, input_shape: sum_over(grad, (0,) + tuple(range(2, len(input_shape))))},
                local=_NORM_LOCAL, shows_as="group_norm({input}, {weight}, {bias})",
                explain="as layer norm, within each group of channels: x receives G times the weight, with "
                        "its group's mean and component along x̂ removed, divided by the group's standard "
                        "deviation; each weight receives the sum of G·x̂ over its channel, each bias the sum of G")

# Recurrent layers (nn/rnn.py) are made of ordinary ops; two of their nodes carry the names PyTorch's
# kernels give them. RNN and GRU with batch_first=True swap the output back with an in-place
# transpose_ (TransposeBackward1). A float32 LSTM layer is one MKL-DNN kernel in PyTorch
# (MkldnnRnnLayerBackward0): here that name goes to the stack of the layer's hidden states.
RNN_BATCH_FIRST = op("rnn_batch_first", grad_fn="TransposeBackward1",
                     forward=lambda self, dim0, dim1: np.swapaxes(self, dim0, dim1),
                     vjp={"self": lambda grad, dim0, dim1: swap(grad, dim0, dim1)},
                     local={"self": ("1 (transposed back)", "1")}, shows_as="{self}.transpose_({dim0}, {dim1})",
                     explain="the gradient is transposed back")
LSTM_LAYER_OUTPUT = op("lstm_layer_output", grad_fn="MkldnnRnnLayerBackward0",
                       forward=lambda *tensors, dim: np.stack(tensors, axis=dim),
                       vjp={"tensors": lambda grad, index, dim: grad[(slice(None),) * dim + (index,)]},
                       local={"tensors": ("1 (its own slice)", "1")},
                       shows_as="lstm_layer([{tensors}])",
                       explain="each step's hidden state receives its own slice of the gradient")

__all__ = ['MSE_LOSS_BACKWARD', 'MSE_LOSS', 'BCE_LOSS', 'BCE_WITH_LOGITS', 'NLL_LOSS', 'NLL_LOSS2D', 'MUL_NUMBER', 'EMBEDDING', 'LAYER_NORM', 'BATCH_NORM', 'HUBER_LOSS', 'SMOOTH_L1_LOSS', 'CONSTANT_PAD_ND', 'REFLECTION_PAD1D', 'REFLECTION_PAD2D', 'REFLECTION_PAD3D', 'REPLICATION_PAD1D', 'REPLICATION_PAD2D', 'REPLICATION_PAD3D', 'pad_sources', 'LOG_SIGMOID', 'CELU', 'SELU', 'HARDSIGMOID', 'HARDSWISH', 'THRESHOLD', 'HARDSHRINK', 'SOFTSHRINK', 'GLU', 'PRELU', 'SELU_', 'CELU_', 'THRESHOLD_', 'RNN_BATCH_FIRST', 'LSTM_LAYER_OUTPUT', 'GROUP_NORM']
