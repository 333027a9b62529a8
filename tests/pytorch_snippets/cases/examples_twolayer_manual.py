# "Learning PyTorch with examples" (classic edition): a two-layer ReLU net with manual backprop on tensors.
import torch

N, D_in, H, D_out = 8, 6, 5, 2
x = (torch.arange(N * D_in, dtype=torch.float64).reshape(N, D_in) % 7 - 3) / 3
y = (torch.arange(N * D_out, dtype=torch.float64).reshape(N, D_out) % 3 - 1)
w1 = (torch.arange(D_in * H, dtype=torch.float64).reshape(D_in, H) % 5 - 2) / 10
w2 = (torch.arange(H * D_out, dtype=torch.float64).reshape(H, D_out) % 4 - 1.5) / 10
learning_rate = 1e-2
for t in range(50):
    h = x.mm(w1)
    h_relu = h.clamp(min=0)
    y_pred = h_relu.mm(w2)
    loss = (y_pred - y).pow(2).sum().item()
    if t % 10 == 9:
        print(t, f"{loss:.6f}")
    grad_y_pred = 2.0 * (y_pred - y)
    grad_w2 = h_relu.t().mm(grad_y_pred)
    grad_h_relu = grad_y_pred.mm(w2.t())
    grad_h = grad_h_relu.clone()
    grad_h[h < 0] = 0
    grad_w1 = x.t().mm(grad_h)
    w1 -= learning_rate * grad_w1
    w2 -= learning_rate * grad_w2
w1a = w1.clone().requires_grad_()
w2a = w2.clone().requires_grad_()
loss = (x.mm(w1a).clamp(min=0).mm(w2a) - y).pow(2).sum()
loss.backward()
h = x.mm(w1)
grad_y_pred = 2.0 * (h.clamp(min=0).mm(w2) - y)
grad_h = grad_y_pred.mm(w2.t())
grad_h[h < 0] = 0
print(torch.allclose(w1a.grad, x.t().mm(grad_h)), torch.allclose(w2a.grad, h.clamp(min=0).t().mm(grad_y_pred)))
