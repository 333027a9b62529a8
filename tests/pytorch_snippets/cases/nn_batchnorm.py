import torch
from torch import nn

bn = nn.BatchNorm1d(3)
print(bn)
print(list(bn.state_dict().keys()))
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
x = torch.tensor([[1.0, 2.0, 3.0], [2.0, 4.0, 1.0], [3.0, 9.0, -1.0], [0.0, 1.0, 2.0]], requires_grad=True)
y = bn(x)
print(y)
print(type(y.grad_fn).__name__)
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
(y * torch.tensor([[1.0, -1.0, 2.0], [0.5, 0.0, 1.0], [2.0, 1.0, -1.0], [0.0, 3.0, 0.5]])).sum().backward()
print(x.grad)
print(bn.weight.grad, bn.bias.grad)
bn(x * 2)
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
bn.eval()
print(bn(torch.tensor([[1.0, 1.0, 1.0]])))
print(nn.BatchNorm1d(2, affine=False, momentum=None), nn.BatchNorm1d(2, track_running_stats=False))
seq = torch.arange(24.0).reshape(2, 3, 4)
print(nn.BatchNorm1d(3)(seq))
try:
    nn.BatchNorm1d(3)(torch.ones(1, 3))
except ValueError as error:
    print(error)
