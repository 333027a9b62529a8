# CS231n softmax_loss_naive with explicit loops and Python floats vs the vectorized version.
import math
import torch

W = torch.tensor([[0.1, -0.2, 0.05], [0.3, 0.1, -0.1]], dtype=torch.float64)
X = torch.tensor([[1.0, 2.0], [0.5, -1.0], [-1.5, 0.5], [2.0, 0.0]], dtype=torch.float64)
y = torch.tensor([1, 0, 2, 1])
reg = 0.1
loss = 0.0
dW = torch.zeros_like(W)
num_train, num_classes = X.shape[0], W.shape[1]
for i in range(num_train):
    scores = X[i].matmul(W)
    scores -= scores.max()
    correct = scores[y[i]]
    denom = torch.exp(scores).sum()
    loss += -correct + math.log(denom)
    for j in range(num_classes):
        p = torch.exp(scores[j]) / denom
        dW[:, j] += (p - (j == y[i])) * X[i]
loss /= num_train
dW /= num_train
loss += reg * torch.sum(W * W)
dW += 2 * reg * W
print(type(loss).__name__, loss)
print(dW)
Wt = W.clone().requires_grad_()
s = X @ Wt
l = torch.nn.functional.cross_entropy(s, y) + reg * (Wt * Wt).sum()
l.backward()
print(torch.allclose(l, torch.as_tensor(loss)), torch.allclose(Wt.grad, dW))
