# d2l 2.5 exercise: the derivative of sin without writing cos, by autograd over a grid.
import math
import torch

x = torch.arange(0.0, 2 * math.pi, 0.5, requires_grad=True)
y = torch.sin(x)
y.backward(torch.ones_like(y))
print(x.shape, torch.allclose(x.grad, torch.cos(x.detach())))
print(x.grad[:4], y[:4])
x = torch.arange(0.0, 2.0, 0.25, dtype=torch.float64, requires_grad=True)
f = x ** 3 - 1 / (x + 1)
f.sum().backward()
print(torch.allclose(x.grad, 3 * x.detach() ** 2 + 1 / (x.detach() + 1) ** 2), x.grad)
