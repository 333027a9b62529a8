# d2l 6.5 Custom Layers and 6.6 File I/O.
import io
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
print(f"{abs(Y.mean().item()) < 1e-6}")


class MyLinear(nn.Module):
    def __init__(self, in_units, units):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(in_units, units) * 0.5)
        self.bias = nn.Parameter(torch.zeros(units,))

    def forward(self, X):
        linear = torch.matmul(X, self.weight.data) + self.bias.data
        return F.relu(linear)


linear = MyLinear(5, 3)
print(linear.weight)
print(linear(torch.tensor([[1.0, -1.0, 2.0, 0.0, 1.0]])))
x = torch.arange(4)
buffer = io.BytesIO()
torch.save(x, buffer)
buffer.seek(0)
x2 = torch.load(buffer)
print(x2)
y = torch.zeros(4)
buffer = io.BytesIO()
torch.save([x, y], buffer)
buffer.seek(0)
x2, y2 = torch.load(buffer)
print(x2, y2)
mydict = {"x": x, "y": y}
buffer = io.BytesIO()
torch.save(mydict, buffer)
buffer.seek(0)
print(torch.load(buffer))
