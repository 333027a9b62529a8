# CS231n's PyTorch notebook, part II (barebones), with deterministic weights.
import numpy as np
import torch
import torch.nn.functional as F

USE_GPU = True
dtype = torch.float32
if USE_GPU and torch.cuda.is_available():
    device = torch.device("cuda")
else:
    device = torch.device("cpu")
print("using device:", device)


def flatten(x):
    N = x.shape[0]
    return x.view(N, -1)


x = torch.arange(12).view(2, 1, 3, 2)
print("Before flattening: ", x)
print("After flattening: ", flatten(x))


def two_layer_fc(x, params):
    x = flatten(x)
    w1, w2 = params
    x = F.relu(x.mm(w1))
    x = x.mm(w2)
    return x


def zero_weight(shape):
    return torch.zeros(shape, device=device, dtype=dtype, requires_grad=True)


def fixed_weight(shape):
    fan_in = np.prod(shape[1:])
    w = torch.linspace(-1, 1, int(np.prod(shape)), device=device, dtype=dtype).reshape(shape) * np.sqrt(2. / fan_in)
    w.requires_grad = True
    return w


hidden_layer_size = 4
x = torch.linspace(-1, 1, 64 * 12, dtype=dtype).reshape(64, 3, 2, 2)
w1 = fixed_weight((12, hidden_layer_size))
w2 = zero_weight((hidden_layer_size, 10))
scores = two_layer_fc(x, [w1, w2])
print(scores.size(), w1.dtype, w1.is_leaf)
y = torch.arange(64) % 10
loss = F.cross_entropy(two_layer_fc(x, [w1, w2]), y)
loss.backward()
with torch.no_grad():
    for w in [w1, w2]:
        w -= 1e-2 * w.grad
        w.grad.zero_()
_, preds = two_layer_fc(x, [w1, w2]).max(1)
num_correct = (preds == y).sum()
num_samples = preds.size(0)
acc = float(num_correct) / num_samples
print("Got %d / %d correct (%.2f%%)" % (num_correct, num_samples, 100 * acc))
print(f"{loss.item():.4f}")
