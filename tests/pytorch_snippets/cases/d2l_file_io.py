# d2l 6.6 File I/O: save and load a tensor, a list, a dict, and an MLP's parameters.
import os
import tempfile
import torch
from torch import nn
from torch.nn import functional as F

tmp = tempfile.mkdtemp()
x = torch.arange(4)
torch.save(x, os.path.join(tmp, "x-file"))
x2 = torch.load(os.path.join(tmp, "x-file"))
print(x2)
y = torch.zeros(4)
torch.save([x, y], os.path.join(tmp, "x-files"))
x2, y2 = torch.load(os.path.join(tmp, "x-files"))
print(x2, y2)
mydict = {"x": x, "y": y}
torch.save(mydict, os.path.join(tmp, "mydict"))
mydict2 = torch.load(os.path.join(tmp, "mydict"))
print(mydict2)


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.hidden = nn.LazyLinear(256)
        self.output = nn.LazyLinear(10)

    def forward(self, x):
        return self.output(F.relu(self.hidden(x)))


net = MLP()
X = torch.ones(size=(2, 20))
Y = net(X)
torch.save(net.state_dict(), os.path.join(tmp, "mlp.params"))
clone = MLP()
clone.load_state_dict(torch.load(os.path.join(tmp, "mlp.params")))
print(clone.eval())
Y_clone = clone(X)
print(Y_clone == Y)
for name in os.listdir(tmp):
    os.remove(os.path.join(tmp, name))
os.rmdir(tmp)
