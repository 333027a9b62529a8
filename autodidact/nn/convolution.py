"""Layers for images (N, C, H, W) and sequences (N, C, L): Conv2d, Conv1d, their transposes and the pooling layers.
Each is a thin module around the function of the same name in ``functional`` (see ``engine/ops/convolution.py`` for how they compute)."""
import math

from ..engine.tensor import empty
from . import functional as F
from . import init
from .module import Module
from .parameter import Parameter, UninitializedParameter


_PADDING_STRINGS = {"same", "valid"}  # a set, printed in the order PyTorch's own set prints
_PADDING_MODES = ["zeros", "reflect", "replicate", "circular"]


def _tuple(value, dims):
    return tuple(value) if isinstance(value, (tuple, list)) else (value,) * dims


class _ConvNd(Module):
    """What Conv1d and Conv2d share: ``out_channels`` kernels of ``in_channels × kernel_size``, each
    slid over the input: one output channel per kernel. Starting values as PyTorch's: U(-1/√k, 1/√k)
    with k = in_channels × the kernel's size (the inputs each output sums over)."""

    _dims = None  # 1 for sequences (N, C, L), 2 for images (N, C, H, W)
    transposed = False  # the weight is (in_channels, out_channels, *kernel_size) when True

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1,
                 bias=True, padding_mode="zeros", device=None, dtype=None):
        super().__init__()
        if groups != 1:
            raise NotImplementedError(f"nn.{type(self).__name__} with groups != 1 is not part of autodidact; "
                                      "use groups=1.")
        if padding_mode not in _PADDING_MODES:
            raise ValueError(f"padding_mode must be one of {_PADDING_MODES}, but got padding_mode='{padding_mode}'")
        if isinstance(padding, str) and padding not in _PADDING_STRINGS:
            raise ValueError(f"Invalid padding string {padding!r}, should be one of {_PADDING_STRINGS}")
        self.in_channels, self.out_channels = in_channels, out_channels
        self.kernel_size, self.stride = _tuple(kernel_size, self._dims), _tuple(stride, self._dims)
        self.padding = padding if isinstance(padding, str) else _tuple(padding, self._dims)
        self.dilation, self.groups, self.padding_mode = _tuple(dilation, self._dims), groups, padding_mode
        channels = (in_channels, out_channels) if self.transposed else (out_channels, in_channels)
        self.weight = Parameter(empty(*channels, *self.kernel_size, dtype=dtype, device=device))
        if bias:
            self.bias = Parameter(empty(out_channels, dtype=dtype, device=device))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self):
        # PyTorch writes this as kaiming_uniform_(weight, a=√5): the bound works out to 1/√fan_in, with
        # fan_in = the weight's dim 1 (out_channels for a transposed convolution) × the kernel's size.
        fan_in = self.weight.shape[1] * math.prod(self.kernel_size)
        bound = 1 / math.sqrt(fan_in) if fan_in > 0 else 0.0
        init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            init.uniform_(self.bias, -bound, bound)

    def _convolve(self, input, weight, bias, stride, padding, dilation, groups):
        raise NotImplementedError

    def forward(self, input):
        if self.padding_mode != "zeros":  # as PyTorch: pad first (F.pad's mode), then no padding
            padded = F.pad(input, self._border(), mode=self.padding_mode)
            return self._convolve(padded, self.weight, self.bias, self.stride, 0, self.dilation, self.groups)
        return self._convolve(input, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups)

    def _border(self):
        """F.pad's widths (last dim first: left, right, then top, bottom) for this layer's padding."""
        if self.padding == "valid":
            return (0, 0) * self._dims
        if self.padding == "same":
            totals = [d * (k - 1) for k, d in zip(self.kernel_size, self.dilation)]
            return sum(((total // 2, total - total // 2) for total in reversed(totals)), ())
        return sum(((p, p) for p in reversed(self.padding)), ())

    def extra_repr(self):
        text = f"{self.in_channels}, {self.out_channels}, kernel_size={self.kernel_size}, stride={self.stride}"
        if self.padding != (0,) * self._dims:
            text += f", padding={self.padding}"
        if self.dilation != (1,) * self._dims:
            text += f", dilation={self.dilation}"
        if getattr(self, "output_padding", (0,) * self._dims) != (0,) * self._dims:
            text += f", output_padding={self.output_padding}"
        if self.bias is None:
            text += ", bias=False"
        if self.padding_mode != "zeros":
            text += f", padding_mode={self.padding_mode}"
        return text


class Conv1d(_ConvNd):
    """Kernels slid along sequences (N, C, L) or one sequence (C, L): see ``F.conv1d``."""

    _dims = 1

    def _convolve(self, input, weight, bias, stride, padding, dilation, groups):
        return F.conv1d(input, weight, bias, stride, padding if isinstance(padding, str) else
                        _tuple(padding, 1)[0], dilation[0], groups)


class Conv2d(_ConvNd):
    """Kernels slid over images (N, C, H, W) or one image (C, H, W): see ``F.conv2d``."""

    _dims = 2

    def _convolve(self, input, weight, bias, stride, padding, dilation, groups):
        return F.conv2d(input, weight, bias, stride, padding, dilation, groups)


class _ConvTransposeNd(_ConvNd):
    """What ConvTranspose1d and ConvTranspose2d share: ``in_channels × out_channels`` kernels, each
    input pixel spreading its value times the kernel over a patch of the output (see
    ``F.conv_transpose2d``). ``forward(input, output_size)`` picks the ``output_padding`` that gives
    that size, as in PyTorch."""

    transposed = True

    def __init__(self, in_channels, out_channels, kernel_size, stride=1, padding=0, output_padding=0, groups=1,
                 bias=True, dilation=1, padding_mode="zeros", device=None, dtype=None):
        if padding_mode != "zeros":
            raise ValueError(f'Only "zeros" padding mode is supported for {type(self).__name__}')
        super().__init__(in_channels, out_channels, kernel_size, stride, padding, dilation, groups, bias, padding_mode,
                         device, dtype)
        self.output_padding = _tuple(output_padding, self._dims)

    def _output_padding(self, input, output_size):
        """The output_padding that makes the output ``output_size`` (the layer's own when None)."""
        if output_size is None:
            return self.output_padding
        batch_dims = 2 if input.ndim == self._dims + 2 else 1
        if len(output_size) == batch_dims + self._dims:
            output_size = output_size[batch_dims:]
        if len(output_size) != self._dims:
            raise ValueError(f"ConvTranspose{self._dims}D: for {input.ndim}D input, output_size must have "
                             f"{self._dims} or {batch_dims + self._dims} elements (got {len(output_size)})")
        smallest = [(n - 1) * s - 2 * p + d * (k - 1) + 1 for n, s, p, d, k in
                    zip(input.shape[batch_dims:], self.stride, self.padding, self.dilation, self.kernel_size)]
        largest = [size + s - 1 for size, s in zip(smallest, self.stride)]
        if any(not low <= size <= high for size, low, high in zip(output_size, smallest, largest)):
            raise ValueError(f"requested an output size of {output_size}, but valid sizes range from {smallest} to "
                             f"{largest} (for an input of {input.shape[batch_dims:]})")
        return tuple(size - low for size, low in zip(output_size, smallest))

    def forward(self, input, output_size=None):
        function = F.conv_transpose1d if self._dims == 1 else F.conv_transpose2d
        return function(input, self.weight, self.bias, self.stride, self.padding,
                        self._output_padding(input, output_size), self.groups, self.dilation)


class ConvTranspose1d(_ConvTransposeNd):
    """The transposed convolution of sequences (N, C, L): see ``F.conv_transpose1d``."""

    _dims = 1


class ConvTranspose2d(_ConvTransposeNd):
    """The transposed convolution of images (N, C, H, W), which makes them larger (DCGAN's generator,
    fully convolutional networks): see ``F.conv_transpose2d``."""

    _dims = 2


class _LazyConvMixin:
    """A convolution that learns its ``in_channels`` from its first input (dim 1 of a batch):
    ``nn.LazyConv2d(6, 5)``. Until that first call the weight and bias are
    :class:`UninitializedParameter`s; the call gives them their shapes, draws their starting values
    as the convolution does, and turns the layer into that convolution (it then prints as one)."""

    def __init__(self, out_channels, kernel_size, stride=1, padding=0, dilation=1, groups=1, bias=True,
                 padding_mode="zeros", device=None, dtype=None):
        super().__init__(0, out_channels, kernel_size, stride, padding, dilation, groups, False, padding_mode,
                         device, dtype)
        self.weight = UninitializedParameter(device=device, dtype=dtype)
        if bias:
            self.bias = UninitializedParameter(device=device, dtype=dtype)

    def reset_parameters(self):
        if not isinstance(self.weight, UninitializedParameter) and self.in_channels != 0:
            super().reset_parameters()

    def forward(self, input):
        if isinstance(self.weight, UninitializedParameter):
            batched = self._dims + 2
            if input.ndim not in (batched - 1, batched):
                raise RuntimeError(f"Expected {batched - 1}D (unbatched) or {batched}D (batched) input to "
                                   f"conv{self._dims}d, but got input of size: {list(input.shape)}")
            self.in_channels = input.shape[1] if input.ndim == batched else input.shape[0]
            self.weight.materialize((self.out_channels, self.in_channels, *self.kernel_size))
            if self.bias is not None:
                self.bias.materialize((self.out_channels,))
            self.reset_parameters()
        elif self.in_channels == 0:  # the shapes came from load_state_dict
            self.in_channels = self.weight.shape[1]
        self.__class__ = self.cls_to_become
        return self.forward(input)


class LazyConv1d(_LazyConvMixin, Conv1d):
    __doc__ = _LazyConvMixin.__doc__
    cls_to_become = Conv1d


class LazyConv2d(_LazyConvMixin, Conv2d):
    __doc__ = _LazyConvMixin.__doc__
    cls_to_become = Conv2d


class _MaxPoolNd(Module):
    """What MaxPool1d and MaxPool2d share: their arguments and how they print (as in PyTorch)."""

    def __init__(self, kernel_size, stride=None, padding=0, dilation=1, return_indices=False, ceil_mode=False):
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if stride is not None else kernel_size
        self.padding, self.dilation = padding, dilation
        self.return_indices, self.ceil_mode = return_indices, ceil_mode

    def extra_repr(self):
        return (f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}, "
                f"dilation={self.dilation}, ceil_mode={self.ceil_mode}")


class MaxPool2d(_MaxPoolNd):
    """The largest value of each window (see ``F.max_pool2d``)."""

    def forward(self, input):
        return F.max_pool2d(input, self.kernel_size, self.stride, self.padding, self.dilation,
                            ceil_mode=self.ceil_mode, return_indices=self.return_indices)


class AvgPool2d(Module):
    """The mean of each window (see ``F.avg_pool2d``)."""

    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True,
                 divisor_override=None):
        super().__init__()
        self.kernel_size = kernel_size
        self.stride = stride if stride is not None else kernel_size
        self.padding, self.ceil_mode = padding, ceil_mode
        self.count_include_pad, self.divisor_override = count_include_pad, divisor_override

    def forward(self, input):
        return F.avg_pool2d(input, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                            self.count_include_pad, self.divisor_override)

    def extra_repr(self):
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class _AdaptiveAvgPoolNd(Module):
    """The mean over each of ``output_size`` regions, whatever the input's size."""

    def __init__(self, output_size):
        super().__init__()
        self.output_size = output_size

    def extra_repr(self):
        return f"output_size={self.output_size}"


class AdaptiveAvgPool2d(_AdaptiveAvgPoolNd):
    """The mean over each of ``output_size`` regions of an image; output size 1 is global average
    pooling (see ``F.adaptive_avg_pool2d``)."""

    def forward(self, input):
        return F.adaptive_avg_pool2d(input, self.output_size)


class AdaptiveAvgPool1d(_AdaptiveAvgPoolNd):
    """The mean over each of ``output_size`` regions of a sequence (see ``F.adaptive_avg_pool1d``)."""

    def forward(self, input):
        return F.adaptive_avg_pool1d(input, self.output_size)


class MaxPool1d(_MaxPoolNd):
    """The largest value of each window along a sequence (see ``F.max_pool1d``)."""

    def forward(self, input):
        return F.max_pool1d(input, self.kernel_size, self.stride, self.padding, self.dilation,
                            ceil_mode=self.ceil_mode, return_indices=self.return_indices)


class AvgPool1d(Module):
    """The mean of each window along a sequence (see ``F.avg_pool1d``)."""

    def __init__(self, kernel_size, stride=None, padding=0, ceil_mode=False, count_include_pad=True):
        super().__init__()
        self.kernel_size = _tuple(kernel_size, 1)
        self.stride = _tuple(stride if stride is not None else kernel_size, 1)
        self.padding = _tuple(padding, 1)
        self.ceil_mode, self.count_include_pad = ceil_mode, count_include_pad

    def forward(self, input):
        return F.avg_pool1d(input, self.kernel_size, self.stride, self.padding, self.ceil_mode,
                            self.count_include_pad)

    def extra_repr(self):
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"
