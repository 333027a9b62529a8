# PyTorch docs "Tensor views": views share data; transpose makes a non-contiguous view; view vs reshape.
import torch

t = torch.arange(16.0).reshape(4, 4)
b = t.view(2, 8)
b[0][0] = 3.14
print(t[0][0])
base = torch.tensor([[0, 1], [2, 3]])
print(base.is_contiguous())
t = base.transpose(0, 1)
print(t.is_contiguous())
c = t.contiguous()
print(c.is_contiguous(), c)
try:
    t.view(4)
except RuntimeError as e:
    print(type(e).__name__)
print(t.reshape(4), t.flatten())
x = torch.arange(6)
y = x[1:4]
y[0] = 100
print(x, y.stride(), x.stride(), t.stride())
z = x.unsqueeze(0)
z[0, 0] = -1
print(x, z.shape)
u = torch.arange(6.0).reshape(2, 3)
print(u.t().stride(), u.permute(1, 0).is_contiguous(), u.narrow(1, 1, 2))
print(u.unfold(1, 2, 1).shape, u.diagonal(), u.select(1, 2))
