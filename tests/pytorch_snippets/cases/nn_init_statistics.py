# d2l 5.4 and the makemore lecture: the spread of a layer's outputs depends on how it is initialized.
import math
import torch
from torch import nn

torch.manual_seed(0)
x = torch.randn(2000, 500)
w = torch.empty(500, 500)
nn.init.kaiming_normal_(w, nonlinearity="relu")
print(f"{w.std().item():.2f}", f"{math.sqrt(2 / 500):.2f}")
nn.init.xavier_uniform_(w)
bound = math.sqrt(6 / (500 + 500))
print(w.abs().max().item() <= bound, f"{w.std().item():.3f}", f"{math.sqrt(2 / 1000):.3f}")
nn.init.trunc_normal_(w, std=0.02)
print(w.abs().max().item() <= 2.0, f"{w.std().item():.3f}")
q = nn.init.orthogonal_(torch.empty(4, 4, dtype=torch.float64))
print(torch.allclose(q @ q.T, torch.eye(4, dtype=torch.float64)))
h = torch.tanh(x @ (torch.randn(500, 500) / 500 ** 0.5) * (5 / 3))
print(f"{h.std().item():.1f}", (h.abs() > 0.99).float().mean().item() < 0.2)
