# d2l 3.6 Underfitting/overfitting: polynomial features in NumPy, scaled by gamma(i+1), then tensors.
import math
import numpy as np
import torch

max_degree = 6
n_train, n_test = 4, 4
true_w = np.zeros(max_degree)
true_w[0:4] = np.array([5, 1.2, -3.4, 5.6])
features = np.linspace(-1, 1, n_train + n_test)
poly_features = np.power(features, np.arange(max_degree).reshape(1, -1))
for i in range(max_degree):
    poly_features[:, i] /= math.gamma(i + 1)
labels = np.dot(poly_features, true_w)
true_w, features, poly_features, labels = [torch.tensor(x, dtype=torch.float32) for x in [true_w, features, poly_features, labels]]
print(features[:2], poly_features[:2, :], labels[:2])
print(true_w.dtype, poly_features.shape, labels.shape)
t64 = torch.tensor(np.arange(3.0))
print(t64, t64.dtype, torch.from_numpy(np.arange(3)).dtype, torch.as_tensor(np.float32(1.5)))
print(torch.tensor(np.array(2.5)), torch.tensor([np.float64(0.5), 1.0]).dtype)
