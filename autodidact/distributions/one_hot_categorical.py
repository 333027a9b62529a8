"""The one-hot categorical distribution: a categorical draw written as a one-hot vector."""
from ..nn import functional as F
from . import constraints
from .categorical import OverCategories

__all__ = ["OneHotCategorical"]


class OneHotCategorical(OverCategories):
    """OneHotCategorical(probs) or (logits=...): like Categorical, but a sample is a vector of K
    zeros with a 1 at the drawn category (in the parameter's dtype)."""

    support = constraints.one_hot
    has_enumerate_support = True

    def __init__(self, probs=None, logits=None, validate_args=None):
        super().__init__(probs, logits, validate_args)

    @property
    def mean(self):
        return self._categorical.probs

    @property
    def mode(self):
        probs = self._categorical.probs
        return F.one_hot(probs.argmax(dim=-1), num_classes=probs.shape[-1]).to(probs.dtype)

    @property
    def variance(self):
        return self._categorical.probs * (1 - self._categorical.probs)

    def sample(self, sample_shape=()):
        probs = self._categorical.probs
        indices = self._categorical.sample(sample_shape)
        return F.one_hot(indices, probs.shape[-1]).to(probs.dtype)

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        return self._categorical.log_prob(value.max(-1)[1])

    def entropy(self):
        return self._categorical.entropy()
