# torch.nn.utils: parameters_to_vector / vector_to_parameters, clip_grad_value_ and clip_grad_norm_ (norm types), as their docs describe.
import torch
import torch.nn as nn
from torch.nn.utils import clip_grad_norm_, clip_grad_value_, parameters_to_vector, vector_to_parameters

model = nn.Sequential(nn.Linear(3, 2), nn.Tanh(), nn.Linear(2, 1))
vec = parameters_to_vector(model.parameters())
print(vec.shape, vec.requires_grad, vec.grad_fn.name())
new = torch.arange(vec.numel(), dtype=torch.float32) / 10
vector_to_parameters(new, model.parameters())
print(model[0].weight)
print(model[2].bias, model[2].bias.requires_grad, model[2].bias.is_leaf)
x = torch.tensor([[1.0, -1.0, 0.5], [0.0, 2.0, -0.5]])
model(x).sum().backward()
print(parameters_to_vector(p.grad for p in model.parameters()))
total = clip_grad_norm_(model.parameters(), max_norm=1.0)
print(total)
print(parameters_to_vector(p.grad for p in model.parameters()).norm())
print(clip_grad_norm_(model.parameters(), max_norm=10.0, norm_type=float('inf')))
print(clip_grad_norm_(model.parameters(), max_norm=10.0, norm_type=1))
clip_grad_value_(model.parameters(), clip_value=0.1)
print(model[0].weight.grad)
try:
    vector_to_parameters(torch.zeros(3), model.parameters())
except RuntimeError as e:
    print("RuntimeError")
