# Batched products: matmul broadcasting shapes, bmm, @ with 1-D operands, and their gradients.
import torch

a = torch.ones(2, 3, 4)
b = torch.ones(4, 5)
print((a @ b).shape, torch.matmul(a, torch.ones(2, 4, 6)).shape, torch.bmm(a, torch.ones(2, 4, 1)).shape)
print((torch.ones(3) @ torch.ones(3)).shape, (torch.ones(3) @ torch.ones(3, 2)).shape, (torch.ones(2, 3) @ torch.ones(3)).shape)
print(torch.matmul(torch.ones(5, 1, 2, 3), torch.ones(4, 3, 2)).shape)
q = torch.arange(12.0).reshape(1, 3, 4).requires_grad_()
k = torch.arange(12.0).reshape(1, 3, 4).flip(1)
att = q @ k.transpose(-2, -1)
print(att, att.grad_fn.name())
att.sum().backward()
print(q.grad)
try:
    torch.bmm(torch.ones(2, 3), torch.ones(3, 2))
except RuntimeError as e:
    print(type(e).__name__)
x = torch.tensor([[1.0, 2.0]], requires_grad=True)
W = torch.tensor([[1.0, 0.0, -1.0], [2.0, 1.0, 0.5]], requires_grad=True)
(x.mm(W)).sum().backward()
print(x.grad, W.grad, torch.mm(x, W).grad_fn.name(), x.matmul(W).grad_fn.name())
