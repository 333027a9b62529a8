# The .to(device) habits of tutorials: model, batches and new tensors all on one device.
import torch
from torch import nn

device = torch.accelerator.current_accelerator().type if torch.accelerator.is_available() else "cpu"
print(f"Using {device} device")
model = nn.Sequential(nn.Linear(3, 2), nn.Tanh()).to(device)
print(next(model.parameters()).device)
xb = torch.ones(4, 3).to(device, non_blocking=True)
yb = torch.zeros(4, 2, device=device)
loss = nn.functional.mse_loss(model(xb), yb)
print(loss.device, loss.shape)
print(torch.zeros_like(xb, device=device).device, torch.arange(3, device=device), torch.randn(2, device=device).shape)
print(xb.cpu().numpy().shape, loss.detach().cpu().item() >= 0)
