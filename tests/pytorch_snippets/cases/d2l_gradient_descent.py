# d2l 12.3 Gradient descent on f(x) = x^2 in Python, then the same steps with autograd and with optim.SGD.
import torch


def f(x):
    return x ** 2


def f_grad(x):
    return 2 * x


def gd(eta, f_grad):
    x = 10.0
    results = [x]
    for i in range(10):
        x -= eta * f_grad(x)
        results.append(float(x))
    print(f"epoch 10, x: {x:f}")
    return results


results = gd(0.2, f_grad)
print([round(r, 4) for r in results[:4]])
x = torch.tensor(10.0, requires_grad=True)
for i in range(10):
    loss = f(x)
    loss.backward()
    with torch.no_grad():
        x -= 0.2 * x.grad
    x.grad.zero_()
print(x)
x = torch.tensor(10.0, requires_grad=True)
opt = torch.optim.SGD([x], lr=0.2)
for i in range(10):
    opt.zero_grad()
    f(x).backward()
    opt.step()
print(x, abs(x.item() - results[-1]) < 1e-5)
x = torch.tensor([-5.0, -2.0], requires_grad=True)
opt = torch.optim.SGD([x], lr=0.1)
for i in range(20):
    opt.zero_grad()
    (x[0] ** 2 + 2 * x[1] ** 2).backward()
    opt.step()
print(x)
