import torch
from torch.utils.data import DataLoader, TensorDataset, random_split, Dataset
ds = TensorDataset(torch.arange(10.).view(10, 1), torch.arange(10))
gen = torch.Generator().manual_seed(42)
train, val = random_split(ds, [7, 3], generator=gen)
print(len(train), len(val), type(train).__name__)
parts = random_split(range(10), [0.3, 0.3, 0.4], generator=torch.Generator().manual_seed(42))
print([len(p) for p in parts])
print(sorted(list(parts[0]) + list(parts[1]) + list(parts[2])))
class Words(Dataset):
    def __init__(self):
        self.data = [[1, 2, 3], [4, 5], [6], [7, 8, 9, 10]]
    def __len__(self):
        return len(self.data)
    def __getitem__(self, i):
        return torch.tensor(self.data[i]), len(self.data[i])
def pad_collate(batch):
    seqs, lens = zip(*batch)
    width = max(len(s) for s in seqs)
    out = torch.stack([torch.cat([s, s.new_zeros(width - len(s))]) for s in seqs])
    return out, torch.tensor(lens)
for x, l in DataLoader(Words(), batch_size=2, collate_fn=pad_collate):
    print(x, l)
for b in DataLoader(Words(), batch_size=3, collate_fn=lambda b: b):
    print(b)
loader = DataLoader(ds, batch_size=4, drop_last=True)
print(len(loader))
for xb, yb in loader:
    print(xb.squeeze(1), yb)
print(next(iter(DataLoader([{'a': 1, 'b': torch.ones(2)}, {'a': 2, 'b': torch.zeros(2)}], batch_size=2))))
print(next(iter(DataLoader([(1, 2.5, 'x'), (3, 4.5, 'y')], batch_size=2))))
