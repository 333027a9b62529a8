# Borders for images and sequences (F.pad modes, padding layers, Conv2d padding_mode) and the less
# common activations, with their gradients and grad_fn names.
import torch
import torch.nn as nn
import torch.nn.functional as F

img = torch.arange(9.0).reshape(1, 1, 3, 3)
for mode in ["constant", "reflect", "replicate", "circular"]:
    print(mode, F.pad(img, (1, 1, 1, 0), mode=mode)[0, 0])
seq = torch.tensor([[1.0, 2.0, 3.0, 4.0]], requires_grad=True)
padded = F.pad(seq, (2, 1), mode="reflect")
padded.sum().backward()
print(padded, seq.grad)
print(nn.ZeroPad2d((1, 0, 0, 1))(img).shape, nn.ReplicationPad1d(2)(seq).detach(), nn.ConstantPad1d(1, -1.0))
torch.manual_seed(0)
conv = nn.Conv2d(1, 2, 3, padding=1, padding_mode="circular", bias=False)
with torch.no_grad():
    conv.weight.fill_(0.1)
print(conv, conv(img).shape, conv(img)[0, 1, 0])
bn = nn.BatchNorm2d(2)
out = bn(torch.cat([img, img * 2], dim=1))
print(bn, out.mean(dim=(0, 2, 3)).abs().max() < 1e-6, bn.running_mean)
x = torch.linspace(-4, 4, 9, requires_grad=True)
for layer in [nn.LogSigmoid(), nn.SELU(), nn.CELU(0.5), nn.Hardsigmoid(), nn.Hardswish(), nn.Softsign(),
              nn.Tanhshrink(), nn.Hardshrink(1.0), nn.Softshrink(1.0), nn.Threshold(1.0, -1.0), nn.PReLU()]:
    y = layer(x)
    (g,) = torch.autograd.grad(y.sum(), x)
    print(layer, y.grad_fn.name())
    print(" ", y.detach(), g, sep="\n  ")
print(nn.GLU()(torch.tensor([[1.0, 2.0, 0.0, -1.0]])), nn.Softmin(dim=0)(torch.tensor([1.0, 2.0, 3.0])))
