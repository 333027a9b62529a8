# Tutorial "Understanding requires_grad, retain_grad, Leaf, and Non-leaf Tensors": a small MLP's tensors, which get .grad.
import torch
import torch.nn.functional as F

x = torch.tensor([[0.5, 1.0, 2.0]])
W = torch.tensor([[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]], requires_grad=True)
b = torch.tensor([[0.05, -0.05]], requires_grad=True)
y_true = torch.tensor([[1.0, 0.0]])

z = (x @ W) + b
y_pred = F.relu(z)
loss = F.mse_loss(y_pred, y_true)

tensors = {"x": x, "W": W, "b": b, "y_true": y_true, "z": z, "y_pred": y_pred, "loss": loss}
for name, t in tensors.items():
    print(f"{name:7} requires_grad={t.requires_grad!s:5} is_leaf={t.is_leaf!s:5} retains_grad={t.retains_grad!s:5} grad_fn={type(t.grad_fn).__name__ if t.grad_fn else None}")

z.retain_grad()
y_pred.retain_grad()
loss.retain_grad()
print(z.retains_grad, y_pred.retains_grad, x.retains_grad)
loss.backward()
for name, t in tensors.items():
    print(name, t.grad)

try:
    W.retain_grad()
    print("leaf retain_grad is a no-op:", W.retains_grad)
    x.retain_grad()
except RuntimeError as e:
    print("RuntimeError:", e)

w2 = torch.tensor([1.0, 2.0], requires_grad=True)
h = w2 * 3
h.retain_grad()
out = (h ** 2).sum()
out.backward()
print(h.grad, w2.grad)
print(h.is_leaf, h.detach().is_leaf, h.detach().requires_grad)
