# grad_fn names PyTorch prints: double backward, reshape of a transposed tensor, 0-d index, CopySlices.
import torch

x = torch.tensor([0.5, 1.0], requires_grad=True)
y = torch.tanh(x)
(g,) = torch.autograd.grad(y.sum(), x, create_graph=True)
print(g.grad_fn.name())
y = torch.sigmoid(x)
(g,) = torch.autograd.grad(y.sum(), x, create_graph=True)
print(g.grad_fn.name())
m = torch.arange(6.0).reshape(2, 3).requires_grad_()
print(m.t().reshape(6).grad_fn.name(), m.reshape(3, 2).grad_fn.name(), m.t().contiguous().view(6).grad_fn.name())
print(m[torch.tensor(1)].grad_fn.name(), m[1].grad_fn.name(), m[:, 1].grad_fn.name(), m[[0, 1]].grad_fn.name())
c = m.clone()
c[0, 1] = 10.0
print(c.grad_fn.name(), c)
c.sum().backward()
print(m.grad)
d = m * 1
d[0] = d[1]
print(d.grad_fn.name())
print(m.exp().grad_fn.name(), (m @ m.t()).grad_fn.name(), m.sum(0).grad_fn.name(), m.mean().grad_fn.name())
