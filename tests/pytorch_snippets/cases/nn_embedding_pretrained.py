# nn.Embedding: lookups with index tensors of any shape, padding_idx gradients, from_pretrained (frozen).
import torch
from torch import nn

emb = nn.Embedding(5, 2, padding_idx=0)
with torch.no_grad():
    emb.weight.copy_(torch.arange(10.0).reshape(5, 2))
print(emb)
idx = torch.tensor([[0, 2], [4, 2]])
out = emb(idx)
print(out.shape, out)
out.sum().backward()
print(emb.weight.grad)
pre = nn.Embedding.from_pretrained(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
print(pre.weight.requires_grad, pre(torch.tensor([1, 0, 1])))
pre2 = nn.Embedding.from_pretrained(torch.tensor([[1.0, 2.0], [3.0, 4.0]]), freeze=False)
print(pre2.weight.requires_grad, pre2.num_embeddings, pre2.embedding_dim)
try:
    emb(torch.tensor([5]))
except IndexError as e:
    print(type(e).__name__)
