# torch.nn.functional activations and helpers a tutorial uses, on one small input, with gradients.
import torch
import torch.nn.functional as F

x = torch.tensor([-2.0, -0.5, 0.0, 0.5, 2.0], requires_grad=True)
for name, f in [("relu", F.relu), ("leaky_relu", lambda t: F.leaky_relu(t, 0.1)), ("elu", F.elu),
                ("gelu", F.gelu), ("silu", F.silu), ("softplus", F.softplus), ("sigmoid", torch.sigmoid),
                ("tanh", torch.tanh), ("hardtanh", F.hardtanh), ("relu6", F.relu6), ("mish", F.mish)]:
    y = f(x)
    (g,) = torch.autograd.grad(y.sum(), x)
    print(name, y.detach(), g, y.grad_fn.name())
print(F.softmax(x, dim=0), F.log_softmax(x, dim=0))
print(F.normalize(torch.tensor([[3.0, 4.0], [0.0, 2.0]]), dim=1))
print(F.pad(torch.ones(2, 2), (1, 1)), F.pad(torch.ones(1, 2), (0, 2), value=-1.0))
print(F.linear(torch.ones(2, 3), torch.ones(4, 3), torch.arange(4.0)))
print(F.dropout(torch.ones(3), p=0.5, training=False))
print(torch.nn.GELU()(torch.tensor(1.0)), torch.nn.SiLU()(torch.tensor(1.0)), torch.nn.LeakyReLU(0.2)(torch.tensor(-1.0)))
