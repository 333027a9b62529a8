# d2l 2.1 exercises: comparisons X < Y and X > Y, broadcasting 3-D tensors, and slicing assignment.
import torch

X = torch.arange(12, dtype=torch.float32).reshape((3, 4))
Y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])
print(X < Y)
print(X > Y)
a = torch.arange(6).reshape((3, 1, 2))
b = torch.arange(4).reshape((1, 2, 2))
print(a + b, (a + b).shape)
c = torch.arange(3).reshape(3, 1, 1)
print((c * b).shape, (a * c).sum(dim=(1, 2)))
X[0:2, :] = 12
X[:, -1] = Y[:, 0]
print(X)
X[X > 11] = -1
print(X, (X == -1).sum())
