# d2l 12.2-12.3: convexity checks on a grid, gradient descent and Newton's method on cosh(cx) and x cos(cx).
import math

import torch

f = lambda x: 0.5 * x ** 2
g = lambda x: torch.cos(math.pi * x)
h = lambda x: torch.exp(0.5 * x)
x = torch.arange(-2, 2, 0.5)
segment = torch.tensor([-1.5, 1])
for func in (f, g, h):
    lam = 0.25
    lhs = func(lam * segment[0] + (1 - lam) * segment[1])
    rhs = lam * func(segment[0]) + (1 - lam) * func(segment[1])
    print(func(x), bool(lhs <= rhs))

c = torch.tensor(0.5)


def f(x):
    return torch.cosh(c * x)


def f_grad(x):
    return c * torch.sinh(c * x)


def f_hess(x):
    return c ** 2 * torch.cosh(c * x)


def newton(eta=1):
    x = 10.0
    results = [x]
    for i in range(10):
        x -= eta * f_grad(x) / f_hess(x)
        results.append(float(x))
    print('epoch 10, x:', x)
    return results


print([round(r, 4) for r in newton()])
c = torch.tensor(0.15 * math.pi)


def f(x):
    return x * torch.cos(c * x)


def f_grad(x):
    return torch.cos(c * x) - c * x * torch.sin(c * x)


def f_hess(x):
    return - 2 * c * torch.sin(c * x) - x * c ** 2 * torch.cos(c * x)


print([round(r, 4) for r in newton()])
print([round(r, 4) for r in newton(0.5)])

x = torch.tensor(10.0, requires_grad=True)
y = f(x)
(gx,) = torch.autograd.grad(y, x, create_graph=True)
(hx,) = torch.autograd.grad(gx, x)
print(gx, f_grad(torch.tensor(10.0)))
print(hx, f_hess(torch.tensor(10.0)))
