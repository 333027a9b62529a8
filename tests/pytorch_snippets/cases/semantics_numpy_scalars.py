# NumPy scalars and arrays given to torch.tensor keep their dtypes; Python floats become float32.
import numpy as np
import torch

print(torch.tensor(np.float64(0.5)).dtype, torch.tensor(0.5).dtype)
print(torch.tensor(np.float32(0.5)).dtype, torch.tensor(np.int32(3)).dtype, torch.tensor(np.int64(3)).dtype)
print(torch.tensor(np.array([1.0, 2.0])).dtype, torch.tensor(np.array([1, 2], dtype=np.int32)).dtype)
print(torch.tensor([1.0, 2.0]) * np.float64(2.0))
print((torch.tensor([1.0, 2.0]) * np.float64(2.0)).dtype)
print(torch.tensor(np.bool_(True)).dtype, torch.tensor(True).dtype)
print(torch.from_numpy(np.zeros(2, dtype=np.float32)).dtype)
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = x * np.float64(3.0) + np.float32(1.0)
print(y, y.dtype)
print(torch.tensor(np.float64(0.1)))
