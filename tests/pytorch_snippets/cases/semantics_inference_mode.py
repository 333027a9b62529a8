# A tensor made in inference_mode cannot be saved for backward in a recorded graph.
import torch

w = torch.ones(3, requires_grad=True)
with torch.inference_mode():
    x = torch.arange(3.0) * 2
print(x.is_inference(), x.requires_grad, w.is_inference())
y = (w + x).sum()
y.backward()
print(w.grad)
try:
    z = (w * x).sum()
    z.backward()
    print("no error", w.grad)
except RuntimeError as e:
    print(type(e).__name__)
try:
    x.add_(1)
except RuntimeError as e:
    print(type(e).__name__)
c = x.clone()
print(c.is_inference(), (w * c).sum())
with torch.no_grad():
    n = torch.ones(2) * 2
print(n.is_inference(), n.requires_grad)
