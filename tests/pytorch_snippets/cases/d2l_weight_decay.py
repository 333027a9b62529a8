# d2l 3.7 Weight decay: an L2 penalty by hand, then weight_decay on one parameter group.
import torch
from torch import nn


def l2_penalty(w):
    return torch.sum(w.pow(2)) / 2


n_train, num_inputs = 20, 10
X = torch.linspace(-1, 1, n_train * num_inputs).reshape(n_train, num_inputs)
y = 0.05 + X.sum(1, keepdim=True) * 0.01
w = torch.full((num_inputs, 1), 0.1, requires_grad=True)
b = torch.zeros(1, requires_grad=True)
lambd = 3
for epoch in range(3):
    l = ((X @ w + b - y) ** 2 / 2).mean() + lambd * l2_penalty(w)
    l.backward()
    with torch.no_grad():
        w -= 0.01 * w.grad
        b -= 0.01 * b.grad
        w.grad.zero_()
        b.grad.zero_()
    print(epoch, l)
print("L2 norm of w:", torch.norm(w).item() > 0, torch.norm(w))

net = nn.Sequential(nn.Linear(num_inputs, 1))
for param in net.parameters():
    param.data.fill_(0.1)
loss = nn.MSELoss(reduction="none")
wd = 3
trainer = torch.optim.SGD([{"params": net[0].weight, "weight_decay": wd}, {"params": net[0].bias}], lr=0.01)
for epoch in range(3):
    trainer.zero_grad()
    l = loss(net(X), y)
    l.mean().backward()
    trainer.step()
print(net[0].weight.data, net[0].bias.data)
print(trainer.param_groups[0]["weight_decay"], trainer.param_groups[1]["weight_decay"])
