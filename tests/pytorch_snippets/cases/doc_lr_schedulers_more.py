# torch.optim.lr_scheduler docs: LinearLR, ConstantLR, SequentialLR, MultiplicativeLR, PolynomialLR, OneCycleLR, CosineAnnealingWarmRestarts.
import torch
from torch.optim import lr_scheduler


def lrs(make, steps=8, lr=0.1):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=lr)
    sched = make(opt)
    out = []
    for _ in range(steps):
        out.append(round(opt.param_groups[0]['lr'], 6))
        opt.step()
        sched.step()
    return out


print(lrs(lambda o: lr_scheduler.LinearLR(o, start_factor=0.5, total_iters=4)))
print(lrs(lambda o: lr_scheduler.ConstantLR(o, factor=0.5, total_iters=4)))
print(lrs(lambda o: lr_scheduler.MultiplicativeLR(o, lr_lambda=lambda epoch: 0.95)))
print(lrs(lambda o: lr_scheduler.PolynomialLR(o, total_iters=4, power=1.0)))
print(lrs(lambda o: lr_scheduler.SequentialLR(o, schedulers=[
    lr_scheduler.ConstantLR(o, factor=0.1, total_iters=2),
    lr_scheduler.ExponentialLR(o, gamma=0.9)], milestones=[2])))
print(lrs(lambda o: lr_scheduler.OneCycleLR(o, max_lr=0.01, total_steps=10), steps=10))
print(lrs(lambda o: lr_scheduler.CosineAnnealingWarmRestarts(o, T_0=3, T_mult=2), steps=10))
print(lrs(lambda o: lr_scheduler.CyclicLR(o, base_lr=0.01, max_lr=0.1, step_size_up=2), steps=8))
