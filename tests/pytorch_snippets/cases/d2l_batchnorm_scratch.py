# d2l 8.5 Batch normalization from scratch: batch_norm for fully connected (2-D) and convolutional (4-D) inputs, moving averages, gradients.
import torch
from torch import nn


def batch_norm(X, gamma, beta, moving_mean, moving_var, eps, momentum):
    if not torch.is_grad_enabled():
        X_hat = (X - moving_mean) / torch.sqrt(moving_var + eps)
    else:
        assert len(X.shape) in (2, 4)
        if len(X.shape) == 2:
            mean = X.mean(dim=0)
            var = ((X - mean) ** 2).mean(dim=0)
        else:
            mean = X.mean(dim=(0, 2, 3), keepdim=True)
            var = ((X - mean) ** 2).mean(dim=(0, 2, 3), keepdim=True)
        X_hat = (X - mean) / torch.sqrt(var + eps)
        moving_mean = (1.0 - momentum) * moving_mean + momentum * mean
        moving_var = (1.0 - momentum) * moving_var + momentum * var
    Y = gamma * X_hat + beta
    return Y, moving_mean.data, moving_var.data


class BatchNorm(nn.Module):
    def __init__(self, num_features, num_dims):
        super().__init__()
        if num_dims == 2:
            shape = (1, num_features)
        else:
            shape = (1, num_features, 1, 1)
        self.gamma = nn.Parameter(torch.ones(shape))
        self.beta = nn.Parameter(torch.zeros(shape))
        self.moving_mean = torch.zeros(shape)
        self.moving_var = torch.ones(shape)

    def forward(self, X):
        if self.moving_mean.device != X.device:
            self.moving_mean = self.moving_mean.to(X.device)
            self.moving_var = self.moving_var.to(X.device)
        Y, self.moving_mean, self.moving_var = batch_norm(
            X, self.gamma, self.beta, self.moving_mean,
            self.moving_var, eps=1e-5, momentum=0.1)
        return Y


X = ((torch.arange(12.0) % 5) * 2 - 3).reshape(4, 3)
bn = BatchNorm(3, num_dims=2)
Y = bn(X)
print(Y)
print(bn.moving_mean, bn.moving_var)
(Y[:, 0] * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
print(bn.gamma.grad, bn.beta.grad)

ref = nn.BatchNorm1d(3, momentum=0.1)
Yr = ref(X)
print(torch.allclose(Y, Yr, atol=1e-5), ref.running_mean)
print(ref.running_var)

X4 = ((torch.arange(2 * 2 * 3 * 3.0) % 7) - 3).reshape(2, 2, 3, 3)
bn4 = BatchNorm(2, num_dims=4)
Y4 = bn4(X4)
print(Y4.shape, Y4.mean(dim=(0, 2, 3)).abs().max() < 1e-6)
print(bn4.moving_mean.reshape(-1), bn4.moving_var.reshape(-1))
with torch.no_grad():
    Y_eval = bn4(X4)
print(Y_eval[0, 1])
print(bn4.moving_mean.requires_grad, type(bn4.moving_mean).__name__)
