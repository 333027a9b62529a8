# d2l 9.1 Working with sequences: features from a sliding window over a series, a linear autoregressive model, k-step predictions.
import torch
from torch import nn

T = 200
time = torch.arange(1, T + 1, dtype=torch.float32)
x = torch.sin(0.01 * time) + (torch.arange(T) % 5 - 2) * 0.05
tau = 4
features = [x[i: T - tau + i] for i in range(tau)]
features = torch.stack(features, 1)
labels = x[tau:].reshape((-1, 1))
print(features.shape, labels.shape)
print(features[:3])

net = nn.Linear(tau, 1)
with torch.no_grad():
    net.weight.fill_(0.25)
    net.bias.zero_()
loss = nn.MSELoss()
trainer = torch.optim.SGD(net.parameters(), lr=0.01)
n_train = 120
for epoch in range(5):
    for i in range(0, n_train, 20):
        X, y = features[i:i + 20], labels[i:i + 20]
        trainer.zero_grad()
        l = loss(net(X), y)
        l.backward()
        trainer.step()
    print(f'epoch {epoch + 1}, loss {loss(net(features[:n_train]), labels[:n_train]).item():.5f}')

onestep_preds = net(features).detach()
print(onestep_preds.shape, onestep_preds[:3].reshape(-1))
multistep_preds = torch.zeros(T)
multistep_preds[: n_train + tau] = x[: n_train + tau]
for i in range(n_train + tau, T):
    multistep_preds[i] = net(multistep_preds[i - tau:i].reshape((1, -1)))
print(multistep_preds.requires_grad, multistep_preds.grad_fn.name())
print(multistep_preds[-3:].detach())

max_steps = 8
feats = torch.zeros((T - tau - max_steps + 1, tau + max_steps))
for i in range(tau):
    feats[:, i] = x[i: i + T - tau - max_steps + 1]
for i in range(tau, tau + max_steps):
    feats[:, i] = net(feats[:, i - tau:i]).reshape(-1)
print(feats.shape, feats.requires_grad)
print(feats[0, tau:].detach())
