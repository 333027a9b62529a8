# Per-sample gradients as the torch.func tutorial computes them: functional_call, grad, vmap (a small MLP, fixed numbers).
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.func import functional_call, vmap, grad


class SimpleMLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(4, 3)
        self.fc2 = nn.Linear(3, 2)

    def forward(self, x):
        return F.log_softmax(self.fc2(F.relu(self.fc1(x))), dim=1)


def loss_fn(predictions, targets):
    return F.nll_loss(predictions, targets)


model = SimpleMLP()
with torch.no_grad():
    model.fc1.weight.copy_(torch.arange(12.0).reshape(3, 4).sin())
    model.fc1.bias.copy_(torch.tensor([0.1, -0.1, 0.2]))
    model.fc2.weight.copy_(torch.arange(6.0).reshape(2, 3).cos())
    model.fc2.bias.zero_()
data = torch.arange(20.0).reshape(5, 4).cos()
targets = torch.tensor([0, 1, 1, 0, 1])


def compute_grad(sample, target):
    prediction = model(sample.unsqueeze(0))
    loss = loss_fn(prediction, target.unsqueeze(0))
    return torch.autograd.grad(loss, list(model.parameters()))


per_sample_grads = [torch.stack(shards) for shards in zip(*[compute_grad(data[i], targets[i]) for i in range(5)])]
print(per_sample_grads[0].shape)

params = {k: v.detach() for k, v in model.named_parameters()}
buffers = {k: v.detach() for k, v in model.named_buffers()}


def compute_loss(params, buffers, sample, target):
    predictions = functional_call(model, (params, buffers), (sample.unsqueeze(0),))
    return loss_fn(predictions, target.unsqueeze(0))


ft_compute_sample_grad = vmap(grad(compute_loss), in_dims=(None, None, 0, 0))
ft_per_sample_grads = ft_compute_sample_grad(params, buffers, data, targets)
print(list(ft_per_sample_grads), ft_per_sample_grads["fc2.bias"])
for per_sample_grad, ft_per_sample_grad in zip(per_sample_grads, ft_per_sample_grads.values()):
    assert torch.allclose(per_sample_grad, ft_per_sample_grad, atol=3e-3, rtol=1e-5)
print(model.fc1.weight.grad)
