# Examples from the docstrings of torch.gather, Tensor.scatter_, scatter_add_, index_add_, index_select,
# masked_fill and take (torch/_torch_docs.py, torch/_tensor_docs.py), with gradients through them.
import torch

t = torch.tensor([[1, 2], [3, 4]])
print(torch.gather(t, 1, torch.tensor([[0, 0], [1, 0]])))

src = torch.arange(1, 11).reshape((2, 5))
print(src)
index = torch.tensor([[0, 1, 2, 0]])
print(torch.zeros(3, 5, dtype=src.dtype).scatter_(0, index, src))
index = torch.tensor([[0, 1, 2], [0, 1, 4]])
print(torch.zeros(3, 5, dtype=src.dtype).scatter_(1, index, src))
print(torch.full((2, 4), 2.).scatter_(1, torch.tensor([[2], [3]]), 1.23, reduce='multiply'))
print(torch.full((2, 4), 2.).scatter_(1, torch.tensor([[2], [3]]), 1.23, reduce='add'))

src = torch.ones((2, 5))
index = torch.tensor([[0, 1, 2, 0, 0]])
print(torch.zeros(3, 5, dtype=src.dtype).scatter_add_(0, index, src))
index = torch.tensor([[0, 1, 2, 0, 0], [0, 1, 2, 2, 2]])
print(torch.zeros(3, 5, dtype=src.dtype).scatter_add_(0, index, src))

x = torch.ones(5, 3)
t = torch.tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]], dtype=torch.float)
index = torch.tensor([0, 4, 2])
print(x.index_add_(0, index, t))
print(x.index_add_(0, index, t, alpha=-1))

x = torch.tensor([[0.3367, 0.1288, 0.2345, 0.2303],
                  [-1.1229, -0.1863, 2.2082, -0.6380],
                  [0.4617, 0.2674, 0.5349, 0.8094]])
indices = torch.tensor([0, 2])
print(torch.index_select(x, 0, indices))
print(torch.index_select(x, 1, indices))

src = torch.tensor([[4, 3, 5], [6, 7, 8]])
print(torch.take(src, torch.tensor([0, 2, 5])))

m = torch.tensor([[True, False, False, True], [False, False, True, False], [True, True, False, False]])
print(x.masked_fill(m, 0.0))
print(x.masked_fill(~m, float('-inf')).softmax(dim=1))

w = torch.tensor([[1., 2., 3.], [4., 5., 6.]], requires_grad=True)
g = torch.gather(w, 1, torch.tensor([[0, 0], [2, 1]]))
g.sum().backward()
print(g, w.grad)
w.grad = None
s = torch.zeros(3, 3).scatter(0, torch.tensor([[0, 1, 2], [2, 0, 1]]), w)
(s * torch.arange(9.).reshape(3, 3)).sum().backward()
print(s.grad_fn.name(), w.grad)
w.grad = None
sel = w.index_select(1, torch.tensor([2, 2, 0]))
sel.pow(2).sum().backward()
print(sel, w.grad)
