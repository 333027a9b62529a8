# Docs examples that need: F.softmax(dtype=), torch.clamp with tensor bounds.
import torch
import torch.nn.functional as F

x = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
print(F.softmax(x.double(), dim=1, dtype=torch.float32).dtype)
print(F.log_softmax(x, dim=1, dtype=torch.float64))
a = torch.tensor([-1.7, -0.4, 0.3, 0.9], requires_grad=True)
y = torch.clamp(a, min=torch.tensor([-1.0, 0.0, 0.5, 1.0]))
print(y)
y.sum().backward()
print(a.grad)
print(a.clamp(max=torch.tensor(0.0)))
