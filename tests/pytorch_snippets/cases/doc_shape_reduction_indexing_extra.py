# Shape, reduction and indexing functions from the torch documentation (their docs' examples,
# with gradients and printing).
import torch
a = torch.arange(1., 10.).view(3, 3)
print(torch.diag_embed(torch.tensor([[1., 2.], [3., 4.]])))
print(torch.diag_embed(torch.tensor([[1., 2.], [3., 4.]]), offset=1, dim1=0, dim2=2).shape)
print(torch.diagflat(torch.tensor([[1., 2.], [3., 4.]])))
print(torch.rot90(torch.arange(4).view(2, 2), 1, [0, 1]))
print(torch.rot90(torch.arange(8).view(2, 2, 2), -1, [1, 2]))
print(torch.cummax(torch.tensor([1., 3., 2., 5., 4.]), dim=0))
print(torch.cummin(torch.tensor([[2., 1., 1.], [0., 3., -1.]]), 1))
print(torch.logcumsumexp(torch.tensor([0., 1., 2., 1000.]), dim=0))
print(torch.inner(torch.tensor([1., 2, 3]), torch.tensor([0., 2, 1])))
print(torch.inner(torch.arange(6.).view(2, 3), torch.ones(4, 3)))
print(torch.outer(torch.arange(1., 4.), torch.arange(1., 3.)))
print(torch.cross(torch.tensor([[1., 0, 0]]), torch.tensor([[0., 1, 0]]), dim=1))
print(torch.linalg.cross(torch.tensor([[1., 2, 3], [4, 5, 6]]), torch.tensor([[1., 0, 0]])))
print(torch.kron(torch.eye(2), torch.ones(2, 2)))
print(torch.kron(torch.tensor([1, 2]), torch.tensor([[1, 10], [100, 1000]])))
print(torch.block_diag(torch.tensor([[0, 1], [1, 0]]), torch.tensor([[3, 4, 5]]), torch.tensor(7)))
print(torch.vander(torch.tensor([1, 2, 3, 5])))
print(torch.vander(torch.tensor([1., 2., 3.]), N=3, increasing=True))
print(torch.trapezoid(torch.tensor([1., 5., 10.])), torch.trapezoid(torch.tensor([1., 5., 10.]), dx=2))
print(torch.trapezoid(torch.tensor([1., 5., 10.]), torch.tensor([1., 3., 6.])))
print(torch.trapz(torch.arange(9.).view(3, 3), dim=0))
print(torch.cumulative_trapezoid(torch.tensor([1., 5., 10.])))
print(torch.aminmax(torch.tensor([1., -3., 5.])))
print(torch.aminmax(torch.tensor([[1., -3., 5.], [0., 2., -1.]]), dim=1, keepdim=True))
print(torch.cov(torch.tensor([[0., 1, 2], [2, 1, 0]])))
print(torch.cov(torch.tensor([[0., 1, 2], [2, 1, 0]]), correction=0, fweights=torch.tensor([1, 2, 1])))
print(torch.corrcoef(torch.tensor([[0., 1, 2], [1, 3, 2]])))
x = torch.ones(5, 3)
t = torch.tensor([[1., 2, 3], [4, 5, 6], [7, 8, 9]])
index = torch.tensor([0, 4, 2])
print(x.index_copy(0, index, t))
print(x.index_fill(1, torch.tensor([0, 2]), -1))
print(x.index_add(0, index, t, alpha=2))
y = x.clone()
y.index_fill_(0, torch.tensor([1]), 7.)
print(y)
m = torch.tensor([[True, False, True], [False, True, False], [True, True, False]])
print(torch.masked_select(t, m))
print(t.masked_scatter(m, torch.arange(10., 20.)))
print(torch.tensor_split(torch.arange(8), 3), torch.tensor_split(torch.arange(7), (1, 6)))
print(torch.tensor_split(torch.arange(14).reshape(2, 7), 3, dim=1))
print(torch.hsplit(torch.arange(16.).reshape(4, 4), 2))
print(torch.vsplit(torch.arange(16.).reshape(4, 4), [3, 6]))
print(torch.dsplit(torch.arange(16.).reshape(2, 2, 4), [3, 6]))
print(torch.renorm(torch.tensor([[1., 1, 1], [2, 2, 2], [3, 3, 3]]), 1, 0, 5))
print(torch.std_mean(torch.tensor([[1., 2., 4.], [0., 3., 3.]]), dim=1))
print(torch.var_mean(torch.tensor([[1., 2., 4.], [0., 3., 3.]]), 0, unbiased=False))
print(torch.combinations(torch.tensor([1, 2, 3])), torch.combinations(torch.tensor([1, 2]), with_replacement=True))

# Gradients and the nodes they come from
w = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]], requires_grad=True)
for out in [torch.rot90(w), w.cummax(1).values, w.logcumsumexp(0), torch.kron(w, torch.ones(2)),
            torch.block_diag(w, w[0]), w.aminmax().max, torch.std_mean(w, 1)[0], torch.var_mean(w)[1],
            torch.diag_embed(w), w.index_copy(1, torch.tensor([1]), torch.ones(2, 1)),
            w.index_fill(0, torch.tensor([0]), 0.), w.masked_select(w > 0), w.masked_scatter(w < 0, torch.zeros(6)),
            w.renorm(2, 0, 1.), torch.linalg.cross(w, w.flip(1)), torch.cov(w), torch.corrcoef(w),
            torch.trapezoid(w), torch.cumulative_trapezoid(w), torch.inner(w, w), torch.tensor_split(w, 2, 1)[1]]:
    w.grad = None
    (out * torch.arange(out.numel()).view(out.shape)).sum().backward()
    print(type(out.grad_fn).__name__, w.grad)
