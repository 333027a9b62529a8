# "What is torch.nn really?": TensorDataset, DataLoader, validation, loss_batch and fit with np.sum.
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn, optim
from torch.utils.data import DataLoader, TensorDataset

n, d, c = 40, 8, 3
x = ((torch.arange(2 * n * d).reshape(2 * n, d) * 13) % 17).float() / 17
y = torch.arange(2 * n) % c
x_train, y_train, x_valid, y_valid = map(torch.tensor, (x[:n].numpy(), y[:n].numpy(), x[n:].numpy(), y[n:].numpy()))
print(x_train.shape, y_train.dtype, x_valid.dtype)
train_ds = TensorDataset(x_train, y_train)
valid_ds = TensorDataset(x_valid, y_valid)
print(len(train_ds), [t.shape for t in train_ds[0:3]])
loss_func = F.cross_entropy


def get_data(train_ds, valid_ds, bs):
    return (DataLoader(train_ds, batch_size=bs, shuffle=False), DataLoader(valid_ds, batch_size=bs * 2))


def loss_batch(model, loss_func, xb, yb, opt=None):
    loss = loss_func(model(xb), yb)
    if opt is not None:
        loss.backward()
        opt.step()
        opt.zero_grad()
    return loss.item(), len(xb)


def fit(epochs, model, loss_func, opt, train_dl, valid_dl):
    for epoch in range(epochs):
        model.train()
        for xb, yb in train_dl:
            loss_batch(model, loss_func, xb, yb, opt)
        model.eval()
        with torch.no_grad():
            losses, nums = zip(*[loss_batch(model, loss_func, xb, yb) for xb, yb in valid_dl])
        val_loss = np.sum(np.multiply(losses, nums)) / np.sum(nums)
        print(epoch, f"{val_loss:.4f}", nums)


model = nn.Sequential(nn.Linear(d, 6), nn.ReLU(), nn.Linear(6, c))
for p in model.parameters():
    nn.init.constant_(p, 0.1)
opt = optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
train_dl, valid_dl = get_data(train_ds, valid_ds, 12)
print(len(train_dl), len(valid_dl))
fit(3, model, loss_func, opt, train_dl, valid_dl)
xb, yb = next(iter(valid_dl))
print(xb.shape, yb.shape, model(xb).argmax(1)[:5])
