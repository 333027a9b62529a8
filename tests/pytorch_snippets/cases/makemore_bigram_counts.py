# float32 order: PyTorch's (a row of probabilities sums to 0.99999994 with its order, printed tensor(1.0000))
# makemore part 1: bigram counts in an int32 table, normalized rows, log-likelihood of the words.
import torch

words = ["emma", "olivia", "ava", "isabella", "sophia", "mia"]
chars = sorted(list(set("".join(words))))
stoi = {s: i + 1 for i, s in enumerate(chars)}
stoi["."] = 0
itos = {i: s for s, i in stoi.items()}
V = len(stoi)
N = torch.zeros((V, V), dtype=torch.int32)
for w in words:
    chs = ["."] + list(w) + ["."]
    for ch1, ch2 in zip(chs, chs[1:]):
        ix1 = stoi[ch1]
        ix2 = stoi[ch2]
        N[ix1, ix2] += 1
print(N[0], N.dtype, N.sum())
p = N[0].float()
p = p / p.sum()
print(p)
P = (N + 1).float()
P /= P.sum(1, keepdims=True)
print(P.shape, P[0].sum(), P.sum(1, keepdim=True).shape)
log_likelihood = 0.0
n = 0
for w in words[:2]:
    chs = ["."] + list(w) + ["."]
    for ch1, ch2 in zip(chs, chs[1:]):
        ix1 = stoi[ch1]
        ix2 = stoi[ch2]
        prob = P[ix1, ix2]
        logprob = torch.log(prob)
        log_likelihood += logprob
        n += 1
        print(f"{ch1}{ch2}: {prob:.4f} {logprob:.4f}")
print(f"{log_likelihood=}")
nll = -log_likelihood
print(f"{nll=}")
print(f"{nll/n}")
g = torch.Generator().manual_seed(2147483647)
ix = torch.multinomial(torch.tensor([0.0, 1.0, 0.0]), num_samples=1, replacement=True, generator=g).item()
print(ix, itos[ix])
