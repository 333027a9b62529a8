# makemore part 2: a character-level MLP with an embedding table, on a tiny fixed dataset.
import torch
import torch.nn.functional as F

words = ["emma", "olivia", "ava"]
chars = sorted(set("".join(words)))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi["."] = 0
itos = {i: s for s, i in stoi.items()}
block_size = 3
X, Y = [], []
for w in words:
    context = [0] * block_size
    for ch in w + ".":
        ix = stoi[ch]
        X.append(context)
        Y.append(ix)
        context = context[1:] + [ix]
X = torch.tensor(X)
Y = torch.tensor(Y)
print(X.shape, X.dtype, Y.shape, Y.dtype)
vocab = len(stoi)
C = torch.linspace(-1, 1, vocab * 2).reshape(vocab, 2).requires_grad_()
W1 = (torch.linspace(-0.5, 0.5, 6 * 10).reshape(6, 10)).requires_grad_()
b1 = torch.zeros(10, requires_grad=True)
W2 = (torch.linspace(0.3, -0.3, 10 * vocab).reshape(10, vocab)).requires_grad_()
b2 = torch.zeros(vocab, requires_grad=True)
parameters = [C, W1, b1, W2, b2]
print(sum(p.nelement() for p in parameters))
for step in range(30):
    emb = F.embedding(X, C)
    h = torch.tanh(emb.view(-1, 6) @ W1 + b1)
    logits = h @ W2 + b2
    loss = F.cross_entropy(logits, Y)
    for p in parameters:
        p.grad = None
    loss.backward()
    for p in parameters:
        p.data += -0.5 * p.grad
    if step % 10 == 0:
        print(step, f"{loss.item():.4f}")
print(emb.shape, type(emb.grad_fn).__name__, f"{loss.item():.4f}")
