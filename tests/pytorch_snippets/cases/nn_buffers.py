import torch
from torch import nn


class RunningMean(nn.Module):
    def __init__(self, n):
        super().__init__()
        self.register_buffer("mean", torch.zeros(n))
        self.register_buffer("count", torch.tensor(0))
        self.register_buffer("scratch", torch.zeros(n), persistent=False)
        self.scale = nn.Parameter(torch.ones(n))

    def forward(self, x):
        if self.training:
            with torch.no_grad():
                self.count += 1
                self.mean += (x.mean(0) - self.mean) / self.count
        return (x - self.mean) * self.scale


m = RunningMean(2)
print(m.state_dict())
print([name for name, _ in m.named_buffers()], [name for name, _ in m.named_parameters()])
m(torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
m(torch.tensor([[5.0, 6.0]]))
print(m.mean, m.count)
m.eval()
print(m(torch.tensor([[0.0, 0.0]])))
print(m.training, m.mean.requires_grad)
m.double()
print(m.mean.dtype, m.count.dtype, m.scale.dtype)
try:
    m.register_buffer("scale", torch.ones(1))
except KeyError as error:
    print("KeyError", error)
try:
    m.mean = 3
except TypeError as error:
    print("TypeError")
