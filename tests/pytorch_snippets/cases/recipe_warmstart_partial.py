# Recipe "Warmstarting model using parameters from a different model": load_state_dict(strict=False) and its missing/unexpected keys.
import io

import torch
import torch.nn as nn
import torch.nn.functional as F


class NetA(nn.Module):
    def __init__(self):
        super(NetA, self).__init__()
        self.fc1 = nn.Linear(6, 4)
        self.fc2 = nn.Linear(4, 3)
        self.fc3 = nn.Linear(3, 2)

    def forward(self, x):
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


class NetB(nn.Module):
    def __init__(self):
        super(NetB, self).__init__()
        self.fc1 = nn.Linear(6, 4)
        self.fc2 = nn.Linear(4, 3)
        self.out = nn.Linear(3, 2)

    def forward(self, x):
        return self.out(F.relu(self.fc2(F.relu(self.fc1(x)))))


netA = NetA()
with torch.no_grad():
    for p in netA.parameters():
        p.fill_(0.25)
netB = NetB()
with torch.no_grad():
    for p in netB.parameters():
        p.fill_(-1.0)

buffer = io.BytesIO()
torch.save(netA.state_dict(), buffer)
buffer.seek(0)
result = netB.load_state_dict(torch.load(buffer, weights_only=True), strict=False)
print(result)
print(result.missing_keys)
print(result.unexpected_keys)
print(netB.fc1.weight[0])
print(netB.out.bias)

try:
    netB.load_state_dict(netA.state_dict())
except RuntimeError as e:
    print("RuntimeError:", str(e).splitlines()[0])

# rename keys to load into differently named layers
state = {k.replace("fc3", "out"): v for k, v in netA.state_dict().items()}
print(netB.load_state_dict(state))
x = torch.ones(1, 6)
print(netA(x), netB(x))
