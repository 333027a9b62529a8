# d2l 5.2 MLP from scratch: nn.Parameter weights, relu as torch.max with zeros, manual training steps.
import torch
from torch import nn


def relu(X):
    a = torch.zeros_like(X)
    return torch.max(X, a)


num_inputs, num_outputs, num_hiddens = 6, 3, 8
W1 = nn.Parameter(torch.linspace(-0.3, 0.3, num_inputs * num_hiddens).reshape(num_inputs, num_hiddens))
b1 = nn.Parameter(torch.zeros(num_hiddens))
W2 = nn.Parameter(torch.linspace(0.2, -0.2, num_hiddens * num_outputs).reshape(num_hiddens, num_outputs))
b2 = nn.Parameter(torch.zeros(num_outputs))
print(W1.shape, W1.requires_grad, relu(torch.tensor([-1.0, 0.0, 2.0])))


def net(X):
    X = X.reshape((-1, num_inputs))
    H = relu(torch.matmul(X, W1) + b1)
    return torch.matmul(H, W2) + b2


X = torch.arange(24.0).reshape(4, 6) / 24
y = torch.tensor([0, 1, 2, 1])
params = [W1, b1, W2, b2]
for step in range(5):
    l = nn.functional.cross_entropy(net(X), y)
    for p in params:
        p.grad = None
    l.backward()
    with torch.no_grad():
        for p in params:
            p -= 0.1 * p.grad
    print(step, l)
print(b1.grad.shape, W2.grad.shape, bool((W2.grad != 0).any()))
