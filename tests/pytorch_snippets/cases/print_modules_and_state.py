# What learners print: module reprs, a state_dict, an optimizer, a parameter list, named_parameters.
import torch
from torch import nn

model = nn.Sequential(
    nn.Embedding(10, 4),
    nn.Flatten(),
    nn.Linear(12, 6),
    nn.BatchNorm1d(6),
    nn.LayerNorm(6),
    nn.Dropout(p=0.1),
    nn.LeakyReLU(0.01),
    nn.Linear(6, 2, bias=False),
    nn.LogSoftmax(dim=1),
)
print(model)
small = nn.Linear(2, 1)
with torch.no_grad():
    small.weight.copy_(torch.tensor([[0.5, -0.25]]))
    small.bias.fill_(1.0)
print(small.state_dict())
print(list(small.parameters()))
for name, p in small.named_parameters():
    print(name, p)
print(torch.optim.SGD(small.parameters(), lr=0.1, momentum=0.9))
print(torch.optim.Adam(small.parameters(), lr=1e-3))
print(nn.MSELoss(), nn.CrossEntropyLoss(), nn.Softmax(dim=-1), nn.Tanh(), nn.Unflatten(1, (2, 3)))
print(model[3].running_mean, model[3].num_batches_tracked, model[4].normalized_shape)
