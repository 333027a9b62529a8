# A view taken before its base is changed in place follows the base's new history (PyTorch's AsStridedBackward0).
import torch

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * 1
v = y[0:1]
y.mul_(3)
print(v)
v.sum().backward()
print(x.grad)
x.grad = None
y = x * 1
v = y.view(2)
y.mul_(x)
v.sum().backward()
print(x.grad)
m = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
y = m * 1
r = y[0]
y[0, 0] = 5
print(r)
(r * 2).sum().backward()
print(m.grad)
