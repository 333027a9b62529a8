# max/min/sort/topk/median with dim return named tuples; printing them, unpacking, .values/.indices.
import torch

x = torch.tensor([[3.0, 1.0, 2.0], [0.5, 4.0, 4.0]])
print(x.max(dim=1))
values, indices = x.max(1)
print(values, indices)
print(torch.min(x, 0).indices, x.max(), x.argmax(), x.argmax(dim=1, keepdim=True))
print(torch.sort(x, dim=1, descending=True))
print(x.topk(2))
print(torch.topk(x.flatten(), 3).values, x.argsort(dim=0))
print(x.median(dim=1), x.mode(dim=1).values)
print(x.std(), x.var(dim=1), x.std(dim=0, unbiased=False), x.var(correction=0))
print(torch.cumsum(x, 1), torch.cumprod(x, dim=0), x.prod(), x.logsumexp(dim=1))
print(x.flip(0), x.roll(1, dims=1), x.chunk(3, dim=1)[2], x.split([1, 2], dim=1)[1])
print(torch.clamp(x, min=1.0, max=3.0), x.clamp(max=2), torch.where(x > 2, x, torch.zeros_like(x)))
print(torch.unique(torch.tensor([3, 1, 3, 2, 1])), torch.unique(torch.tensor([3, 1, 3]), return_counts=True))
