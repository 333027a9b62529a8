# Losses written by hand next to nn's: squared loss, L1, Huber-like smooth L1, NLL, reductions.
import torch
from torch import nn
import torch.nn.functional as F

y_hat = torch.tensor([[2.5], [0.0], [2.0], [8.0]])
y = torch.tensor([[3.0], [-0.5], [2.0], [7.0]])
print(((y_hat - y) ** 2 / 2).mean(), nn.MSELoss()(y_hat, y) / 2)
print(nn.MSELoss(reduction="sum")(y_hat, y), nn.MSELoss(reduction="none")(y_hat, y).flatten())
print(nn.L1Loss()(y_hat, y), (y_hat - y).abs().mean())
print(nn.SmoothL1Loss()(y_hat, y), F.smooth_l1_loss(y_hat, y, beta=0.5))
logits = torch.tensor([[1.0, 2.0, 0.5], [0.1, 0.2, 3.0]])
target = torch.tensor([1, 2])
logp = F.log_softmax(logits, dim=1)
print(nn.NLLLoss()(logp, target), -logp[range(2), target].mean(), nn.CrossEntropyLoss()(logits, target))
print(nn.CrossEntropyLoss(reduction="sum")(logits, target), F.nll_loss(logp, target, reduction="none"))
print(nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 0.5]))(logits, target))
print(nn.CrossEntropyLoss(ignore_index=2)(logits, target))
