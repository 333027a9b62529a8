# Gradients accumulate into .grad in place; a retained non-leaf grad keeps its tensor identity per PyTorch.
import torch

x = torch.tensor(5.0, requires_grad=True)
h = x ** 2
h.retain_grad()
z = torch.log(h)
z.backward(retain_graph=True)
a = h.grad
print(a, x.grad)
g = x.grad
z.backward(retain_graph=True)
print(a, h.grad, x.grad, g, g is x.grad)
w = torch.ones(3, requires_grad=True)
for i in range(3):
    (w * (i + 1)).sum().backward()
    print(w.grad)
w.grad.zero_()
print(w.grad)
w.grad = None
(w ** 2).sum().backward(create_graph=True)
print(w.grad, w.grad.requires_grad)
