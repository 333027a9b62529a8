# d2l 16.5 natural language inference with attention: the mlp helper, Attend (softmax over bmm
# scores both ways), Compare and Aggregate, shapes and values with deterministic weights.
import torch
from torch import nn
from torch.nn import functional as F


def mlp(num_inputs, num_hiddens, flatten):
    net = []
    net.append(nn.Dropout(0.2))
    net.append(nn.Linear(num_inputs, num_hiddens))
    net.append(nn.ReLU())
    if flatten:
        net.append(nn.Flatten(start_dim=1))
    net.append(nn.Dropout(0.2))
    net.append(nn.Linear(num_hiddens, num_hiddens))
    net.append(nn.ReLU())
    if flatten:
        net.append(nn.Flatten(start_dim=1))
    return nn.Sequential(*net)


class Attend(nn.Module):
    def __init__(self, num_inputs, num_hiddens, **kwargs):
        super(Attend, self).__init__(**kwargs)
        self.f = mlp(num_inputs, num_hiddens, flatten=False)

    def forward(self, A, B):
        f_A = self.f(A)
        f_B = self.f(B)
        e = torch.bmm(f_A, f_B.permute(0, 2, 1))
        beta = torch.bmm(F.softmax(e, dim=-1), B)
        alpha = torch.bmm(F.softmax(e.permute(0, 2, 1), dim=-1), A)
        return beta, alpha


class Compare(nn.Module):
    def __init__(self, num_inputs, num_hiddens, **kwargs):
        super(Compare, self).__init__(**kwargs)
        self.g = mlp(num_inputs, num_hiddens, flatten=False)

    def forward(self, A, B, beta, alpha):
        V_A = self.g(torch.cat([A, beta], dim=2))
        V_B = self.g(torch.cat([B, alpha], dim=2))
        return V_A, V_B


class Aggregate(nn.Module):
    def __init__(self, num_inputs, num_hiddens, num_outputs, **kwargs):
        super(Aggregate, self).__init__(**kwargs)
        self.h = mlp(num_inputs, num_hiddens, flatten=True)
        self.linear = nn.Linear(num_hiddens, num_outputs)

    def forward(self, V_A, V_B):
        V_A = V_A.sum(dim=1)
        V_B = V_B.sum(dim=1)
        Y_hat = self.linear(self.h(torch.cat([V_A, V_B], dim=1)))
        return Y_hat


embed_size, num_hiddens = 4, 5
embedding = nn.Embedding(12, embed_size)
attend = Attend(embed_size, num_hiddens)
compare = Compare(embed_size * 2, num_hiddens)
aggregate = Aggregate(num_hiddens * 2, num_hiddens, 3)
modules = nn.ModuleList([embedding, attend, compare, aggregate])
for i, p in enumerate(modules.parameters()):
    with torch.no_grad():
        p.copy_(torch.cos(torch.arange(p.numel(), dtype=torch.float) * (0.4 + 0.3 * i)).reshape(p.shape) * 0.5)
modules.eval()
premises = torch.tensor([[1, 2, 3, 4, 0], [5, 6, 7, 0, 0]])
hypotheses = torch.tensor([[1, 8, 9, 0], [10, 11, 0, 0]])
A = embedding(premises)
B = embedding(hypotheses)
beta, alpha = attend(A, B)
print(beta.shape, alpha.shape)
V_A, V_B = compare(A, B, beta, alpha)
print(V_A.shape, V_B.shape)
Y_hat = aggregate(V_A, V_B)
print(Y_hat)
print(Y_hat.argmax(dim=1))
modules.train()
for m in modules.modules():
    if isinstance(m, nn.Dropout):
        m.p = 0.0
l = F.cross_entropy(aggregate(*compare(A, B, *attend(A, B))), torch.tensor([0, 2]))
l.backward()
print(l, embedding.weight.grad[:3])
