# "Introduction to PyTorch" video series, tensors: creation, dtypes, broadcasting rules, in-place and out=.
import math
import torch

x = torch.empty(3, 4)
print(type(x).__name__, x.shape)
zeros = torch.zeros(2, 3)
ones = torch.ones(2, 3)
print(zeros, ones)
torch.manual_seed(1729)
random = torch.rand(2, 3)
print(random.shape)
some_constants = torch.tensor([[3.1415926, 2.71828], [1.61803, 0.0072897]])
print(some_constants)
some_integers = torch.tensor((2, 3, 5, 7, 11, 13, 17, 19))
print(some_integers)
more_integers = torch.tensor(((2, 4, 6), [3, 6, 9]))
print(more_integers)
a = torch.ones((2, 3), dtype=torch.int32)
b = torch.rand((2, 3), dtype=torch.float64) * 20.
c = b.to(torch.int32)
print(a.shape, b.dtype, c.dtype)
ones = torch.zeros(2, 2) + 1
twos = torch.ones(2, 2) * 2
threes = (torch.ones(2, 2) * 7 - 1) / 2
fours = twos ** 2
sqrt2s = twos ** 0.5
print(ones, twos, threes, fours, sqrt2s)
powers2 = twos ** torch.tensor([[1, 2], [3, 4]])
print(powers2)
a = torch.tensor([0, math.pi / 4, math.pi / 2, 3 * math.pi / 4])
print(torch.sin(a), a.sin_(), a)
d = torch.tensor([[1., 2.], [3., 4.]])
print(torch.max(d), torch.max(d).item(), torch.mean(d), torch.std(d), torch.prod(d))
