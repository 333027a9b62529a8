# "Introduction to PyTorch" video series, autograd: sin over linspace(steps=25), the grad_fn chain, a.grad.
import math
import re
import torch


def show(obj):
    print(re.sub(r" at 0x[0-9a-f]+", "", str(obj)))  # the addresses change from run to run


a = torch.linspace(0., 2. * math.pi, steps=25, requires_grad=True)
print(a[:5])
b = torch.sin(a)
print(b[:3])
c = 2 * b
print(c[:3])
d = c + 1
print(d[:3])
out = d.sum()
print(out)
print("d:")
show(d.grad_fn)
show(d.grad_fn.next_functions)
show(d.grad_fn.next_functions[0][0].next_functions)
show(d.grad_fn.next_functions[0][0].next_functions[0][0].next_functions)
show(d.grad_fn.next_functions[0][0].next_functions[0][0].next_functions[0][0].next_functions)
print("\nc:")
show(c.grad_fn)
print("\nb:")
show(b.grad_fn)
print("\na:")
show(a.grad_fn)
out.backward()
print(a.grad[:5])
