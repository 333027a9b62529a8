# Docstring examples of torch.unique, unique_consecutive, repeat_interleave, roll, chunk, narrow,
# tile and repeat.
import torch

output = torch.unique(torch.tensor([1, 3, 2, 3], dtype=torch.long))
print(output)
output, inverse_indices = torch.unique(torch.tensor([1, 3, 2, 3], dtype=torch.long), sorted=True, return_inverse=True)
print(output, inverse_indices)
output, inverse_indices = torch.unique(torch.tensor([[1, 3], [2, 3]], dtype=torch.long), sorted=True, return_inverse=True)
print(output, inverse_indices)
a = torch.tensor([[[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1]],
                  [[0, 0, 1, 1], [0, 0, 1, 1], [1, 1, 1, 1]],
                  [[1, 1, 0, 0], [1, 1, 0, 0], [0, 0, 1, 1]]])
print(torch.unique(a, dim=0))
print(torch.unique(torch.tensor([3., 1., 3., 2., 1.]), return_counts=True))
x = torch.tensor([1, 1, 2, 2, 3, 1, 1, 2])
print(torch.unique_consecutive(x))
output, inverse_indices = torch.unique_consecutive(x, return_inverse=True)
print(output, inverse_indices)
output, counts = torch.unique_consecutive(x, return_counts=True)
print(output, counts)

x = torch.tensor([1, 2, 3])
print(x.repeat_interleave(2))
y = torch.tensor([[1, 2], [3, 4]])
print(torch.repeat_interleave(y, 2))
print(torch.repeat_interleave(y, 3, dim=1))
print(torch.repeat_interleave(y, torch.tensor([1, 2]), dim=0))
print(torch.repeat_interleave(torch.tensor([1, 2, 3])))

x = torch.tensor([1, 2, 3, 4, 5, 6, 7, 8]).view(4, 2)
print(torch.roll(x, 1))
print(torch.roll(x, 1, 0))
print(torch.roll(x, -1, 0))
print(torch.roll(x, shifts=(2, 1), dims=(0, 1)))

print(torch.arange(11).chunk(6))
print(torch.arange(12).chunk(6))
print(torch.arange(13).chunk(6))
x = torch.tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
print(torch.narrow(x, 0, 0, 2))
print(torch.narrow(x, 1, 1, 2))
print(torch.narrow(x, -1, torch.tensor(-1), 1))
print(x.tile((2,)))
print(torch.tile(torch.tensor([[1, 2], [3, 4]]), (2, 2)))
print(torch.tensor([1, 2, 3]).repeat(4, 2))
print(torch.tensor([1, 2, 3]).repeat(4, 2, 1).size())

w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
r = w.repeat_interleave(torch.tensor([2, 0, 3]))
(r * torch.arange(5.)).sum().backward()
print(r, w.grad)
w.grad = None
rl = torch.roll(w, 1)
(rl * torch.tensor([1.0, 10.0, 100.0])).sum().backward()
print(rl, w.grad)
