# Examples from the torch.autograd / torch.Tensor docs: register_hook, Function (Exp), autograd.grad, backward(inputs=...).
import torch
from torch.autograd import Function

v = torch.tensor([0., 0., 0.], requires_grad=True)
h = v.register_hook(lambda grad: grad * 2)
v.backward(torch.tensor([1., 2., 3.]))
print(v.grad)
h.remove()


class Exp(Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        result, = ctx.saved_tensors
        return grad_output * result


x = torch.tensor([0.0, 1.0, -1.0], requires_grad=True)
output = Exp.apply(x)
print(output)
print(type(output.grad_fn).__name__)
output.sum().backward()
print(x.grad)

x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0, -1.0], requires_grad=True)
z = (x * y).sum() + (x ** 2).sum()
gx, gy = torch.autograd.grad(z, (x, y), retain_graph=True)
print(gx, gy)
z.backward(inputs=[y], retain_graph=True)
print(x.grad, y.grad)
torch.autograd.backward([z], [torch.tensor(2.0)], inputs=[x])
print(x.grad)

a = torch.tensor(2.0, requires_grad=True)
b = a ** 3
(g,) = torch.autograd.grad(b, a, create_graph=True)
print(g)
(gg,) = torch.autograd.grad(g, a)
print(gg)

with torch.no_grad():
    c = a * 2
print(c.requires_grad)
with torch.enable_grad():
    with torch.no_grad():
        pass
    d = a * 2
print(d.requires_grad)
is_train = False
with torch.set_grad_enabled(is_train):
    e = a * 2
print(e.requires_grad)
torch.set_grad_enabled(True)
print((a * 2).requires_grad)
