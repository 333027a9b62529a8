# makemore part 1, the neural-net bigram: one_hot inputs, logits.exp(), probs[range(n), ys], descent.
import torch
import torch.nn.functional as F

words = ["emma", "olivia", "ava"]
chars = sorted(list(set("".join(words))))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi["."] = 0
V = len(stoi)
xs, ys = [], []
for w in words:
    chs = ["."] + list(w) + ["."]
    for ch1, ch2 in zip(chs, chs[1:]):
        xs.append(stoi[ch1])
        ys.append(stoi[ch2])
xs = torch.tensor(xs)
ys = torch.tensor(ys)
num = xs.nelement()
print("number of examples: ", num)
xenc = F.one_hot(xs, num_classes=V).float()
print(xenc.shape, xenc.dtype, xenc[:2])
W = (torch.arange(V * V, dtype=torch.float32).reshape(V, V) % 7 / 7 - 0.5).requires_grad_()
for k in range(5):
    xenc = F.one_hot(xs, num_classes=V).float()
    logits = xenc @ W
    counts = logits.exp()
    probs = counts / counts.sum(1, keepdims=True)
    loss = -probs[torch.arange(num), ys].log().mean() + 0.01 * (W**2).mean()
    print(loss.item() > 0, loss)
    W.grad = None
    loss.backward()
    W.data += -10 * W.grad
print(probs[range(3), ys[:3]])
print(probs[0].sum(), probs.shape, W.grad.shape)
print(F.one_hot(torch.tensor([0, 2, 1])))
print(F.one_hot(torch.tensor(3), 5))
