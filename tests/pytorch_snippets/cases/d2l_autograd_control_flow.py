# d2l 2.5: gradients through Python control flow, and detach.
import torch


def f(a):
    b = a * 2
    while b.norm() < 1000:
        b = b * 2
    if b.sum() > 0:
        c = b
    else:
        c = 100 * b
    return c


a = torch.tensor(0.75, requires_grad=True)
d = f(a)
d.backward()
print(d, a.grad)
print(a.grad == d / a)
a = torch.tensor([0.3, -0.1], requires_grad=True)
d = f(a)
d.sum().backward()
print(d, a.grad)

x = torch.arange(4.0, requires_grad=True)
y = x * x
u = y.detach()
z = u * x
z.sum().backward()
print(x.grad == u)
x.grad.zero_()
y.sum().backward()
print(x.grad == 2 * x)
print(u.requires_grad, u.grad_fn, y.grad_fn.name())
