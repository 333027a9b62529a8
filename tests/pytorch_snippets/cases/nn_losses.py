import torch
import torch.nn as nn
import torch.nn.functional as F
pred = torch.tensor([0.8, 0.2, 0.6], requires_grad=True)
target = torch.tensor([1.0, 0.0, 1.0])
l = nn.MSELoss()(pred, target)
print(l, l.item())
l.backward()
print(pred.grad)
pred.grad = None
l = nn.BCELoss()(pred, target)
print(l, l.item())
l.backward()
print(pred.grad)
print(nn.MSELoss(reduction='sum')(pred, target))
print(nn.MSELoss(reduction='none')(pred, target))
print(F.mse_loss(pred, target))
print(F.binary_cross_entropy(pred, target, reduction='sum'))
print(nn.BCELoss(reduction='none')(pred, target))
print(nn.MSELoss())
print(nn.BCELoss())
logits = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
try:
    l = nn.BCEWithLogitsLoss()(logits, target)
    print(l)
    l.backward()
    print(logits.grad)
except AttributeError:
    print("no BCEWithLogitsLoss")
try:
    scores = torch.tensor([[1.0, 2.0, 0.5], [0.1, 0.2, 3.0]], requires_grad=True)
    l = nn.CrossEntropyLoss()(scores, torch.tensor([1, 2]))
    print(l)
    l.backward()
    print(scores.grad)
except AttributeError:
    print("no CrossEntropyLoss")
try:
    print(nn.L1Loss()(pred, target))
except AttributeError:
    print("no L1Loss")
