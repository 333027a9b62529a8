import torch
from torch import nn


def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.constant_(m.weight, 0.5)
        nn.init.zeros_(m.bias)


net = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
print(net.apply(init_weights) is net)
print(net[0].weight, net[2].bias)
print(net(torch.tensor([[1.0, 2.0]])))
visited = []
net.apply(lambda m: visited.append(type(m).__name__))
print(visited)
print(nn.init.calculate_gain("relu"), nn.init.calculate_gain("tanh"), nn.init.calculate_gain("leaky_relu", 0.2))
print(nn.init.calculate_gain("linear"), nn.init.calculate_gain("sigmoid"), nn.init.calculate_gain("selu"))
w = torch.empty(3, 5)
print(nn.init.eye_(w))
print(nn.init.ones_(torch.empty(2)), nn.init.constant_(torch.empty(2, 2), 0.3))
for init in (nn.init.kaiming_normal_, nn.init.kaiming_uniform_, nn.init.xavier_normal_, nn.init.xavier_uniform_,
             nn.init.orthogonal_, nn.init.trunc_normal_):
    t = torch.empty(4, 6)
    out = init(t)
    print(init.__name__, out is t, out.shape, out.dtype)
try:
    nn.init.xavier_uniform_(torch.empty(3))
except ValueError as error:
    print(error)
