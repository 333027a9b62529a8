# nn.Module hooks as debugging tutorials use them: register_forward_pre_hook, register_forward_hook recording activations, handle.remove().
import torch
import torch.nn as nn

model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[1.0, -1.0], [0.5, 0.5], [-1.0, 2.0]]))
    model[0].bias.zero_()
activations = {}


def save(name):
    def hook(module, inputs, output):
        activations[name] = output.detach()
    return hook


handles = [model[i].register_forward_hook(save(f"layer{i}")) for i in range(3)]
pre = model[0].register_forward_pre_hook(lambda module, args: (args[0] * 2,))
out = model(torch.tensor([[1.0, 2.0]]))
print(sorted(activations), activations["layer1"])
for h in handles + [pre]:
    h.remove()
activations.clear()
model(torch.tensor([[1.0, 2.0]]))
print(activations)
