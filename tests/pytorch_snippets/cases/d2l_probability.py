# d2l 2.6 Probability: fair die probabilities, sampling shapes, and deterministic sums.
import torch
from torch.distributions.multinomial import Multinomial

fair_probs = torch.ones([6]) / 6
print(fair_probs)
sample = Multinomial(1, fair_probs).sample()
print(sample.shape, sample.sum())
counts = Multinomial(1000, fair_probs).sample()
print(counts.shape, counts.sum(), counts.dtype)
counts = Multinomial(10, fair_probs).sample((500,))
cum_counts = counts.cumsum(dim=0)
estimates = cum_counts / cum_counts.sum(dim=1, keepdims=True)
print(estimates.shape, torch.allclose(estimates.sum(dim=1), torch.ones(500)))
