# torch.nn docstrings: Module.modules() / named_modules() with a shared layer, children, apply with
# init_weights filling 1.0, ModuleDict choices/activations, Sequential with OrderedDict, append,
# insert, extend, slicing, and ModuleList append/extend/insert.
from collections import OrderedDict
import torch
import torch.nn as nn

l = nn.Linear(2, 2)
net = nn.Sequential(l, l)
for idx, m in enumerate(net.modules()):
    print(idx, '->', m)
for idx, m in enumerate(net.named_modules()):
    print(idx, '->', m)


@torch.no_grad()
def init_weights(m):
    print(m)
    if type(m) is nn.Linear:
        m.weight.fill_(1.0)
        print(m.weight)


net = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 2))
net.apply(init_weights)


class MyModule(nn.Module):
    def __init__(self):
        super().__init__()
        self.choices = nn.ModuleDict({'conv': nn.Conv2d(10, 10, 3), 'pool': nn.MaxPool2d(3)})
        self.activations = nn.ModuleDict([['lrelu', nn.LeakyReLU()], ['prelu', nn.PReLU()]])

    def forward(self, x, choice, act):
        x = self.choices[choice](x)
        x = self.activations[act](x)
        return x


m = MyModule()
print(m)
print(m(-torch.ones(1, 10, 6, 6), 'pool', 'lrelu').shape, m(-torch.ones(1, 10, 6, 6), 'pool', 'prelu')[0, 0])
print(list(m.choices.keys()), len(m.activations), 'conv' in m.choices)

model = nn.Sequential(OrderedDict([
    ('conv1', nn.Conv2d(1, 20, 5)),
    ('relu1', nn.ReLU()),
    ('conv2', nn.Conv2d(20, 64, 5)),
    ('relu2', nn.ReLU())
]))
print(model)
print(model.conv2, model[1:3], len(model))
n = nn.Sequential(nn.Linear(1, 2), nn.Linear(2, 3))
n.append(nn.ReLU())
n.insert(1, nn.Tanh())
n.extend([nn.Sigmoid(), nn.Identity()])
print(n)
print(n[-1], n[::2])
del n[0]
print(len(n), n[0])

layers = nn.ModuleList([nn.Linear(3, 3) for i in range(2)])
layers.append(nn.ReLU())
layers.extend([nn.Tanh()])
layers.insert(0, nn.Identity())
print(layers)
print([type(c).__name__ for c in layers.children()], layers[1:3])
