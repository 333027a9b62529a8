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
