# d2l 6.1 Layers and modules: FixedHiddenMLP (a constant weight, a while loop with X /= 2), NestMLP, MySequential.
import torch
from torch import nn
from torch.nn import functional as F


class FixedHiddenMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.rand_weight = (torch.arange(400, dtype=torch.float32).reshape(20, 20) % 7) / 70
        self.linear = nn.Linear(20, 20)
        with torch.no_grad():
            self.linear.weight.copy_((torch.arange(400, dtype=torch.float32).reshape(20, 20) % 5 - 2) / 20)
            self.linear.bias.fill_(0.1)

    def forward(self, X):
        X = self.linear(X)
        X = F.relu(X @ self.rand_weight + 1)
        X = self.linear(X)
        while X.abs().sum() > 1:
            X /= 2
        return X.sum()


X = torch.arange(40, dtype=torch.float32).reshape(2, 20) / 40
net = FixedHiddenMLP()
out = net(X)
print(out, out.grad_fn.name())
out.backward()
print(net.linear.bias.grad[:4], [name for name, _ in net.named_parameters()])


class MySequential(nn.Module):
    def __init__(self, *args):
        super().__init__()
        for idx, module in enumerate(args):
            self.add_module(str(idx), module)

    def forward(self, X):
        for module in self.children():
            X = module(X)
        return X


class NestMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(20, 8), nn.ReLU(), nn.Linear(8, 4), nn.ReLU())
        self.linear = nn.Linear(4, 2)

    def forward(self, X):
        return self.linear(self.net(X))


chimera = MySequential(NestMLP(), nn.Linear(2, 3), nn.Tanh())
print(chimera)
print(chimera(X).shape, len(list(chimera.parameters())))
