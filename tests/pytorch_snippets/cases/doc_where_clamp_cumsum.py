# Docstring examples of torch.where (three-argument, scalar and one-argument forms), torch.clamp with
# tensor bounds, cumsum/cumprod and their gradients.
import torch

x = torch.tensor([[-0.4620, 0.3139], [0.3898, -0.7197], [0.0478, -0.1657]])
print(torch.where(x > 0, 1.0, 0.0))
y = torch.ones(3, 2)
print(torch.where(x > 0, x, y))
x64 = x.double()
print(torch.where(x64 > 0, x64, 0.))
print(torch.where(torch.tensor([[0.6, 0.0], [-0.3, 2.1]]) != 0))
print(torch.nonzero(torch.tensor([1, 1, 1, 0, 1])))
print(torch.nonzero(torch.tensor([[0.6, 0.0, 0.0, 0.0], [0.0, 0.4, 0.0, 0.0],
                                  [0.0, 0.0, 1.2, 0.0], [0.0, 0.0, 0.0, -0.4]]), as_tuple=True))

a = torch.tensor([-1.7120, 0.1734, -0.0478, -0.0922])
print(torch.clamp(a, min=-0.5, max=0.5))
print(torch.clamp(a, min=0.5))
mn = torch.linspace(-1, 1, steps=4)
print(torch.clamp(a, min=mn))
print(a.clamp(max=torch.tensor([0.0, 0.1, 0.0, -0.5])))

a = torch.tensor([0.6, -0.3, 1.2, 0.8, -1.0])
print(torch.cumsum(a, dim=0))
print(torch.cumprod(a, dim=0))
a[3] = 0.0
print(torch.cumprod(a, dim=0))
m = torch.arange(1., 7.).reshape(2, 3)
print(m.cumsum(1), m.cumsum(dim=0), m.cumprod(-1))
print(torch.cumsum(torch.tensor([1, 2, 3]), 0).dtype, torch.cumsum(torch.tensor([True, False, True]), 0))

w = torch.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
c = w.cumsum(0)
c.backward(torch.tensor([1.0, 0.0, 0.0, 1.0]))
print(c, w.grad)
w.grad = None
p = w.cumprod(0)
p.sum().backward()
print(p, w.grad)
w.grad = None
r = torch.where(w > 2, w * w, -w)
r.sum().backward()
print(r, w.grad)
w.grad = None
cl = w.clamp(1.5, 3.5)
cl.sum().backward()
print(cl, w.grad)
