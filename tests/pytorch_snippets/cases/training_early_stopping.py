# Keeping the best weights with copy.deepcopy(model.state_dict()) and restoring them; deepcopy of a model.
import copy
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Linear(1, 1)
with torch.no_grad():
    model.weight.fill_(0.0)
    model.bias.fill_(0.0)
X = torch.tensor([[0.0], [1.0], [2.0], [3.0]])
y = 2 * X + 1
Xv = torch.tensor([[4.0], [5.0]])
yv = 2 * Xv + 1
opt = torch.optim.SGD(model.parameters(), lr=0.05)
best_loss, best_state = float("inf"), None
for epoch in range(20):
    loss = nn.functional.mse_loss(model(X), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    with torch.no_grad():
        val = nn.functional.mse_loss(model(Xv), yv).item()
    if val < best_loss:
        best_loss, best_state = val, copy.deepcopy(model.state_dict())
print(f"{best_loss:.4f}", best_state)
twin = copy.deepcopy(model)
print(twin.weight is model.weight, torch.equal(twin.weight, model.weight), twin.weight.requires_grad)
model.load_state_dict(best_state)
print(model.weight.data, model.bias.data)
with torch.no_grad():
    model.weight.add_(1.0)
print(best_state["weight"], twin.weight.data)
