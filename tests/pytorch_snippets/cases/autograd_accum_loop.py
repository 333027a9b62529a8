import torch
w = torch.tensor([0.5, -0.5], requires_grad=True)
for i in range(3):
    loss = (w * w).sum() * (i + 1)
    loss.backward()
    print(i, w.grad)
w.grad.zero_()
print(w.grad)
x = torch.tensor(2.0, requires_grad=True)
y = x * x
y.retain_grad()
z = y * 3
z.retain_grad()
z.backward()
print(x.grad, y.grad, z.grad)
a = torch.tensor([1.0, 2.0], requires_grad=True)
b = a * 2
try:
    b.requires_grad_(False)
except RuntimeError:
    print("RuntimeError")
c = b.detach_()
print(c is b, b.requires_grad, b.grad_fn, b.is_leaf)
try:
    torch.tensor([1, 2], requires_grad=True)
except RuntimeError:
    print("RuntimeError")
k = torch.tensor([1.0, 2.0]) * 3 + 1
print(k.requires_grad)
q = a + torch.tensor([1.0, 1.0])
print(q.requires_grad, type(q.grad_fn).__name__)
print((a * 0).requires_grad, (a > 1).requires_grad, a.argmax().requires_grad)
print(a.detach().requires_grad, a.sum().item())
