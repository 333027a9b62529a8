"""Loss functions as modules: ``loss_fn = nn.MSELoss(); loss = loss_fn(prediction, target)``."""
from . import functional as F
from .module import Module


def _reduction(size_average, reduce, reduction):
    """PyTorch's deprecated ``size_average``/``reduce`` turned into a reduction (with its warning)."""
    return F._legacy_reduction(size_average, reduce, reduction)


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
    (e.g. the output of a Sigmoid) and labels ``y`` that are 0 or 1. ``weight`` multiplies each
    element's loss (it broadcasts to the input's shape)."""

    def __init__(self, weight=None, size_average=None, reduce=None, reduction="mean"):
        super().__init__()
        self.reduction = _reduction(size_average, reduce, reduction)
        self.register_buffer("weight", weight)  # a buffer, as in PyTorch: saved and moved with the module

    def forward(self, input, target):
        return F.binary_cross_entropy(input, target, weight=self.weight, reduction=self.reduction)


class L1Loss(Module):
    """Mean absolute error, ``mean(|input - target|)``: less swayed by outliers than MSELoss."""

    def __init__(self, reduction="mean"):
        super().__init__()
        self.reduction = reduction

    def forward(self, input, target):
        return F.l1_loss(input, target, reduction=self.reduction)


class BCEWithLogitsLoss(Module):
    """Binary cross-entropy on raw scores (logits): a Sigmoid and BCELoss in one, computed stably.
    ``pos_weight`` (one number per class, the last dim) multiplies the loss of the positive
    examples, to balance rare positives; ``weight`` multiplies each element's loss."""

    def __init__(self, weight=None, size_average=None, reduce=None, reduction="mean", pos_weight=None):
        super().__init__()
        self.reduction = _reduction(size_average, reduce, reduction)
        self.register_buffer("weight", weight)
        self.register_buffer("pos_weight", pos_weight)

    def forward(self, input, target):
        return F.binary_cross_entropy_with_logits(input, target, self.weight, pos_weight=self.pos_weight,
                                                  reduction=self.reduction)


class NLLLoss(Module):
    """Negative log-likelihood of the target classes, for log-probabilities (after LogSoftmax).
    ``weight`` (one number per class) scales each class's loss; the mean then divides by the
    summed weights of the targets."""

    def __init__(self, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean"):
        super().__init__()
        self.reduction = _reduction(size_average, reduce, reduction)
        self.register_buffer("weight", weight)
        self.ignore_index = ignore_index

    def forward(self, input, target):
        return F.nll_loss(input, target, weight=self.weight, ignore_index=self.ignore_index,
                          reduction=self.reduction)


class CrossEntropyLoss(Module):
    """Cross-entropy for classification: raw scores (N, C) and int64 class numbers (N,), or class
    probabilities (N, C); ``label_smoothing`` spreads a little of each target over every class.

    It applies log_softmax itself, so the model's last layer should output plain scores (no Softmax).
    ``weight`` (one number per class) scales each class's loss, e.g. to count a rare class more.
    """

    def __init__(self, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction="mean",
                 label_smoothing=0.0):
        super().__init__()
        self.reduction = _reduction(size_average, reduce, reduction)
        self.register_buffer("weight", weight)
        self.ignore_index = ignore_index
        self.label_smoothing = label_smoothing

    def forward(self, input, target):
        return F.cross_entropy(input, target, weight=self.weight, ignore_index=self.ignore_index,
                               reduction=self.reduction, label_smoothing=self.label_smoothing)


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
        self.reduction = _reduction(size_average, reduce, reduction)
        self.beta = beta

    def forward(self, input, target):
        return F.smooth_l1_loss(input, target, reduction=self.reduction, beta=self.beta)


class KLDivLoss(Module):
    """Kullback-Leibler divergence between a target distribution and the input's log-probabilities
    (see ``F.kl_div``). Use ``reduction="batchmean"`` for the mathematical KL divergence."""

    def __init__(self, size_average=None, reduce=None, reduction="mean", log_target=False):
        super().__init__()
        self.reduction = F._legacy_reduction(size_average, reduce, reduction)
        self.log_target = log_target

    def forward(self, input, target):
        return F.kl_div(input, target, reduction=self.reduction, log_target=self.log_target)
