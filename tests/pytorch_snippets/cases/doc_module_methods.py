# Examples from the nn.Module docs: apply(init_weights), modules() and named_modules() with a repeated layer, children, get_submodule, requires_grad_, double().
import torch
import torch.nn as nn


@torch.no_grad()
def init_weights(m):
    print(m)
    if type(m) is nn.Linear:
        m.weight.fill_(1.0)
        print(m.weight)


net = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 2))
print(net.apply(init_weights) is net)

l = nn.Linear(2, 2)
net = nn.Sequential(l, l)
for idx, m in enumerate(net.modules()):
    print(idx, '->', m)
for idx, m in enumerate(net.named_modules()):
    print(idx, '->', m)
print(len(list(net.parameters())))

model = nn.Sequential()
model.add_module("fc1", nn.Linear(3, 4))
model.add_module("act", nn.Tanh())
model.register_module("fc2", nn.Linear(4, 1))
print(model)
print([name for name, _ in model.named_children()])
print(model.get_submodule("fc2"))
print(type(model.fc1).__name__, model[0] is model.fc1)
try:
    model.get_submodule("fc3")
except AttributeError as e:
    print("AttributeError")

model.requires_grad_(False)
print([p.requires_grad for p in model.parameters()])
model.fc2.requires_grad_()
print([(n, p.requires_grad) for n, p in model.named_parameters()])
model.double()
print(model.fc1.weight.dtype, model(torch.ones(2, 3, dtype=torch.float64)).dtype)
model.float()
print(model.fc1.bias.dtype)

m = nn.Module()
m.register_parameter("scale", nn.Parameter(torch.tensor([2.0])))
m.register_buffer("count", torch.tensor(0))
m.register_buffer("cache", torch.zeros(2), persistent=False)
print(list(m.state_dict().keys()), [n for n, _ in m.named_buffers()])
print(m.scale, m.count)
m.register_parameter("offset", None)
print(m.offset, [n for n, _ in m.named_parameters()])
try:
    m.register_buffer("scale", torch.zeros(1))
except KeyError as e:
    print("KeyError:", e)
