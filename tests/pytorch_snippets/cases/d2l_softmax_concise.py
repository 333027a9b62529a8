# d2l 4.5 Concise softmax regression, with fixed inputs and weights.
# float32 order: PyTorch's (two printed outputs sit on a rounding tie, 0.00625 and 0.05625: the last bit decides)
import torch
from torch import nn
from torch.nn import functional as F

X = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(X.sum(0, keepdim=True), X.sum(1, keepdim=True))


def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdim=True)
    return X_exp / partition


X_prob = softmax(X)
print(X_prob, X_prob.sum(1))
print(torch.allclose(X_prob, F.softmax(X, dim=1)))
net = nn.Sequential(nn.Flatten(), nn.Linear(4, 3))
with torch.no_grad():
    net[1].weight.copy_(torch.tensor([[0.1, 0.2, 0.0, -0.1], [0.0, -0.3, 0.2, 0.1], [0.2, 0.1, -0.2, 0.0]]))
    net[1].bias.zero_()
images = torch.arange(16.0).reshape(4, 2, 2) / 16
labels = torch.tensor([0, 1, 2, 1])
Y_hat = net(images)
print(Y_hat)
print(F.cross_entropy(Y_hat, labels, reduction="mean"))
print(F.cross_entropy(Y_hat, labels, reduction="none"))
trainer = torch.optim.SGD(net.parameters(), lr=0.1)
for epoch in range(3):
    trainer.zero_grad()
    loss = F.cross_entropy(net(images), labels)
    loss.backward()
    trainer.step()
    print(epoch, f"{loss.item():.5f}", (net(images).argmax(dim=1) == labels).float().mean())
