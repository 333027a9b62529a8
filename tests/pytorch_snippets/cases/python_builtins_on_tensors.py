# Python builtins and math on tensors, as learners mix them: len, list, sum, max, sorted, math, NumPy ufuncs.
import math
import numpy as np
import torch

t = torch.tensor([3.0, 1.0, 2.0])
print(len(t), list(t), sum(t), max(t), min(t), sorted(t))
print(math.sqrt(torch.tensor(4.0)), math.exp(torch.tensor(0.0)), float(t[0]) / 2, int(t.sum()))
print(np.exp(t.numpy()), t.numpy().shape)
m = torch.arange(6).reshape(2, 3)
for row in m:
    print(row, row.sum())
print([x.item() for x in m.flatten()], m.tolist()[1], any(t > 2), all(t > 0))
print(sum([torch.tensor(1.0), torch.tensor(2.0)]), sum(p.numel() for p in [m, t]))
x = torch.tensor(2.0, requires_grad=True)
y = sum([x, x * x, x ** 3])
y.backward()
print(y, x.grad)
print(abs(torch.tensor(-1.5)), -torch.tensor([1, 2]), round(torch.tensor(2.567).item(), 2), divmod(7, 2))
print(torch.tensor(5) // 2, torch.tensor(5.0) % 3, pow(torch.tensor(2.0), 3), 2 ** torch.tensor(3.0))
