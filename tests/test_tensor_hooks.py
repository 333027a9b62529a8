"""Tensor.register_hook as PyTorch's: hooks see a tensor's gradient, may replace it, run before
retain_grad and before a leaf's .grad is written, stay with the value they were registered on when
the tensor is later changed in place, and work with autograd.grad and create_graph."""
import pytest

import autodidact as ad

torch = pytest.importorskip("torch")


def scenarios(lib):
    out = []
    v = lib.tensor([0.0, 0.0, 0.0], requires_grad=True)
    handle = v.register_hook(lambda grad: grad * 2)
    v.backward(lib.tensor([1.0, 2.0, 3.0]))
    out.append(v.grad.tolist())
    handle.remove()
    v.backward(lib.tensor([1.0, 2.0, 3.0]))
    out.append(v.grad.tolist())

    x = lib.tensor([1.0, 2.0], requires_grad=True)
    y = x * 3
    seen = []
    y.register_hook(lambda g: seen.append(g.tolist()))
    y.register_hook(lambda g: g * 10)
    y.retain_grad()  # sees the gradient after the hooks
    (y * y).sum().backward()
    out += [seen, x.grad.tolist(), y.grad.tolist()]

    a = lib.tensor([1.0, 2.0], requires_grad=True)
    b = a * 1
    b.register_hook(lambda g: seen.append(("before", g.tolist())))
    b.mul_(2)
    b.register_hook(lambda g: seen.append(("after", g.tolist())))
    (b * 5).sum().backward()
    out += [seen, a.grad.tolist()]

    c = lib.tensor(2.0, requires_grad=True)
    c.register_hook(lambda g: g * 3)
    (g,) = lib.autograd.grad(c ** 3, c, create_graph=True)
    out.append(g.item())
    e = lib.tensor(2.0, requires_grad=True)
    f = e ** 2
    f.register_hook(lambda g: g + 1)
    (gg,) = lib.autograd.grad(f * 3, e, create_graph=True)
    out.append((gg.item(), gg.requires_grad))
    return out


def test_tensor_hooks_match_pytorch():
    assert scenarios(ad) == scenarios(torch)


def test_hook_errors_match_pytorch():
    for lib in (ad, torch):
        with pytest.raises(RuntimeError, match="cannot register a hook on a tensor that doesn't require gradient"):
            lib.tensor([1.0]).register_hook(lambda g: g)
        w = lib.tensor([1.0, 2.0], requires_grad=True)
        w.register_hook(lambda g: g[:1])
        with pytest.raises(RuntimeError, match="changed the size"):
            (w * 2).sum().backward()
