# micrograd lecture 1: f(x) = 3x^2 - 4x + 5, a numerical slope, then autograd on a whole grid of xs.
import numpy as np
import torch


def f(x):
    return 3 * x**2 - 4 * x + 5


print(f(3.0))
xs = np.arange(-5, 5, 0.25)
ys = f(xs)
print(ys[:4])
h = 0.000001
x = 2 / 3
print((f(x + h) - f(x)) / h)
a, b, c = 2.0, -3.0, 10.0
d1 = a * b + c
a += h
d2 = a * b + c
print("d1", d1, "d2", d2, "slope", (d2 - d1) / h)
xt = torch.arange(-5, 5, 0.25, dtype=torch.float64, requires_grad=True)
yt = f(xt)
yt.sum().backward()
print(torch.allclose(xt.grad, 6 * xt - 4), xt.grad[:4], yt[:4])
print(xt.shape, torch.tensor(xs).dtype, torch.equal(torch.tensor(xs), xt.detach()))
