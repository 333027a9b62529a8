# Warnings PyTorch gives a learner: .T on a 3-D tensor, a list of NumPy arrays to torch.tensor, torch.tensor(tensor).
import numpy as np
import torch

x = torch.arange(24.0).reshape(2, 3, 4)
try:
    print(x.T.shape)
except RuntimeError as e:
    print(type(e).__name__)
print(x.mT.shape, x.permute(2, 1, 0).shape)
arrays = [np.array([1.0, 2.0]), np.array([3.0, 4.0])]
t = torch.tensor(arrays)
print(t, t.dtype)
t2 = torch.tensor(np.stack(arrays))
print(t2.dtype)
a = torch.ones(2)
b = torch.tensor(a)
print(b)
c = torch.tensor(a, requires_grad=True) if False else a.clone().detach().requires_grad_(True)
print(c)
print(torch.ones(3).T.shape)
