import torch
from torch import nn
import torch.nn.functional as F

emb = nn.Embedding(5, 3)
print(emb, emb.weight.shape, emb.weight.requires_grad)
with torch.no_grad():
    emb.weight.copy_(torch.arange(15.0).reshape(5, 3) / 10)
idx = torch.tensor([[0, 2, 2], [4, 1, 0]])
out = emb(idx)
print(out.shape, type(out.grad_fn).__name__)
print(out[1])
out.sum().backward()
print(emb.weight.grad)
pad = nn.Embedding(4, 2, padding_idx=0)
print(pad, pad.weight[0])
pad(torch.tensor([0, 0, 3])).sum().backward()
print(pad.weight.grad)
pre = nn.Embedding.from_pretrained(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
print(pre, pre(torch.tensor([1, 1, 0])), pre.weight.requires_grad)
print(F.embedding(torch.tensor([2, 0]), torch.eye(3)))
try:
    emb(torch.tensor([5]))
except IndexError:
    print("IndexError")
try:
    emb(torch.tensor([1.0]))
except RuntimeError:
    print("RuntimeError")
