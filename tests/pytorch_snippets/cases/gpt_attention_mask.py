# Karpathy "Let's build GPT": the mathematical trick of self-attention with tril, masked_fill and softmax.
import torch
from torch.nn import functional as F

a = torch.tril(torch.ones(3, 3))
a = a / torch.sum(a, 1, keepdim=True)
b = torch.arange(6).reshape(3, 2).float()
c = a @ b
print("a=", a, "--", "b=", b, "--", "c=", c, sep="\n")
B, T, C = 2, 4, 2
x = torch.arange(B * T * C, dtype=torch.float32).reshape(B, T, C)
xbow = torch.zeros((B, T, C))
for bi in range(B):
    for t in range(T):
        xprev = x[bi, :t + 1]
        xbow[bi, t] = torch.mean(xprev, 0)
wei = torch.tril(torch.ones(T, T))
wei = wei / wei.sum(1, keepdim=True)
xbow2 = wei @ x
print(torch.allclose(xbow, xbow2))
tril = torch.tril(torch.ones(T, T))
wei = torch.zeros((T, T))
wei = wei.masked_fill(tril == 0, float("-inf"))
print(wei)
wei = F.softmax(wei, dim=-1)
xbow3 = wei @ x
print(wei, torch.allclose(xbow, xbow3))
q = x
k = x.flip(1)
w2 = q @ k.transpose(-2, -1) * C ** -0.5
w2 = w2.masked_fill(tril[:T, :T] == 0, float("-inf"))
print(F.softmax(w2, dim=-1)[0])
