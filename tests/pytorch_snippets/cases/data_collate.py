import torch
from torch.utils.data import DataLoader
from torch.utils.data import default_collate

print(default_collate([(1, 2.0, True), (3, 4.0, False)]))
print(default_collate([torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])]))
print(default_collate([[1, 2], [3, 4]]))
print(default_collate([{"a": 1.5, "b": torch.tensor(1)}, {"a": 2.5, "b": torch.tensor(2)}]))
pairs = [(torch.tensor([float(i)]), i % 3) for i in range(5)]
for features, labels in DataLoader(pairs, batch_size=2):
    print(features, labels)
words = ["a", "b", "c"]
print(next(iter(DataLoader(words, batch_size=2))))
print(list(DataLoader([1, 2, 3], batch_size=None)))


def collate_sum(batch):
    return sum(batch)


print(list(DataLoader([1, 2, 3, 4, 5], batch_size=2, collate_fn=collate_sum)))
