# Tensor functions given a Python number or a NumPy array raise TypeError, as PyTorch does.
import math
import numpy as np
import torch

for call in (lambda: torch.log(2.0), lambda: torch.exp(1), lambda: torch.sin(np.array([0.5])),
             lambda: torch.sqrt(4.0), lambda: torch.sum([1, 2, 3])):
    try:
        print(call())
    except TypeError as e:
        print(type(e).__name__)
print(math.log(2.0), torch.log(torch.tensor(2.0)), torch.tensor(2.0).log())
print(torch.exp(torch.tensor(1)), torch.exp(torch.tensor(1)).dtype)
print(torch.log(torch.tensor([0.0, 1.0])), torch.sqrt(torch.tensor(-1.0)))
x = torch.tensor([0.0, 1.0], requires_grad=True)
y = torch.sqrt(x).sum()
y.backward()
print(x.grad)
print(torch.exp(torch.tensor([1000.0])), torch.tensor([1e38]) * 10)
print(torch.pow(torch.tensor([0.0, 2.0]), -1.0), torch.log(torch.tensor(-1.0)))
