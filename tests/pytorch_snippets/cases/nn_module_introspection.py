import torch
from torch import nn


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(3, 3)
        self.norm = nn.LayerNorm(3)
        self.drop = nn.Dropout(0.1)

    def forward(self, x):
        return self.drop(torch.relu(self.norm(self.fc(x))))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([Block(), Block()])
        self.head = nn.Linear(3, 1)

    def forward(self, x):
        for block in self.blocks:
            x = block(x)
        return self.head(x)


net = Net()
print(net)
print([name for name, _ in net.named_modules()])
print([name for name, _ in net.named_children()])
print([name for name, _ in net.named_parameters()])
print(sum(p.numel() for p in net.parameters() if p.requires_grad))
print(net.get_submodule("blocks.1.norm"))
print(net(torch.ones(4, 3)).shape)
net.eval()
print({m.training for m in net.modules()})
