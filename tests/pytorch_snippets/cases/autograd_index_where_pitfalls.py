# Gradients through repeated indices (they add up) and the torch.where NaN pitfall with sqrt of negatives.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
x[[0, 0, 1]].sum().backward()
print(x.grad)
x.grad = None
x[torch.tensor([2, 2, 2])].pow(2).sum().backward()
print(x.grad)
x = torch.tensor([-1.0, 0.0, 4.0], requires_grad=True)
y = torch.where(x > 0, torch.sqrt(x), torch.zeros_like(x))
y.sum().backward()
print(y, x.grad)
x.grad = None
safe = torch.where(x > 0, x, torch.ones_like(x))
y = torch.where(x > 0, torch.sqrt(safe), torch.zeros_like(x))
y.sum().backward()
print(y, x.grad)
x = torch.tensor([0.0, 1.0], requires_grad=True)
(x.abs()).sum().backward()
print(x.grad)
x.grad = None
torch.relu(x).sum().backward()
print(x.grad)
x.grad = None
torch.clamp(x, min=0.0, max=1.0).sum().backward()
print(x.grad)
x.grad = None
(x ** 0.5).sum().backward()
print(x.grad)
x = torch.tensor([3.0, 3.0, 1.0], requires_grad=True)
x.max().backward()
print(x.grad)
x.grad = None
x.max(dim=0).values.backward()
print(x.grad)
