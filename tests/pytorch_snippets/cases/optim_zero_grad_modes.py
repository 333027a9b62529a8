import torch
from torch import nn

model = nn.Linear(2, 1)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
model(torch.ones(1, 2)).sum().backward()
print(model.weight.grad)
opt.zero_grad()
print(model.weight.grad)
model(torch.ones(1, 2)).sum().backward()
opt.zero_grad(set_to_none=False)
print(model.weight.grad, model.bias.grad)
model.zero_grad()
print(model.weight.grad)
for p in model.parameters():
    p.requires_grad_(False)
print([p.requires_grad for p in model.parameters()])
print(model.requires_grad_(True).weight.requires_grad)
