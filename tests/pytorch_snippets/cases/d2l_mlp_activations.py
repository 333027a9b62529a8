# d2l 5.1 Activation functions and their derivatives on a grid from arange(-8, 8, 0.1).
import torch

x = torch.arange(-8.0, 8.0, 0.1, requires_grad=True)
print(x.shape, x[:3], x[-3:])
y = torch.relu(x)
y.backward(torch.ones_like(x), retain_graph=True)
print(x.grad[75:85])
y = torch.sigmoid(x)
x.grad.data.zero_()
y.backward(torch.ones_like(x), retain_graph=True)
print(x.grad[78:82])
print(y[78:82])
y = torch.tanh(x)
x.grad.data.zero_()
y.backward(torch.ones_like(x), retain_graph=True)
print(x.grad[78:82])
print(y.grad_fn.name(), y[::40])
