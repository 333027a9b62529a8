# Freezing part of a model (transfer-learning style): requires_grad_(False), fewer trainable parameters, no grads.
import torch
from torch import nn

backbone = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 8), nn.ReLU())
head = nn.Linear(8, 2)
model = nn.Sequential(backbone, head)
for p in model.parameters():
    nn.init.constant_(p, 0.1)
backbone.requires_grad_(False)
print(sum(p.numel() for p in model.parameters()), sum(p.numel() for p in model.parameters() if p.requires_grad))
opt = torch.optim.SGD([p for p in model.parameters() if p.requires_grad], lr=0.5)
x = torch.arange(8.0).reshape(2, 4) / 8
y = torch.tensor([0, 1])
for _ in range(3):
    loss = nn.functional.cross_entropy(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    print(loss)
print(backbone[0].weight.grad, head.weight.grad is not None, backbone[0].weight[0, :2])
feats = backbone(x)
print(feats.requires_grad, head(feats).requires_grad, head(feats).grad_fn.name())
model.requires_grad_(True)
print(all(p.requires_grad for p in model.parameters()))
