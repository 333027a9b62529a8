# Docstring examples of torch.matmul broadcasting, mm, mv, dot, outer, bmm, addmm, einsum batch forms,
# tensordot, and their shapes/gradients (fixed values instead of randn).
import torch

t = torch.arange(1., 13.)
print(torch.matmul(t[:3], t[3:6]).size(), torch.matmul(t[:3], t[3:6]))
m = t[:12].reshape(3, 4)
v = torch.tensor([1., 0., -1., 2.])
print(torch.matmul(m, v).size(), torch.matmul(m, v))
b = torch.arange(24.).reshape(2, 3, 4) / 10
print(torch.matmul(b, torch.ones(4, 5)).size())
print(torch.matmul(b, v).size(), torch.matmul(b, v))
print(torch.matmul(torch.ones(10, 1, 3, 4), torch.ones(5, 4, 2)).size())
print(torch.mm(torch.tensor([[1., 2.], [3., 4.]]), torch.tensor([[0., 1., 2.], [1., 0., -1.]])))
print(torch.mv(m, v))
print(torch.dot(torch.tensor([2, 3]), torch.tensor([2, 1])))
print(torch.outer(torch.arange(1., 5.), torch.arange(1., 4.)))
print(torch.bmm(b, torch.ones(2, 4, 2)))
M = torch.tensor([[1., 1., 1.], [2., 2., 2.]])
mat1 = torch.tensor([[1., 2.], [3., 4.]])
mat2 = torch.tensor([[1., 0., 1.], [0., 1., 1.]])
print(torch.addmm(M, mat1, mat2))
print(torch.addmm(M, mat1, mat2, beta=0.5, alpha=2))
print(torch.einsum('i,i->', torch.tensor([1., 2.]), torch.tensor([3., 4.])))
print(torch.einsum('bij,bjk->bik', b, torch.ones(2, 4, 1)))
print(torch.einsum('ii->i', torch.arange(9.).reshape(3, 3)))
print(torch.einsum('...ij->...ji', b).shape)
print(torch.einsum('i,j->ij', torch.tensor([1., 2.]), torch.tensor([1., 10., 100.])))
print(torch.tensordot(torch.arange(60.).reshape(3, 4, 5), torch.arange(24.).reshape(4, 3, 2), dims=([1, 0], [0, 1])))

A = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
x = torch.tensor([0.5, -1.0], requires_grad=True)
y = torch.mv(A, x)
y.sum().backward()
print(y, A.grad, x.grad)
A.grad = None
x.grad = None
o = torch.outer(x, x)
o.sum().backward()
print(o, x.grad)
C = torch.addmm(torch.ones(2), A, A.t(), beta=2, alpha=0.5)
C.sum().backward()
print(C, C.grad_fn.name(), A.grad)
