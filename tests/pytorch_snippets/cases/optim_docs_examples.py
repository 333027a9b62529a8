# torch.optim docs: per-parameter options, Adam on a list of tensors, chained schedulers, MultiStepLR.
import torch
from torch import nn, optim
from torch.optim.lr_scheduler import ExponentialLR, MultiStepLR


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.base = nn.Linear(2, 2)
        self.classifier = nn.Linear(2, 1)

    def forward(self, x):
        return self.classifier(torch.relu(self.base(x)))


model = Net()
optimizer = optim.SGD([
    {"params": model.base.parameters(), "lr": 1e-2},
    {"params": model.classifier.parameters()},
], lr=1e-3, momentum=0.9)
print([g["lr"] for g in optimizer.param_groups], [g["momentum"] for g in optimizer.param_groups])
var1 = torch.tensor([1.0, 2.0], requires_grad=True)
var2 = torch.tensor([3.0], requires_grad=True)
opt = optim.Adam([var1, var2], lr=0.0001)
for _ in range(3):
    opt.zero_grad()
    loss = (var1 ** 2).sum() + (var2 ** 2).sum()
    loss.backward()
    opt.step()
print(var1, var2)
optimizer = optim.SGD([torch.zeros(1, requires_grad=True)], lr=1.0)
scheduler1 = ExponentialLR(optimizer, gamma=0.9)
scheduler2 = MultiStepLR(optimizer, milestones=[3, 5], gamma=0.1)
lrs = []
for epoch in range(7):
    optimizer.step()
    scheduler1.step()
    scheduler2.step()
    lrs.append(round(optimizer.param_groups[0]["lr"], 8))
print(lrs)
print(scheduler2.get_last_lr(), scheduler1.last_epoch)
