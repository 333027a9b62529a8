# micrograd's README example written with PyTorch tensors and += (the code learners compare against).
import torch

a = torch.tensor(-4.0, requires_grad=True)
b = torch.tensor(2.0, requires_grad=True)
c = a + b
d = a * b + b**3
c += c + 1
c += 1 + c + (-a)
d += d * 2 + (b + a).relu()
d += 3 * d + (b - a).relu()
e = c - d
f = e**2
g = f / 2.0
g += 10.0 / f
print(f"{g.data.item():.4f}")
g.backward()
print(f"{a.grad.item():.4f}")
print(f"{b.grad.item():.4f}")
print(c.grad_fn.name(), d.grad_fn.name(), g.grad_fn.name())
