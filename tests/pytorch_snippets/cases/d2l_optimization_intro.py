# d2l 12.1-12.2 optimization and deep learning, convexity: risk vs empirical risk, a local minimum,
# saddle points, vanishing gradients of tanh, and convexity/Jensen checks, with autograd derivatives.
import math
import torch


def f(x):
    return x * torch.cos(math.pi * x)


def g(x):
    return f(x) + 0.2 * torch.cos(5 * math.pi * x)


x = torch.arange(0.5, 1.5, 0.25)
print(x, f(x), g(x))
x = torch.arange(-1.0, 2.0, 0.75, requires_grad=True)
f(x).sum().backward()
print(x.grad)

x = torch.arange(-2.0, 2.0, 1.0, requires_grad=True)
(x ** 3).sum().backward()
print(x.grad)
X, Y = torch.meshgrid(torch.linspace(-1.0, 1.0, 3), torch.linspace(-1.0, 1.0, 3), indexing='ij')
Z = X ** 2 - Y ** 2
print(Z)

x = torch.tensor([-4.0, 0.0, 4.0], requires_grad=True)
torch.tanh(x).sum().backward()
print(torch.tanh(x), x.grad)

f1 = lambda x: 0.5 * x ** 2
f2 = lambda x: torch.cos(math.pi * x)
f3 = lambda x: torch.exp(0.5 * x)
x, segment = torch.arange(-2, 2, 0.5), torch.tensor([-1.5, 1])
for func in [f1, f2, f3]:
    lam = torch.linspace(0, 1, 5)
    a, b = segment
    lhs = func(lam * a + (1 - lam) * b)
    rhs = lam * func(a) + (1 - lam) * func(b)
    print(bool((lhs <= rhs + 1e-6).all()), lhs, rhs)

f = lambda x: (x - 1) ** 2
x = torch.tensor(3.0, requires_grad=True)
y = f(x)
grad, = torch.autograd.grad(y, x, create_graph=True)
hess, = torch.autograd.grad(grad, x)
print(y, grad, hess)
