"""The multinomial distribution: how many of ``total_count`` categorical draws land in each category."""
import math

import numpy as np

from ..engine.tensor import Size, broadcast_tensors, ones_like, tensor, zeros
from . import constraints
from .categorical import OverCategories

__all__ = ["Multinomial"]


def _log_factorial(counts):
    """log(n!) for each count, as a constant (counts are data, not parameters)."""
    values = np.vectorize(math.lgamma, otypes=[np.float64])(counts.detach().numpy().astype(np.float64) + 1)
    return tensor(values, dtype=counts.dtype)


class Multinomial(OverCategories):
    """Multinomial(total_count, probs): counts per category after ``total_count`` draws (float, in
    the parameter's dtype; each sample adds up to total_count)."""

    def __init__(self, total_count=1, probs=None, logits=None, validate_args=None):
        if not isinstance(total_count, int):
            raise NotImplementedError("inhomogeneous total_count is not supported")
        self.total_count = total_count
        super().__init__(probs, logits, validate_args)

    @property
    def support(self):
        return constraints.multinomial(self.total_count)

    @property
    def mean(self):
        return self.probs * self.total_count

    @property
    def variance(self):
        return self.total_count * self.probs * (1 - self.probs)

    def sample(self, sample_shape=()):
        sample_shape = Size(sample_shape)
        draws = self._categorical.sample(Size((self.total_count,)) + sample_shape)
        draws = draws.permute(*range(1, draws.ndim), 0)  # the draws last, beside the categories
        counts = zeros(*self._extended_shape(sample_shape), dtype=draws.dtype)
        counts.scatter_add_(-1, draws, ones_like(draws))
        return counts.to(self.probs.dtype)

    def log_prob(self, value):
        if self._validate_args:
            self._validate_sample(value)
        logits, value = broadcast_tensors(self.logits, value)
        # A category that cannot happen (logit -inf) and was not drawn contributes 0, not nan.
        logits = logits.masked_fill((value == 0) & (logits == -math.inf), 0.0)
        return _log_factorial(value.sum(-1)) - _log_factorial(value).sum(-1) + (logits * value).sum(-1)

    def entropy(self):
        raise NotImplementedError("Multinomial.entropy is not part of autodidact (it needs the Binomial "
                                  "distribution); Categorical.entropy() times total_count is an upper bound")
