# d2l 5.2 concise MLP: nn.Sequential(Flatten, Linear, ReLU, Linear) on image-shaped input.
import torch
from torch import nn

net = nn.Sequential(nn.Flatten(), nn.Linear(16, 8), nn.ReLU(), nn.Linear(8, 3))


def init_weights(m):
    if type(m) == nn.Linear:
        nn.init.constant_(m.weight, 0.05)
        nn.init.zeros_(m.bias)


net.apply(init_weights)
print(net)
X = torch.arange(32.0).reshape(2, 1, 4, 4) / 32
print(net[0](X).shape, net(X))
loss = nn.CrossEntropyLoss(reduction="none")
trainer = torch.optim.SGD(net.parameters(), lr=0.1)
y = torch.tensor([2, 0])
for step in range(3):
    l = loss(net(X), y)
    trainer.zero_grad()
    l.mean().backward()
    trainer.step()
    print(l)
print([p.shape for p in net.parameters()])
