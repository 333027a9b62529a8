# Moving a model and its data "to the device" on a CPU-only machine, as every tutorial does.
import torch
from torch import nn

device = "cuda" if torch.cuda.is_available() else "mps" if torch.backends.mps.is_available() else "cpu"
print(f"Using {device} device")
model = nn.Linear(3, 1)
moved = model.to(device)
print(moved is model, next(model.parameters()).device, model.weight.device.type)
x = torch.ones(2, 3).to(device)
print(x.device, x.is_cuda, x.cpu().device, torch.device(device), str(torch.device("cpu")))
print(model.cpu() is model, x.to("cpu", torch.float64).dtype, x.to(torch.device("cpu")).device)
y = torch.zeros(2, device=device)
print(y, y.device == torch.device("cpu"))
