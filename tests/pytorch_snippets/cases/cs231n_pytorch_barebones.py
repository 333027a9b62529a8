# CS231n assignment "PyTorch.ipynb", barebones part: flatten, two_layer_fc, random_weight, check_accuracy.
import numpy as np
import torch
import torch.nn.functional as F

dtype = torch.float32
device = torch.device("cpu")


def flatten(x):
    N = x.shape[0]
    return x.view(N, -1)


def test_flatten():
    x = torch.arange(12).view(2, 1, 3, 2)
    print("Before flattening: ", x)
    print("After flattening: ", flatten(x))


test_flatten()


def two_layer_fc(x, params):
    x = flatten(x)
    w1, w2 = params
    x = F.relu(x.mm(w1))
    x = x.mm(w2)
    return x


def two_layer_fc_test():
    hidden_layer_size = 42
    x = torch.zeros((64, 50), dtype=dtype)
    w1 = torch.zeros((50, hidden_layer_size), dtype=dtype)
    w2 = torch.zeros((hidden_layer_size, 10), dtype=dtype)
    scores = two_layer_fc(x, [w1, w2])
    print(scores.size())


two_layer_fc_test()


def random_weight(shape):
    if len(shape) == 2:
        fan_in = shape[0]
    else:
        fan_in = np.prod(shape[1:])
    w = torch.randn(shape, device=device, dtype=dtype) * np.sqrt(2. / fan_in)
    w.requires_grad = True
    return w


def zero_weight(shape):
    return torch.zeros(shape, device=device, dtype=dtype, requires_grad=True)


w = random_weight((3, 5))
print(w.shape, w.dtype, w.requires_grad, w.is_leaf)
w4 = random_weight((6, 3, 3, 3))
print(w4.shape, w4.dtype)
print(zero_weight((2, 3)))


def check_accuracy_part2(loader, model_fn, params):
    num_correct, num_samples = 0, 0
    with torch.no_grad():
        for x, y in loader:
            scores = model_fn(x, params)
            _, preds = scores.max(1)
            num_correct += (preds == y).sum()
            num_samples += preds.size(0)
        acc = float(num_correct) / num_samples
        print("Got %d / %d correct (%.2f%%)" % (num_correct, num_samples, 100 * acc))


w1 = torch.eye(4, dtype=dtype)
w2 = torch.tensor([[1.0, 0], [0, 1], [1, 0], [0, 1]], dtype=dtype)
loader = [(torch.tensor([[1.0, 0, 0, 0], [0, 1, 0, 0]]), torch.tensor([0, 0])),
          (torch.tensor([[0.0, 0, 2, 0]]), torch.tensor([0]))]
check_accuracy_part2(loader, two_layer_fc, [w1, w2])
