# d2l 8.5 Batch normalization, the concise version on a small MLP (BatchNorm1d after each Linear).
import torch
from torch import nn

net = nn.Sequential(
    nn.Linear(6, 8), nn.BatchNorm1d(8), nn.Sigmoid(),
    nn.Linear(8, 4), nn.BatchNorm1d(4), nn.Sigmoid(),
    nn.Linear(4, 3))
print(net)
with torch.no_grad():
    for i, p in enumerate(net.parameters()):
        p.copy_(torch.linspace(-0.4, 0.6, p.numel()).reshape(p.shape) + 0.1 * i)
X = torch.linspace(-1, 1, 30).reshape(5, 6)
y = torch.tensor([0, 1, 2, 1, 0])
optimizer = torch.optim.SGD(net.parameters(), lr=0.5)
for epoch in range(3):
    optimizer.zero_grad()
    loss = nn.functional.cross_entropy(net(X), y)
    loss.backward()
    optimizer.step()
    print(epoch, f"{loss.item():.4f}")
print(net[1].running_mean, net[4].num_batches_tracked)
net.eval()
print(net(X[:2]))
print(sorted(net.state_dict().keys())[:5])
