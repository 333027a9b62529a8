# torch.nn docs: nn.KLDivLoss with reduction='batchmean' and log_target, F.kl_div with reduction='sum'.
import torch
import torch.nn as nn
import torch.nn.functional as F

kl_loss = nn.KLDivLoss(reduction="batchmean")
input = F.log_softmax(torch.tensor([[0.1, 0.2, 0.7], [1.0, -1.0, 0.0]]), dim=1)
target = F.softmax(torch.tensor([[0.3, 0.3, 0.4], [2.0, 0.0, -2.0]]), dim=1)
print(kl_loss(input, target))
kl_loss = nn.KLDivLoss(reduction="batchmean", log_target=True)
print(kl_loss(input, target.log()))
print(F.kl_div(input, target, reduction='sum'))
print(F.kl_div(input, target, reduction='none'))
