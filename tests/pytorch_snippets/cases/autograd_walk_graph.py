# Walking the backward graph through grad_fn.next_functions, as the autograd tutorials and micrograd's draw_dot do.
import torch

a = torch.tensor(2.0, requires_grad=True)
b = torch.tensor(-3.0, requires_grad=True)
c = torch.tensor(10.0, requires_grad=True)
e = a * b
d = e + c
f = torch.tensor(-2.0, requires_grad=True)
L = d * f


def walk(fn, depth=0):
    if fn is None:
        return
    name = type(fn).__name__
    extra = f" -> leaf {fn.variable.item()}" if name == "AccumulateGrad" else ""
    print("  " * depth + name + extra)
    for next_fn, _ in fn.next_functions:
        walk(next_fn, depth + 1)


walk(L.grad_fn)
print(L.grad_fn.name(), len(L.grad_fn.next_functions))
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x.exp() * 3).sum()
walk(y.grad_fn)
z = torch.tensor([1.0, 2.0]) * x
print([type(fn).__name__ if fn is not None else None for fn, _ in z.grad_fn.next_functions])
L.backward()
print(a.grad, b.grad, c.grad, f.grad)
