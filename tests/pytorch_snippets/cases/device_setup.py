# The device lines every tutorial starts with (PyTorch quickstart, d2l 6.7).
import torch
device = "cuda" if torch.cuda.is_available() else "cpu"
print(f"Using {device} device")
print(torch.cuda.is_available(), torch.cuda.device_count(), torch.backends.mps.is_available())
print(torch.device("cpu"), repr(torch.device("cpu")), torch.device("cuda:1"), repr(torch.device("cuda", 0)))
x = torch.tensor([1.0, 2.0, 3.0], device=device)
print(x, x.device, x.device.type, x.is_cuda)
y = torch.ones(2, 3, device=torch.device("cpu"))
print(y.to(device), y.to(device) is y, y.cpu() is y)
print(y.to("cpu", torch.float64))
print(y.to(device=device, dtype=torch.int64))
print(torch.zeros(2, device="cpu").device == torch.device("cpu"))
