import torch
import torch.nn.functional as F
print(F.one_hot(torch.arange(0, 5) % 3))
print(F.one_hot(torch.arange(0, 5) % 3, num_classes=5))
print(F.one_hot(torch.arange(0, 6).view(3, 2) % 3))
print(F.one_hot(torch.tensor([2, 0])).dtype)
print(F.one_hot(torch.tensor(2), 4))
try:
    F.one_hot(torch.tensor([3]), 2)
except RuntimeError as e:
    print('RuntimeError')
