"""Losses and layers PyTorch computes as one op each (used by ``autodidact.nn``): mse_loss,
binary cross-entropy, nll_loss, embedding, layer_norm, batch_norm."""
import numpy as np

from ...parity.float32_order import rounded, sequential_sum, torch_sum
from ..spec import op
from .helpers import (Tensor, clamp_min, constant, dtype_of, log, mean_keepdim, reshape, sigmoid,
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


BCE_LOSS = op("binary_cross_entropy", grad_fn="BinaryCrossEntropyBackward0",
              forward=lambda self, target, reduction: _reduce(_bce_terms(self, target), reduction, self.size),
              vjp={"self": lambda grad, self, target, reduction:
                   grad * (self - target) / clamp_min(self * (1 - self), 1e-12) / _per_element(self, reduction),
                   # The target can require grad too (as in PyTorch): d/dy = (ln(1-p) - ln p) / N.
                   "target": lambda grad, self, reduction:
                   grad * (clamp_min(log(1 - self), -100) - clamp_min(log(self), -100))
                   / _per_element(self, reduction)},
              local={"self": ("({self} - {target}) / ({self}(1 - {self}) N) (N = 1 unless the mean)",
                              r"\frac{{self}-{target}}{{self}(1-{self})N}"),
                     "target": ("(ln(1 - {self}) - ln({self})) / N (N = 1 unless the mean)",
                                r"\frac{\ln(1-{self}) - \ln {self}}{N}")},
              shows_as="binary_cross_entropy({self}, {target})", domain="probability")


def _bce_logits_forward(self, target, reduction):
    # (1 - y)·x - log σ(x), with log σ(x) = min(x, 0) - log(1 + e^-|x|): stable for any x.
    log_sigmoid = np.minimum(self, 0) - rounded(np.log1p)(rounded(np.exp)(-np.abs(self)))
    return _reduce((1 - target) * self - log_sigmoid, reduction, self.size)


BCE_WITH_LOGITS = op("binary_cross_entropy_with_logits", grad_fn="BinaryCrossEntropyWithLogitsBackward0",
                     forward=_bce_logits_forward,
                     vjp={"self": lambda grad, self, target, reduction:
                          grad * (sigmoid(self) - target) / _per_element(self, reduction),
                          "target": lambda grad, self, reduction: -(grad * self) / _per_element(self, reduction)},
                     local={"self": ("(σ({self}) - {target}) / N", r"\frac{\sigma({self}) - {target}}{N}"),
                            "target": ("-{self} / N", r"-\frac{{self}}{N}")},
                     shows_as="binary_cross_entropy_with_logits({self}, {target})")


def _nll_weights(shape, dtype, target, reduction, ignore_index):
    """d loss / d log-probability: -1 at each row's target class (0 for ignored rows), divided by
    the number of counted rows for reduction="mean"."""
    weights = np.zeros(shape, dtype=dtype)
    counted = target != ignore_index
    if len(shape) == 1:
        if counted:
            weights[target] = -1
    else:
        rows = np.nonzero(counted)[0]
        weights[rows, target[rows]] = -1
    if reduction == "mean":
        weights /= dtype.type(np.count_nonzero(counted))
    return weights


def _nll_forward(self, target, reduction, ignore_index):
    counted = target != ignore_index
    if self.ndim == 1:
        losses = -self[target] if counted else self.dtype.type(0)
        losses = np.asarray(losses, dtype=self.dtype)
    else:
        rows = np.arange(len(self))
        losses = np.where(counted, -self[rows, np.where(counted, target, 0)], self.dtype.type(0))
    if reduction == "none":
        return losses
    total = sequential_sum(np.reshape(losses, (-1,)))
    if reduction == "sum":
        return total
    with np.errstate(invalid="ignore", divide="ignore"):  # no counted row: nan, as in PyTorch
        return np.asarray(total / self.dtype.type(np.count_nonzero(counted)))


def _nll_rule(grad, self_shape, target, reduction, ignore_index):
    weights = _nll_weights(tuple(self_shape), dtype_of(grad), target, reduction, ignore_index)
    if reduction == "none" and len(self_shape) == 2:
        grad = unsqueeze_dims(grad, (1,))
    return grad * constant(weights, grad)  # constants of the graph


NLL_LOSS = op("nll_loss", grad_fn="NllLossBackward0", forward=_nll_forward, vjp={"self": _nll_rule},
              local={"self": ("-1 at the target class (÷N for the mean), 0 elsewhere", r"-\mathbb{1}[j = y_i] / N")},
              shows_as="nll_loss({self}, target)",
              explain="each row's log-probability of its target class receives -G (÷N for the mean); "
                      "the other classes get 0")


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

__all__ = ['MSE_LOSS_BACKWARD', 'MSE_LOSS', 'BCE_LOSS', 'BCE_WITH_LOGITS', 'NLL_LOSS', 'EMBEDDING', 'LAYER_NORM', 'BATCH_NORM', 'HUBER_LOSS', 'SMOOTH_L1_LOSS']
