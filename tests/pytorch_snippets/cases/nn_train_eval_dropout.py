import torch
from torch import nn

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 3), nn.Dropout(p=0.5), nn.ReLU())
print(net)
print(net.training, [m.training for m in net])
net.eval()
print(net.training, [m.training for m in net])
x = torch.ones(2, 3)
print(torch.equal(net(x), net(x)))
net.train()
print(net[1].training)
drop = nn.Dropout(0.25)
y = drop(torch.ones(1000))
print(y.shape, sorted(set(y.tolist())))
print(type(y.grad_fn), drop(torch.ones(3, requires_grad=True)).grad_fn is not None)
drop.eval()
z = torch.ones(3)
print(drop(z) is z)
print(nn.functional.dropout(z, p=0.5, training=False) is z, nn.functional.dropout(z, 1.0))
try:
    nn.Dropout(p=1.5)
except ValueError as error:
    print(error)
