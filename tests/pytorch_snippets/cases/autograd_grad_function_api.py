# torch.autograd.grad and torch.autograd.backward with several inputs and outputs, allow_unused, grad_outputs.
import torch

x = torch.tensor(2.0, requires_grad=True)
y = torch.tensor(3.0, requires_grad=True)
z = x * y + y ** 2
print(torch.autograd.grad(z, [x, y]))
u = torch.tensor(1.0, requires_grad=True)
print(torch.autograd.grad(x * 3, [x, u], allow_unused=True))
try:
    torch.autograd.grad(x * 3, [x, u])
except RuntimeError as e:
    print(type(e).__name__)
v = torch.tensor([1.0, 2.0], requires_grad=True)
out = v * v
print(torch.autograd.grad(out, v, grad_outputs=torch.tensor([1.0, 0.5])))
a = torch.tensor([1.0, 2.0], requires_grad=True)
y1 = (a ** 2).sum()
y2 = (3 * a).sum()
torch.autograd.backward([y1, y2])
print(a.grad)
a.grad = None
torch.autograd.backward([a * 2], [torch.tensor([1.0, -1.0])])
print(a.grad, x.grad, y.grad)
w = torch.ones(2, requires_grad=True)
l = (w * torch.tensor([2.0, 3.0])).sum()
l.backward(inputs=[w])
print(w.grad)
