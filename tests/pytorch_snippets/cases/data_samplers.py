# DataLoader with samplers and collate_fn: SequentialSampler, BatchSampler, a custom collate_fn, drop_last.
import torch
from torch.utils.data import BatchSampler, DataLoader, SequentialSampler, TensorDataset

ds = TensorDataset(torch.arange(10.0).reshape(5, 2), torch.tensor([0, 1, 0, 1, 1]))
print(list(SequentialSampler(ds)))
print(list(BatchSampler(SequentialSampler(range(7)), batch_size=3, drop_last=False)))
print(list(BatchSampler(SequentialSampler(range(7)), batch_size=3, drop_last=True)))
loader = DataLoader(ds, batch_size=2, drop_last=True)
print(len(loader), [y.tolist() for _, y in loader])


def collate(batch):
    xs, ys = zip(*batch)
    return torch.stack(xs).sum(1), torch.tensor(ys)


for xb, yb in DataLoader(ds, batch_size=3, collate_fn=collate):
    print(xb, yb)
loader = DataLoader(ds, batch_sampler=BatchSampler(SequentialSampler(ds), batch_size=4, drop_last=False))
print([x.shape for x, _ in loader])
loader = DataLoader(list(range(5)), batch_size=2)
print(list(loader))
loader = DataLoader([{"a": 1, "b": [1.0, 2.0]}, {"a": 2, "b": [3.0, 4.0]}], batch_size=2)
print(next(iter(loader)))
