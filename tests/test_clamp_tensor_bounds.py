"""clamp/clip with tensor bounds (ClampBackward0, ClampMinBackward1, ClampMaxBackward1), against PyTorch.

The gradient checks of the three ops are generated from autodidact.testing; here: which overload a
mix of numbers and tensors picks, the graph's edges, dtypes, in-place forms and errors.
"""
import numpy as np
import pytest

import autodidact as ad

X = [-1.7, -0.4, 0.3, 0.9, 2.0]
LOW = [-1.0, 0.0, 0.5, 1.0, 3.0]  # the last low bound is above the high one: the result is high


def run(t, call, grads=("x", "low", "high")):
    """Values, grad_fn name, which edges exist and the gradients, for ``call(t, x, low, high)``."""
    x = t.tensor(X, dtype=t.float64, requires_grad="x" in grads)
    low = t.tensor(LOW, dtype=t.float64, requires_grad="low" in grads)
    high = t.tensor([1.5], dtype=t.float64, requires_grad="high" in grads)
    y = call(t, x, low, high)
    if y.grad_fn is None:
        return y.tolist(), None
    y.backward(t.arange(1.0, 6.0, dtype=t.float64))
    edges = [f is not None for f, _ in y.grad_fn.next_functions]
    return (y.tolist(), type(y.grad_fn).__name__, edges,
            [None if v.grad is None else v.grad.tolist() for v in (x, low, high)])


CALLS = {
    "both": lambda t, x, lo, hi: t.clamp(x, lo, hi),
    "min": lambda t, x, lo, hi: t.clamp(x, min=lo),
    "max": lambda t, x, lo, hi: x.clamp(max=lo),
    "clip": lambda t, x, lo, hi: t.clip(x, min=lo, max=hi),
    "0-d bound": lambda t, x, lo, hi: x.clamp(max=t.tensor(0.5, dtype=t.float64)),
    "number and 0-d tensor": lambda t, x, lo, hi: t.clamp(x, min=-1, max=t.tensor(0.5)),
    "clamp_min": lambda t, x, lo, hi: t.clamp_min(x, lo),
    "clamp_max": lambda t, x, lo, hi: x.clamp_max(hi),
    "clamp_min 0-d": lambda t, x, lo, hi: x.clamp_min(t.tensor(0.0, dtype=t.float64)),
    "bounds broadcast": lambda t, x, lo, hi: t.clamp(x.reshape(5, 1) * t.tensor([1.0, -0.5], dtype=t.float64),
                                                     lo.reshape(5, 1), hi).sum(1),
    "gradient of gradient": lambda t, x, lo, hi: sum(t.autograd.grad((t.clamp(x * 0.5, lo, hi) ** 2).sum(), (x, lo, hi),
                                                                     create_graph=True)[:2]),
}


@pytest.mark.parametrize("name", CALLS)
def test_tensor_bounds_give_pytorchs_values_graph_and_gradients(name, torch):
    for grads in (("x", "low", "high"), ("low",), ("x",)):
        if name == "gradient of gradient" and len(grads) < 3:
            continue
        assert run(ad, CALLS[name], grads) == run(torch, CALLS[name], grads), grads


def test_bounds_follow_type_promotion(torch):
    def dtypes(t):
        return [str(t.clamp(t.tensor([1, 2, 3]), min=t.tensor(1.5)).dtype),
                str(t.clamp(t.tensor([1.0, 2, 3]), min=t.tensor([2, 2, 2])).dtype),
                str(t.clamp(t.tensor([1.0, 2, 3]), min=t.tensor(1.5, dtype=t.float64)).dtype),
                str(t.clamp(t.tensor([1.0, 2, 3]), min=t.tensor([1.5, 1, 1], dtype=t.float64)).dtype),
                t.clamp(t.tensor([1, 5, 9]), min=t.tensor([2, 2, 2]), max=t.tensor(6)).tolist()]

    assert [d.replace("autodidact", "torch") for d in dtypes(ad)[:4]] == dtypes(torch)[:4]
    assert dtypes(ad)[4] == dtypes(torch)[4]


def test_in_place_clamp_with_tensor_bounds(torch):
    def clamped(t):
        x = t.tensor([1.0, 2.0, 3.0])
        x.clamp_(min=t.tensor([2.0, 0.0, 4.0]), max=t.tensor(3.5))
        return x.tolist()

    assert clamped(ad) == clamped(torch)
    for t in (ad, torch):
        with pytest.raises(RuntimeError, match="doesn't match the broadcast shape"):
            t.tensor([1.0, 2.0, 3.0]).clamp_(min=t.tensor([[0.0], [2.5]]))
        with pytest.raises(RuntimeError, match="result type Float can't be cast to the desired output type Long"):
            t.tensor([1, 2, 3]).clamp_(min=t.tensor(1.5))


def test_a_number_and_a_tensor_that_is_not_one_are_refused_as_pytorch(torch):
    for t in (ad, torch):
        x = t.tensor([0.5, 2.0], requires_grad=True)
        with pytest.raises(TypeError, match=r"clamp\(\) received an invalid combination of arguments"):
            t.clamp(x, min=0.0, max=t.tensor([1.0, 1.0]))
        with pytest.raises(TypeError, match=r"clamp\(\) received an invalid combination of arguments"):
            t.clamp(x, min=0.0, max=t.tensor(1.0, requires_grad=True))
        with pytest.raises(RuntimeError, match="must match the size of tensor b"):
            t.clamp(x, min=t.tensor([1.0, 1.0, 1.0]))


def test_bounds_that_enlarge_the_result_differentiate_here_where_pytorch_raises(torch):
    """PyTorch 2.13's backward of clamp with both tensor bounds combines masks in place and raises when
    the bounds make the result larger than the input; the gradient here is the sum over the copies."""
    x = torch.tensor([0.1, 0.5], requires_grad=True)
    with pytest.raises(RuntimeError, match="doesn't match the broadcast shape"):
        torch.clamp(x, torch.tensor(-0.15), torch.tensor([[0.2], [0.3]])).sum().backward()
    x = ad.tensor([0.1, 0.5], requires_grad=True)
    ad.clamp(x, ad.tensor(-0.15), ad.tensor([[0.2], [0.3]])).sum().backward()
    assert x.grad.tolist() == [2.0, 0.0]
    np.testing.assert_allclose(ad.clamp(x, ad.tensor(-0.15), ad.tensor([[0.2], [0.3]])).detach().numpy(),
                               [[0.1, 0.2], [0.1, 0.3]])
