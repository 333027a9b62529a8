# Autograd notes: requires_grad propagation, no_grad as decorator, set_grad_enabled, inference_mode.
import torch

x = torch.randn(5, 5)
y = torch.randn(5, 5)
z = torch.randn((5, 5), requires_grad=True)
a = x + y
print(a.requires_grad)
b = a + z
print(b.requires_grad)
x = torch.ones(2, requires_grad=True)


@torch.no_grad()
def doubler(x):
    return x * 2


print(doubler(x).requires_grad)
with torch.set_grad_enabled(False):
    y = x * 2
print(y.requires_grad)
torch.set_grad_enabled(True)
y = x * 2
print(y.requires_grad, torch.is_grad_enabled())
is_train = False
with torch.set_grad_enabled(is_train):
    y = x * 2
print(y.requires_grad)
with torch.inference_mode():
    y = x * 2
print(y.requires_grad, y.is_inference(), x.is_inference())


@torch.inference_mode()
def predict(x):
    return x * 3


print(predict(x), torch.is_inference_mode_enabled())
with torch.enable_grad():
    print((x * 2).requires_grad)
with torch.no_grad():
    with torch.enable_grad():
        print((x * 2).requires_grad)
