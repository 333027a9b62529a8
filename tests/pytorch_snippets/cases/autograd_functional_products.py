import torch
from torch.autograd.functional import vjp, jvp, hvp, vhp


def f(x):
    return torch.stack([x[0] * x[1], x[0] + x[1] ** 2])


x = torch.tensor([2.0, 3.0])
print(vjp(f, x, torch.tensor([1.0, 0.0])))
print(vjp(f, x, torch.tensor([0.0, 1.0])))
print(jvp(f, x, torch.tensor([1.0, 0.0])))
print(jvp(f, x, torch.tensor([0.0, 1.0])))
print(vjp(lambda x: (x ** 2).sum(), x))


def rosenbrock(v):
    return (1 - v[0]) ** 2 + 100 * (v[1] - v[0] ** 2) ** 2


p = torch.tensor([1.5, 2.0])
print(hvp(rosenbrock, p, torch.tensor([1.0, 0.0])))
print(vhp(rosenbrock, p, torch.tensor([0.0, 1.0])))
try:
    vjp(f, x)
except RuntimeError as error:
    print(error)
