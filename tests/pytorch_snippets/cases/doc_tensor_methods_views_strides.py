# Docstring examples of Tensor.new_tensor/new_full/new_ones/new_zeros/new_empty shapes, stride,
# is_contiguous, contiguous, unfold, expand, element_size, view with -1, T/mT, type() conversions.
import torch

tensor = torch.ones((2,), dtype=torch.int8)
data = [[0, 1], [2, 3]]
print(tensor.new_tensor(data))
tensor = torch.ones((2,), dtype=torch.float64)
print(tensor.new_full((3, 4), 3.141592))
print(tensor.new_ones((2, 3)), tensor.new_zeros((2, 3)), tensor.new_empty((2, 3)).shape)
tensor = torch.tensor((), dtype=torch.int32)
print(tensor.new_ones((2, 3)))

x = torch.tensor([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10]])
print(x.stride(), x.stride(0), x.stride(-1))
print(x.t().stride(), x.t().is_contiguous(), x.t().contiguous().stride(), x.is_contiguous())
x = torch.arange(1., 8)
print(x.unfold(0, 2, 1))
print(x.unfold(0, 2, 2))
x = torch.tensor([[1], [2], [3]])
print(x.size())
print(x.expand(3, 4))
print(x.expand(-1, 4))
print(torch.tensor([]).element_size(), torch.tensor([], dtype=torch.uint8).element_size(),
      torch.tensor([1.0], dtype=torch.float64).element_size())
x = torch.arange(16.).reshape(4, 4)
print(x.size())
y = x.view(16)
print(y.size())
z = x.view(-1, 8)
print(z.size())
a = torch.arange(24.).reshape(1, 2, 3, 4)
b = a.transpose(1, 2)
print(b.size())
c = a.view(1, 3, 2, 4)
print(c.size(), torch.equal(b, c))
print(a.mT.shape, x.T.shape)
print(torch.tensor([1.7, -2.2]).type(torch.int32), torch.tensor([1, 2]).type('torch.DoubleTensor'),
      torch.tensor([1.5]).type())
print(x.storage_offset(), x[1:, 2:].storage_offset(), x[1:, 2:].stride())
print(x.numel(), x.nelement(), x.dim(), x.ndim)
