import torch
m = torch.arange(12.0).reshape(3, 4)
print(m[[0, 2]])
print(m[:, [1, 3]])
print(m[[0, 1], [1, 2]])
print(m[m > 5])
print(m[m.sum(1) > 10])
print(m[-1], m[-1, -1], m[..., 0])
print(m[None].shape, m[:, None].shape)
print(m[1:, ::2])
print(m[torch.tensor([0, 2])])
print(m[torch.tensor([True, False, True])])
try:
    m[::-1]
except ValueError:
    print("ValueError")
try:
    m[5]
except IndexError:
    print("IndexError")
try:
    m[0, 0, 0]
except IndexError:
    print("IndexError")
v = torch.tensor([5.0, 6.0, 7.0], requires_grad=True)
y = v[[0, 0, 2]]
print(y)
y.sum().backward()
print(v.grad)
w = torch.tensor([1.0, -2.0, 3.0], requires_grad=True)
z = w[w > 0]
print(z)
z.sum().backward()
print(w.grad)
print(m[1][2], m[1, 2].item())
print(m[0:2, 1:3])
print(torch.where(m > 5, m, torch.zeros(1)))
print(torch.where(m > 5, m, 0.0))
