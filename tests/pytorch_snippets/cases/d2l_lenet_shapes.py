# d2l 7.6 LeNet: the Sequential with Sigmoid and AvgPool2d, a layer-by-layer shape summary, a loss and a gradient.
import torch
from torch import nn


def init_cnn(module):
    if type(module) == nn.Linear or type(module) == nn.Conv2d:
        with torch.no_grad():
            w = module.weight
            w.copy_((torch.arange(w.numel()) % 7 - 3).reshape(w.shape) * 0.05)
            module.bias.fill_(0.01)


net = nn.Sequential(
    nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(),
    nn.AvgPool2d(kernel_size=2, stride=2),
    nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(),
    nn.AvgPool2d(kernel_size=2, stride=2),
    nn.Flatten(),
    nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(),
    nn.Linear(120, 84), nn.Sigmoid(),
    nn.Linear(84, 10))
net.apply(init_cnn)
print(net)

X = ((torch.arange(2 * 28 * 28) % 13) / 13).reshape(2, 1, 28, 28)
for layer in net:
    X = layer(X)
    print(layer.__class__.__name__, 'output shape:\t', X.shape)

X = ((torch.arange(2 * 28 * 28) % 13) / 13).reshape(2, 1, 28, 28)
y = torch.tensor([1, 8])
Y_hat = net(X)
print(Y_hat)
loss = nn.functional.cross_entropy(Y_hat, y)
print(loss)
loss.backward()
print(net[0].weight.grad.shape, net[0].bias.grad.shape)
print(net[-1].bias.grad)
