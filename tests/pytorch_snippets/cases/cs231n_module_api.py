# CS231n's PyTorch notebook, part III (Module API) and IV (Sequential), deterministic.
import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim

device = torch.device("cpu")
dtype = torch.float32


class TwoLayerFC(nn.Module):
    def __init__(self, input_size, hidden_size, num_classes):
        super().__init__()
        self.fc1 = nn.Linear(input_size, hidden_size)
        nn.init.kaiming_normal_(self.fc1.weight)
        self.fc2 = nn.Linear(hidden_size, num_classes)
        nn.init.kaiming_normal_(self.fc2.weight)

    def forward(self, x):
        x = torch.flatten(x, 1)
        scores = self.fc2(F.relu(self.fc1(x)))
        return scores


model = TwoLayerFC(12, 8, 10)
scores = model(torch.zeros((64, 3, 2, 2), dtype=dtype))
print(scores.size())
model = nn.Sequential(nn.Flatten(), nn.Linear(12, 8), nn.ReLU(), nn.Linear(8, 10))
optimizer = optim.SGD(model.parameters(), lr=1e-2, momentum=0.9, nesterov=True)
print(model)
print(optimizer)
model = model.to(device=device)
x = torch.ones(4, 3, 2, 2).to(device=device, dtype=dtype)
y = torch.tensor([1, 2, 3, 4]).to(device=device, dtype=torch.long)
model.train()
scores = model(x)
loss = F.cross_entropy(scores, y)
optimizer.zero_grad()
loss.backward()
optimizer.step()
print(loss.shape, loss.dtype, y.dtype, scores.device)
