# makemore part 1: generating names from the bigram table, greedily (argmax) instead of sampling.
import torch

words = ["emma", "olivia", "ava", "isabella", "sophia", "charlotte", "mia", "amelia"]
chars = sorted(list(set("".join(words))))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi["."] = 0
itos = {i: s for s, i in stoi.items()}
N = torch.zeros((len(stoi), len(stoi)), dtype=torch.int32)
for w in words:
    chs = ["."] + list(w) + ["."]
    for ch1, ch2 in zip(chs, chs[1:]):
        N[stoi[ch1], stoi[ch2]] += 1
P = (N + 1).float()
P = P / P.sum(1, keepdim=True)
for start in ["a", "e", "o", "s"]:
    out = [start]
    ix = stoi[start]
    for _ in range(8):
        p = P[ix]
        ix = torch.argmax(p).item()
        if ix == 0:
            break
        out.append(itos[ix])
    print("".join(out))
print(N.max(), N.argmax(), divmod(N.argmax().item(), len(stoi)), itos[N[0].argmax().item()])
top = N[0].topk(3)
print(top.values, N[0].sort(descending=True).values[:3])
print(P[0].sum().item() == 1.0 or abs(P[0].sum().item() - 1.0) < 1e-6)
