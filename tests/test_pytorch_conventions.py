"""PyTorch's calling conventions beyond the signatures: NumPy's names (axis=, keepdims=, size=) and
out=, compared call by call with PyTorch: the same printed result, or the same exception class."""
import warnings

import pytest

import autodidact as ad

CALLS = [
    "t.sum(x, axis=0)", "x.sum(axis=1, keepdims=True)", "x.mean(axis=0)", "t.max(x, axis=1)",
    "x.max(axis=1, keepdims=True)", "x.std(axis=0)", "x.var(axis=0, keepdims=True)", "x.prod(axis=0)",
    "x.argmax(axis=1)", "x.cumsum(axis=1)", "t.cumsum(x, axis=0)", "t.softmax(x, axis=1)", "x.softmax(axis=1)",
    "x.log_softmax(axis=0)", "t.cat([x, x], axis=1)", "t.stack([x, x], axis=0)", "x.squeeze(axis=0)",
    "x.unsqueeze(axis=0)", "t.sum(x, dim=0, keepdims=True)", "x.logsumexp(axis=1)", "x.sum(axis=(0, 1))",
    "t.mean(x, axis=[0])", "x.chunk(2, axis=1)", "t.sort(x, axis=1)", "x.topk(1, axis=1)", "x.min(axis=0)",
    "(x > 2).all(axis=0)", "(x > 2).any(axis=0)", "t.var(x, axis=0)", "x.std(axis=0, unbiased=False)",
    "x.var(0, keepdims=True, correction=0)", "x.mean(axis=None)", "x.argmax(axis=None)", "x.flip(dims=(0,))",
    "t.max(x, axis=0, keepdims=True).values",
    "t.zeros(size=(2, 3))", "t.ones(size=[2])", "t.empty(size=(2,)).shape", "t.full(size=(2,), fill_value=3.0)",
    "t.full(size=[1], fill_value=2)", "t.zeros(size=(2,), dtype=t.int64)", "x.view(size=(3, 2))",
    "x.reshape(shape=(3, 2))", "x.expand(size=(2, 2, 3)).shape", "x.permute(dims=(1, 0))",
    "x.repeat(repeats=(2, 1))", "t.broadcast_to(x, size=(2, 2, 3)).shape",
    # out=: the result written into the given tensor, which is returned
    "t.add(x, x, out=o)", "t.mul(x, 2, out=o)", "t.matmul(x, x.T, out=t.empty(2, 2))", "t.mm(x, x.T, out=t.empty(0))",
    "t.cat([x, x], out=t.empty(4, 3))", "t.stack([x, x], out=t.empty(2, 2, 3))", "t.sum(x, 0, out=t.empty(3))",
    "t.mean(x, out=t.empty(()))", "t.exp(x, out=o)", "t.sigmoid(x, out=o)", "t.tanh(x, out=o)", "t.sqrt(x, out=o)",
    "t.clamp(x, 0, 1, out=o)", "t.pow(x, 2, out=o)", "t.div(x, 2, out=o)", "t.sub(x, x, out=o)", "t.abs(x, out=o)",
    "t.maximum(x, x, out=o)", "t.where(x > 1, x, x, out=o)", "t.zeros(2, out=t.empty(2))",
    "t.zeros(2, out=t.empty(2, dtype=t.int64))", "t.arange(3, out=t.empty(3))", "t.add(x.long(), 1, out=t.empty(2, 3))",
    "t.add(x, x, out=t.empty(2, 3, dtype=t.float64))", "t.add(x > 1, x > 2, out=t.empty(2, 3))",
    "t.max(x, 1, out=(t.empty(2), t.empty(2, dtype=t.int64)))", "t.sort(x, 1, out=(t.empty(0), t.empty(0, dtype=t.int64)))",
    "t.argmax(x, out=t.empty((), dtype=t.int64))", "t.add(x, x, out=x)", "t.exp(x, out=x)",
    "t.add(x, x, out=o) is o",
]

ERRORS = [
    "F.softmax(x, axis=1)", "F.log_softmax(x, axis=1)", "x.sum(dim=0, axis=0)", "x.sum(0, axis=0)",
    "x.sum(0, keepdim=True, keepdims=True)", "x.flip(axis=0)", "x.transpose(axis0=0, axis1=1)", "x.split(1, axis=0)",
    "x.norm(axis=1)", "t.norm(x, axis=1)", "t.zeros(2, size=(2,))", "t.ones((2, 3), size=(2,))", "t.zeros(size=2)",
    "t.full([1], 2, size=[1])", "t.zeros_like(x, size=(2,))",
    "t.add(x, x, out=t.empty(2, 3, dtype=t.int64))", "t.add(x, 1, out=t.empty(2, 3, dtype=t.bool))",
    "t.add(x, x, out=g)", "t.add(w, x, out=o)", "t.exp(w, out=o)", "t.add(x, x, out=x[0])", "t.add(x, x, out=x.t())",
    "t.add(x, x, out=t.zeros(3).expand(2, 3))", "t.relu(x, out=o)", "t.zeros_like(x, out=o)",
    "t.zeros(2, dtype=t.float64, out=t.empty(2))",
]


def _namespace(t):
    x = t.arange(6.0).reshape(2, 3)
    return {"t": t, "F": t.nn.functional, "x": x, "o": t.zeros(2, 3), "g": t.zeros(2, 3, requires_grad=True),
            "w": t.ones(2, 3, requires_grad=True)}


@pytest.mark.parametrize("call", CALLS)
def test_call_prints_as_pytorch(torch, call):
    ours, theirs = _namespace(ad), _namespace(torch)
    assert repr(eval(call, ours)) == repr(eval(call, theirs))
    for name in ("o", "x"):  # what was written into out (or into x itself) matches too
        assert repr(ours[name]) == repr(theirs[name])


@pytest.mark.parametrize("call", ERRORS)
def test_call_fails_as_pytorch(torch, call):
    with pytest.raises(Exception) as theirs:
        eval(call, _namespace(torch))
    with pytest.raises(type(theirs.value)) as ours:
        eval(call, _namespace(ad))
    if isinstance(theirs.value, RuntimeError):  # PyTorch's sentence, then perhaps how to fix it
        assert str(ours.value).startswith(str(theirs.value).split(". ")[0])


def test_out_resizes_with_pytorchs_warning_and_counts_a_version(torch):
    for t in (ad, torch):
        x, out, empty = t.arange(6.0).reshape(2, 3), t.ones(5), t.ones(0)
        version = out._version
        with pytest.warns(UserWarning, match=r"shape \[5\], which does not match the required output shape \[2, 3\]"):
            t.add(x, 1, out=out)
        assert out.shape == (2, 3) and out._version > version
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # an empty out is resized silently
            t.add(x, 1, out=empty)
        assert repr(out) == repr(empty)


def test_out_into_a_tensor_that_requires_grad_is_allowed_under_no_grad(torch):
    reprs = []
    for t in (ad, torch):
        weights = t.zeros(3, requires_grad=True)
        with t.no_grad():
            result = t.add(t.ones(3), 1, out=weights)
        assert result is weights and weights.requires_grad and weights.grad_fn is None
        reprs.append(repr(weights))
    assert reprs[0] == reprs[1]
