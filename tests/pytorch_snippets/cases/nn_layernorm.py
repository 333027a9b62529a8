import torch
from torch import nn

x = torch.tensor([[1.0, 2.0, 4.0, 7.0], [0.5, -1.0, 3.0, 0.0]], requires_grad=True)
ln = nn.LayerNorm(4)
print(ln, ln.weight, ln.bias)
y = ln(x)
print(y, type(y.grad_fn).__name__)
print(bool(y.mean(dim=1).abs().max() < 1e-6), y.std(dim=1, unbiased=False))
(y * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
print(x.grad)
print(ln.weight.grad, ln.bias.grad)
print(nn.LayerNorm([2, 4], elementwise_affine=False)(x.unsqueeze(0)))
print(nn.LayerNorm(4, bias=False), nn.LayerNorm((2, 4), eps=1e-6))
print(nn.functional.layer_norm(x, (4,)).grad_fn.__class__.__name__)
try:
    ln(torch.ones(2, 3))
except RuntimeError as error:
    print(error)
