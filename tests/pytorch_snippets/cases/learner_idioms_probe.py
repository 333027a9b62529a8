# Idioms from tutorial data and training code: accuracy from argmax, thresholding, clamp with float bounds on labels, masks, in-place index writes, batched matmul shapes.
import torch
import torch.nn as nn
import torch.nn.functional as F

probs = torch.tensor([[0.1, 0.9], [0.8, 0.2], [0.4, 0.6]])
y = torch.tensor([1, 0, 0])
correct = probs.argmax(dim=1) == y
print(correct, correct.float().mean(), correct.sum().item(), (correct.sum() / len(y)).item())
print(torch.tensor([0.3, 0.7]) > 0.5, (torch.tensor([0.3, 0.7]) > 0.5).float())
print(torch.where(torch.tensor([0.3, 0.7]) > 0.5, 1, 0), torch.where(torch.tensor([0.3, 0.7]) > 0.5, 1.0, 0))
print(torch.where(torch.tensor([True, False]), torch.tensor([1, 2]), 0.5))
labels = torch.tensor([1, 5, 9])
print(torch.clamp(labels, 2, 6), torch.clamp(labels, 2.5, 6), labels.clamp(min=2.5), labels.clamp_max(6.5))
try:
    labels.clone().clamp_(0.5)
except RuntimeError as e:
    print("RuntimeError")
x = torch.zeros(3)
x[torch.tensor([0, 0, 1])] += 1
print(x)
x = torch.zeros(3)
x.index_add_(0, torch.tensor([0, 0, 1]), torch.ones(3))
print(x)
x = torch.arange(6.).reshape(2, 3)
x[x > 2] = 0
x[:, torch.tensor([True, False, True])] = torch.tensor([9., 8.])
x[..., 1] = -1
print(x)
print(torch.tensor([[1, 2], [3, 4]])[[0, 1]], torch.tensor([[1, 2], [3, 4]])[(0, 1)], torch.tensor([[1, 2], [3, 4]])[[0, 1], [1, 0]])
print(torch.tensor([1.0, float('nan'), 3.0]).max(), torch.tensor([1.0, float('nan'), 3.0]).argmax())
print(torch.tensor([1.0, float('nan'), 3.0]).sort())
print(torch.maximum(torch.tensor([1.0, float('nan')]), torch.tensor([2.0, 0.0])), torch.tensor([float('nan'), 1.0]).clamp(0, 0.5))
print(torch.matmul(torch.ones(1, 2, 3), torch.ones(4, 3, 2)).shape, torch.matmul(torch.ones(4, 1, 2, 3), torch.ones(5, 3, 1)).shape)
try:
    torch.matmul(torch.ones(2, 1, 3), torch.ones(4, 3, 2))
except RuntimeError as e:
    print("RuntimeError:", str(e)[:70])
print(nn.CrossEntropyLoss(ignore_index=0)(torch.tensor([[1.0, 2.0], [0.5, 0.1]]), torch.tensor([0, 1])))
print(nn.CrossEntropyLoss(ignore_index=0)(torch.tensor([[1.0, 2.0]]), torch.tensor([0])))
print(F.cross_entropy(torch.tensor([[1000.0, 0.0]]), torch.tensor([1])), F.binary_cross_entropy(torch.tensor([1.0]), torch.tensor([0.0])))
print(F.binary_cross_entropy_with_logits(torch.tensor([100.0, -100.0]), torch.tensor([0.0, 1.0])))
print(nn.Softmax(dim=1)(torch.tensor([[1.0, 2.0], [3.0, 5.0]])).sum(1), nn.Identity(54, unused='x')(torch.tensor([1.0])))
