# Which in-place changes after an op break backward: x*3, x/2, x+1 save no tensor; x*x and exp do.
import torch

for name, f in [("mul const", lambda x: x * 3), ("div const", lambda x: x / 2), ("add const", lambda x: x + 1),
                ("mul self", lambda x: x * x), ("exp", torch.exp), ("pow 2", lambda x: x ** 2),
                ("sum", lambda x: x.sum()), ("neg", lambda x: -x), ("sin", torch.sin)]:
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    x = w * 1
    y = f(x)
    x.add_(1)
    try:
        y.sum().backward()
        print(name, "ok", w.grad)
    except RuntimeError as e:
        print(name, type(e).__name__)
w = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.exp(w * 1)
y.add_(1)
try:
    y.sum().backward()
except RuntimeError as e:
    print("exp output modified", type(e).__name__)
x = torch.ones(2)
print(x._version)
x.add_(1)
x[0] = 5
print(x._version)
