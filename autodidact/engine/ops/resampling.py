"""Resizing images and sequences (``F.interpolate``, ``nn.Upsample``): nearest, nearest-exact,
linear and bilinear, each one op under PyTorch's name for it; and adaptive average pooling, which
has the same form (a fixed mix of inputs per output: here a mean over a region).

How they compute. Along one dimension, every output position is a fixed mix of input positions:
nearest copies one input, linear blends the two neighbours with weights λ and 1 - λ. Those weights
form an (output size × input size) *interpolation matrix* ``M``, so resizing a sequence ``x`` along
its last dim is ``x @ M.T``. An image is resized along its height and its width separately
(bilinear = linear twice): ``M_rows @ x @ M_cols.T``.

How their gradients flow. The map is linear in ``x``, so its gradient is the transposed map:
``M_rows.T @ grad @ M_cols``. Each input collects the gradients of the outputs it fed, times the
weight it had in them (nearest: the sum over its copies). That map is an op too (PyTorch's
``Upsample...BackwardBackward0``), whose gradient is the forward map again.

Where output position ``o`` reads from (PyTorch's conventions, ``ATen/native/UpSample.h``), with
``s`` = input size / output size (or 1 / ``scale_factor`` when one was given):

* nearest: input ``floor(o · s)``; nearest-exact: ``floor((o + 0.5) · s)`` (the pixel centre);
* linear: position ``(o + 0.5) · s - 0.5`` (pixel centres line up; at least 0), or with
  ``align_corners=True`` ``o · (in - 1) / (out - 1)`` (the corner pixels line up).
"""
import numpy as np

from ..spec import op
from .helpers import Tensor, scatter

__all__ = ["UPSAMPLE", "UPSAMPLE_BACKWARD", "interpolation_matrix", "averaging_matrix"]


def _scale(in_size, out_size, align_corners, scale_factor):
    """Input positions per output position (PyTorch's area_pixel_compute_scale)."""
    if align_corners:
        return (in_size - 1) / (out_size - 1) if out_size > 1 else 0.0
    return 1.0 / scale_factor if scale_factor is not None and scale_factor > 0 else in_size / out_size


def _nearest_float_scale(in_size, out_size, scale_factor):
    # The nearest kernels compute in float32: the same roundings pick the same neighbour.
    if scale_factor is not None and scale_factor > 0:
        return np.float32(1.0 / scale_factor)
    return np.float32(in_size) / np.float32(out_size)


def interpolation_matrix(in_size, out_size, mode, align_corners=False, scale_factor=None):
    """The (out_size, in_size) float64 matrix whose row ``o`` holds the weights with which output
    ``o`` mixes the inputs, for ``mode`` 'nearest', 'nearest-exact' or 'linear'."""
    matrix = np.zeros((out_size, in_size))
    outputs = np.arange(out_size)
    if mode in ("nearest", "nearest-exact"):
        if out_size == in_size:
            sources = outputs
        else:
            scale = _nearest_float_scale(in_size, out_size, scale_factor)
            centred = outputs.astype(np.float32) + (np.float32(0.5) if mode == "nearest-exact" else 0)
            sources = np.minimum(np.floor(centred * scale).astype(np.int64), in_size - 1)
        matrix[outputs, sources] = 1.0
        return matrix
    scale = _scale(in_size, out_size, align_corners, scale_factor)
    position = scale * outputs if align_corners else np.maximum(scale * (outputs + 0.5) - 0.5, 0.0)
    left = position.astype(np.int64)
    right = left + (left < in_size - 1)  # the last input has no right neighbour
    weight_right = np.clip(position - left, 0.0, 1.0)
    np.add.at(matrix, (outputs, left), 1.0 - weight_right)
    np.add.at(matrix, (outputs, right), weight_right)
    return matrix


def averaging_matrix(in_size, out_size):
    """The (out_size, in_size) matrix of adaptive average pooling: output ``o`` is the mean of inputs
    ``floor(o·in/out)`` to ``ceil((o+1)·in/out)`` (exclusive), PyTorch's regions."""
    matrix = np.zeros((out_size, in_size))
    for o in range(out_size):
        start, end = (o * in_size) // out_size, -((-(o + 1) * in_size) // out_size)
        matrix[o, start:end] = 1.0 / (end - start)
    return matrix


def _apply(self, rows, cols):
    """``rows @ self @ cols.T`` over the last two dims (only ``@ cols.T`` when ``rows`` is None)."""
    out = np.matmul(self, cols.T.astype(self.dtype))
    return out if rows is None else np.matmul(rows.astype(self.dtype), out)


def _apply_transposed(grad_output, rows, cols):
    """``rows.T @ grad @ cols``: each input gathers the gradients of the outputs it fed."""
    grad = np.matmul(grad_output, cols.astype(grad_output.dtype))
    return np.ascontiguousarray(grad if rows is None else np.matmul(rows.T.astype(grad.dtype), grad))


# One op per mode and dimension, named as PyTorch's, with the same forward and rules.
_KINDS = {("nearest", 1): "UpsampleNearest1D", ("nearest", 2): "UpsampleNearest2D",
          ("nearest-exact", 1): "UpsampleNearestExact1D", ("nearest-exact", 2): "UpsampleNearestExact2D",
          ("linear", 1): "UpsampleLinear1D", ("linear", 2): "UpsampleBilinear2D",
          ("area", 2): "AdaptiveAvgPool2D"}  # adaptive average pooling: a mean over regions, the same form
_NAMES = {("nearest", 1): "upsample_nearest1d", ("nearest", 2): "upsample_nearest2d",
          ("nearest-exact", 1): "upsample_nearest_exact1d", ("nearest-exact", 2): "upsample_nearest_exact2d",
          ("linear", 1): "upsample_linear1d", ("linear", 2): "upsample_bilinear2d",
          ("area", 2): "adaptive_avg_pool2d"}
UPSAMPLE, UPSAMPLE_BACKWARD = {}, {}


def _declare(key):
    UPSAMPLE[key] = op(
        _NAMES[key], grad_fn=f"{_KINDS[key]}Backward0", forward=_apply,
        vjp={"self": lambda grad, rows, cols: _transposed(key, grad, rows, cols)},
        local={"self": ("the interpolation weight of the input in each output", "M")},
        shows_as=_NAMES[key] + "({self})",
        explain="each input collects the gradients of the outputs it was mixed into, times its weight there")
    UPSAMPLE_BACKWARD[key] = op(
        _NAMES[key] + "_backward", grad_fn=f"{_KINDS[key]}BackwardBackward0", forward=_apply_transposed,
        vjp={"grad_output": lambda grad, rows, cols: _forward(key, grad, rows, cols)},
        local={"grad_output": ("the interpolation weight", "M")},
        shows_as=_NAMES[key] + "_backward({grad_output})",
        explain="the gradient of the resizing's gradient: the resizing again")


def _transposed(key, grad, rows, cols):
    if isinstance(grad, Tensor):
        return UPSAMPLE_BACKWARD[key](grad, rows=rows, cols=cols)
    return _apply_transposed(grad, rows, cols)


def _forward(key, grad, rows, cols):
    if isinstance(grad, Tensor):
        return UPSAMPLE[key](grad, rows=rows, cols=cols)
    return _apply(grad, rows, cols)


for _key in _KINDS:
    _declare(_key)


# Packing sequences of different lengths (nn.utils.rnn.pack_padded_sequence): the rows of a padded
# batch that hold real steps, step by step, as one (total steps, *) tensor. A gather with fixed
# positions; its gradient puts each row back where it came from (zeros in the padding).

def _pack_forward(input, key):
    return np.ascontiguousarray(input[key])


def _pack_rule(grad, input_shape, key):
    return scatter(grad, input_shape, key)


PACK_PADDED_SEQUENCE = op(
    "pack_padded_sequence", grad_fn="PackPaddedSequenceBackward0", forward=_pack_forward,
    vjp={"input": _pack_rule},
    local={"input": ("1 for the packed rows, 0 for the padding", "1")},
    shows_as="pack_padded_sequence({input})",
    explain="each packed row's gradient goes back to the step it was taken from; the padding gets none")
__all__ += ["PACK_PADDED_SEQUENCE"]
