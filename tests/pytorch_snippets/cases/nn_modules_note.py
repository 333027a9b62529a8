# PyTorch "Modules" note: a custom MyLinear, named_parameters, children, buffers, train/eval, to(dtype).
import torch
from torch import nn


class MyLinear(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(in_features, out_features) * 0.5)
        self.bias = nn.Parameter(torch.zeros(out_features))

    def forward(self, input):
        return (input @ self.weight) + self.bias


m = MyLinear(4, 3)
sample_input = torch.tensor([1.0, 2.0, 3.0, 4.0])
print(m(sample_input))
for parameter in m.named_parameters():
    print(parameter)
net = nn.Sequential(MyLinear(4, 3), nn.ReLU(), MyLinear(3, 1))
print(net(sample_input))
print(net)


class BigNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.l1 = MyLinear(5, 4)
        self.net = nn.Sequential(MyLinear(4, 3), nn.ReLU())
        self.register_buffer("mean", torch.zeros(3))
        self.register_buffer("scratch", torch.ones(2), persistent=False)

    def forward(self, x):
        return self.net(self.l1(x)) - self.mean


big_net = BigNet()
for child in big_net.named_children():
    print(child[0], type(child[1]).__name__)
for name, m in big_net.named_modules():
    print(repr(name), type(m).__name__)
print(list(big_net.state_dict().keys()), [n for n, _ in big_net.named_buffers()])
big_net.eval()
print(big_net.training, big_net.net.training)
big_net.train()
print(big_net.net[1].training)
big_net.to(dtype=torch.float64)
print(big_net.l1.weight.dtype, big_net.mean.dtype, big_net(torch.ones(5, dtype=torch.float64)))
print(sum(p.numel() for p in big_net.parameters()), big_net.requires_grad_(False).l1.weight.requires_grad)
