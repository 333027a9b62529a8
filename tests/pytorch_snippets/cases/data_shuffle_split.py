import torch
from torch.utils.data import DataLoader, TensorDataset, random_split

ds = TensorDataset(torch.arange(10.0), torch.arange(10))
train, valid = random_split(ds, [8, 2], generator=torch.Generator().manual_seed(42))
print(type(train).__name__, len(train), len(valid))
print(sorted(train.indices + valid.indices) == list(range(10)))
parts = random_split(range(10), [0.5, 0.3, 0.2])
print([len(p) for p in parts])
loader = DataLoader(ds, batch_size=3, shuffle=True, generator=torch.Generator().manual_seed(0))
seen = sorted(int(y) for _, yb in loader for y in yb)
print(seen, len(loader))
sizes = [len(yb) for _, yb in DataLoader(ds, batch_size=4, shuffle=True, drop_last=True)]
print(sizes)
try:
    random_split(ds, [5, 4])
except ValueError as error:
    print("ValueError:", error)
g = torch.Generator().manual_seed(3)
print(g.initial_seed())
