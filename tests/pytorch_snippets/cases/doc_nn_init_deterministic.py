import torch
import torch.nn as nn
w = torch.empty(3, 5)
print(nn.init.constant_(w, 0.3))
print(nn.init.ones_(w))
print(nn.init.zeros_(w))
print(nn.init.eye_(torch.empty(3, 5)))
print(nn.init.calculate_gain('leaky_relu', 0.2))
print(nn.init.calculate_gain('tanh'), nn.init.calculate_gain('relu'), nn.init.calculate_gain('selu'))
print(nn.init.calculate_gain('linear'), nn.init.calculate_gain('sigmoid'), nn.init.calculate_gain('conv2d'))
torch.manual_seed(0)
w = torch.empty(300, 500)
nn.init.uniform_(w, a=-0.5, b=0.5)
print(bool(w.min() >= -0.5), bool(w.max() <= 0.5), w.shape)
nn.init.kaiming_uniform_(w, mode='fan_in', nonlinearity='relu')
bound = (6 / 500) ** 0.5
print(bool(w.abs().max() <= bound), round(w.abs().max().item(), 1))
nn.init.xavier_normal_(w)
print(round(w.std().item(), 2), round((2 / 800) ** 0.5, 2))
nn.init.trunc_normal_(w, std=0.02, a=-0.04, b=0.04)
print(bool(w.abs().max() <= 0.04))
nn.init.orthogonal_(w[:100, :100])
q = w[:100, :100]
print(torch.allclose(q @ q.T, torch.eye(100), atol=1e-4))
lin = nn.Linear(4, 2)
with torch.no_grad():
    nn.init.constant_(lin.bias, 0.0)
    nn.init.normal_(lin.weight, mean=0.0, std=0.0)
print(lin.weight, lin.bias)
