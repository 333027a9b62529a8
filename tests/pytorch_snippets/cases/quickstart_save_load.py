# PyTorch quickstart: save the state dict to model.pth, load it into a new model, predict.
import os
import tempfile
import torch
from torch import nn


def make():
    return nn.Sequential(nn.Flatten(), nn.Linear(4, 3))


model = make()
with torch.no_grad():
    model[1].weight.copy_(torch.tensor([[1.0, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 1]]))
    model[1].bias.fill_(0.5)
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "model.pth")
    torch.save(model.state_dict(), path)
    print("Saved PyTorch Model State to model.pth")
    model = make()
    print(model.load_state_dict(torch.load(path, weights_only=True)))
classes = ["a", "b", "c"]
model.eval()
x, y = torch.tensor([[0.1, 0.2, 0.3, 0.4]]), 2
with torch.no_grad():
    pred = model(x)
    predicted, actual = classes[pred[0].argmax(0)], classes[y]
    print(f'Predicted: "{predicted}", Actual: "{actual}"')
print(pred)
print(list(model.state_dict().keys()))
