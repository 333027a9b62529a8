import torch

w = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([w], lr=1.0)
scheduler = torch.optim.lr_scheduler.ReduceLROnPlateau(opt, mode="min", factor=0.5, patience=2)
for epoch, val_loss in enumerate([1.0, 0.8, 0.8, 0.81, 0.79, 0.80, 0.80, 0.80, 0.80, 0.5]):
    scheduler.step(val_loss)
    print(epoch, val_loss, opt.param_groups[0]["lr"], scheduler.num_bad_epochs)
print(scheduler.best, scheduler.get_last_lr())
acc = torch.optim.lr_scheduler.ReduceLROnPlateau(torch.optim.SGD([w], lr=0.1), mode="max", patience=0, cooldown=1)
for value in [0.5, 0.6, 0.6, 0.6, 0.6]:
    acc.step(value)
    print(acc.optimizer.param_groups[0]["lr"])
