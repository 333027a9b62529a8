# A full small training run: Dataset, DataLoader, model with LayerNorm and Dropout, AdamW, a scheduler.
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

x = torch.stack([torch.linspace(-2, 2, 32), torch.linspace(2, -2, 32).pow(2) / 4], dim=1)
y = (x[:, 0] + x[:, 1] > 0.5).long()
loader = DataLoader(TensorDataset(x, y), batch_size=8)
model = nn.Sequential(nn.Linear(2, 8), nn.LayerNorm(8), nn.ReLU(), nn.Dropout(0.0), nn.Linear(8, 2))
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        p.copy_(torch.linspace(-0.5, 0.5, p.numel()).reshape(p.shape) * (1 if i % 2 else -1))
optimizer = torch.optim.AdamW(model.parameters(), lr=0.05)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=2, gamma=0.5)
loss_fn = nn.CrossEntropyLoss()
for epoch in range(4):
    model.train()
    total = 0.0
    for xb, yb in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
    scheduler.step()
    model.eval()
    with torch.no_grad():
        accuracy = (model(x).argmax(1) == y).float().mean()
    print(epoch, f"{total / len(x):.4f}", f"{accuracy.item():.4f}", scheduler.get_last_lr())
print(model)
