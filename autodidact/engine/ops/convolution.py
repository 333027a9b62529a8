"""Convolution and pooling over images: conv2d (and conv1d over sequences), max_pool2d, avg_pool2d (used by ``nn.Conv2d``,
``nn.MaxPool2d``, ``nn.AvgPool2d``). Images are ``(N, C, H, W)``: a batch of N images of C channels.

How they compute: every ``kH × kW`` window of the (padded) image is looked at through one strided
view of the array (``sliding_window_view``, no copy: the "im2col" idea without building the
matrix), and one ``tensordot`` multiplies all windows by all kernels at once.

How their gradients flow. A convolution is linear in its input and in its weight, so each
gradient is again a convolution-like map: ``conv2d_input_grad`` spreads each output's gradient
back over the window it came from (times the kernel), and ``conv2d_weight_grad`` correlates the
input with the gradient. Both are ops too, whose own gradients are these three maps again, so
second derivatives work. Max pooling sends each gradient to the element that won its window; average
pooling shares it equally over the window.
"""
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ..spec import op
from .helpers import Tensor, constant, expand, reshape, scatter, sum_over


def windows(image, kernel, stride, dilation):
    """Every window of ``image`` (N, C, H, W) as a view (N, C, Ho, Wo, kH, kW)."""
    spans = tuple(d * (k - 1) + 1 for k, d in zip(kernel, dilation))
    view = sliding_window_view(image, spans, axis=(2, 3))
    return view[:, :, ::stride[0], ::stride[1], ::dilation[0], ::dilation[1]]


def pad(image, padding, value=0.0):
    """``padding`` is ((top, bottom), (left, right))."""
    if not any(any(side) for side in padding):
        return image
    return np.pad(image, ((0, 0), (0, 0)) + tuple(padding), constant_values=value)


def _padded_shape(shape, padding):
    return shape[:2] + tuple(n + before + after for n, (before, after) in zip(shape[2:], padding))


def _unpad(image, shape, padding):
    (top, _), (left, _) = padding
    return image[:, :, top:top + shape[2], left:left + shape[3]]


def _conv_forward(input, weight, bias, stride, padding, dilation):
    out = np.tensordot(windows(pad(input, padding), weight.shape[2:], stride, dilation), weight,
                       axes=([1, 4, 5], [1, 2, 3]))  # (N, Ho, Wo, C_out)
    out = out.transpose(0, 3, 1, 2)
    if bias is not None:
        out = out + bias[:, None, None]
    return np.ascontiguousarray(out)


def _input_grad_forward(output_grad, weight, input_shape, stride, padding, dilation):
    """Each output's gradient spread back over its window, times the kernel (a transposed
    convolution): one strided slice of the padded image per kernel position."""
    spread = np.tensordot(output_grad, weight, axes=([1], [0]))  # (N, Ho, Wo, C, kH, kW)
    result = np.zeros(_padded_shape(input_shape, padding), dtype=output_grad.dtype)
    rows, cols = output_grad.shape[2:]
    for i in range(weight.shape[2]):
        for j in range(weight.shape[3]):
            top, left = i * dilation[0], j * dilation[1]
            result[:, :, top:top + stride[0] * (rows - 1) + 1:stride[0],
                   left:left + stride[1] * (cols - 1) + 1:stride[1]] += spread[..., i, j].transpose(0, 3, 1, 2)
    return np.ascontiguousarray(_unpad(result, input_shape, padding))


def _weight_grad_forward(output_grad, input, weight_shape, stride, padding, dilation):
    """How much each kernel entry contributed: the gradient correlated with the input's windows."""
    return np.tensordot(output_grad, windows(pad(input, padding), weight_shape[2:], stride, dilation),
                        axes=([0, 2, 3], [0, 2, 3]))  # (C_out, C_in, kH, kW)


# The three maps, on arrays or (for second derivatives) on Tensors, recorded as ops.

def conv(input, weight, geometry):
    if isinstance(input, Tensor) or isinstance(weight, Tensor):
        return CONV2D(input, weight, None, **geometry)
    return _conv_forward(input, weight, None, **geometry)


def input_grad(output_grad, weight, input_shape, geometry):
    if isinstance(output_grad, Tensor) or isinstance(weight, Tensor):
        return CONV2D_INPUT_GRAD(output_grad, weight, input_shape=input_shape, **geometry)
    return _input_grad_forward(output_grad, weight, input_shape, **geometry)


def weight_grad(output_grad, input, weight_shape, geometry):
    if isinstance(output_grad, Tensor) or isinstance(input, Tensor):
        return CONV2D_WEIGHT_GRAD(output_grad, input, weight_shape=weight_shape, **geometry)
    return _weight_grad_forward(output_grad, input, weight_shape, **geometry)


def _geometry(stride, padding, dilation):
    return {"stride": stride, "padding": padding, "dilation": dilation}


CONV2D = op(
    "conv2d", grad_fn="ConvolutionBackward0", forward=_conv_forward,
    vjp={"input": lambda grad, weight, input_shape, stride, padding, dilation:
         input_grad(grad, weight, input_shape, _geometry(stride, padding, dilation)),
         "weight": lambda grad, input, weight_shape, stride, padding, dilation:
         weight_grad(grad, input, weight_shape, _geometry(stride, padding, dilation)),
         "bias": lambda grad: sum_over(grad, (0, 2, 3))},
    local={"input": ("the kernel, over each window", "w"),
           "weight": ("the input window under each kernel entry", r"x_{\mathrm{window}}"),
           "bias": ("1", "1")},
    shows_as="conv2d({input}, {weight})",
    explain="each output's gradient goes back over its window: times the kernel to the input, times "
            "the window to the kernel, summed to the bias")
# <u, input_grad(g, w)> = <g, conv(u, w)> and <u, weight_grad(g, x)> = <g, conv(x, u)>: the
# gradients of the two gradient maps are the three maps again.
CONV2D_INPUT_GRAD = op(
    "conv2d_input_grad", grad_fn="ConvolutionBackwardBackward0", forward=_input_grad_forward,
    vjp={"output_grad": lambda grad, weight, stride, padding, dilation:
         conv(grad, weight, _geometry(stride, padding, dilation)),
         "weight": lambda grad, output_grad, weight_shape, stride, padding, dilation:
         weight_grad(output_grad, grad, weight_shape, _geometry(stride, padding, dilation))},
    local={"output_grad": ("the kernel", "w"), "weight": ("the output gradient", "g")},
    shows_as="conv2d_input_grad({output_grad}, {weight})",
    explain="the gradient of conv2d's input gradient: a convolution again")
CONV2D_WEIGHT_GRAD = op(
    "conv2d_weight_grad", grad_fn="ConvolutionBackwardBackward0", forward=_weight_grad_forward,
    vjp={"output_grad": lambda grad, input, stride, padding, dilation:
         conv(input, grad, _geometry(stride, padding, dilation)),
         "input": lambda grad, output_grad, input_shape, stride, padding, dilation:
         input_grad(output_grad, grad, input_shape, _geometry(stride, padding, dilation))},
    local={"output_grad": ("the input window", "x"), "input": ("the output gradient", "g")},
    shows_as="conv2d_weight_grad({output_grad}, {input})",
    explain="the gradient of conv2d's weight gradient: a convolution again")


# conv1d over sequences (N, C, L) is conv2d over images one row high: the same three maps, on a
# height of 1 that is added before and removed after.

def _with_height(shape):
    return tuple(shape[:2]) + (1,) + tuple(shape[2:])


def _add_height(v):
    return reshape(v, _with_height(v.shape))


def _drop_height(v):
    return reshape(v, tuple(v.shape[:2]) + tuple(v.shape[3:]))


def _geometry_2d(stride, padding, dilation):
    return {"stride": (1, stride), "padding": ((0, 0), padding), "dilation": (1, dilation)}


def _conv1d_forward(input, weight, bias, stride, padding, dilation):
    return _conv_forward(input[:, :, None], weight[:, :, None], bias, **_geometry_2d(stride, padding, dilation))[:, :, 0]


CONV1D = op(
    "conv1d", grad_fn="ConvolutionBackward0", forward=_conv1d_forward,
    vjp={"input": lambda grad, weight, input_shape, stride, padding, dilation: _drop_height(
        input_grad(_add_height(grad), _add_height(weight), _with_height(input_shape),
                   _geometry_2d(stride, padding, dilation))),
         "weight": lambda grad, input, weight_shape, stride, padding, dilation: _drop_height(
        weight_grad(_add_height(grad), _add_height(input), _with_height(weight_shape),
                    _geometry_2d(stride, padding, dilation))),
         "bias": lambda grad: sum_over(grad, (0, 2))},
    local={"input": ("the kernel, over each window", "w"),
           "weight": ("the input window under each kernel entry", r"x_{\mathrm{window}}"),
           "bias": ("1", "1")},
    shows_as="conv1d({input}, {weight})",
    explain="each output's gradient goes back over its window: times the kernel to the input, times "
            "the window to the kernel, summed to the bias")


# Transposed convolution (conv_transpose2d, conv_transpose1d): conv2d's input gradient used as a
# layer. Each input pixel spreads its value over a kernel-sized patch of the output, ``stride``
# apart; overlapping patches add up. It undoes conv2d's *shapes* (not its values): with weight
# (C_in, C_out, kH, kW), an H-row input gives (H - 1)·stride - 2·padding + dilation·(kH - 1) + 1 rows,
# plus ``output_padding`` more at the end (taken from the bottom padding that is cut off, then zeros).

def _transposed_shape(input_shape, weight_shape, stride, padding, output_padding, dilation):
    return (input_shape[0], weight_shape[1]) + tuple(
        (n - 1) * s - before - after + d * (k - 1) + extra + 1
        for n, s, (before, after), d, k, extra in zip(input_shape[2:], stride, padding, dilation,
                                                      weight_shape[2:], output_padding))


def _conv_transpose_forward(input, weight, bias, stride, padding, output_padding, dilation):
    shape = _transposed_shape(input.shape, weight.shape, stride, padding, output_padding, dilation)
    out = _input_grad_forward(input, weight, shape, stride, padding, dilation)
    return out if bias is None else out + bias[:, None, None].astype(out.dtype)


def _as_convolution(grad, padding, output_padding):
    """The output gradient, and the padding, for the conv2d that takes it back to the input: the
    extra ``output_padding`` rows sit where conv2d's bottom padding was, so that padding shrinks by
    as much (and rows beyond it are cut: no input reached them)."""
    cut = [max(0, extra - after) for (_, after), extra in zip(padding, output_padding)]
    if any(cut):
        grad = grad[:, :, :grad.shape[2] - cut[0], :grad.shape[3] - cut[1]]
    return grad, tuple((before, max(0, after - extra)) for (before, after), extra in zip(padding, output_padding))


def _transposed_input_rule(grad, weight, stride, padding, output_padding, dilation):
    grad, padding = _as_convolution(grad, padding, output_padding)
    return conv(grad, weight, _geometry(stride, padding, dilation))


def _transposed_weight_rule(grad, input, weight_shape, stride, padding, output_padding, dilation):
    grad, padding = _as_convolution(grad, padding, output_padding)
    return weight_grad(input, grad, weight_shape, _geometry(stride, padding, dilation))


CONV_TRANSPOSE2D = op(
    "conv_transpose2d", grad_fn="ConvolutionBackward0", forward=_conv_transpose_forward,
    vjp={"input": _transposed_input_rule, "weight": _transposed_weight_rule,
         "bias": lambda grad: sum_over(grad, (0, 2, 3))},
    local={"input": ("the kernel, over each patch", "w"),
           "weight": ("the input pixel that spread each patch", "x"),
           "bias": ("1", "1")},
    shows_as="conv_transpose2d({input}, {weight})",
    explain="a transposed convolution is conv2d's input gradient, so its own gradients are conv2d (to "
            "the input) and conv2d's weight gradient (to the kernel)")


def _conv_transpose1d_forward(input, weight, bias, stride, padding, output_padding, dilation):
    geometry = _geometry_2d(stride, padding, dilation)
    return _conv_transpose_forward(input[:, :, None], weight[:, :, None], bias, output_padding=(0, output_padding),
                                   **geometry)[:, :, 0]


def _conv_transpose1d_input_rule(grad, weight, stride, padding, output_padding, dilation):
    geometry = _geometry_2d(stride, padding, dilation)
    return _drop_height(_transposed_input_rule(_add_height(grad), _add_height(weight), output_padding=(0, output_padding),
                                               **geometry))


def _conv_transpose1d_weight_rule(grad, input, weight_shape, stride, padding, output_padding, dilation):
    geometry = _geometry_2d(stride, padding, dilation)
    return _drop_height(_transposed_weight_rule(_add_height(grad), _add_height(input), _with_height(weight_shape),
                                                output_padding=(0, output_padding), **geometry))


CONV_TRANSPOSE1D = op(
    "conv_transpose1d", grad_fn="ConvolutionBackward0", forward=_conv_transpose1d_forward,
    vjp={"input": _conv_transpose1d_input_rule, "weight": _conv_transpose1d_weight_rule,
         "bias": lambda grad: sum_over(grad, (0, 2))},
    local=CONV_TRANSPOSE2D.local, shows_as="conv_transpose1d({input}, {weight})",
    explain=CONV_TRANSPOSE2D.explain)


# ---------------------------------------------------------------------------------------------
# Pooling


def _batch(image):
    """A single image (C, H, W) as a batch of one; pooling takes either, as in PyTorch."""
    return reshape(image, (1,) + tuple(image.shape)) if len(image.shape) == 3 else image


def _like_input(result, input_shape):
    return reshape(result, tuple(result.shape)[1:]) if len(input_shape) == 3 else result


def _max_pool_forward(self, kernel, stride, padding, dilation, winners):
    flat = windows(pad(_batch(self), padding, -np.inf), kernel, stride, dilation)
    flat = flat.reshape(flat.shape[:4] + (-1,))
    return _like_input(np.take_along_axis(flat, winners[..., None], -1)[..., 0], self.shape)


def max_pool_winners(input, kernel, stride, padding, dilation):
    """Which element of each window is its maximum (the first one on ties, as in PyTorch), as a
    position in the flattened window."""
    flat = windows(pad(_batch(input), padding, -np.inf), kernel, stride, dilation)
    return flat.reshape(flat.shape[:4] + (-1,)).argmax(axis=-1)


def _winner_key(winners, kernel, stride, dilation):
    """Where each window's winner sits in the padded image: an index (n, c, row, column)."""
    n, c, rows, cols = np.ogrid[tuple(slice(0, size) for size in winners.shape)]
    i, j = np.divmod(winners, kernel[1])
    return n, c, rows * stride[0] + i * dilation[0], cols * stride[1] + j * dilation[1]


def _max_pool_rule(grad, self_shape, kernel, stride, padding, dilation, winners):
    shape = tuple(winners.shape[:2]) + tuple(self_shape[-2:])
    spread = scatter(_batch(grad), _padded_shape(shape, padding), _winner_key(winners, kernel, stride, dilation))
    return _like_input(_unpad(spread, shape, padding), self_shape)


MAX_POOL2D = op(
    "max_pool2d", grad_fn="MaxPool2DWithIndicesBackward0", forward=_max_pool_forward,
    vjp={"self": _max_pool_rule},
    local={"self": ("1 for the largest of its window, 0 elsewhere", r"\mathbb{1}[{self} = \max]")},
    shows_as="max_pool2d({self})", domain="distinct",
    explain="each window's gradient goes to the element that was its maximum")


def _divisors(input_shape, kernel, stride, padding, count_include_pad):
    """How many elements each window averages: the kernel's size, or without the padding."""
    if count_include_pad:
        return kernel[0] * kernel[1]
    ones = pad(np.ones((1, 1) + tuple(input_shape[-2:])), padding)
    return windows(ones, kernel, stride, (1, 1)).sum(axis=(-2, -1))


def _avg_pool_forward(self, kernel, stride, padding, count_include_pad):
    totals = windows(pad(_batch(self), padding), kernel, stride, (1, 1)).sum(axis=(-2, -1))
    averages = totals / _divisors(self.shape, kernel, stride, padding, count_include_pad)
    return _like_input(averages.astype(self.dtype), self.shape)


def _avg_pool_rule(grad, self_shape, kernel, stride, padding, count_include_pad):
    share = _batch(grad) / constant(_divisors(self_shape, kernel, stride, padding, count_include_pad), grad)
    shape = tuple(share.shape[:2]) + tuple(self_shape[-2:])
    rows, cols = np.ogrid[0:share.shape[2], 0:share.shape[3]]
    if isinstance(share, Tensor):
        # Every window position at once, as one scatter (recorded, for second derivatives).
        n, c = np.ogrid[0:share.shape[0], 0:share.shape[1]]
        offsets = [(i, j) for i in range(kernel[0]) for j in range(kernel[1])]
        key = (n[None, :, :, None, None], c[None, :, :, None, None],
               np.stack([np.broadcast_to(rows * stride[0] + i, share.shape[2:]) for i, _ in offsets])[:, None, None],
               np.stack([np.broadcast_to(cols * stride[1] + j, share.shape[2:]) for _, j in offsets])[:, None, None])
        spread = scatter(expand(share, (len(offsets),) + tuple(share.shape)), _padded_shape(shape, padding), key)
    else:
        spread = np.zeros(_padded_shape(shape, padding), dtype=share.dtype)
        for i in range(kernel[0]):
            for j in range(kernel[1]):
                spread[:, :, i:i + stride[0] * (share.shape[2] - 1) + 1:stride[0],
                       j:j + stride[1] * (share.shape[3] - 1) + 1:stride[1]] += share
    return _like_input(_unpad(spread, shape, padding), self_shape)


AVG_POOL2D = op(
    "avg_pool2d", grad_fn="AvgPool2DBackward0", forward=_avg_pool_forward,
    vjp={"self": _avg_pool_rule},
    local={"self": ("1/k for each of the k elements of its window", r"\frac{1}{k}")},
    shows_as="avg_pool2d({self})",
    explain="each window's gradient is shared equally among its elements")

__all__ = ["CONV1D", "CONV2D", "CONV_TRANSPOSE1D", "CONV_TRANSPOSE2D", "CONV2D_INPUT_GRAD", "CONV2D_WEIGHT_GRAD", "MAX_POOL2D", "AVG_POOL2D", "max_pool_winners"]
