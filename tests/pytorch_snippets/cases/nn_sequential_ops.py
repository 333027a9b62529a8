import torch
from torch import nn
from collections import OrderedDict

net = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1))
print(net[0], net[-1], len(net))
print(net[:2])
net.append(nn.Sigmoid())
print(net)
del net[1]
print(net)
net.insert(1, nn.Tanh())
print(net)
named = nn.Sequential(OrderedDict([("hidden", nn.Linear(3, 5)), ("act", nn.ReLU()), ("output", nn.Linear(5, 1))]))
print(named)
print(named.hidden, [name for name, _ in named.named_children()])
print(list(named.state_dict().keys()))
for i, layer in enumerate(net):
    print(i, type(layer).__name__)
