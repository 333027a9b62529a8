# Joining and splitting tensors as tutorials do: cat, stack, chunk, split, unbind, in loops over batches.
import torch

a = torch.arange(6).reshape(2, 3)
b = torch.arange(6, 12).reshape(2, 3)
print(torch.cat((a, b)), torch.cat((a, b), dim=1), torch.cat([a, b], -1).shape)
print(torch.stack((a, b)).shape, torch.stack((a, b), dim=1), torch.stack([a, b], dim=-1).shape)
print(a.chunk(2, dim=1), torch.chunk(torch.arange(5), 2))
print(torch.arange(10).split(4), torch.arange(10).split([3, 7])[1])
rows = torch.unbind(a)
print(rows, torch.stack(rows).equal(a))
parts = []
for i in range(3):
    parts.append(torch.full((1, 2), float(i)))
print(torch.cat(parts), torch.cat(parts).shape)
outs = [torch.tensor(float(i)) for i in range(4)]
print(torch.stack(outs), torch.tensor([t.item() for t in outs]))
x = torch.ones(2, requires_grad=True)
y = torch.cat([x * 2, x * 3])
y.sum().backward()
print(y, x.grad)
