# A classic learner bug: forgetting zero_grad, so gradients accumulate across steps; then the fix.
import torch

w = torch.tensor(1.0, requires_grad=True)
xs = torch.tensor([1.0, 2.0, 3.0])
ys = torch.tensor([2.0, 4.0, 6.0])
for step in range(3):
    loss = ((w * xs - ys) ** 2).mean()
    loss.backward()
    print("no zero_grad", step, w.grad)
    with torch.no_grad():
        w -= 0.01 * w.grad
w = torch.tensor(1.0, requires_grad=True)
opt = torch.optim.SGD([w], lr=0.01)
for step in range(3):
    opt.zero_grad()
    loss = ((w * xs - ys) ** 2).mean()
    loss.backward()
    print("with zero_grad", step, w.grad)
    opt.step()
print(w)
