# CS231n Python/NumPy tutorial, the array parts redone with tensors: slicing, integer and boolean indexing.
import torch

a = torch.tensor([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]])
b = a[:2, 1:3]
print(b)
print(a[0, 1])
b[0, 0] = 77
print(a[0, 1])
row_r1 = a[1, :]
row_r2 = a[1:2, :]
print(row_r1, row_r1.shape)
print(row_r2, row_r2.shape)
col_r1 = a[:, 1]
col_r2 = a[:, 1:2]
print(col_r1, col_r1.shape)
print(col_r2, col_r2.shape)
a = torch.tensor([[1, 2], [3, 4], [5, 6]])
print(a[[0, 1, 2], [0, 1, 0]])
print(torch.tensor([a[0, 0], a[1, 1], a[2, 0]]))
print(a[[0, 0], [1, 1]])
a = torch.tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9], [10, 11, 12]])
b = torch.tensor([0, 2, 0, 1])
print(a[torch.arange(4), b])
a[torch.arange(4), b] += 10
print(a)
a = torch.tensor([[1, 2], [3, 4], [5, 6]])
bool_idx = a > 2
print(bool_idx)
print(a[bool_idx])
print(a[a > 2])
x = torch.tensor([1, 2])
print(x.dtype)
x = torch.tensor([1.0, 2.0])
print(x.dtype)
x = torch.tensor([1, 2], dtype=torch.int64)
print(x.dtype)
