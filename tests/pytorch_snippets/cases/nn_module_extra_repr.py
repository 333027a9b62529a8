# A custom module's printout with extra_repr, nested containers, and __call__ running forward.
import torch
from torch import nn


class Scale(nn.Module):
    def __init__(self, factor):
        super().__init__()
        self.factor = factor

    def extra_repr(self):
        return f"factor={self.factor}"

    def forward(self, x):
        return x * self.factor


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(2, 2), Scale(0.5)])
        self.heads = nn.ModuleDict({"a": nn.Tanh(), "b": nn.Identity()})

    def forward(self, x, head="a"):
        for layer in self.layers:
            x = layer(x)
        return self.heads[head](x)


block = Block()
print(block)
with torch.no_grad():
    block.layers[0].weight.copy_(torch.eye(2))
    block.layers[0].bias.zero_()
x = torch.tensor([[2.0, -4.0]])
print(block(x), block(x, head="b"))
print(len(block.layers), list(block.heads.keys()), isinstance(block.layers[1], Scale))
print(Scale(3))
print(nn.Sequential(Scale(2), nn.ReLU(), nn.Dropout(0.2), nn.Softmax(dim=-1), nn.LogSoftmax(dim=1)))
