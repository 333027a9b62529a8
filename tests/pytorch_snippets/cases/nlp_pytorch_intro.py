# "Introduction to PyTorch" of the NLP tutorials: creating tensors from lists, indexing, cat, view, autograd flags.
import torch

V_data = [1., 2., 3.]
V = torch.tensor(V_data)
print(V)
M_data = [[1., 2., 3.], [4., 5., 6]]
M = torch.tensor(M_data)
print(M)
T_data = [[[1., 2.], [3., 4.]],
          [[5., 6.], [7., 8.]]]
T = torch.tensor(T_data)
print(T)
print(V[0])
print(V[0].item())
print(M[0])
print(T[0])

x = torch.tensor([1., 2., 3.])
y = torch.tensor([4., 5., 6.])
z = x + y
print(z)

x_1 = torch.arange(10.).reshape(2, 5)
y_1 = torch.arange(15.).reshape(3, 5) * -1
z_1 = torch.cat([x_1, y_1])
print(z_1)
x_2 = torch.ones(2, 3)
y_2 = torch.zeros(2, 5)
z_2 = torch.cat([x_2, y_2], 1)
print(z_2)
try:
    torch.cat([x_1, x_2])
except RuntimeError as e:
    print("RuntimeError")

x = torch.arange(24.).reshape(2, 3, 4)
print(x)
print(x.view(2, 12))
print(x.view(2, -1))

x = torch.tensor([1., 2., 3], requires_grad=True)
y = torch.tensor([4., 5., 6], requires_grad=True)
z = x + y
print(z)
print(z.grad_fn.name())
s = z.sum()
print(s)
print(s.grad_fn.name())
s.backward()
print(x.grad)

x = torch.tensor([[1., -2.], [0.5, 3.]])
y = torch.tensor([[2., 1.], [-1., 4.]])
z = x + y
print(z.grad_fn)
x = x.requires_grad_()
y = y.requires_grad_()
z = x + y
print(z.grad_fn.name())
print(z.requires_grad)
new_z = z.detach()
print(new_z.grad_fn)

print(x.requires_grad)
print((x ** 2).requires_grad)
with torch.no_grad():
    print((x ** 2).requires_grad)
