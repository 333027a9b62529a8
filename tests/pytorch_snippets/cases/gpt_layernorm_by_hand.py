# Karpathy "Let's build GPT": LayerNorm1d by hand (mean/var over the last dim) vs nn.LayerNorm, and positional embeddings.
import torch
from torch import nn


class LayerNorm1d:
    def __init__(self, dim, eps=1e-5):
        self.eps = eps
        self.gamma = torch.ones(dim)
        self.beta = torch.zeros(dim)

    def __call__(self, x):
        xmean = x.mean(1, keepdim=True)
        xvar = x.var(1, keepdim=True, unbiased=False)
        xhat = (x - xmean) / torch.sqrt(xvar + self.eps)
        self.out = self.gamma * xhat + self.beta
        return self.out

    def parameters(self):
        return [self.gamma, self.beta]


x = torch.arange(12, dtype=torch.float32).reshape(3, 4) ** 1.5
module = LayerNorm1d(4)
out = module(x)
print(out[:, 0].mean(), out[0, :].mean().abs() < 1e-6, out[0, :].std())
print(torch.allclose(out, nn.LayerNorm(4)(x), atol=1e-5))
B, T, C, vocab = 2, 3, 4, 5
tok = nn.Embedding(vocab, C)
pos = nn.Embedding(T, C)
with torch.no_grad():
    tok.weight.copy_(torch.arange(vocab * C, dtype=torch.float32).reshape(vocab, C))
    pos.weight.copy_(torch.arange(T * C, dtype=torch.float32).reshape(T, C) / 10)
idx = torch.tensor([[0, 1, 2], [4, 3, 2]])
tok_emb = tok(idx)
pos_emb = pos(torch.arange(T))
h = tok_emb + pos_emb
print(tok_emb.shape, pos_emb.shape, h.shape, h[1, 0])
head = nn.Linear(C, vocab, bias=False)
head.weight = tok.weight
print(head.weight is tok.weight, len(list(nn.ModuleList([tok, head]).parameters())))
