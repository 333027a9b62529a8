# torch.nn.functional docstring examples with fixed weights: F.embedding (with padding_idx),
# nn.Embedding.from_pretrained, F.normalize (p, dim), F.pad (constant, reflect, replicate, circular),
# and their gradients.
import torch
import torch.nn.functional as F

input = torch.tensor([[1, 2, 4, 5], [4, 3, 2, 9]])
embedding_matrix = torch.arange(30.).reshape(10, 3) / 10
print(F.embedding(input, embedding_matrix))
weights = torch.rand(10, 3)
weights[0, :].zero_()
embedding_matrix = weights
input = torch.tensor([[0, 2, 0, 5]])
print(F.embedding(input, embedding_matrix, padding_idx=0)[0, ::2])
w = torch.tensor([[1.0, 2.3, 3.0], [4.0, 5.1, 6.3]], requires_grad=True)
emb = torch.nn.Embedding.from_pretrained(w.detach())
print(emb(torch.tensor([1])), emb.weight.requires_grad)
F.embedding(torch.tensor([1, 1, 0]), w).sum().backward()
print(w.grad)

x = torch.tensor([[3.0, 4.0], [1.0, 0.0], [0.0, 0.0]], requires_grad=True)
print(F.normalize(x), F.normalize(x, p=1, dim=1), F.normalize(x, dim=0))
F.normalize(x)[0, 0].backward()
print(x.grad)

t4d = torch.arange(2 * 1 * 2 * 3.).reshape(2, 1, 2, 3)
p1d = (1, 1)
out = F.pad(t4d, p1d, "constant", 0)
print(out.size(), out[0, 0])
p2d = (1, 1, 2, 2)
print(F.pad(t4d, p2d, "constant", 0).size())
t4d = torch.ones(3, 3, 4, 2)
p3d = (0, 1, 2, 1, 3, 3)
print(F.pad(t4d, p3d, "constant", 0).size())
s = torch.arange(1., 5.).reshape(1, 1, 4)
print(F.pad(s, (2, 1), mode='reflect'), F.pad(s, (2, 1), mode='replicate'), F.pad(s, (2, 1), mode='circular'))
print(F.pad(s, (1, 1), value=-1.5))
v = s.clone().requires_grad_()
F.pad(v, (2, 1), mode='reflect').sum().backward()
print(v.grad)
