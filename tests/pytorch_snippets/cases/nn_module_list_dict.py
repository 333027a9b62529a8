import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, sizes):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(a, b) for a, b in zip(sizes[:-1], sizes[1:])])
        self.acts = nn.ModuleDict({"relu": nn.ReLU(), "tanh": nn.Tanh()})

    def forward(self, x, act="relu"):
        for layer in self.layers[:-1]:
            x = self.acts[act](layer(x))
        return self.layers[-1](x)


net = MLP([4, 8, 8, 8, 2])
print(net)
print(len(net.layers), len(net.acts), "tanh" in net.acts, list(net.acts.keys()))
print([name for name, _ in net.named_parameters()])
print(sum(p.numel() for p in net.parameters()))
print(net(torch.zeros(3, 4)).shape, net(torch.zeros(3, 4), "tanh").shape)
net.layers.append(nn.Linear(2, 2))
print(net.layers[-1], len(net.layers))
plain = [nn.Linear(2, 2) for _ in range(2)]


class Forgetful(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = plain  # a plain list: its parameters are not registered


print(len(list(Forgetful().parameters())), len(list(nn.ModuleList(plain).parameters())))
