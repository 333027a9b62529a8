# random_split and Subset: lengths, fractions, disjoint indices covering the dataset (the order is random).
import torch
from torch.utils.data import DataLoader, Subset, TensorDataset, random_split

ds = TensorDataset(torch.arange(10.0), torch.arange(10) % 2)
train, val = random_split(ds, [8, 2], generator=torch.Generator().manual_seed(0))
print(len(train), len(val), type(train).__name__)
print(sorted(train.indices + val.indices) == list(range(10)), set(train.indices).isdisjoint(val.indices))
a, b, c = random_split(range(10), [0.5, 0.3, 0.2])
print(len(a), len(b), len(c))
sub = Subset(ds, [1, 3, 5])
print(len(sub), sub[1], [x.item() for x, _ in sub])
loader = DataLoader(sub, batch_size=2)
print([xb.tolist() for xb, _ in loader], len(loader.dataset), loader.batch_size)
print(next(iter(DataLoader(train, batch_size=8)))[0].shape)
