# Autograd: .grad of a non-leaf warns and is None unless retain_grad(); is_leaf and grad_fn.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x * 2
z = (y ** 2).sum()
print(x.is_leaf, y.is_leaf, z.is_leaf)
z.backward()
print(y.grad)
print(x.grad)
y = x * 2
y.retain_grad()
z = (y ** 2).sum()
z.backward()
print(y.grad, y.retains_grad, x.grad)
w = torch.tensor([1.0, 2.0])
print(w.is_leaf, w.grad_fn, w.requires_grad)
w2 = w.detach().requires_grad_()
print(w2.is_leaf, w2.requires_grad)
v = torch.ones(2, requires_grad=True) * 3
print(v.is_leaf, v.grad_fn.name(), v.grad_fn.next_functions[0][0].__class__.__name__)
