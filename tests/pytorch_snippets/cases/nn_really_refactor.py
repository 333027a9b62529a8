# "What is torch.nn really?": F.cross_entropy, nn.Module with nn.Parameter, nn.Linear, optim.
import torch
import torch.nn.functional as F
from torch import nn, optim

n, d, c = 48, 12, 4
x_train = ((torch.arange(n * d).reshape(n, d) * 29) % 53).float() / 53
y_train = torch.arange(n) % c
loss_func = F.cross_entropy


class Mnist_Logistic(nn.Module):
    def __init__(self):
        super().__init__()
        self.weights = nn.Parameter(torch.full((d, c), 0.01))
        self.bias = nn.Parameter(torch.zeros(c))

    def forward(self, xb):
        return xb @ self.weights + self.bias


model = Mnist_Logistic()
bs = 16
xb, yb = x_train[0:bs], y_train[0:bs]
print(loss_func(model(xb), yb))
print(model)
print([(name, p.shape) for name, p in model.named_parameters()])


def fit(model, lr, epochs):
    for epoch in range(epochs):
        for i in range((n - 1) // bs + 1):
            start_i = i * bs
            end_i = start_i + bs
            xb = x_train[start_i:end_i]
            yb = y_train[start_i:end_i]
            loss = loss_func(model(xb), yb)
            loss.backward()
            with torch.no_grad():
                for p in model.parameters():
                    p -= p.grad * lr
                model.zero_grad()


fit(model, 0.5, 2)
print(loss_func(model(xb), yb))


class Mnist_Logistic2(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(d, c)

    def forward(self, xb):
        return self.lin(xb)


def get_model():
    model = Mnist_Logistic2()
    with torch.no_grad():
        model.lin.weight.fill_(0.01)
        model.lin.bias.zero_()
    return model, optim.SGD(model.parameters(), lr=0.5)


model, opt = get_model()
print(model, loss_func(model(xb), yb))
for epoch in range(2):
    for i in range((n - 1) // bs + 1):
        xb, yb = x_train[i * bs:i * bs + bs], y_train[i * bs:i * bs + bs]
        loss = loss_func(model(xb), yb)
        loss.backward()
        opt.step()
        opt.zero_grad()
print(loss_func(model(xb), yb))
print(model.lin.weight.grad)
