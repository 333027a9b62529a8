# d2l 5.4 Numerical stability: the sigmoid's vanishing gradient and exploding products of matrices.
import torch

x = torch.arange(-8.0, 8.0, 0.5, requires_grad=True)
y = torch.sigmoid(x)
y.backward(torch.ones_like(x))
print(x.grad[::4])
print(y[::4])
M = torch.tensor([[1.5, -0.5, 0.2, 0.1], [0.3, 1.2, -0.7, 0.4], [-0.2, 0.6, 1.1, -0.9], [0.8, 0.1, -0.3, 1.4]],
                 dtype=torch.float64)
print("a single matrix \n", M)
for i in range(100):
    M = M @ torch.tensor([[1.5, -0.5, 0.2, 0.1], [0.3, 1.2, -0.7, 0.4], [-0.2, 0.6, 1.1, -0.9],
                          [0.8, 0.1, -0.3, 1.4]], dtype=torch.float64)
print("after multiplying 100 matrices\n", M.abs().max() > 1e10, M.dtype)
