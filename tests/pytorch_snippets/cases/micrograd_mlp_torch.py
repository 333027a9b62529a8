# The micrograd lecture's tiny dataset, trained with torch.nn instead of micrograd.
import torch
from torch import nn

xs = torch.tensor([[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]])
ys = torch.tensor([1.0, -1.0, -1.0, 1.0])
model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 4), nn.Tanh(), nn.Linear(4, 1), nn.Tanh())
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        p.copy_(torch.linspace(-0.5, 0.5, p.numel()).reshape(p.shape) * (1 if i % 2 == 0 else -1))
print(sum(p.numel() for p in model.parameters()))
for k in range(20):
    ypred = model(xs).squeeze(1)
    loss = ((ypred - ys) ** 2).sum()
    model.zero_grad()
    loss.backward()
    with torch.no_grad():
        for p in model.parameters():
            p += -0.1 * p.grad
    if k % 5 == 0:
        print(k, f"{loss.item():.4f}")
print(model(xs).squeeze(1))
