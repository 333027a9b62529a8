# Changing the learning rate by hand through optimizer.param_groups, as older tutorials do.
import torch

w = torch.tensor([1.0, -1.0], requires_grad=True)
optimizer = torch.optim.SGD([w], lr=0.1)


def adjust_learning_rate(optimizer, epoch, initial_lr=0.1):
    lr = initial_lr * (0.1 ** (epoch // 2))
    for param_group in optimizer.param_groups:
        param_group["lr"] = lr


for epoch in range(5):
    adjust_learning_rate(optimizer, epoch)
    optimizer.zero_grad()
    loss = (w ** 2).sum()
    loss.backward()
    optimizer.step()
    print(epoch, optimizer.param_groups[0]["lr"], w.data)
print(optimizer.state_dict()["param_groups"][0]["lr"], len(optimizer.state_dict()["state"]))
print(optimizer)
