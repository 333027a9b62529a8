import torch

a = torch.FloatTensor([1, 2, 3])
b = torch.LongTensor([[1, 2], [3, 4]])
print(a, b, torch.DoubleTensor([0.5]), torch.IntTensor([7]))
print(a.type(), b.type(), a.type(torch.LongTensor), b.type("torch.FloatTensor"))
print(isinstance(a, torch.FloatTensor), isinstance(a, torch.LongTensor), isinstance(b, torch.LongTensor))
print(torch.FloatTensor(2, 3).shape, torch.FloatTensor().shape)
print(torch.Tensor([1, 2]), torch.Tensor(3).shape)
print(torch.result_type(torch.tensor([1, 2]), 2.5), torch.result_type(torch.tensor([1.0]), torch.tensor([1], dtype=torch.float64)))
print(torch.promote_types(torch.int32, torch.float32), torch.promote_types(torch.bool, torch.int64))
print(torch.result_type(torch.tensor([1, 2], dtype=torch.int32), torch.tensor(5)))
