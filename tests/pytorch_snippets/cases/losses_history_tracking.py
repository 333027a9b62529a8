# Tracking losses in lists during training: loss.item() vs keeping tensors, torch.tensor(list).mean(), log10.
import torch
from torch import nn

model = nn.Linear(1, 1)
with torch.no_grad():
    model.weight.fill_(0.0)
    model.bias.fill_(0.0)
X = torch.tensor([[1.0], [2.0], [3.0], [4.0]])
y = 3 * X - 1
opt = torch.optim.SGD(model.parameters(), lr=0.05)
lossi, kept = [], []
for step in range(12):
    loss = nn.functional.mse_loss(model(X), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
    lossi.append(loss.log10().item())
    kept.append(loss)
print([round(v, 3) for v in lossi[:4]])
print(kept[0].requires_grad, kept[0].grad_fn.name(), torch.stack(kept).shape)
history = torch.tensor([l.item() for l in kept])
print(history[:3], history.mean(), history.view(-1, 4).mean(1))
print(f"final loss {kept[-1].item():.4f} | {kept[-1]:.4f}", min(lossi) == lossi[-1])
