import torch
import torch.nn.functional as F
x = torch.arange(1., 5.).view(1, 1, 2, 2)
print(F.interpolate(x, scale_factor=2, mode='nearest'))
print(F.interpolate(x, size=(3, 3), mode='nearest'))
print(F.interpolate(x, scale_factor=2, mode='bilinear', align_corners=False))
print(F.interpolate(x, scale_factor=2, mode='bilinear', align_corners=True))
s = torch.arange(1., 5.).view(1, 1, 4)
print(F.interpolate(s, size=8, mode='linear'))
up = torch.nn.Upsample(scale_factor=2, mode='nearest')
print(up)
print(up(x))
