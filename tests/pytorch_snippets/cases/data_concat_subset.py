import torch
from torch.utils.data import ConcatDataset, DataLoader, Subset, TensorDataset

a = TensorDataset(torch.arange(3.0), torch.zeros(3))
b = TensorDataset(torch.arange(10.0, 14.0), torch.ones(4))
both = ConcatDataset([a, b])
print(len(both), both[2], both[3], both[-1])
print((a + b)[4])
sub = Subset(both, [6, 0, 3])
print(len(sub), [sub[i][0].item() for i in range(len(sub))])
for x, y in DataLoader(sub, batch_size=2):
    print(x, y)
print(both.cumulative_sizes)
