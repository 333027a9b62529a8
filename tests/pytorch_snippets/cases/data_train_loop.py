# "What is torch.nn really?": fit() with a DataLoader, on a tiny problem with fixed weights.
import torch
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset

x = torch.tensor([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.0, 0.0], [2.0, 1.0], [1.0, 2.0]])
y = torch.tensor([1, 0, 1, 0, 0, 1])
train_dl = DataLoader(TensorDataset(x, y), batch_size=2)
model = nn.Linear(2, 2)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[0.1, -0.2], [0.0, 0.3]]))
    model.bias.zero_()
loss_func = nn.functional.cross_entropy
opt = optim.SGD(model.parameters(), lr=0.5)


def loss_batch(model, loss_func, xb, yb, opt=None):
    loss = loss_func(model(xb), yb)
    if opt is not None:
        loss.backward()
        opt.step()
        opt.zero_grad()
    return loss.item(), len(xb)


for epoch in range(3):
    model.train()
    for xb, yb in train_dl:
        loss_batch(model, loss_func, xb, yb, opt)
    model.eval()
    with torch.no_grad():
        losses, nums = zip(*[loss_batch(model, loss_func, xb, yb) for xb, yb in train_dl])
    print(epoch, nums, f"{sum(l * n for l, n in zip(losses, nums)) / sum(nums):.4f}")
print(model.weight)
preds = torch.argmax(model(x), dim=1)
print((preds == y).float().mean())
