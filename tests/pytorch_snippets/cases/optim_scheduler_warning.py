import torch

w = torch.zeros(1, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.1)
scheduler = torch.optim.lr_scheduler.StepLR(opt, step_size=1, gamma=0.1)
scheduler.step()
print(opt.param_groups[0]["lr"])
opt.step()
scheduler.step()
print(opt.param_groups[0]["lr"])
try:
    torch.optim.lr_scheduler.StepLR(w, 1)
except TypeError as error:
    print(error)
