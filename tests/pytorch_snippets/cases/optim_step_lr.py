import torch
from torch.optim.lr_scheduler import StepLR, ExponentialLR

w = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1)
scheduler = StepLR(opt, step_size=3, gamma=0.5)
for epoch in range(8):
    opt.step()
    scheduler.step()
    print(epoch, scheduler.get_last_lr(), opt.param_groups[0]["lr"])
opt = torch.optim.SGD([w], lr=1.0)
scheduler = ExponentialLR(opt, gamma=0.9)
lrs = []
for epoch in range(5):
    opt.step()
    lrs.append(scheduler.get_last_lr()[0])
    scheduler.step()
print(lrs)
print(scheduler.state_dict())
