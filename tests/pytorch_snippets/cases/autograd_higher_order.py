# Higher-order derivatives with torch.autograd.grad(create_graph=True): f(x) = x^3, sin, and a Hessian row.
import torch

x = torch.tensor(2.0, requires_grad=True)
y = x ** 3
(dy,) = torch.autograd.grad(y, x, create_graph=True)
print(dy)
(d2y,) = torch.autograd.grad(dy, x, create_graph=True)
print(d2y)
(d3y,) = torch.autograd.grad(d2y, x)
print(d3y)
x = torch.linspace(0, 3, 4, dtype=torch.float64, requires_grad=True)
y = torch.sin(x)
g = torch.autograd.grad(y.sum(), x, create_graph=True)[0]
print(g, torch.allclose(g, torch.cos(x)))
g2 = torch.autograd.grad(g.sum(), x)[0]
print(g2, torch.allclose(g2, -torch.sin(x)))
w = torch.tensor([1.0, 2.0], requires_grad=True)
f = w[0] ** 2 * w[1] + w[1] ** 3
grad = torch.autograd.grad(f, w, create_graph=True)[0]
print(grad)
print(torch.autograd.grad(grad[0], w, retain_graph=True)[0], torch.autograd.grad(grad[1], w)[0])
x = torch.tensor(1.5, requires_grad=True)
y = x ** 2
y.backward(create_graph=True)
print(x.grad, x.grad.requires_grad)
