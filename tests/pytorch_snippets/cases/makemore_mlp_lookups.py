# makemore part 2: embedding lookups C[5], C[[5,6,7]], C[X], view vs cat/unbind, learning-rate grid.
import random
import torch
import torch.nn.functional as F

C = torch.arange(27 * 2, dtype=torch.float32).reshape(27, 2) / 10
print(C[5])
print(F.one_hot(torch.tensor(5), num_classes=27).float() @ C)
print(C[[5, 6, 7]])
print(C[torch.tensor([5, 6, 7, 7, 7])])
X = torch.tensor([[0, 0, 5], [0, 5, 13], [5, 13, 13], [13, 13, 1]])
print(C[X].shape)
print(C[X][1, 2], C[X[1, 2]])
emb = C[X]
print(torch.cat([emb[:, 0, :], emb[:, 1, :], emb[:, 2, :]], 1).shape)
print(torch.cat(torch.unbind(emb, 1), 1).shape)
print(torch.equal(emb.view(4, 6), torch.cat(torch.unbind(emb, 1), 1)))
a = torch.arange(18)
print(a.view(2, 9), a.view(3, 3, 2).shape, a.view(9, 2)[-1])
lre = torch.linspace(-3, 0, 1000)
lrs = 10**lre
print(lre[:3], lrs[-3:], lrs.shape)
ix = torch.randint(0, X.shape[0], (32,))
print(ix.shape, ix.dtype, bool((ix < 4).all()))
random.seed(42)
words = ["emma", "olivia", "ava", "isabella", "sophia", "charlotte", "mia", "amelia", "harper", "evelyn"]
random.shuffle(words)
n1 = int(0.8 * len(words))
n2 = int(0.9 * len(words))
print(words[:n1], words[n1:n2], words[n2:])
