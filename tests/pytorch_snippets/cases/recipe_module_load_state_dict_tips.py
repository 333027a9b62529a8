# pytorch/tutorials recipes: load_state_dict with strict=False (missing and unexpected keys), loading
# into a renamed submodule, keeping a parameter's identity, and what state_dict holds (buffers,
# persistent=False), from "what is a state_dict", "warmstarting" and the module docs.
import io
import torch
from torch import nn


class SomeModule(nn.Module):
    def __init__(self, size):
        super().__init__()
        self.linears = nn.ModuleList([nn.Linear(size, size) for i in range(2)])
        self.register_buffer("running", torch.zeros(size))
        self.register_buffer("scratch", torch.ones(size), persistent=False)

    def forward(self, x):
        return self.linears[1](self.linears[0](x)) + self.running


m = SomeModule(3)
print(list(m.state_dict().keys()))
print([name for name, _ in m.named_buffers()])
for param_tensor in m.state_dict():
    print(param_tensor, "\t", m.state_dict()[param_tensor].size())

state_dict = {k: torch.full_like(v, 0.5) for k, v in m.state_dict().items()}
weight_before = m.linears[0].weight
result = m.load_state_dict(state_dict)
print(result)
print(m.linears[0].weight is weight_before, m.linears[0].weight)
print(m(torch.ones(1, 3)))

state_dict.pop("running")
state_dict["extra.weight"] = torch.zeros(2)
try:
    m.load_state_dict(state_dict)
except RuntimeError as e:
    print("RuntimeError:", str(e).splitlines()[0])
result = m.load_state_dict(state_dict, strict=False)
print(result.missing_keys, result.unexpected_keys)

renamed = {k.replace("linears.", "layers."): v for k, v in m.state_dict().items()}
print(list(renamed.keys()))


class Other(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(3, 3) for i in range(2)])
        self.head = nn.Linear(3, 1)


o = Other()
print(o.load_state_dict(renamed, strict=False))
print(o.layers[1].bias)

buf = io.BytesIO()
torch.save({'epoch': 3, 'model_state_dict': m.state_dict(), 'loss': 0.25}, buf)
buf.seek(0)
checkpoint = torch.load(buf, weights_only=True)
print(checkpoint['epoch'], checkpoint['loss'], sorted(checkpoint['model_state_dict']))
print(type(m.state_dict()).__name__, m.state_dict()['running'].requires_grad, m.state_dict()['linears.0.weight'].requires_grad)
