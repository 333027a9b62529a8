import torch
import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(2, 3)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(3, 1)
        self.scale = nn.Parameter(torch.tensor(2.0))
    def forward(self, x):
        return self.fc2(self.act(self.fc1(x))) * self.scale
net = Net()
print(net)
print([n for n, _ in net.named_parameters()])
print([tuple(p.shape) for p in net.parameters()])
print(list(net.state_dict().keys()))
print(net.training)
net.eval()
print(net.training, net.fc1.training)
net.train()
out = net(torch.ones(4, 2))
print(out.shape, out.requires_grad)
out.sum().backward()
print(net.scale.grad is not None, net.fc1.weight.grad.shape)
net.zero_grad()
print(net.fc1.weight.grad)
for m in net.children():
    print(type(m).__name__)
print(isinstance(net.scale, torch.Tensor), isinstance(net.scale, nn.Parameter))
