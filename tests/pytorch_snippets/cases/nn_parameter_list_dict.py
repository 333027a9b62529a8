# torch.nn docs: ParameterList and ParameterDict examples (names, printing, gradients).
import torch
import torch.nn as nn
import torch.nn.functional as F


class MyModule(nn.Module):
    def __init__(self):
        super().__init__()
        self.params = nn.ParameterList([nn.Parameter(torch.ones(2, 2) * i) for i in range(3)])
        self.choices = nn.ParameterDict({'left': nn.Parameter(torch.ones(2, 1)),
                                         'right': nn.Parameter(torch.zeros(2, 1))})

    def forward(self, x, choice):
        for i, p in enumerate(self.params):
            x = self.params[i // 2].mm(x) + p.mm(x)
        return self.choices[choice].t() @ x


m = MyModule()
print(m)
print([name for name, _ in m.named_parameters()])
m(torch.ones(2, 1), 'left').sum().backward()
print(m.params[1].grad)
print(m.choices['left'].grad)
m.params.append(torch.zeros(3))
m.choices.update([('up', torch.ones(1))])
print(m.params[-1], len(m.params), list(m.choices.keys()), 'up' in m.choices)
print(m.choices)
