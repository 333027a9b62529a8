"""Loss functions as modules: ``loss_fn = nn.MSELoss(); loss = loss_fn(prediction, target)``."""
from . import functional as F
from .module import Module


class MSELoss(Module):
    """Mean squared error, ``mean((input - target)²)``; ``reduction="sum"`` or ``"none"`` to change
    how the squared errors are combined."""

    def __init__(self, reduction="mean"):
        super().__init__()
        self.reduction = reduction

    def forward(self, input, target):
        return F.mse_loss(input, target, reduction=self.reduction)


class BCELoss(Module):
    """Binary cross-entropy, ``-mean(y·log(p) + (1-y)·log(1-p))``, for probabilities ``p`` in [0, 1]
    (e.g. the output of a Sigmoid) and labels ``y`` that are 0 or 1."""

    def __init__(self, reduction="mean"):
        super().__init__()
        self.reduction = reduction

    def forward(self, input, target):
        return F.binary_cross_entropy(input, target, reduction=self.reduction)


class L1Loss(Module):
    """Mean absolute error, ``mean(|input - target|)``: less swayed by outliers than MSELoss."""

    def __init__(self, reduction="mean"):
        super().__init__()
        self.reduction = reduction

    def forward(self, input, target):
        return F.l1_loss(input, target, reduction=self.reduction)


class BCEWithLogitsLoss(Module):
    """Binary cross-entropy on raw scores (logits): a Sigmoid and BCELoss in one, computed stably."""

    def __init__(self, reduction="mean"):
        super().__init__()
        self.reduction = reduction

    def forward(self, input, target):
        return F.binary_cross_entropy_with_logits(input, target, reduction=self.reduction)


class NLLLoss(Module):
    """Negative log-likelihood of the target classes, for log-probabilities (after LogSoftmax)."""

    def __init__(self, weight=None, ignore_index=-100, reduction="mean"):
        super().__init__()
        F._no_class_weights("NLLLoss", weight)
        self.ignore_index = ignore_index
        self.reduction = reduction

    def forward(self, input, target):
        return F.nll_loss(input, target, ignore_index=self.ignore_index, reduction=self.reduction)


class CrossEntropyLoss(Module):
    """Cross-entropy for classification: raw scores (N, C) and int64 class numbers (N,), or class
    probabilities (N, C); ``label_smoothing`` spreads a little of each target over every class.

    It applies log_softmax itself, so the model's last layer should output plain scores (no Softmax).
    """

    def __init__(self, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean",
                 label_smoothing=0.0):
        super().__init__()
        F._no_class_weights("CrossEntropyLoss", weight)
        if size_average is not None or reduce is not None:
            raise NotImplementedError("size_average and reduce are PyTorch's deprecated arguments and are not "
                                      "part of autodidact: use reduction='mean', 'sum' or 'none'.")
        self.ignore_index = ignore_index
        self.reduction = reduction
        self.label_smoothing = label_smoothing

    def forward(self, input, target):
        return F.cross_entropy(input, target, ignore_index=self.ignore_index, reduction=self.reduction,
                               label_smoothing=self.label_smoothing)


class HuberLoss(Module):
    """Squared error for errors below ``delta``, absolute error above (see ``F.huber_loss``): a
    regression loss that outliers cannot dominate."""

    def __init__(self, reduction="mean", delta=1.0):
        super().__init__()
        self.reduction = reduction
        self.delta = delta

    def forward(self, input, target):
        return F.huber_loss(input, target, reduction=self.reduction, delta=self.delta)


class SmoothL1Loss(Module):
    """Huber's loss divided by ``beta`` (see ``F.smooth_l1_loss``)."""

    def __init__(self, size_average=None, reduce=None, reduction="mean", beta=1.0):
        super().__init__()
        self.reduction = reduction
        self.beta = beta

    def forward(self, input, target):
        return F.smooth_l1_loss(input, target, reduction=self.reduction, beta=self.beta)
