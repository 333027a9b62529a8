# Examples from the torch.nn.functional docs: one_hot, softmax dims, nll_loss, cross_entropy with probabilities, embedding, normalize.
import torch
import torch.nn.functional as F

print(F.one_hot(torch.arange(0, 5) % 3))
print(F.one_hot(torch.arange(0, 5) % 3, num_classes=5))
print(F.one_hot(torch.arange(0, 6).view(3, 2) % 3))

x = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
print(F.softmax(x, dim=0))
print(F.softmax(x, dim=1))
print(F.log_softmax(x, dim=-1))

input = torch.tensor([[0.2, -0.4, 1.0, 0.0, 0.5], [1.5, 0.3, -0.7, 0.1, 0.0], [0.0, 0.0, 2.0, -1.0, 0.4]],
                     requires_grad=True)
target = torch.tensor([1, 0, 4])
output = F.nll_loss(F.log_softmax(input, dim=1), target)
output.backward()
print(output)
print(input.grad)

input.grad = None
target = torch.tensor([4, 1, 2])
loss = F.cross_entropy(input, target)
loss.backward()
print(loss, input.grad[0])
target = torch.tensor([[0.1, 0.2, 0.3, 0.2, 0.2], [1.0, 0, 0, 0, 0], [0, 0, 0.5, 0.5, 0]])
loss = F.cross_entropy(input, target)
print(loss)
print(F.cross_entropy(input, torch.tensor([4, 1, 2]), reduction='none'))
print(F.cross_entropy(input, torch.tensor([4, 1, 2]), label_smoothing=0.1))

input = torch.tensor([[1, 2, 4, 5], [4, 3, 2, 9]])
embedding_matrix = torch.arange(30.0).reshape(10, 3) / 10
print(F.embedding(input, embedding_matrix))
weights = torch.tensor([[0.0, 0.0, 0.0], [1.0, 1.0, 1.0], [2.0, 2.0, 2.0]])
print(F.embedding(torch.tensor([[0, 2, 0, 1]]), weights, padding_idx=0))

v = torch.tensor([[3.0, 4.0], [0.0, 2.0], [0.0, 0.0]])
print(F.normalize(v, dim=1))
print(F.normalize(v, p=1, dim=0))
print(F.relu6(torch.tensor([-1.0, 3.0, 7.0])), F.hardtanh(torch.tensor([-2.0, 0.5, 2.0])))
print(F.leaky_relu(torch.tensor([-2.0, 0.5]), 0.1), F.elu(torch.tensor([-1.0, 1.0])))
print(F.softplus(torch.tensor([-1.0, 0.0, 30.0])), F.gelu(torch.tensor([-1.0, 0.0, 1.0])))
print(F.silu(torch.tensor([-1.0, 1.0])), F.mish(torch.tensor([-1.0, 1.0])))
print(F.binary_cross_entropy(torch.tensor([0.8, 0.3]), torch.tensor([1.0, 0.0])))
print(F.mse_loss(torch.tensor([1.0, 2.0]), torch.tensor([0.0, 4.0]), reduction='sum'))
print(F.l1_loss(torch.tensor([1.0, 2.0]), torch.tensor([0.0, 4.0])))
print(F.smooth_l1_loss(torch.tensor([1.0, 2.0]), torch.tensor([0.0, 4.0]), beta=0.5))
print(F.huber_loss(torch.tensor([1.0, 2.0]), torch.tensor([0.0, 4.0]), delta=1.5))
