# Comparisons and logical ops: allclose/isclose/equal, eq/ne/gt, logical_and/or/not, any/all along dims.
import torch

a = torch.tensor([1.0, 2.0, 3.0])
b = torch.tensor([1.0, 2.00001, 2.5])
print(torch.allclose(a, b), torch.allclose(a[:2], b[:2]), torch.isclose(a, b), torch.equal(a, a.clone()))
print(a.eq(b), a.ne(b), a.gt(b), a.ge(2), a.lt(b), a.le(2.0), a == 2, a != 2)
m = a > 1.5
print(m, ~m, m & (a < 3), m | (a < 1.5), torch.logical_not(m), torch.logical_and(m, a < 3), torch.logical_or(m, m))
x = torch.tensor([[True, False], [True, True]])
print(x.all(), x.any(), x.all(dim=1), x.any(dim=0), torch.all(x, 0), x.sum(1))
print(torch.tensor([0, 1, 2]).bool(), torch.tensor([0.0, 0.5]).bool().any())
print(torch.maximum(a, b), torch.minimum(a, b), torch.max(a, b), torch.sign(a - b))
print(a.masked_fill(m, 0.0), torch.where(m, a, -a), a[m], torch.nonzero(m), m.nonzero().squeeze(1))
