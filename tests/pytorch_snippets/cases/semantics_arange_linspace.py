# arange/linspace/logspace give PyTorch's float32 values exactly (checked with ==, printed at full precision).
import torch

torch.set_printoptions(precision=10)
print(torch.arange(-1.0, 1.0, 0.1))
print(torch.linspace(-0.3, 0.3, 9))
print(torch.linspace(0, 1, 7))
print(torch.logspace(-2, 2, 5))
print(torch.arange(0, 1, 0.3, dtype=torch.float64))
x = torch.arange(-8.0, 8.0, 0.1)
print(x.shape, x[79:82])
print(torch.linspace(-3, 0, 1000)[500:503], torch.linspace(1, 2, 1), torch.linspace(1, 2, 2))
print(torch.arange(5), torch.arange(1, 4, 0.5), torch.arange(10, 0, -3))
torch.set_printoptions(profile="default")
print(torch.linspace(-1, 1, 5))
