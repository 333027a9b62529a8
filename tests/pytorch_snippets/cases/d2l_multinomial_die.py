# d2l 2.6 with torch.multinomial: sampling a die and counting, shapes and sums only (values are random).
import torch

fair_probs = torch.ones(6) / 6
g = torch.Generator().manual_seed(0)
rolls = torch.multinomial(fair_probs, 100, replacement=True, generator=g)
print(rolls.shape, rolls.dtype, bool((rolls >= 0).all()), bool((rolls < 6).all()))
counts = torch.bincount(rolls, minlength=6)
print(counts.shape, counts.sum())
print(torch.multinomial(torch.tensor([0.0, 0.0, 1.0, 0.0]), 3, replacement=True))
print(torch.multinomial(torch.tensor([[0.0, 2.0], [5.0, 0.0]]), 1))
print(torch.multinomial(torch.tensor([1.0, 0.0, 3.0]), 2).sort().values)
try:
    torch.multinomial(torch.tensor([1.0, 0.0, 0.0]), 2)
except RuntimeError as e:
    print(type(e).__name__)
