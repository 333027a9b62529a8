# PyTorch notes "Broadcasting semantics": which shapes broadcast, result sizes, in-place restrictions.
import torch

x = torch.empty(5, 7, 3)
y = torch.empty(5, 7, 3)
print((x + y).size())
x = torch.empty((0,))
y = torch.empty(2, 2)
try:
    x + y
except RuntimeError as e:
    print(type(e).__name__)
x = torch.empty(5, 3, 4, 1)
y = torch.empty(3, 1, 1)
print((x + y).size())
x = torch.empty(5, 2, 4, 1)
y = torch.empty(3, 1, 1)
try:
    (x + y).size()
except RuntimeError as e:
    print(type(e).__name__)
x = torch.empty(1)
y = torch.empty(3, 1, 7)
print((x + y).size())
x = torch.ones(5, 3, 4, 1)
y = torch.ones(3, 1, 1)
print(x.add_(y).size())
x = torch.ones(1, 3, 1)
y = torch.ones(3, 1, 7)
try:
    x.add_(y)
except RuntimeError as e:
    print(type(e).__name__)
print(torch.broadcast_shapes((5, 1, 4), (3, 1)), torch.broadcast_tensors(torch.ones(2, 1), torch.zeros(3))[0].shape)
print(torch.ones(2, 1).expand(2, 3), torch.arange(3).expand_as(torch.empty(2, 3)))
