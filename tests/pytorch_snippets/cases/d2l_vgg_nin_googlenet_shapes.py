# d2l 8.2-8.4 VGG blocks, NiN blocks with AdaptiveAvgPool2d, and a GoogLeNet Inception block: layer-by-layer shapes and a forward pass.
import torch
from torch import nn
from torch.nn import functional as F


def vgg_block(num_convs, in_channels, out_channels):
    layers = []
    for _ in range(num_convs):
        layers.append(nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1))
        layers.append(nn.ReLU())
        in_channels = out_channels
    layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
    return nn.Sequential(*layers)


conv_arch = ((1, 1, 4), (1, 4, 8), (2, 8, 8))
net = nn.Sequential(*[vgg_block(*a) for a in conv_arch], nn.Flatten(),
                    nn.Linear(8 * 4 * 4, 16), nn.ReLU(), nn.Dropout(0.5), nn.Linear(16, 10))
print(net[0])
X = ((torch.arange(32 * 32) % 9) / 9).reshape(1, 1, 32, 32)
for blk in net:
    X = blk(X)
    print(blk.__class__.__name__, 'output shape:\t', X.shape)


def nin_block(in_channels, out_channels, kernel_size, strides, padding):
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size, strides, padding), nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU(),
        nn.Conv2d(out_channels, out_channels, kernel_size=1), nn.ReLU())


nin = nn.Sequential(
    nin_block(1, 6, kernel_size=5, strides=2, padding=0),
    nn.MaxPool2d(3, stride=2),
    nin_block(6, 10, kernel_size=3, strides=1, padding=1),
    nn.AdaptiveAvgPool2d((1, 1)),
    nn.Flatten())
X = ((torch.arange(2 * 35 * 35) % 11) / 11).reshape(2, 1, 35, 35)
for layer in nin:
    X = layer(X)
    print(layer.__class__.__name__, 'output shape:\t', X.shape)
print(nin[3])


class Inception(nn.Module):
    def __init__(self, c1, c2, c3, c4, **kwargs):
        super(Inception, self).__init__(**kwargs)
        self.b1_1 = nn.Conv2d(3, c1, kernel_size=1)
        self.b2_1 = nn.Conv2d(3, c2[0], kernel_size=1)
        self.b2_2 = nn.Conv2d(c2[0], c2[1], kernel_size=3, padding=1)
        self.b3_1 = nn.Conv2d(3, c3[0], kernel_size=1)
        self.b3_2 = nn.Conv2d(c3[0], c3[1], kernel_size=5, padding=2)
        self.b4_1 = nn.MaxPool2d(kernel_size=3, stride=1, padding=1)
        self.b4_2 = nn.Conv2d(3, c4, kernel_size=1)

    def forward(self, x):
        b1 = F.relu(self.b1_1(x))
        b2 = F.relu(self.b2_2(F.relu(self.b2_1(x))))
        b3 = F.relu(self.b3_2(F.relu(self.b3_1(x))))
        b4 = F.relu(self.b4_2(self.b4_1(x)))
        return torch.cat((b1, b2, b3, b4), dim=1)


inc = Inception(2, (2, 3), (1, 2), 2)
with torch.no_grad():
    for i, p in enumerate(inc.parameters()):
        p.copy_(((torch.arange(p.numel()) * (i + 1)) % 5 - 2).reshape(p.shape) * 0.1)
x = ((torch.arange(3 * 5 * 5) % 4) / 4).reshape(1, 3, 5, 5)
y = inc(x)
print(y.shape)
print(y[0, :, 2, 2])
y.sum().backward()
print(inc.b3_2.bias.grad, inc.b1_1.weight.grad.reshape(-1))
