# torch.ravel and torch.unflatten, as the docs show them, with their gradients and errors.
import torch

x = torch.arange(6.0).reshape(2, 3).requires_grad_()
print(x.ravel(), torch.ravel(x))
print(x.t().ravel())
print(torch.tensor(2.0).ravel())
print(x.unflatten(1, (3, 1)))
print(torch.unflatten(x, -1, (1, -1)).shape, x.unflatten(0, [2, 1]).shape)
print(torch.randn(3, 4, 1).unflatten(1, (2, 2)).shape)
print(torch.randn(5, 12, 3).unflatten(-2, (2, 2, 3, 1, 1)).shape)
(x.t().ravel() * torch.arange(6.0)).sum().backward()
print(x.grad)
for sizes in [(2, 2), ()]:
    try:
        x.unflatten(1, sizes)
    except RuntimeError as error:
        print("RuntimeError:", error)
