import torch
a = torch.tensor([1, 2, 3])
a += 1
print(a)
a *= 2
print(a)
try:
    a /= 2
except RuntimeError as e:
    print("RuntimeError")
print(a)
f = torch.tensor([1.0, 2.0])
f += torch.tensor([1, 1])
print(f)
f *= 0.5
print(f)
f.add_(1).mul_(2)
print(f)
f.sub_(torch.tensor([1.0, 1.0]), alpha=2)
print(f)
f.div_(4)
print(f)
f.clamp_(min=0.6)
print(f)
f.zero_()
print(f)
f.fill_(3)
print(f)
g = f
g += 1
print(f, g is f)
h = f + 0
h += 1
print(f, h)
try:
    a += 1.5
except RuntimeError as e:
    print("RuntimeError")
b = torch.tensor([True, False])
try:
    b += 1
except RuntimeError:
    print("RuntimeError")
print(b)
m = torch.zeros(2, 3)
m[0] = 1
m[:, 1] = torch.tensor([5.0, 6.0])
m[1, 2] = 9
print(m)
m[m > 4] = -1
print(m)
