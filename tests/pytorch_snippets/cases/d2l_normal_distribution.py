# d2l 3.1: the normal density written with math and torch, evaluated on a grid, for several (mu, sigma).
import math
import torch


def normal(x, mu, sigma):
    p = 1 / math.sqrt(2 * math.pi * sigma**2)
    return p * torch.exp(-0.5 * (x - mu)**2 / sigma**2)


x = torch.arange(-7, 7, 2.0)
params = [(0, 1), (0, 2), (3, 1)]
for mu, sigma in params:
    print(f"mean {mu}, std {sigma}", normal(x, mu, sigma))
x64 = torch.arange(-7, 7, 0.5, dtype=torch.float64)
area = normal(x64, 0, 1).sum() * 0.5
print(area, x64.dtype, normal(torch.tensor(0.0), 0, 1))
