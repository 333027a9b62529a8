# d2l 5.6 Dropout: the from-scratch layer at 0 and 1, nn.Dropout in eval mode, and mask statistics.
import torch
from torch import nn


def dropout_layer(X, dropout):
    assert 0 <= dropout <= 1
    if dropout == 1:
        return torch.zeros_like(X)
    mask = (torch.rand(X.shape) > dropout).float()
    return mask * X / (1.0 - dropout)


X = torch.arange(16, dtype=torch.float32).reshape((2, 8))
print("dropout_p = 0:", dropout_layer(X, 0))
print("dropout_p = 1:", dropout_layer(X, 1))
out = dropout_layer(X, 0.5)
print(out.shape, bool(((out == 0) | (out == 2 * X)).all()))
net = nn.Sequential(nn.Flatten(), nn.Linear(8, 4), nn.ReLU(), nn.Dropout(0.5), nn.Linear(4, 2))
print(net)
net.eval()
print(net[3].training, net.training, torch.equal(net[3](X), X))
net.train()
drop = nn.Dropout(p=0.5)
y = drop(torch.ones(1000))
print(net[3].training, bool(((y == 0) | (y == 2)).all()), y.shape)
print(nn.Dropout(0.0)(X).equal(X), nn.Dropout(1.0)(X).sum())
