# Optimizer options tutorials set: add_param_group, SGD dampening/nesterov/weight_decay, Adam betas/amsgrad, maximize.
import torch


def run(make, steps=3):
    w = torch.tensor([1.0, -2.0], dtype=torch.float64, requires_grad=True)
    opt = make([w])
    for _ in range(steps):
        opt.zero_grad()
        ((w - 0.5) ** 2).sum().backward()
        opt.step()
    return w.detach()


print(run(lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, dampening=0.1)))
print(run(lambda p: torch.optim.SGD(p, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)))
print(run(lambda p: torch.optim.Adam(p, lr=0.1, betas=(0.5, 0.9))))
print(run(lambda p: torch.optim.Adam(p, lr=0.1, amsgrad=True)))
print(run(lambda p: torch.optim.SGD(p, lr=0.1, maximize=True)))
print(run(lambda p: torch.optim.AdamW(p, lr=0.1, weight_decay=0.1)))
print(run(lambda p: torch.optim.RMSprop(p, lr=0.01, momentum=0.5)))
print(run(lambda p: torch.optim.Adagrad(p, lr=0.5)))
a = torch.zeros(1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([a], lr=0.1)
opt.add_param_group({"params": [b], "lr": 0.01})
print(len(opt.param_groups), [g["lr"] for g in opt.param_groups], opt.param_groups[1]["momentum"])
