# Casting a float tensor that requires grad to integer or bool types: not differentiable, as in PyTorch.
import torch

x = torch.tensor([1.7, -2.2, 0.0], requires_grad=True)
for y in (x.long(), x.int(), x.to(torch.int32), x.bool(), x.abs().to(torch.int64), x.round().long()):
    print(y, y.dtype, y.requires_grad, y.grad_fn)
z = x.double()
print(z.requires_grad, z.grad_fn.name())
h = x.half() if False else x.float()
print(h is x, h.requires_grad)
try:
    x.long().sum().backward()
except RuntimeError as e:
    print(type(e).__name__)
idx = (x * 2).long()
print(idx, idx.requires_grad)
print(torch.tensor([1.5, 2.5]).to(dtype=torch.int64))
