# torch.optim.lr_scheduler docs: ChainedScheduler, CosineAnnealingWarmRestarts stepped with a
# fractional epoch inside each epoch, OneCycleLR with Adam (its first beta cycles), get_last_lr and
# state_dict.
import torch
from torch.optim.lr_scheduler import ChainedScheduler, ConstantLR, CosineAnnealingWarmRestarts, ExponentialLR, OneCycleLR

model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
scheduler1 = ConstantLR(optimizer, factor=0.1, total_iters=3)
scheduler2 = ExponentialLR(optimizer, gamma=0.9)
scheduler = ChainedScheduler([scheduler1, scheduler2], optimizer=optimizer)
for epoch in range(5):
    optimizer.step()
    scheduler.step()
    print(epoch, [round(lr, 6) for lr in scheduler.get_last_lr()])
print(sorted(scheduler.state_dict()))

optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scheduler = CosineAnnealingWarmRestarts(optimizer, T_0=2, T_mult=2, eta_min=0.001)
iters = 4
for epoch in range(3):
    for i in range(iters):
        optimizer.step()
        scheduler.step(epoch + i / iters)
    print(epoch, round(scheduler.get_last_lr()[0], 6), scheduler.T_i, scheduler.T_cur)

x = torch.randn(8, 2, generator=torch.Generator().manual_seed(0))
y = x.sum(dim=1, keepdim=True)
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
scheduler = OneCycleLR(optimizer, max_lr=0.1, steps_per_epoch=2, epochs=3)
for epoch in range(3):
    for batch in range(2):
        optimizer.zero_grad()
        torch.nn.functional.mse_loss(model(x), y).backward()
        optimizer.step()
        scheduler.step()
    group = optimizer.param_groups[0]
    print(epoch, round(group["lr"], 6), tuple(round(b, 4) for b in group["betas"]))
print(scheduler.get_last_lr() == [optimizer.param_groups[0]["lr"]])
print(sorted(k for k in scheduler.state_dict() if not k.startswith("_")))
