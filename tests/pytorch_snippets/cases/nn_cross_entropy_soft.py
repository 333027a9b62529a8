import torch
import torch.nn.functional as F
from torch import nn

logits = torch.tensor([[2.0, 0.5, -1.0], [0.0, 1.0, 3.0]], requires_grad=True)
labels = torch.tensor([0, 2])
soft = torch.tensor([[0.9, 0.1, 0.0], [0.0, 0.2, 0.8]])
print(F.cross_entropy(logits, labels))
print(F.cross_entropy(logits, soft, reduction="sum"), F.cross_entropy(logits, soft, reduction="none"))
print(F.cross_entropy(logits, labels, label_smoothing=0.1))
print(F.cross_entropy(logits, labels, label_smoothing=0.1, reduction="none"))
loss_fn = nn.CrossEntropyLoss(label_smoothing=0.2)
loss = loss_fn(logits, labels)
loss.backward()
print(loss, logits.grad)
print(F.cross_entropy(logits, torch.tensor([0, -100]), label_smoothing=0.3))
try:
    F.cross_entropy(logits, labels, label_smoothing=2.0)
except RuntimeError as error:
    print(error)
