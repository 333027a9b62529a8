# nn.Sequential built from an OrderedDict, indexed, sliced, appended to; add_module and named_children.
from collections import OrderedDict
import torch
from torch import nn

model = nn.Sequential(OrderedDict([
    ("fc1", nn.Linear(4, 3)),
    ("act", nn.ReLU()),
    ("fc2", nn.Linear(3, 2)),
]))
print(model)
print(model.fc1, model[0] is model.fc1, model[-1], len(model))
print(model[:2])
model.append(nn.Softmax(dim=1))
print(len(model), model[3])
model.add_module("out", nn.Identity())
print([name for name, _ in model.named_children()])
for p in model.parameters():
    nn.init.constant_(p, 0.25)
print(model(torch.ones(2, 4)))
print(sum(p.numel() for p in model.parameters() if p.requires_grad))
model.fc1.requires_grad_(False)
print(sum(p.numel() for p in model.parameters() if p.requires_grad))
opt = torch.optim.SGD(filter(lambda p: p.requires_grad, model.parameters()), lr=0.1)
print(len(opt.param_groups[0]["params"]))
