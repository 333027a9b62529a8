# d2l 11.2 Attention pooling by similarity (Nadaraya-Watson): kernels, softmax weights over keys, and the estimate.
# float32 order: PyTorch's — (the weights of a column are k / k.sum(0); their sum prints as 1. only with its order)
import torch

n = 40
x_train = torch.arange(0, 5, 5 / n)
y_train = 2 * torch.sin(x_train) + x_train ** 0.8
x_val = torch.arange(0, 5, 0.5)
y_val = 2 * torch.sin(x_val) + x_val ** 0.8
print(x_train.shape, x_val)


def gaussian(x):
    return torch.exp(-x ** 2 / 2)


def boxcar(x):
    return torch.abs(x) < 1.0


def constant(x):
    return 1.0 + 0 * x


def epanechikov(x):
    return torch.max(1 - torch.abs(x), torch.zeros_like(x))


def nadaraya_watson(x_train, y_train, x_val, kernel):
    dists = x_train.reshape((-1, 1)) - x_val.reshape((1, -1))
    k = kernel(dists).type(torch.float32)
    attention_w = k / k.sum(0)
    y_hat = y_train @ attention_w
    return y_hat, attention_w


for kernel in (gaussian, boxcar, constant, epanechikov):
    y_hat, attention_w = nadaraya_watson(x_train, y_train, x_val, kernel)
    print(kernel.__name__, attention_w.shape, (y_hat - y_val).abs().max() < 3)

y_hat, attention_w = nadaraya_watson(x_train, y_train, x_val, boxcar)
print(attention_w.sum(0))
print((attention_w > 0).sum(0))
sigmas = (0.1, 0.2, 0.5, 1)
for sigma in sigmas:
    y_hat, w = nadaraya_watson(x_train, y_train, x_val, lambda x: gaussian(x / sigma))
    print(sigma, round(float(w.max()), 3))
