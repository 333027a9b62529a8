# Docstring examples of torch.eq, ne, gt, ge, lt, le and their aliases (greater, less_equal,
# not_equal...), Tensor.type_as and Tensor.broadcast_to, and the accuracy idiom of the MNIST example.
import torch

print(torch.eq(torch.tensor([[1, 2], [3, 4]]), torch.tensor([[1, 1], [4, 4]])))
print(torch.ne(torch.tensor([[1, 2], [3, 4]]), torch.tensor([[1, 1], [4, 4]])))
print(torch.gt(torch.tensor([[1, 2], [3, 4]]), torch.tensor([[1, 1], [4, 4]])))
print(torch.ge(torch.tensor([[1, 2], [3, 4]]), torch.tensor([[1, 1], [4, 4]])))
print(torch.lt(torch.tensor([[1, 2], [3, 4]]), torch.tensor([[1, 1], [4, 4]])))
print(torch.le(torch.tensor([[1, 2], [3, 4]]), torch.tensor([[1, 1], [4, 4]])))
x = torch.tensor([0.5, -1.0, 2.0])
print(torch.greater(x, 0), torch.greater_equal(x, 0.5), torch.less(x, 0), torch.less_equal(x, -1),
      torch.not_equal(x, 2.0), x.greater(0), x.not_equal(x))
print(torch.gt(x, torch.tensor([[0.0], [1.0]])))

output = torch.tensor([[0.1, 0.7, 0.2], [0.9, 0.05, 0.05], [0.2, 0.3, 0.5], [0.6, 0.3, 0.1]]).log()
target = torch.tensor([1, 0, 1, 2])
pred = output.argmax(dim=1, keepdim=True)
correct = pred.eq(target.view_as(pred)).sum().item()
print(pred.shape, correct, 100. * correct / len(target))
print(torch.eq(output.argmax(1), target).float().mean())

i = torch.tensor([1, 2, 3])
f = torch.tensor([0.5], dtype=torch.float64)
print(i.type_as(f), i.type_as(i), x.type_as(i))
w = torch.tensor([1.5, 2.5], requires_grad=True)
d = w.type_as(f)
d.sum().backward()
print(d, w.grad)

x = torch.tensor([1, 2, 3])
print(torch.broadcast_to(x, (3, 3)))
print(x.broadcast_to((2, 3)), x.broadcast_to(2, -1).shape)
v = torch.tensor([1.0, 2.0], requires_grad=True)
b = v.broadcast_to((3, 2))
b.sum().backward()
print(b.grad_fn.name(), v.grad)
