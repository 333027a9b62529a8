# d2l 4.4 Softmax regression from scratch: softmax, picking probabilities by label, cross-entropy, accuracy.
import torch

X = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(X.sum(0, keepdims=True), X.sum(1, keepdims=True))


def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdims=True)
    return X_exp / partition


X = torch.tensor([[0.1, 0.5, 0.2, 0.9, 0.3], [0.7, 0.0, 0.4, 0.6, 0.8]])
X_prob = softmax(X)
print(X_prob, X_prob.sum(1))
y = torch.tensor([0, 2])
y_hat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
print(y_hat[[0, 1], y])


def cross_entropy(y_hat, y):
    return -torch.log(y_hat[list(range(len(y_hat))), y])


print(cross_entropy(y_hat, y))
print(cross_entropy(y_hat, y).mean())


def accuracy(y_hat, y):
    if len(y_hat.shape) > 1 and y_hat.shape[1] > 1:
        y_hat = y_hat.argmax(axis=1)
    cmp = y_hat.type(y.dtype) == y
    return float(cmp.type(y.dtype).sum())


print(accuracy(y_hat, y) / len(y))
W = torch.zeros((4, 3), requires_grad=True)
b = torch.zeros(3, requires_grad=True)
Xs = torch.tensor([[1.0, 0, 0, 1], [0, 1, 1, 0], [1, 1, 0, 0]])
ys = torch.tensor([0, 1, 2])
for epoch in range(3):
    y_hat = softmax(torch.matmul(Xs.reshape((-1, W.shape[0])), W) + b)
    l = cross_entropy(y_hat, ys)
    l.mean().backward()
    with torch.no_grad():
        for param in [W, b]:
            param -= 0.5 * param.grad
            param.grad.zero_()
    print(epoch, l, accuracy(y_hat, ys))
print(W)
