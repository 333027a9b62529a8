# makemore part 3 ("Activations & Gradients, BatchNorm"): Linear/BatchNorm1d/Tanh classes by hand, kaiming gain, statistics per layer.
import torch


class Linear:

    def __init__(self, fan_in, fan_out, bias=True):
        self.weight = ((torch.arange(fan_in * fan_out) % 11 - 5).reshape(fan_in, fan_out) / 5) / fan_in ** 0.5
        self.bias = torch.zeros(fan_out) if bias else None

    def __call__(self, x):
        self.out = x @ self.weight
        if self.bias is not None:
            self.out += self.bias
        return self.out

    def parameters(self):
        return [self.weight] + ([] if self.bias is None else [self.bias])


class BatchNorm1d:

    def __init__(self, dim, eps=1e-5, momentum=0.1):
        self.eps = eps
        self.momentum = momentum
        self.training = True
        self.gamma = torch.ones(dim)
        self.beta = torch.zeros(dim)
        self.running_mean = torch.zeros(dim)
        self.running_var = torch.ones(dim)

    def __call__(self, x):
        if self.training:
            xmean = x.mean(0, keepdim=True)
            xvar = x.var(0, keepdim=True)
        else:
            xmean = self.running_mean
            xvar = self.running_var
        xhat = (x - xmean) / torch.sqrt(xvar + self.eps)
        self.out = self.gamma * xhat + self.beta
        if self.training:
            with torch.no_grad():
                self.running_mean = (1 - self.momentum) * self.running_mean + self.momentum * xmean
                self.running_var = (1 - self.momentum) * self.running_var + self.momentum * xvar
        return self.out

    def parameters(self):
        return [self.gamma, self.beta]


class Tanh:
    def __call__(self, x):
        self.out = torch.tanh(x)
        return self.out

    def parameters(self):
        return []


n_embd = 4
n_hidden = 16
vocab_size = 27
block_size = 3
C = ((torch.arange(vocab_size * n_embd) % 7 - 3) / 3).reshape(vocab_size, n_embd)
layers = [
    Linear(n_embd * block_size, n_hidden, bias=False), BatchNorm1d(n_hidden), Tanh(),
    Linear(n_hidden, n_hidden, bias=False), BatchNorm1d(n_hidden), Tanh(),
    Linear(n_hidden, vocab_size, bias=False), BatchNorm1d(vocab_size),
]
with torch.no_grad():
    layers[-1].gamma *= 0.1
    for layer in layers[:-1]:
        if isinstance(layer, Linear):
            layer.weight *= 5 / 3
parameters = [C] + [p for layer in layers for p in layer.parameters()]
print(sum(p.nelement() for p in parameters))
for p in parameters:
    p.requires_grad = True
print(torch.nn.init.calculate_gain('tanh'))

Xb = torch.tensor([[0, 0, 5], [0, 5, 13], [5, 13, 13], [13, 13, 1], [13, 1, 0], [0, 0, 15], [0, 15, 12], [15, 12, 9]])
Yb = torch.tensor([5, 13, 13, 1, 0, 15, 12, 9])
lossi = []
for i in range(5):
    emb = C[Xb]
    x = emb.view(emb.shape[0], -1)
    for layer in layers:
        x = layer(x)
    loss = torch.nn.functional.cross_entropy(x, Yb)
    for layer in layers:
        layer.out.retain_grad()
    for p in parameters:
        p.grad = None
    loss.backward()
    lr = 0.1
    for p in parameters:
        p.data += -lr * p.grad
    lossi.append(loss.log10().item())
print([round(l, 4) for l in lossi])

for i, layer in enumerate(layers[:-1]):
    if isinstance(layer, Tanh):
        t = layer.out
        print('layer %d (%10s): mean %+.2f, std %.2f, saturated: %.2f%%' % (
            i, layer.__class__.__name__, t.mean(), t.std(), (t.abs() > 0.97).float().mean() * 100))
for i, layer in enumerate(layers[:-1]):
    if isinstance(layer, Tanh):
        t = layer.out.grad
        print('layer %d (%10s): grad mean %+.6f' % (i, layer.__class__.__name__, t.mean()))
for p in parameters:
    if p.ndim == 2:
        print('weight %10s | grad:data ratio %.4f' % (tuple(p.shape), p.grad.std() / p.std()))
for layer in layers:
    if isinstance(layer, BatchNorm1d):
        layer.training = False
print(layers[1].running_mean[:4], layers[1].running_var[:4])
