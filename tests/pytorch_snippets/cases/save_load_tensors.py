import io
import torch

x = torch.arange(6.0).reshape(2, 3)
buffer = io.BytesIO()
torch.save({"x": x, "row": x[1], "col": x[:, 0], "ints": torch.tensor([1, 2]), "flags": torch.tensor([True]),
            "double": torch.tensor([0.5], dtype=torch.float64), "w": torch.ones(2, requires_grad=True)}, buffer)
buffer.seek(0)
data = torch.load(buffer)
for key, value in data.items():
    print(key, value)
data["row"][0] = 100.0
print(data["x"])
buffer = io.BytesIO()
torch.save([torch.tensor(1.0), (2, "three"), {"four": None}], buffer)
buffer.seek(0)
print(torch.load(buffer))
