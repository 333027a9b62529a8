# detach() and .data share storage with the original: changing them changes the leaf, silently for autograd.
import torch

x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
y = x.detach()
y.zero_()
print(x, y.requires_grad)
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
x.data.mul_(2)
print(x, x.is_leaf)
x.data = torch.tensor([5.0, 6.0, 7.0])
print(x, x.requires_grad)
z = (x * x).sum()
z.backward()
print(x.grad)
c = x.detach().clone()
c[0] = 100
print(x, c)
n = x.detach().numpy()
n[1] = -1
print(x)
