# Counting and gathering with index ops: scatter_add_, index_add_, bincount, index_select, take, gather.
import torch

ix1 = torch.tensor([0, 1, 1, 2, 0])
ix2 = torch.tensor([1, 2, 2, 0, 1])
V = 3
N = torch.zeros(V * V, dtype=torch.long).scatter_add_(0, ix1 * V + ix2, torch.ones(5, dtype=torch.long)).view(V, V)
print(N)
print(torch.bincount(ix1 * V + ix2, minlength=V * V).view(V, V))
acc = torch.zeros(V, 2).index_add_(0, ix1, torch.arange(10.0).reshape(5, 2))
print(acc)
x = torch.arange(12.0).reshape(3, 4)
print(x.index_select(0, torch.tensor([2, 0])), x.index_select(1, torch.tensor([3])))
print(torch.take(x, torch.tensor([0, 5, 11])))
print(x.gather(1, torch.tensor([[0, 3], [1, 1], [2, 0]])))
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
out = torch.zeros(2).scatter_add(0, torch.tensor([0, 1, 0]), w * 2)
out.sum().backward()
print(out, w.grad, out.grad_fn.name())
print(torch.einsum("ij,jk->ik", x, torch.ones(4, 2)), torch.einsum("ii", torch.eye(3)), torch.einsum("i,j->ij", torch.ones(2), torch.arange(3.0)))
print(torch.einsum("bij,bjk->bik", torch.ones(2, 2, 3), torch.ones(2, 3, 1)).shape)
