import torch
from torch import nn

net = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
with torch.no_grad():
    for i, p in enumerate(net.parameters()):
        p.fill_(0.1 * (i + 1))
sd = net.state_dict()
print(type(sd).__name__, list(sd.keys()))
print(sd["0.weight"], sd["2.bias"].requires_grad)
clone = nn.Sequential(nn.Linear(2, 2), nn.ReLU(), nn.Linear(2, 1))
print(clone.load_state_dict(sd))
print(clone[2].weight)
print(clone.load_state_dict({"0.weight": torch.zeros(2, 2)}, strict=False))
try:
    clone.load_state_dict({"0.weight": torch.zeros(3, 2)}, strict=False)
except RuntimeError as error:
    print(error)
try:
    clone.load_state_dict({"extra": torch.zeros(1)})
except RuntimeError as error:
    print(error)
