# d2l 2.4 Calculus: a numerical limit, then the same derivative from autograd.
import numpy as np
import torch


def f(x):
    return 3 * x ** 2 - 4 * x


for h in 10.0 ** np.arange(-1, -6, -1):
    print(f"h={h:.5f}, numerical limit={(f(1 + h) - f(1)) / h:.5f}")
x = torch.tensor(1.0, requires_grad=True)
f(x).backward()
print(x.grad)
x = torch.arange(0, 3, 0.5, requires_grad=True)
y = f(x)
y.backward(torch.ones_like(x))
print(x)
print(y)
print(x.grad)
print(y.grad_fn.name(), type(y.grad_fn).__name__)
