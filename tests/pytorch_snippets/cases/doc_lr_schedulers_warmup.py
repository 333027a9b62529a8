# torch.optim.lr_scheduler docs examples: LinearLR and ConstantLR warm-ups, MultiplicativeLR, PolynomialLR decay, and d2l's Adadelta.
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


# lr = 0.025 if epoch == 0, 0.03125 if epoch == 1, ... (the docs' LinearLR example, lr=0.05)
print(lrs(lambda o: lr_scheduler.LinearLR(o, start_factor=0.5, total_iters=4), lr=0.05))
print(lrs(lambda o: lr_scheduler.ConstantLR(o, factor=0.5, total_iters=4), lr=0.05))
print(lrs(lambda o: lr_scheduler.MultiplicativeLR(o, lr_lambda=lambda epoch: 0.95)))
print(lrs(lambda o: lr_scheduler.PolynomialLR(o, total_iters=4, power=1.0), lr=0.001))
sched = lr_scheduler.LinearLR(torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1))
print(sched.get_last_lr(), sched.start_factor, sched.total_iters)
try:
    lr_scheduler.ConstantLR(torch.optim.SGD([torch.nn.Parameter(torch.zeros(1))], lr=0.1), factor=2.0)
except ValueError as e:
    print("ValueError:", e)

w = torch.tensor([[0.5], [-1.0]], requires_grad=True)
opt = torch.optim.Adadelta([w], rho=0.9)
X = torch.tensor([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5]])
y = torch.tensor([[1.0], [0.0], [2.0]])
for epoch in range(5):
    opt.zero_grad()
    loss = ((X @ w - y) ** 2).mean()
    loss.backward()
    opt.step()
    print(epoch, f"{loss.item():.6f}")
print(opt)
print(opt.state[w]["square_avg"], opt.state[w]["acc_delta"])
