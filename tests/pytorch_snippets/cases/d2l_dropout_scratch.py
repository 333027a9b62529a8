# d2l 5.6 Dropout from scratch, next to nn.Dropout.
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
half = dropout_layer(X, 0.5)
print(half.shape, bool(((half == 0) | (half == 2 * X)).all()))


class Net(nn.Module):
    def __init__(self, num_outputs, num_hiddens_1, num_hiddens_2, dropout_1, dropout_2):
        super().__init__()
        self.net = nn.Sequential(
            nn.Flatten(), nn.Linear(4, num_hiddens_1), nn.ReLU(), nn.Dropout(dropout_1),
            nn.Linear(num_hiddens_1, num_hiddens_2), nn.ReLU(), nn.Dropout(dropout_2),
            nn.Linear(num_hiddens_2, num_outputs))

    def forward(self, X):
        return self.net(X)


model = Net(3, 8, 8, 0.5, 0.5)
print(model)
model.eval()
out = model(torch.ones(5, 2, 2))
print(out.shape, torch.equal(out, model(torch.ones(5, 2, 2))))
