import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
@torch.no_grad()
def predict(t):
    return t * 2
y = predict(x)
print(y, y.requires_grad)
with torch.no_grad():
    with torch.enable_grad():
        z = x * 3
    w = x * 3
print(z.requires_grad, w.requires_grad)
with torch.set_grad_enabled(False):
    print((x * 2).requires_grad)
torch.set_grad_enabled(False)
print((x * 2).requires_grad, torch.is_grad_enabled())
torch.set_grad_enabled(True)
print((x * 2).requires_grad)
@torch.enable_grad()
def f(t):
    return t * 2
with torch.no_grad():
    print(f(x).requires_grad)
with torch.no_grad():
    x.grad = torch.zeros(2)
    p = x.detach()
print(x.grad)
with torch.inference_mode():
    q = x * 2
print(q.requires_grad)
