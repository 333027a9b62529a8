# CS231n "PyTorch.ipynb" parts III-IV: Module API with kaiming init, Sequential API, Nesterov SGD, .to(device).
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

device = torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")
dtype = torch.float32


class TwoLayerFC(nn.Module):
    def __init__(self, input_size, hidden_size, num_classes):
        super().__init__()
        self.fc1 = nn.Linear(input_size, hidden_size)
        nn.init.kaiming_normal_(self.fc1.weight)
        self.fc2 = nn.Linear(hidden_size, num_classes)
        nn.init.kaiming_normal_(self.fc2.weight)

    def forward(self, x):
        x = x.view(x.shape[0], -1)
        scores = self.fc2(F.relu(self.fc1(x)))
        return scores


def test_TwoLayerFC():
    input_size = 50
    x = torch.zeros((64, input_size), dtype=dtype)
    model = TwoLayerFC(input_size, 42, 10)
    scores = model(x)
    print(scores.size())


test_TwoLayerFC()


class Flatten(nn.Module):
    def forward(self, x):
        return x.view(x.shape[0], -1)


model = nn.Sequential(Flatten(), nn.Linear(3 * 2 * 2, 5), nn.ReLU(), nn.Linear(5, 3))
print(model)
for p in model.parameters():
    nn.init.constant_(p, 0.1)
optimizer = optim.SGD(model.parameters(), lr=1e-2, momentum=0.9, nesterov=True)
model = model.to(device=device)
x = torch.arange(24).reshape(2, 3, 2, 2)
y = torch.tensor([0, 2])
for t in range(3):
    model.train()
    x = x.to(device=device, dtype=dtype)
    y = y.to(device=device, dtype=torch.long)
    scores = model(x)
    loss = F.cross_entropy(scores, y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    print("Iteration %d, loss = %.4f" % (t, loss.item()))
print(x.dtype, x.device, y.dtype, optimizer.param_groups[0]["nesterov"])
