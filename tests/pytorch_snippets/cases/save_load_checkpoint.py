import io
import torch
from torch import nn

model = nn.Linear(2, 1)
with torch.no_grad():
    model.weight.fill_(0.5)
    model.bias.fill_(-1.0)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
loss = model(torch.tensor([[1.0, 2.0]])).pow(2).sum()
loss.backward()
optimizer.step()
buffer = io.BytesIO()
torch.save({"epoch": 5, "model_state_dict": model.state_dict(), "optimizer_state_dict": optimizer.state_dict(),
            "loss": loss.item(), "history": [1.0, 0.5, 0.25], "note": "checkpoint"}, buffer)
buffer.seek(0)
checkpoint = torch.load(buffer)
print(checkpoint["epoch"], checkpoint["loss"], checkpoint["history"], checkpoint["note"])
print(checkpoint["model_state_dict"])
print(checkpoint["optimizer_state_dict"])
model2 = nn.Linear(2, 1)
optimizer2 = torch.optim.SGD(model2.parameters(), lr=0.5)
model2.load_state_dict(checkpoint["model_state_dict"])
optimizer2.load_state_dict(checkpoint["optimizer_state_dict"])
print(optimizer2.param_groups[0]["lr"], model2.weight)
