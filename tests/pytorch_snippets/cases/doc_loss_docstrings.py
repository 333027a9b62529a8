# Examples from the nn loss docstrings with fixed inputs: NLLLoss on (N, C) and (N, C, H, W),
# CrossEntropyLoss with class indices, probabilities and label_smoothing, BCEWithLogitsLoss with
# pos_weight, HuberLoss/SmoothL1Loss with delta/beta, L1/MSE reductions, GaussianNLL-free ones.
import torch
import torch.nn as nn

m = nn.LogSoftmax(dim=1)
loss = nn.NLLLoss()
input = torch.tensor([[0.2, -1.0, 0.5, 1.2, 0.0], [1.0, 0.3, -0.4, 0.1, 2.0], [-0.5, 0.6, 0.9, -1.1, 0.2]],
                     requires_grad=True)
target = torch.tensor([1, 0, 4])
output = loss(m(input), target)
output.backward()
print(output, input.grad)

N, C = 2, 4
data = torch.sin(torch.arange(N * 16 * 10 * 10, dtype=torch.float)).reshape(N, 16, 10, 10)
conv = nn.Conv2d(16, C, (3, 3))
with torch.no_grad():
    conv.weight.copy_(torch.cos(torch.arange(conv.weight.numel(), dtype=torch.float)).reshape(conv.weight.shape) * 0.05)
    conv.bias.zero_()
m = nn.LogSoftmax(dim=1)
target = (torch.arange(N * 8 * 8).reshape(N, 8, 8) % C)
output = loss(m(conv(data)), target)
print(output)
print(nn.NLLLoss(reduction='none')(m(conv(data)), target).shape)

loss = nn.CrossEntropyLoss()
input = torch.tensor([[1.0, 2.0, 0.5, -1.0, 0.0], [0.1, 0.2, 0.3, 0.4, 0.5], [2.0, -2.0, 1.0, 0.0, 3.0]],
                     requires_grad=True)
target = torch.tensor([4, 0, 2])
output = loss(input, target)
output.backward()
print(output, input.grad)
target = torch.tensor([[0.1, 0.2, 0.3, 0.2, 0.2], [1.0, 0.0, 0.0, 0.0, 0.0], [0.25, 0.25, 0.0, 0.0, 0.5]])
print(loss(input, target))
print(nn.CrossEntropyLoss(label_smoothing=0.1)(input, torch.tensor([4, 0, 2])))
print(nn.CrossEntropyLoss(weight=torch.tensor([1.0, 2.0, 1.0, 1.0, 0.5]), ignore_index=0)(input, torch.tensor([4, 0, 2])))

target = torch.ones([10, 64], dtype=torch.float32)
output = torch.full([10, 64], 1.5)
pos_weight = torch.ones([64])
criterion = torch.nn.BCEWithLogitsLoss(pos_weight=pos_weight)
print(criterion(output, target))
criterion = torch.nn.BCEWithLogitsLoss(pos_weight=torch.full([64], 3.0))
print(criterion(output, target))
print(nn.BCELoss()(torch.sigmoid(torch.tensor([0.3, -0.8, 2.0])), torch.tensor([1.0, 0.0, 1.0])))

a = torch.tensor([0.0, 0.5, 1.0, 2.0, 4.0])
b = torch.zeros(5)
print(nn.HuberLoss()(a, b), nn.HuberLoss(delta=2.0)(a, b), nn.HuberLoss(reduction='none', delta=0.5)(a, b))
print(nn.SmoothL1Loss()(a, b), nn.SmoothL1Loss(beta=2.0)(a, b), nn.SmoothL1Loss(reduction='sum', beta=0.5)(a, b))
print(nn.L1Loss(reduction='sum')(a, b), nn.MSELoss(reduction='none')(a, b), nn.MSELoss()(a, b))
