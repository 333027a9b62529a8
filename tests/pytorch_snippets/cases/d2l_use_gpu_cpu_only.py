# d2l 6.7 GPUs, on a CPU-only machine: cpu(), gpu(), num_gpus(), try_gpu(), try_all_gpus(), tensors and a net on the device.
import torch
from torch import nn


def cpu():
    return torch.device('cpu')


def gpu(i=0):
    return torch.device(f'cuda:{i}')


print(cpu(), gpu(), gpu(1))


def num_gpus():
    return torch.cuda.device_count()


print(num_gpus())


def try_gpu(i=0):
    if num_gpus() >= i + 1:
        return gpu(i)
    return cpu()


def try_all_gpus():
    return [gpu(i) for i in range(num_gpus())]


print(try_gpu(), try_gpu(10), try_all_gpus())
x = torch.tensor([1, 2, 3])
print(x.device)
X = torch.ones(2, 3, device=try_gpu())
print(X)
Y = torch.arange(6.0, device=try_gpu()).reshape(2, 3)
print(Y)
Z = X.to(try_gpu())
print(Z is X, Z.device == X.device)
print(X + Y)
print(X.cuda(0) if torch.cuda.is_available() else X.cpu())
net = nn.Sequential(nn.LazyLinear(1))
net = net.to(device=try_gpu())
print(net(X).shape)
print(net[0].weight.data.device)
print(torch.device('cuda:1').index, torch.device('cpu').type, gpu(2).type)
