# A checkpoint file is a zip archive: data.pkl plus one raw storage per tensor (PyTorch's own format).
import io
import zipfile
import torch

buffer = io.BytesIO()
state = {"weight": torch.arange(6.0).reshape(2, 3), "bias": torch.zeros(2), "steps": torch.tensor(7)}
torch.save(state, buffer)
names = zipfile.ZipFile(io.BytesIO(buffer.getvalue())).namelist()
print([name.split("/", 1)[1] for name in names])
buffer.seek(0)
print(torch.load(buffer, map_location="cpu"))
buffer.seek(0)
print(torch.load(buffer, map_location=torch.device("cpu"), weights_only=True)["steps"])
