"""Normalization layers: LayerNorm, GroupNorm, BatchNorm1d/2d/3d and InstanceNorm1d/2d/3d.

Both rescale values to mean 0 and variance 1 and then apply a learned scale (``weight``) and shift
(``bias``). They differ in *what* they average over:

* LayerNorm: over the last dims of each example (its features); every example on its own, the same
  in training and evaluation.
* BatchNorm1d: over the batch, for each feature (channel); while training it also keeps running
  averages of the mean and variance (buffers), and in ``eval()`` mode it normalizes with those.
"""
import numbers

from ..engine import tensor as _tensor
from . import functional as F
from . import init
from .module import Module
from .parameter import Parameter, UninitializedBuffer, UninitializedParameter


class LayerNorm(Module):
    """``(x - mean) / √(var + eps) · weight + bias``, mean and (biased) variance taken over the last
    ``len(normalized_shape)`` dims of the input."""

    def __init__(self, normalized_shape, eps=1e-5, elementwise_affine=True, bias=True, device=None, dtype=None):
        super().__init__()
        if isinstance(normalized_shape, numbers.Integral):
            normalized_shape = (normalized_shape,)
        self.normalized_shape = tuple(normalized_shape)
        self.eps = eps
        self.elementwise_affine = elementwise_affine
        if elementwise_affine:
            self.weight = Parameter(_tensor.ones(*self.normalized_shape, dtype=dtype, device=device))
            if bias:
                self.bias = Parameter(_tensor.zeros(*self.normalized_shape, dtype=dtype, device=device))
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)

    def forward(self, input):
        return F.layer_norm(input, self.normalized_shape, self.weight, self.bias, self.eps)

    def extra_repr(self):
        return (f"{self.normalized_shape}, eps={self.eps}, elementwise_affine={self.elementwise_affine}, "
                f"bias={self.bias is not None}")


class _BatchNorm(Module):
    """Normalize each of ``num_features`` features (channels, dim 1) over the batch and the other dims.

    In training mode it uses the batch's mean and (biased) variance, and updates the buffers
    ``running_mean``/``running_var`` by ``new = (1 - momentum)·old + momentum·batch`` (the running
    variance uses the unbiased estimate; ``momentum=None`` keeps a plain average of all batches).
    In ``eval()`` mode it normalizes with the running values, so a single example gives the same
    answer whatever batch it is in.
    """

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True,
                 device=None, dtype=None, *, bias=True):
        super().__init__()
        self.num_features = num_features
        self.eps = eps
        self.momentum = momentum
        self.affine = affine
        self.track_running_stats = track_running_stats
        if affine:
            self.weight = Parameter(_tensor.empty(num_features, dtype=dtype, device=device))
            if bias:
                self.bias = Parameter(_tensor.empty(num_features, dtype=dtype, device=device))
            else:
                self.register_parameter("bias", None)
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        if track_running_stats:
            self.register_buffer("running_mean", _tensor.zeros(num_features, dtype=dtype, device=device))
            self.register_buffer("running_var", _tensor.ones(num_features, dtype=dtype, device=device))
            self.register_buffer("num_batches_tracked", _tensor.tensor(0))
        else:
            self.register_buffer("running_mean", None)
            self.register_buffer("running_var", None)
            self.register_buffer("num_batches_tracked", None)
        self.reset_parameters()

    def reset_running_stats(self):
        if self.track_running_stats:
            init.zeros_(self.running_mean)
            init.ones_(self.running_var)
            init.zeros_(self.num_batches_tracked)

    def reset_parameters(self):
        self.reset_running_stats()
        if self.affine:
            init.ones_(self.weight)
            if self.bias is not None:
                init.zeros_(self.bias)

    def forward(self, input):
        self._check_input_dim(input)
        factor = 0.0 if self.momentum is None else self.momentum
        if self.training and self.track_running_stats:
            self.num_batches_tracked.add_(1)
            if self.momentum is None:  # a plain average of every batch so far
                factor = 1.0 / float(self.num_batches_tracked)
        use_batch = self.training or (self.running_mean is None and self.running_var is None)
        track = not self.training or self.track_running_stats
        return F.batch_norm(input, self.running_mean if track else None, self.running_var if track else None,
                            self.weight, self.bias, use_batch, factor, self.eps)

    def extra_repr(self):
        return (f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, affine={self.affine}, "
                f"bias={self.bias is not None}, track_running_stats={self.track_running_stats}")


class BatchNorm1d(_BatchNorm):
    """Batch normalization of (N, C) or (N, C, L) inputs: each of the C features over the batch
    (and the length)."""

    def _check_input_dim(self, input):
        if input.ndim not in (2, 3):
            raise ValueError(f"expected 2D or 3D input (got {input.ndim}D input)")


class BatchNorm2d(_BatchNorm):
    """Batch normalization of images (N, C, H, W): each of the C channels over the batch and every
    pixel."""

    def _check_input_dim(self, input):
        if input.ndim != 4:
            raise ValueError(f"expected 4D input (got {input.ndim}D input)")


class BatchNorm3d(_BatchNorm):
    """Batch normalization of volumes (N, C, D, H, W): each channel over the batch and every voxel."""

    def _check_input_dim(self, input):
        if input.ndim != 5:
            raise ValueError(f"expected 5D input (got {input.ndim}D input)")


class GroupNorm(Module):
    """Group normalization: the ``num_channels`` channels of each example split into ``num_groups``
    groups, each normalized over its channels and positions (so it does not depend on the batch),
    then a learned per-channel ``weight`` (ones) and ``bias`` (zeros). One group is LayerNorm over
    (C, *); as many groups as channels is InstanceNorm."""

    def __init__(self, num_groups, num_channels, eps=1e-5, affine=True, device=None, dtype=None):
        super().__init__()
        if num_channels % num_groups != 0:
            raise ValueError(f"num_channels ({num_channels}) must be divisible by num_groups ({num_groups})")
        self.num_groups, self.num_channels, self.eps, self.affine = num_groups, num_channels, eps, affine
        if affine:
            self.weight = Parameter(_tensor.ones(num_channels, dtype=dtype, device=device))
            self.bias = Parameter(_tensor.zeros(num_channels, dtype=dtype, device=device))
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)

    def reset_parameters(self):
        if self.affine:
            init.ones_(self.weight)
            init.zeros_(self.bias)

    def forward(self, input):
        return F.group_norm(input, self.num_groups, self.weight, self.bias, self.eps)

    def extra_repr(self):
        return (f"{self.num_groups}, {self.num_channels}, eps={self.eps}, affine={self.affine}, "
                f"bias={self.bias is not None}")


class _InstanceNorm(Module):
    """Instance normalization: each channel of each example normalized over its own positions (no
    batch statistics), then, with ``affine=True``, a learned per-channel weight and bias. Common in
    style transfer. ``track_running_stats=True`` is not part of autodidact."""

    _dims = None  # the spatial dims: 1 for (N, C, L), 2 for (N, C, H, W), 3 for (N, C, D, H, W)

    def __init__(self, num_features, eps=1e-5, momentum=0.1, affine=False, track_running_stats=False,
                 device=None, dtype=None):
        super().__init__()
        if track_running_stats:
            raise NotImplementedError(f"{type(self).__name__}(track_running_stats=True) is not part of "
                                      "autodidact; each example is normalized with its own statistics.")
        self.num_features, self.eps, self.momentum = num_features, eps, momentum
        self.affine, self.track_running_stats = affine, track_running_stats
        if affine:
            self.weight = Parameter(_tensor.ones(num_features, dtype=dtype, device=device))
            self.bias = Parameter(_tensor.zeros(num_features, dtype=dtype, device=device))
        else:
            self.register_parameter("weight", None)
            self.register_parameter("bias", None)
        self.register_buffer("running_mean", None)
        self.register_buffer("running_var", None)

    def forward(self, input):
        if input.ndim not in (self._dims + 1, self._dims + 2):
            raise ValueError(f"expected {self._dims + 1}D or {self._dims + 2}D input (got {input.ndim}D input)")
        if input.ndim == self._dims + 1:  # one example without a batch
            return F.instance_norm(input.unsqueeze(0), None, None, self.weight, self.bias, True, self.momentum,
                                   self.eps).squeeze(0)
        return F.instance_norm(input, None, None, self.weight, self.bias, True, self.momentum, self.eps)

    def extra_repr(self):
        return (f"{self.num_features}, eps={self.eps}, momentum={self.momentum}, affine={self.affine}, "
                f"bias={self.bias is not None}, track_running_stats={self.track_running_stats}")


class InstanceNorm1d(_InstanceNorm):
    _dims = 1


class InstanceNorm2d(_InstanceNorm):
    _dims = 2


class InstanceNorm3d(_InstanceNorm):
    _dims = 3


class _LazyBatchNorm:
    """A BatchNorm that learns its ``num_features`` from its first input (dim 1):
    ``nn.LazyBatchNorm2d()``. Until that first call the weight and bias are
    :class:`UninitializedParameter`s and the running statistics :class:`UninitializedBuffer`s; the
    call gives them their shapes and starting values and turns the layer into the BatchNorm."""

    def __init__(self, eps=1e-5, momentum=0.1, affine=True, track_running_stats=True, device=None, dtype=None):
        super().__init__(0, eps, momentum, False, False, device, dtype)
        self.affine, self.track_running_stats = affine, track_running_stats
        if affine:
            self.weight = UninitializedParameter(device=device, dtype=dtype)
            self.bias = UninitializedParameter(device=device, dtype=dtype)
        if track_running_stats:
            self.register_buffer("running_mean", UninitializedBuffer(device=device, dtype=dtype))
            self.register_buffer("running_var", UninitializedBuffer(device=device, dtype=dtype))
            self.register_buffer("num_batches_tracked", _tensor.tensor(0))

    def reset_parameters(self):
        if self.num_features != 0:
            super().reset_parameters()

    def forward(self, input):
        waiting = [value for value in (self.weight, self.bias, self.running_mean, self.running_var)
                   if isinstance(value, UninitializedParameter)]
        if waiting:  # as PyTorch: with nothing to shape (affine=False, no statistics) it stays at 0
            self._check_input_dim(input)
            self.num_features = input.shape[1]
            for value in waiting:
                value.materialize((self.num_features,))
            self.reset_parameters()
        self.__class__ = self.cls_to_become
        return self.forward(input)


class LazyBatchNorm1d(_LazyBatchNorm, BatchNorm1d):
    __doc__ = _LazyBatchNorm.__doc__
    cls_to_become = BatchNorm1d


class LazyBatchNorm2d(_LazyBatchNorm, BatchNorm2d):
    __doc__ = _LazyBatchNorm.__doc__
    cls_to_become = BatchNorm2d


class LazyBatchNorm3d(_LazyBatchNorm, BatchNorm3d):
    __doc__ = _LazyBatchNorm.__doc__
    cls_to_become = BatchNorm3d
