import torch
x = torch.tensor(1.0, requires_grad=True)
y = torch.tensor(2.0, requires_grad=True)
f = x * y + y ** 2
gx, gy = torch.autograd.grad(f, (x, y))
print(gx, gy)
f = x * y
g = x + y
print(torch.autograd.grad([f, g], [x, y]))
f = x ** 3 * y
(gx,) = torch.autograd.grad(f, x, create_graph=True)
print(gx)
(gxx, gxy) = torch.autograd.grad(gx, (x, y))
print(gxx, gxy)
v = torch.tensor([1.0, 2.0], requires_grad=True)
f = (v ** 3).sum()
(g,) = torch.autograd.grad(f, v, create_graph=True)
u = torch.tensor([1.0, 0.0])
(hvp,) = torch.autograd.grad(g @ u, v)
print(g, hvp)
z = torch.tensor(3.0, requires_grad=True)
out = z * 2
print(torch.autograd.grad(out, z, retain_graph=True))
print(torch.autograd.grad(out, z))
try:
    torch.autograd.grad(out, z)
except RuntimeError:
    print("RuntimeError")
a = torch.tensor(1.0, requires_grad=True)
b = torch.tensor(1.0, requires_grad=True)
try:
    torch.autograd.grad(a * 2, b)
except RuntimeError:
    print("RuntimeError")
print(torch.autograd.grad(a * 2, [a, b], allow_unused=True))
w = torch.tensor([1.0, 2.0], requires_grad=True)
out = w * 2
print(torch.autograd.grad(out, w, grad_outputs=torch.ones(2)))
try:
    torch.autograd.grad(out, w)
except RuntimeError:
    print("RuntimeError")
x = torch.tensor(2.0, requires_grad=True)
y = x ** 4
torch.autograd.backward(y)
print(x.grad)
