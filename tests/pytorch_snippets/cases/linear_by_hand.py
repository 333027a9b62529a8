# nn.Linear is x @ W.T + b: checked by hand, with F.linear, and through its parameters' shapes and grads.
import torch
from torch import nn
import torch.nn.functional as F

lin = nn.Linear(3, 2)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[1.0, -1.0, 0.5], [0.0, 2.0, 1.0]]))
    lin.bias.copy_(torch.tensor([0.5, -0.5]))
x = torch.tensor([[1.0, 2.0, 3.0], [0.0, -1.0, 1.0]])
out = lin(x)
print(out, out.grad_fn.name())
print(torch.equal(out, x @ lin.weight.T + lin.bias), torch.equal(out, F.linear(x, lin.weight, lin.bias)))
print(lin.weight.shape, lin.bias.shape, lin.in_features, lin.out_features, lin)
out.sum().backward()
print(lin.weight.grad, lin.bias.grad)
v = lin(torch.tensor([1.0, 1.0, 1.0]))
print(v, v.grad_fn.name(), nn.Linear(3, 2, bias=False).bias)
y = lin(torch.ones(4, 5, 3))
print(y.shape, y.grad_fn.name())
