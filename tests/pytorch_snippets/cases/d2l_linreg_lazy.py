# d2l 3.5 (current edition): nn.LazyLinear infers its input size on the first call; initialize after it (it initializes then).
import torch
from torch import nn

net = nn.LazyLinear(1)
print(net)
X = torch.ones(4, 2)
y = net(X)
net.weight.data.normal_(0, 0.01)
net.bias.data.fill_(0)
print(y.shape, net.weight.shape, net)
with torch.no_grad():
    net.weight.fill_(0.5)
print(net(X))
print(nn.HuberLoss()(torch.tensor([0.0, 2.0, 5.0]), torch.tensor([0.5, 0.0, 5.0])))
