# d2l 6.5 Custom layers: a layer without parameters, MyLinear with nn.Parameter, a Sequential of them.
import torch
from torch import nn
from torch.nn import functional as F


class CenteredLayer(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, X):
        return X - X.mean()


layer = CenteredLayer()
print(layer(torch.tensor([1.0, 2, 3, 4, 5])))
net = nn.Sequential(nn.Linear(8, 128), CenteredLayer())
Y = net(torch.ones(4, 8))
print(Y.mean().abs() < 1e-6)


class MyLinear(nn.Module):
    def __init__(self, in_units, units):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(in_units, units) / in_units)
        self.bias = nn.Parameter(torch.full((units,), 0.5))

    def forward(self, X):
        linear = torch.matmul(X, self.weight.data) + self.bias.data
        return F.relu(linear)


linear = MyLinear(5, 3)
print(linear.weight)
print(linear(torch.arange(10.0).reshape(2, 5)))
net = nn.Sequential(MyLinear(64, 8), MyLinear(8, 1))
print(net(torch.ones(2, 64)))
print(net)
print(nn.Parameter(torch.ones(2)), isinstance(linear.weight, torch.Tensor))
print(nn.Parameter(torch.ones(2), requires_grad=False))
