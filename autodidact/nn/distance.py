"""Layers that compare two batches of vectors: ``nn.PairwiseDistance`` and ``nn.CosineSimilarity``,
thin modules around ``F.pairwise_distance`` and ``F.cosine_similarity``. They have no weights."""
from . import functional as F
from .module import Module

__all__ = ["PairwiseDistance", "CosineSimilarity"]


class PairwiseDistance(Module):
    """The ``p``-norm distance between matching rows: ``‖x1 - x2 + eps‖_p`` along the last dim."""

    def __init__(self, p=2.0, eps=1e-6, keepdim=False):
        super().__init__()
        self.norm, self.eps, self.keepdim = p, eps, keepdim  # PyTorch's attribute names

    def forward(self, x1, x2):
        return F.pairwise_distance(x1, x2, self.norm, self.eps, self.keepdim)


class CosineSimilarity(Module):
    """cos θ between ``x1`` and ``x2`` along ``dim``: 1 for the same direction, -1 for opposite ones."""

    def __init__(self, dim=1, eps=1e-8):
        super().__init__()
        self.dim, self.eps = dim, eps

    def forward(self, x1, x2):
        return F.cosine_similarity(x1, x2, self.dim, self.eps)
