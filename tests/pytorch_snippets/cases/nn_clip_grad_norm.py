# Gradient clipping in a training loop: clip_grad_norm_ returns the total norm; clip_grad_value_.
import torch
from torch import nn

model = nn.Linear(3, 2)
with torch.no_grad():
    model.weight.copy_(torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 0.0]]))
    model.bias.fill_(0.1)
x = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
loss = model(x).pow(2).sum()
loss.backward()
print(model.weight.grad, model.bias.grad)
total = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
print(total)
print(model.weight.grad, model.bias.grad)
norm = torch.sqrt(sum(p.grad.pow(2).sum() for p in model.parameters()))
print(torch.allclose(norm, torch.tensor(1.0), atol=1e-5))
model.zero_grad()
model(x).pow(2).sum().backward()
torch.nn.utils.clip_grad_value_(model.parameters(), clip_value=5.0)
print(model.weight.grad, model.bias.grad)
vec = torch.nn.utils.parameters_to_vector(model.parameters())
print(vec)
