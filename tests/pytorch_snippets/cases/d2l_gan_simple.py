# d2l 20.1 generative adversarial networks: the generator and discriminator, update_D and update_G with
# BCEWithLogitsLoss(reduction='sum') and detach, on fixed data and deterministically initialised nets.
import torch
from torch import nn

A = torch.tensor([[1, 2], [-0.1, 0.5]])
b = torch.tensor([1, 2])
X = torch.cos(torch.arange(16.).reshape(8, 2))
data = torch.matmul(X, A) + b
print(f'The covariance matrix is\n{torch.matmul(A.T, A)}')
print(data[:4])

net_G = nn.Sequential(nn.Linear(2, 2))
net_D = nn.Sequential(nn.Linear(2, 5), nn.Tanh(), nn.Linear(5, 3), nn.Tanh(), nn.Linear(3, 1))
for net in (net_G, net_D):
    for i, w in enumerate(net.parameters()):
        with torch.no_grad():
            w.copy_(torch.sin(torch.arange(w.numel(), dtype=torch.float) + i).reshape(w.shape) * 0.5)


def update_D(X, Z, net_D, net_G, loss, trainer_D):
    batch_size = X.shape[0]
    ones = torch.ones((batch_size,), device=X.device)
    zeros = torch.zeros((batch_size,), device=X.device)
    trainer_D.zero_grad()
    real_Y = net_D(X)
    fake_X = net_G(Z)
    fake_Y = net_D(fake_X.detach())
    loss_D = (loss(real_Y, ones.reshape(real_Y.shape)) + loss(fake_Y, zeros.reshape(fake_Y.shape))) / 2
    loss_D.backward()
    trainer_D.step()
    return loss_D


def update_G(Z, net_D, net_G, loss, trainer_G):
    batch_size = Z.shape[0]
    ones = torch.ones((batch_size,), device=Z.device)
    trainer_G.zero_grad()
    fake_X = net_G(Z)
    fake_Y = net_D(fake_X)
    loss_G = loss(fake_Y, ones.reshape(fake_Y.shape))
    loss_G.backward()
    trainer_G.step()
    return loss_G


loss = nn.BCEWithLogitsLoss(reduction='sum')
trainer_D = torch.optim.Adam(net_D.parameters(), lr=0.05)
trainer_G = torch.optim.Adam(net_G.parameters(), lr=0.005)
Z = torch.sin(torch.arange(16.).reshape(8, 2) * 0.7)
for epoch in range(3):
    loss_D = update_D(data, Z, net_D, net_G, loss, trainer_D)
    loss_G = update_G(Z, net_D, net_G, loss, trainer_G)
    print(f'epoch {epoch}: loss_D {loss_D.item():.4f}, loss_G {loss_G.item():.4f}')
print(net_G(Z[:2]).detach().numpy())
print(net_G[0].weight.grad)
