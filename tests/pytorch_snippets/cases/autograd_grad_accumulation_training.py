# Gradient accumulation over micro-batches and zero_grad(set_to_none=...) in a training loop.
import torch
from torch import nn

model = nn.Linear(2, 1)
with torch.no_grad():
    model.weight.fill_(0.3)
    model.bias.fill_(0.0)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
X = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]])
y = torch.tensor([[1.0], [2.0], [3.0], [4.0]])
loss_fn = nn.MSELoss()
accumulation_steps = 2
for i, (xb, yb) in enumerate(zip(X.split(1), y.split(1))):
    loss = loss_fn(model(xb), yb) / accumulation_steps
    loss.backward()
    print(i, model.weight.grad)
    if (i + 1) % accumulation_steps == 0:
        opt.step()
        opt.zero_grad()
        print("step", model.weight.data, model.weight.grad)
opt.zero_grad(set_to_none=False)
print(model.weight.grad, model.bias.grad)
model(X).sum().backward()
model.zero_grad()
print(model.weight.grad)
