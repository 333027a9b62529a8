# CS231n gradient checking: eval_numerical_gradient with np.nditer over a float64 tensor, vs autograd.
import numpy as np
import torch


def eval_numerical_gradient(f, x, h=1e-5):
    grad = torch.zeros_like(x)
    it = np.nditer(x.numpy(), flags=["multi_index"], op_flags=["readwrite"])
    while not it.finished:
        ix = it.multi_index
        oldval = x[ix].item()
        x[ix] = oldval + h
        fxph = f(x)
        x[ix] = oldval - h
        fxmh = f(x)
        x[ix] = oldval
        grad[ix] = (fxph - fxmh) / (2 * h)
        it.iternext()
    return grad


def rel_error(x, y):
    return (torch.abs(x - y) / torch.clamp(torch.abs(x) + torch.abs(y), min=1e-8)).max().item()


W = torch.tensor([[0.2, -0.5], [1.5, 1.3], [0.0, 0.25]], dtype=torch.float64)
X = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]], dtype=torch.float64)


def loss_fn(W):
    return torch.tanh(X @ W).pow(2).sum()


num = eval_numerical_gradient(loss_fn, W)
Wg = W.clone().requires_grad_()
loss_fn(Wg).backward()
print(rel_error(num, Wg.grad) < 1e-7, Wg.grad)
print(torch.autograd.gradcheck(loss_fn, (W.clone().requires_grad_(),)))
print(torch.autograd.gradcheck(torch.sigmoid, (torch.tensor([0.5, -1.0], dtype=torch.float64, requires_grad=True),)))
