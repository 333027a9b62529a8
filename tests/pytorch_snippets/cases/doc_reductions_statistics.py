# Docstring examples of std/var (correction, unbiased, dims), median, mode, kthvalue, logsumexp, prod,
# amax/amin, nansum/nanmean, count_nonzero and aminmax-free min/max with dim, with gradients.
import torch

a = torch.tensor([[0.2035, 1.2959, 1.8101, -0.4644],
                  [1.5027, -0.3270, 0.5905, 0.6538],
                  [-1.5745, 1.3330, -0.5596, -0.6548],
                  [0.1264, -0.5080, 1.6420, 0.1992]])
print(torch.std(a, dim=1, keepdim=True))
print(torch.std(a, dim=1, correction=0))
print(torch.var(a, dim=1, keepdim=True))
print(torch.var(a, 0, unbiased=False))
print(a.std(), a.var(correction=2))
print(torch.median(a), torch.median(a, 1))
print(torch.median(torch.tensor([1., 2., 3., 4.])))
print(torch.nanmedian(torch.tensor([1., float('nan'), 3., 2.])))
b = torch.tensor([6, 5, 1, 0, 2, 5, 5, 1])
print(torch.mode(b, 0))
x = torch.arange(1., 6.)
print(torch.kthvalue(x, 4))
x = torch.arange(1., 7.).reshape(2, 3)
print(torch.kthvalue(x, 2, 0, True))
print(torch.logsumexp(a, dim=1))
print(torch.logsumexp(torch.tensor([1000., 1000.]), 0))
print(torch.prod(torch.tensor([[0.5, -2.0], [3.0, 4.0]]), 1), torch.prod(torch.tensor([1, 2, 3])))
print(torch.amax(a, 1), torch.amin(a, 0), torch.amax(a, (0, 1)))
print(torch.max(a, 1), torch.min(a, 1, keepdim=True))
n = torch.tensor([1., 2., float('nan'), 4.])
print(torch.nansum(n), n.sum(), torch.nanmean(n), n.nanmean())
print(torch.count_nonzero(torch.tensor([[0, 1, 7], [0, 0, 3]])),
      torch.count_nonzero(torch.tensor([[0, 1, 7], [0, 0, 3]]), dim=0))

w = torch.tensor([[1.0, 3.0, 2.0], [5.0, 4.0, 6.0]], requires_grad=True)
w.std(dim=1).sum().backward()
print(w.grad)
w.grad = None
w.var().backward()
print(w.grad)
w.grad = None
torch.logsumexp(w, 1).sum().backward()
print(w.grad)
w.grad = None
v, i = w.median(dim=1)
v.sum().backward()
print(v, i, w.grad)
w.grad = None
w.prod().backward()
print(w.grad)
w.grad = None
torch.amax(w, 0).sum().backward()
print(w.grad)
