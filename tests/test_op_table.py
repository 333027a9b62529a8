"""Every op of the table, checked three ways, driven by the registry in ``autodidact.testing``.

1. Its gradient agrees with finite differences (float64, Hypothesis-drawn shapes and values inside
   the op's domain, broadcasting included).
2. Its value, gradient and grad_fn name agree with PyTorch's for the same inputs.
3. Its second derivative (``create_graph=True``) agrees with finite differences of the first.

Then random small float32 programs (chains of ops with broadcasting) are run through autodidact and
PyTorch side by side: same values, same gradients, and the same printed result.
"""
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autodidact as ad
from autodidact.engine import ops
from autodidact.autograd import gradcheck, gradgradcheck
from autodidact.testing import CHECKS, tensors_for

NAMES = sorted(CHECKS)
# Examples per op and test; raise it locally to fuzz harder: AUTODIDACT_FUZZ_EXAMPLES=500.
EXAMPLES = int(os.environ.get("AUTODIDACT_FUZZ_EXAMPLES", "12"))
PER_OP = settings(max_examples=EXAMPLES, deadline=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                         HealthCheck.data_too_large])


def _grad_or_zeros(tensor, grad):
    return np.zeros(tensor.shape) if grad is None else np.asarray(grad)


def _numpy(t):
    """Values of an autodidact or torch tensor as a NumPy array."""
    if isinstance(t, ad.Tensor):
        return t._array
    return t.detach().numpy(force=True)  # force: PyTorch may return a lazy all-zero tensor


# ---------------------------------------------------------------------------------------------
# The registry covers the table


def test_every_op_in_the_table_has_a_check():
    missing = sorted(set(ops.OPS) - set(CHECKS))
    assert not missing, (
        f"ops without an entry in autodidact.testing.CHECKS: {missing}. Every op in the table needs "
        "one (how to call it in autodidact and torch, and which inputs are valid) so that it is "
        "gradient-checked and compared with PyTorch."
    )


def test_every_check_names_an_op_of_the_table():
    stale = sorted(set(CHECKS) - set(ops.OPS))
    assert not stale, f"checks for ops that are not in the table: {stale}"


@pytest.mark.parametrize("name", NAMES)
def test_op_entry_is_complete(name):
    op = ops.OPS[name]
    # PyTorch's class name, e.g. LogBackward0 (its in-place copies are CopySlices and CopyBackwards;
    # diag of a matrix is DiagonalBackward0_copy)
    assert op.grad_fn.isidentifier() and (op.grad_fn.endswith(tuple("0123456789"))
                                          or op.grad_fn in ("CopySlices", "CopyBackwards")
                                          or op.grad_fn.endswith("Backward0_copy"))
    n_inputs = len(op.rules) if isinstance(op.rules, tuple) else 1
    for i in range(n_inputs):
        if op.rule_for(i) is not None:
            assert isinstance(op.local_for(i), str) and isinstance(op.latex_for(i), str)


# ---------------------------------------------------------------------------------------------
# 1. Gradients agree with finite differences (float64)


def _draw(check, data):
    return data.draw(check.strategy(), label="arrays, params")


@pytest.mark.parametrize("name", NAMES)
@PER_OP
@given(data=st.data())
def test_gradient_matches_finite_differences(name, data):
    check = CHECKS[name]
    arrays, params = _draw(check, data)
    inputs = tuple(tensors_for(ad, check, arrays))
    output = check.call(ad, *inputs, **params)
    # The registry must exercise the op it is named after, not a neighbour.
    assert output.grad_fn is not None and output.grad_fn.op is check.op
    assert gradcheck(lambda *ts: check.call(ad, *ts, **params), inputs,
                     eps=check.gradcheck_eps, atol=check.gradcheck_atol)


# ---------------------------------------------------------------------------------------------
# 2. Values, gradients and grad_fn names agree with PyTorch


@pytest.mark.parametrize("name", NAMES)
@PER_OP
@given(data=st.data())
def test_value_gradient_and_grad_fn_match_pytorch(name, data, torch):
    check = CHECKS[name]
    arrays, params = _draw(check, data)
    ours = tensors_for(ad, check, arrays)
    theirs = tensors_for(torch, check, arrays)
    out = check.call(ad, *ours, **params)
    ref = check.torch_call(torch, *theirs, **params)

    if check.same_grad_fn(arrays):
        assert type(out.grad_fn).__name__ == type(ref.grad_fn).__name__
    assert tuple(out.shape) == tuple(ref.shape)
    assert str(out.dtype) == str(ref.dtype)
    np.testing.assert_allclose(out._array, _numpy(ref), rtol=1e-12, atol=1e-12)

    upstream = data.draw(hnp.arrays(np.float64, tuple(ref.shape), elements=st.floats(-1, 1)),
                         label="upstream gradient")
    out.backward(ad.tensor(upstream, dtype=out.dtype))
    ref.backward(torch.tensor(upstream, dtype=ref.dtype))
    for position, (mine, reference) in enumerate(zip(ours, theirs)):
        if reference.requires_grad:
            np.testing.assert_allclose(
                _grad_or_zeros(mine, None if mine.grad is None else mine.grad._array),
                _grad_or_zeros(reference, None if reference.grad is None else _numpy(reference.grad)),
                rtol=1e-10, atol=1e-12, err_msg=f"gradient of input {position}")


# ---------------------------------------------------------------------------------------------
# 3. Second derivatives (create_graph=True)


@pytest.mark.parametrize("name", NAMES)
@PER_OP
@given(data=st.data())
def test_second_derivative_matches_finite_differences(name, data):
    check = CHECKS[name]
    arrays, params = _draw(check, data)
    inputs = tuple(tensors_for(ad, check, arrays))
    assert gradgradcheck(lambda *ts: check.call(ad, *ts, **params), inputs,
                         eps=check.gradcheck_eps, atol=check.gradcheck_atol)


def _second_derivatives(lib, autograd, output, inputs, upstream, direction):
    """d/dx of <direction, d(<upstream, output>)/dx>: a Hessian-vector product, None read as 0."""
    wanted = [t for t in inputs if t.requires_grad]
    firsts = autograd.grad(output, wanted, grad_outputs=upstream, create_graph=True)
    total = None
    for first, d in zip(firsts, direction):
        if first.requires_grad:
            term = (first * d).sum()
            total = term if total is None else total + term
    if total is None:
        return [None] * len(wanted)
    return autograd.grad(total, wanted, allow_unused=True)


@pytest.mark.parametrize("name", NAMES)
@PER_OP
@given(data=st.data())
def test_second_derivative_matches_pytorch(name, data, torch):
    check = CHECKS[name]
    arrays, params = _draw(check, data)
    ours = tensors_for(ad, check, arrays)
    theirs = tensors_for(torch, check, arrays)
    out = check.call(ad, *ours, **params)
    ref = check.torch_call(torch, *theirs, **params)
    upstream = data.draw(hnp.arrays(np.float64, tuple(ref.shape), elements=st.floats(-1, 1)))
    directions = [data.draw(hnp.arrays(np.float64, t.shape, elements=st.floats(-1, 1)))
                  for t in theirs if t.requires_grad]
    mine = _second_derivatives(ad, ad.autograd, out, ours, ad.tensor(upstream, dtype=out.dtype),
                               [ad.tensor(d) for d in directions])
    if not check.pytorch_twice:  # PyTorch refuses (e.g. hardsigmoid); ours met finite differences
        with pytest.raises(RuntimeError, match="not implemented"):
            _second_derivatives(torch, torch.autograd, ref, theirs, torch.tensor(upstream, dtype=ref.dtype),
                                [torch.tensor(d) for d in directions])
        return
    reference = _second_derivatives(torch, torch.autograd, ref, theirs,
                                    torch.tensor(upstream, dtype=ref.dtype),
                                    [torch.tensor(d) for d in directions])
    wanted = [t for t in theirs if t.requires_grad]
    for position, (a, b, t) in enumerate(zip(mine, reference, wanted)):
        np.testing.assert_allclose(_grad_or_zeros(t, None if a is None else a._array),
                                   _grad_or_zeros(t, None if b is None else _numpy(b)),
                                   rtol=1e-9, atol=1e-8, err_msg=f"second derivative, input {position}")


# ---------------------------------------------------------------------------------------------
# 4. Random float32 programs against PyTorch

# Operations a program is made of. Each is (function(lib, *args), number of arguments, exact):
# "exact" means IEEE rounds it correctly, so NumPy and PyTorch must agree to the last bit.
STEPS = {
    "add": (lambda lib, a, b: a + b, 2, True),
    "sub": (lambda lib, a, b: a - b, 2, True),
    "mul": (lambda lib, a, b: a * b, 2, True),
    "div": (lambda lib, a, b: a / (b * b + 1), 2, True),
    "where": (lambda lib, a, b: lib.where(a > b, a, b), 2, True),
    "neg": (lambda lib, a: -a, 1, True),
    "relu": (lambda lib, a: lib.relu(a), 1, True),
    "abs": (lambda lib, a: a.abs(), 1, True),
    "scale": (lambda lib, a: a * 0.5 + 1.5, 1, True),
    "rsub": (lambda lib, a: 1 - a, 1, True),
    "square": (lambda lib, a: a ** 2, 1, True),
    "clamp": (lambda lib, a: a.clamp(-1.0, 1.0), 1, True),
    # PyTorch's float32 sqrt is not always correctly rounded (1 ulp off NumPy's now and then).
    "sqrt": (lambda lib, a: (a * a + 1).sqrt(), 1, False),
    "sin": (lambda lib, a: lib.sin(a), 1, False),
    "cos": (lambda lib, a: lib.cos(a), 1, False),
    "tanh": (lambda lib, a: lib.tanh(a), 1, False),
    "sigmoid": (lambda lib, a: lib.sigmoid(a), 1, False),
    "exp": (lambda lib, a: lib.exp(a.clamp(max=3.0)), 1, False),
    "log": (lambda lib, a: lib.log(a * a + 1), 1, False),
    "cube": (lambda lib, a: a ** 3, 1, False),
    "rpow": (lambda lib, a: 2 ** a.clamp(-3.0, 3.0), 1, False),
    # Reductions that keep the dims, so that the result still broadcasts with the other values.
    "sum_keep": (lambda lib, a: a.sum(-1, keepdim=True) if a.ndim else a, 1, False),
    "mean_keep": (lambda lib, a: a.mean(0, keepdim=True) if a.ndim else a, 1, False),
    "max_keep": (lambda lib, a: a.max(-1, keepdim=True).values if a.ndim else a, 1, False),
    "softmax": (lambda lib, a: _softmax(a) if a.ndim else a, 1, False),
    "log_sigmoid": (lambda lib, a: lib.log(lib.sigmoid(a)), 1, False),
}


def _softmax(a):
    e = (a - a.max(-1, keepdim=True).values).exp()
    return e / e.sum(-1, keepdim=True)
ENDINGS = ("none", "sum", "mean", "sum_dim0", "max")


@st.composite
def programs(draw, exact_only=False):
    n_leaves = draw(st.integers(1, 3))
    leaf_shapes = draw(hnp.mutually_broadcastable_shapes(
        num_shapes=n_leaves, min_dims=0, max_dims=3, max_side=3)).input_shapes
    leaves = [draw(hnp.arrays(np.float32, shape, elements=st.floats(-2, 2, width=32)))
              for shape in leaf_shapes]
    names = [n for n, (_, _, exact) in STEPS.items() if exact or not exact_only]
    steps = []
    for position in range(draw(st.integers(1, 5))):
        name = draw(st.sampled_from(names))
        arity = STEPS[name][1]
        available = n_leaves + position
        steps.append((name, tuple(draw(st.integers(0, available - 1)) for _ in range(arity))))
    # Sums are not exact: NumPy and PyTorch add in different orders, so rounding differs.
    ending = draw(st.sampled_from(("none", "max") if exact_only else ENDINGS))
    return leaves, steps, ending


def _run(lib, leaves, steps, ending):
    """Run a program: each step's arguments are earlier values (leaves first); returns leaves, result."""
    inputs = [lib.tensor(leaf).requires_grad_(True) for leaf in leaves]
    values = list(inputs)
    for name, arguments in steps:
        values.append(STEPS[name][0](lib, *(values[i] for i in arguments)))
    result = values[-1]
    if ending == "sum":
        result = result.sum()
    elif ending == "mean":
        result = result.mean()
    elif ending == "sum_dim0" and result.ndim > 0:
        result = result.sum(0)
    elif ending == "max":
        result = result.max()
    return inputs, result


def _close(ours, reference, rtol):
    reference = np.asarray(reference, dtype=np.float64)
    scale = max(1.0, float(np.nanmax(np.abs(reference), initial=0.0)))
    np.testing.assert_allclose(np.asarray(ours, np.float64), reference, rtol=rtol, atol=rtol * scale)


FUZZ = settings(max_examples=max(60, EXAMPLES), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _compare_programs(torch, program, exact):
    leaves, steps, ending = program
    ours, out = _run(ad, leaves, steps, ending)
    theirs, ref = _run(torch, leaves, steps, ending)
    assert str(out.dtype) == str(ref.dtype) == "torch.float32"
    assert tuple(out.shape) == tuple(ref.shape)
    assert type(out.grad_fn).__name__ == type(ref.grad_fn).__name__
    if exact:
        np.testing.assert_array_equal(out._array, _numpy(ref))
    else:
        _close(out._array, _numpy(ref), 1e-5)
    upstream = np.linspace(-1, 1, out._array.size, dtype=np.float32).reshape(out._array.shape)
    out.backward(ad.tensor(upstream))
    ref.backward(torch.tensor(upstream))
    for mine, reference in zip(ours, theirs):
        expected = np.zeros(reference.shape) if reference.grad is None else _numpy(reference.grad)
        got = np.zeros(mine.shape) if mine.grad is None else mine.grad._array
        assert got.dtype == np.float32 or mine.grad is None
        _close(got, expected, 1e-5 if exact else 1e-4)


@FUZZ
@given(program=programs())
def test_float32_programs_match_pytorch(program, torch):
    _compare_programs(torch, program, exact=False)


@FUZZ
@given(program=programs(exact_only=True))
def test_float32_programs_of_exact_ops_match_pytorch_bit_for_bit(program, torch):
    _compare_programs(torch, program, exact=True)


SIMPLE = ["add", "sub", "mul", "div", "neg", "relu", "abs", "scale", "square", "rsub",
          "clamp", "where"]


@settings(max_examples=max(60, EXAMPLES), deadline=None)
@given(name=st.sampled_from(SIMPLE), data=st.data(),
       requires_grad=st.booleans())
def test_repr_of_elementwise_results_matches_pytorch(name, data, requires_grad, torch):
    function, arity, _ = STEPS[name]
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=arity, min_dims=0, max_dims=2,
                                                         max_side=4)).input_shapes
    arrays = [data.draw(hnp.arrays(np.float32, shape, elements=st.floats(-100, 100, width=32)))
              for shape in shapes]

    def run(lib):
        tensors = [lib.tensor(a, requires_grad=requires_grad) for a in arrays]
        return function(lib, *tensors)

    assert repr(run(ad)) == repr(run(torch))
