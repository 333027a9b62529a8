# "What is torch.nn really?": the CNN with conv2d, avg_pool2d and AdaptiveAvgPool2d, shapes only.
import torch
import torch.nn.functional as F
from torch import nn


class Mnist_CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 4, kernel_size=3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(4, 4, kernel_size=3, stride=2, padding=1)
        self.conv3 = nn.Conv2d(4, 10, kernel_size=3, stride=2, padding=1)

    def forward(self, xb):
        xb = xb.view(-1, 1, 28, 28)
        xb = F.relu(self.conv1(xb))
        xb = F.relu(self.conv2(xb))
        xb = F.relu(self.conv3(xb))
        xb = F.avg_pool2d(xb, 4)
        return xb.view(-1, xb.size(1))


model = Mnist_CNN()
print(model)
x = torch.ones(2, 784)
print(model(x).shape)
seq = nn.Sequential(nn.Conv2d(1, 4, kernel_size=3, stride=2, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten())
print(seq(x.view(-1, 1, 28, 28)).shape)
print([p.shape for p in model.parameters()])
