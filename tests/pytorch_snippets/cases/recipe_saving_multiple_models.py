# Recipes "Saving and loading a general checkpoint" / "multiple models in one file": dicts of state_dicts through torch.save.
import os
import tempfile

import torch
import torch.nn as nn
import torch.optim as optim


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 3)
        self.fc2 = nn.Linear(3, 1)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))


def fixed(model, value):
    with torch.no_grad():
        for p in model.parameters():
            p.copy_((torch.arange(p.numel()) % 3 - 1).reshape(p.shape) * value)
    return model


netA = fixed(Net(), 0.5)
netB = fixed(Net(), -0.25)
optimizerA = optim.SGD(netA.parameters(), lr=0.001, momentum=0.9)
optimizerB = optim.Adam(netB.parameters(), lr=0.01)
x = torch.tensor([[1.0, 2.0, -1.0, 0.5]])
for net, opt in ((netA, optimizerA), (netB, optimizerB)):
    opt.zero_grad()
    net(x).sum().backward()
    opt.step()

with tempfile.TemporaryDirectory() as d:
    PATH = os.path.join(d, "model.pt")
    torch.save({
        'modelA_state_dict': netA.state_dict(),
        'modelB_state_dict': netB.state_dict(),
        'optimizerA_state_dict': optimizerA.state_dict(),
        'optimizerB_state_dict': optimizerB.state_dict(),
        'epoch': 5,
        'loss': 0.125,
    }, PATH)

    modelA = Net()
    modelB = Net()
    optimA = optim.SGD(modelA.parameters(), lr=0.5)
    optimB = optim.Adam(modelB.parameters())
    checkpoint = torch.load(PATH, weights_only=True)
    print(sorted(checkpoint.keys()))
    modelA.load_state_dict(checkpoint['modelA_state_dict'])
    modelB.load_state_dict(checkpoint['modelB_state_dict'])
    optimA.load_state_dict(checkpoint['optimizerA_state_dict'])
    optimB.load_state_dict(checkpoint['optimizerB_state_dict'])
    print(checkpoint['epoch'], checkpoint['loss'])

modelA.eval()
modelB.train()
print(modelA.training, modelB.training)
print(optimA.param_groups[0]['lr'], optimA.param_groups[0]['momentum'])
print(optimB.state_dict()['state'][0]['step'])
print(optimB.state_dict()['state'][1]['exp_avg'])
print(torch.equal(modelA(x), netA(x)), torch.equal(modelB(x), netB(x)))
for m, o, n in ((modelB, optimB, netB), (netB, optimizerB, None)):
    o.zero_grad()
    m(x).sum().backward()
    o.step()
print(torch.equal(modelB.fc1.weight, netB.fc1.weight))
print(modelB.fc2.weight)
