import torch
from torch.utils.data import DataLoader, IterableDataset


class Counter(IterableDataset):
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        for i in range(self.n):
            yield torch.tensor([float(i), float(i * i)]), i % 2


loader = DataLoader(Counter(7), batch_size=3)
for features, labels in loader:
    print(features.shape, labels)
print([int(x[0]) for x, _ in DataLoader(Counter(3), batch_size=None)])
print(len(list(DataLoader(Counter(7), batch_size=3, drop_last=True))))
try:
    DataLoader(Counter(3), shuffle=True)
except ValueError as error:
    print("ValueError")
