"""Forward hooks on modules behave as PyTorch's (called around forward, can replace input/output,
removable through their handle; backward hooks are refused with an error naming them); softmax and
log_softmax take PyTorch's dtype argument."""
import pytest

import autodidact as ad
import autodidact.nn as nn

torch = pytest.importorskip("torch")


def run(lib):
    lib.manual_seed(0)
    model = lib.nn.Sequential(lib.nn.Linear(2, 3), lib.nn.ReLU(), lib.nn.Linear(3, 1))
    with lib.no_grad():
        for p in model.parameters():
            p.copy_(lib.arange(p.numel(), dtype=lib.float32).reshape(p.shape) / 10 - 0.2)
    x = lib.tensor([[1.0, -2.0], [0.5, 3.0]])
    seen = []
    handle = model[0].register_forward_hook(lambda m, args, out: seen.append((type(m).__name__, len(args), out.tolist())))
    model[1].register_forward_hook(lambda m, args, out: out * 2)  # replaces the output
    model[2].register_forward_pre_hook(lambda m, args: args[0] + 1)  # a lone value is wrapped in a tuple
    first = model(x)
    handle.remove()
    second = model(x)
    order = []
    layer = lib.nn.Identity()
    layer.register_forward_hook(lambda m, a, o: order.append("last"))
    layer.register_forward_hook(lambda m, a, o: order.append("first"), prepend=True)
    layer.register_forward_pre_hook(lambda m, a, kw: ((a[0] * 3,), kw), with_kwargs=True)
    third = layer(lib.tensor([1.0]))
    with layer.register_forward_hook(lambda m, a, o: o + 100):
        fourth = layer(lib.tensor([1.0]))
    fifth = layer(lib.tensor([1.0]))
    first.sum().backward()
    return (seen, first.tolist(), second.tolist(), order, third.tolist(), fourth.tolist(), fifth.tolist(),
            model[0].weight.grad.tolist(), repr(first.grad_fn.__class__.__name__))


def test_forward_hooks_match_pytorch():
    assert run(ad) == run(torch)


def test_a_hook_that_is_not_a_function_is_a_clear_type_error():
    with pytest.raises(TypeError, match="must be a function"):
        nn.Linear(2, 2).register_forward_hook(3)


def test_softmax_and_log_softmax_take_a_dtype_as_pytorch():
    def run(lib):
        x = lib.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]], requires_grad=True)
        a = lib.nn.functional.softmax(x.double(), dim=1, dtype=lib.float32)
        b = lib.nn.functional.log_softmax(x, dim=1, dtype=lib.float64)
        c = x.softmax(1, dtype=lib.float64)
        (a.sum() + b.sum() + c.sum()).backward()
        return (str(a.dtype), str(b.dtype), str(b.detach()), c.grad_fn.next_functions[0][0].name(),
                [round(v, 4) for v in x.grad.flatten().tolist()])

    assert run(ad) == run(torch)
