# d2l 3.4 Linear regression from scratch, on noise-free synthetic data and sequential minibatches.
import torch


def synthetic_data(w, b, num_examples):
    X = torch.stack([torch.linspace(-1, 1, num_examples), torch.linspace(1, -1, num_examples) ** 3], dim=1)
    y = torch.matmul(X, w) + b
    return X, y.reshape((-1, 1))


true_w = torch.tensor([2, -3.4])
true_b = 4.2
features, labels = synthetic_data(true_w, true_b, 100)
print("features:", features[0], "\nlabel:", labels[0])


def data_iter(batch_size, features, labels):
    num_examples = len(features)
    for i in range(0, num_examples, batch_size):
        yield features[i:min(i + batch_size, num_examples)], labels[i:min(i + batch_size, num_examples)]


w = torch.zeros((2, 1), requires_grad=True)
b = torch.zeros(1, requires_grad=True)


def linreg(X, w, b):
    return torch.matmul(X, w) + b


def squared_loss(y_hat, y):
    return (y_hat - y.reshape(y_hat.shape)) ** 2 / 2


def sgd(params, lr, batch_size):
    with torch.no_grad():
        for param in params:
            param -= lr * param.grad / batch_size
            param.grad.zero_()


lr, num_epochs, batch_size = 0.1, 3, 10
for epoch in range(num_epochs):
    for X, y in data_iter(batch_size, features, labels):
        l = squared_loss(linreg(X, w, b), y)
        l.sum().backward()
        sgd([w, b], lr, batch_size)
    with torch.no_grad():
        train_l = squared_loss(linreg(features, w, b), labels)
        print(f"epoch {epoch + 1}, loss {float(train_l.mean()):f}")
print(f"error in estimating w: {(true_w - w.reshape(true_w.shape)).detach()}")
print(f"error in estimating b: {true_b - b.item():.4f}")
