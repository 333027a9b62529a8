# Imbalanced classes: class weights, pos_weight, ignored positions and per-position losses; then
# the medians, modes and running products a data-exploration notebook prints.
import torch
import torch.nn as nn
import torch.nn.functional as F

logits = torch.tensor([[2.0, 0.5, -1.0], [0.1, 1.5, 0.3], [0.2, -0.4, 1.1], [1.0, 1.0, 1.0]], requires_grad=True)
labels = torch.tensor([0, 1, 2, -100])
weights = torch.tensor([0.2, 1.0, 3.0])
loss = nn.CrossEntropyLoss(weight=weights)(logits, labels)
loss.backward()
print(loss, logits.grad)
print(F.cross_entropy(logits, labels, weight=weights, label_smoothing=0.1), F.nll_loss(F.log_softmax(logits, 1), labels, reduction="none"))
tokens = torch.tensor([[[2.0, 0.0], [0.5, 1.0], [0.1, 0.2]], [[0.0, 1.0], [1.0, 0.0], [3.0, 0.0]]])  # (N, C, T)
targets = torch.tensor([[0, 1], [2, -100]])
print(F.cross_entropy(tokens, targets), F.cross_entropy(tokens, targets, reduction="none"))
scores = torch.tensor([[1.2, -0.3], [0.4, 2.0], [-1.0, 0.5]])
y = torch.tensor([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
print(nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.0, 1.0]))(scores, y), nn.BCELoss(weight=torch.tensor([1.0, 0.5]))(scores.sigmoid(), y))
data = torch.tensor([[3.0, 7.0, 1.0, 7.0], [2.0, 2.0, 9.0, 4.0], [5.0, 1.0, 1.0, 8.0]])
print(data.median(), data.median(dim=0), data.mode(dim=1))
print(torch.nanmedian(torch.tensor([1.0, float("nan"), 3.0, 2.0])), data.cumprod(dim=1)[:, -1], data.roll(1, dims=0)[0])
values, counts = torch.unique(data, return_counts=True)
print(values, counts, counts.argmax(), torch.unique_consecutive(torch.tensor([1, 1, 2, 2, 2, 1])))
