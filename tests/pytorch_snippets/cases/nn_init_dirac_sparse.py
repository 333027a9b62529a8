import torch
import torch.nn as nn
d = torch.empty(3, 16, 5, 5)
nn.init.dirac_(d)
print(d[:, :4, 2, 2])
w = torch.empty(300, 500)
nn.init.sparse_(w[:10, :20], sparsity=0.1)
print(int((w[:10, :20] == 0).sum(0).min()))
