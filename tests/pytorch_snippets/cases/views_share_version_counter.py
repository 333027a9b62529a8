# In-place changes through a view or detach() are seen by autograd's version check, as in PyTorch.
import torch


def attempt(label, f):
    try:
        print(label, "->", f())
    except RuntimeError as e:
        print(label, "->", type(e).__name__)


def slice_under_no_grad():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x.exp()
    with torch.no_grad():
        y[0:1].add_(1)
    y.sum().backward()
    return x.grad


def detached_alias():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x.exp()
    v = y.detach()
    v.add_(1)
    y.sum().backward()
    return x.grad


def data_alias():
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x.exp()
    y.data.add_(1)
    y.sum().backward()
    return x.grad


def leaf_view_under_no_grad():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    y = w * w
    with torch.no_grad():
        w.view(2).mul_(2)
    y.sum().backward()
    return w.grad


def leaf_detach_setitem():
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    y = w * w
    w.detach()[0] = 10
    y.sum().backward()
    return w.grad


for f in (slice_under_no_grad, detached_alias, data_alias, leaf_view_under_no_grad, leaf_detach_setitem):
    attempt(f.__name__, f)
