import os
import tempfile
import torch
from torch import nn

model = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        p.copy_(torch.arange(p.numel(), dtype=torch.float32).reshape(p.shape) * 0.1 - i)
path = os.path.join(tempfile.mkdtemp(), "model_weights.pth")
torch.save(model.state_dict(), path)
loaded = torch.load(path, weights_only=True)
print(type(loaded).__name__, list(loaded))
model2 = nn.Sequential(nn.Linear(3, 2), nn.ReLU(), nn.Linear(2, 1))
print(model2.load_state_dict(loaded))
model2.eval()
x = torch.tensor([[1.0, 2.0, 3.0]])
print(model(x), model2(x))
print(torch.equal(model2[0].weight, model[0].weight), model2[0].weight is model[0].weight)
