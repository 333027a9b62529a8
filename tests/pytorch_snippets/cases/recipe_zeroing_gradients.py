# Recipe "Zeroing out gradients in PyTorch": a small net, gradients after zero_grad and after backward, accumulation when forgotten.
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim


class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = x.view(-1, 16 * 5 * 5)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x


net = Net()
with torch.no_grad():
    for i, p in enumerate(net.parameters()):
        p.copy_((torch.arange(p.numel()) % 9 - 4).reshape(p.shape) * 0.01)
criterion = nn.CrossEntropyLoss()
optimizer = optim.SGD(net.parameters(), lr=0.001, momentum=0.9)
inputs = ((torch.arange(2 * 3 * 32 * 32) % 17) / 16.0 - 0.5).reshape(2, 3, 32, 32)
labels = torch.tensor([3, 7])

for epoch in range(2):
    running_loss = 0.0
    for i in range(3):
        optimizer.zero_grad()
        print(net.fc3.bias.grad)
        outputs = net(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        print(net.fc3.bias.grad)
        optimizer.step()
        running_loss += loss.item()
    print('[%d] loss: %.3f' % (epoch + 1, running_loss / 3))

net.zero_grad()
for _ in range(2):
    criterion(net(inputs), labels).backward()
twice = net.fc3.bias.grad.clone()
net.zero_grad()
criterion(net(inputs), labels).backward()
print(torch.allclose(twice, 2 * net.fc3.bias.grad))
print('Finished Training')
