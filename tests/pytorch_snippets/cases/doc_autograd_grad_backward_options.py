# torch.autograd docs: autograd.grad with grad_outputs, allow_unused, materialize_grads, retain_graph
# and only_inputs-free usage; autograd.backward with grad_tensors and inputs=; Tensor.backward(inputs=);
# the errors for a freed graph and for a non-scalar output without a gradient.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
w = torch.tensor([0.5, -1.0, 2.0], requires_grad=True)
unused = torch.tensor(1.0, requires_grad=True)
y = x * w
print(torch.autograd.grad(y, x, grad_outputs=torch.ones_like(y), retain_graph=True))
print(torch.autograd.grad(y, [x, w], grad_outputs=torch.tensor([1.0, 0.0, 2.0]), retain_graph=True))
print(torch.autograd.grad(y.sum(), [x, unused], allow_unused=True, retain_graph=True))
print(torch.autograd.grad(y.sum(), [x, unused], materialize_grads=True, retain_graph=True))
try:
    torch.autograd.grad(y.sum(), [x, unused], retain_graph=True)
except RuntimeError as e:
    print("RuntimeError: unused input")
try:
    torch.autograd.grad(y, x, retain_graph=True)
except RuntimeError as e:
    print("RuntimeError:", str(e).split(".")[0])

z = (x ** 2).sum()
torch.autograd.backward([z, y], grad_tensors=[torch.tensor(1.0), torch.tensor([1.0, 1.0, 1.0])])
print(x.grad, w.grad)
x.grad = None
w.grad = None
loss = (x * w).sum()
loss.backward(inputs=[w])
print(x.grad, w.grad)
loss = (x * w).sum()
torch.autograd.backward(loss, inputs=[x])
print(x.grad, w.grad)

out = (x * 2).sum()
out.backward()
try:
    out.backward()
except RuntimeError as e:
    print("RuntimeError:", str(e).split(".")[0])

a = torch.tensor(2.0, requires_grad=True)
b = a ** 3
g, = torch.autograd.grad(b, a, create_graph=True)
g2, = torch.autograd.grad(g, a, create_graph=True)
g3, = torch.autograd.grad(g2, a)
print(b, g, g2, g3)
print(torch.autograd.grad(a * a, a, grad_outputs=torch.tensor(3.0)))
v = torch.ones(2, 2, requires_grad=True)
(v @ v).backward(gradient=torch.tensor([[1.0, 0.0], [0.0, 1.0]]))
print(v.grad)
