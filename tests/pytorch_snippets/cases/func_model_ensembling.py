# Model ensembling with torch.func (stack_module_state, functional_call, vmap), as the tutorial does it, without the 'meta' device.
import copy
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.func import stack_module_state, functional_call


class SimpleMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 3)
        self.fc2 = nn.Linear(3, 2)

    def forward(self, x):
        return self.fc2(F.relu(self.fc1(x.flatten(1))))


num_models = 3
models = [SimpleMLP() for _ in range(num_models)]
with torch.no_grad():
    for k, model in enumerate(models):
        for p in model.parameters():
            p.copy_(torch.arange(p.numel(), dtype=torch.float32).reshape(p.shape).sin() * (k + 1))
minibatches = torch.arange(24.0).reshape(num_models, 2, 4).cos()
minibatch = minibatches[0]
predictions_diff_minibatch_loop = [model(mb) for model, mb in zip(models, minibatches)]
predictions2 = [model(minibatch) for model in models]

params, buffers = stack_module_state(models)
print({k: v.shape for k, v in params.items()}, buffers)
base_model = copy.deepcopy(models[0])


def fmodel(params, buffers, x):
    return functional_call(base_model, (params, buffers), (x,))


predictions1_vmap = torch.vmap(fmodel)(params, buffers, minibatches)
assert torch.allclose(predictions1_vmap, torch.stack(predictions_diff_minibatch_loop), atol=1e-3, rtol=1e-5)
predictions2_vmap = torch.vmap(fmodel, in_dims=(0, 0, None))(params, buffers, minibatch)
assert torch.allclose(predictions2_vmap, torch.stack(predictions2), atol=1e-3, rtol=1e-5)
print(predictions2_vmap.shape, predictions2_vmap.detach()[1])
print(params["fc1.bias"])
