# d2l 12.6/12.10: momentum and Adam written by hand agree with torch.optim.SGD(momentum=...) and Adam.
import torch


def objective(w):
    return (w[0] ** 2) * 0.1 + 2 * w[1] ** 2


w_torch = torch.tensor([-5.0, -2.0], dtype=torch.float64, requires_grad=True)
opt = torch.optim.SGD([w_torch], lr=0.1, momentum=0.5)
w = torch.tensor([-5.0, -2.0], dtype=torch.float64, requires_grad=True)
v = torch.zeros(2, dtype=torch.float64)
for t in range(10):
    opt.zero_grad()
    objective(w_torch).backward()
    opt.step()
    w.grad = None
    objective(w).backward()
    with torch.no_grad():
        v = 0.5 * v + w.grad
        w -= 0.1 * v
print(w_torch, torch.allclose(w, w_torch))

w_torch = torch.tensor([-5.0, -2.0], dtype=torch.float64, requires_grad=True)
opt = torch.optim.Adam([w_torch], lr=0.1)
w = torch.tensor([-5.0, -2.0], dtype=torch.float64, requires_grad=True)
m = torch.zeros(2, dtype=torch.float64)
s = torch.zeros(2, dtype=torch.float64)
beta1, beta2, eps = 0.9, 0.999, 1e-8
for t in range(1, 11):
    opt.zero_grad()
    objective(w_torch).backward()
    opt.step()
    w.grad = None
    objective(w).backward()
    with torch.no_grad():
        m = beta1 * m + (1 - beta1) * w.grad
        s = beta2 * s + (1 - beta2) * w.grad ** 2
        m_hat = m / (1 - beta1 ** t)
        s_hat = s / (1 - beta2 ** t)
        w -= 0.1 * m_hat / (torch.sqrt(s_hat) + eps)
print(w_torch, torch.allclose(w, w_torch))
print(opt.state[w_torch]["step"], sorted(opt.state[w_torch].keys()))
