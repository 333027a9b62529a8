import torch
from torch import nn

model = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 1))
opt = torch.optim.SGD([
    {"params": model[0].parameters()},
    {"params": model[1].parameters(), "lr": 1e-3},
], lr=1e-2, momentum=0.9)
print(len(opt.param_groups), [g["lr"] for g in opt.param_groups], [len(g["params"]) for g in opt.param_groups])
for g in opt.param_groups:
    g["lr"] *= 0.5
print([g["lr"] for g in opt.param_groups])
print(opt.state_dict()["param_groups"])
opt.add_param_group({"params": [nn.Parameter(torch.zeros(1))], "lr": 0.3})
print([g["lr"] for g in opt.param_groups], opt.state_dict()["param_groups"][2]["params"])
