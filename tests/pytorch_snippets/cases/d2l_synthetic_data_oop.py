# d2l 3.3 Synthetic regression data as a class: indices, shuffled with Python's random, minibatches by index tensors.
import random
import torch


class SyntheticRegressionData:
    def __init__(self, w, b, noise=0.01, num_train=10, num_val=6, batch_size=4):
        self.w, self.b, self.batch_size = w, b, batch_size
        self.num_train, self.num_val = num_train, num_val
        n = num_train + num_val
        self.X = torch.randn(n, len(w))
        noise = torch.randn(n, 1) * noise
        self.y = torch.matmul(self.X, w.reshape((-1, 1))) + b + noise

    def get_dataloader(self, train):
        if train:
            indices = list(range(0, self.num_train))
            random.shuffle(indices)
        else:
            indices = list(range(self.num_train, self.num_train + self.num_val))
        for i in range(0, len(indices), self.batch_size):
            batch_indices = torch.tensor(indices[i: i + self.batch_size])
            yield self.X[batch_indices], self.y[batch_indices], batch_indices


random.seed(1)
data = SyntheticRegressionData(w=torch.tensor([2, -3.4]), b=4.2)
print(data.X.shape, data.y.shape, data.X.dtype)
for X, y, idx in data.get_dataloader(True):
    print("X shape:", X.shape, "\ny shape:", y.shape, idx)
for X, y, idx in data.get_dataloader(False):
    print(idx, torch.equal(X, data.X[idx]))
X = torch.arange(12.0).reshape(6, 2)
print(X[torch.tensor([4, 0, 2])], X[[True, False, True, False, False, True]])
