import torch
from torch.optim import lr_scheduler

w = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1)
cosine = lr_scheduler.CosineAnnealingLR(opt, T_max=6, eta_min=0.001)
for epoch in range(8):
    opt.step()
    cosine.step()
    print(epoch, cosine.get_last_lr())
opt = torch.optim.Adam([w], lr=1e-3)
warmup = lr_scheduler.LambdaLR(opt, lr_lambda=lambda epoch: min(1.0, (epoch + 1) / 4))
for epoch in range(6):
    print(epoch, opt.param_groups[0]["lr"])
    opt.step()
    warmup.step()
print(warmup.state_dict()["lr_lambdas"], warmup.last_epoch, warmup.base_lrs)
