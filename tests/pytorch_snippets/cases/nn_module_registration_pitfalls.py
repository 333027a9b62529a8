# Module registration pitfalls: layers in a plain list are not registered, plain tensors are not parameters.
import torch
from torch import nn


class PlainList(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = [nn.Linear(2, 2), nn.Linear(2, 1)]
        self.scale = torch.ones(1)

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x * self.scale


class Registered(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 1)])
        self.scale = nn.Parameter(torch.ones(1))

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x * self.scale


for cls in (PlainList, Registered):
    m = cls()
    print(cls.__name__, len(list(m.parameters())), list(m.state_dict().keys()))
m = nn.Linear(2, 2)
try:
    m.weight = torch.ones(2, 2)
except TypeError as e:
    print(type(e).__name__)
m.weight = nn.Parameter(torch.ones(2, 2))
print(m.weight)
m.extra = nn.Parameter(torch.zeros(1))
print([n for n, _ in m.named_parameters()])
del m.extra
print([n for n, _ in m.named_parameters()], hasattr(m, "extra"))
m.register_parameter("bias", None)
print(m.bias, [n for n, _ in m.named_parameters()], m(torch.ones(1, 2)))
