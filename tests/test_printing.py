"""Tests for autodidact.parity.printing: tensors must print exactly as PyTorch prints them.

Part 1 pins outputs recorded from real PyTorch 2.13 (the conformance corpus in
shared/conformance/expected/repr_*.out plus a few more), so it runs without torch.
Part 2 fuzzes against real PyTorch with Hypothesis and is skipped when torch is
not installed.  Set AUTODIDACT_FUZZ_EXAMPLES=2000 (say) to fuzz harder locally.
"""

import math
import os

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from autodidact.parity.printing import format_scalar, tensor_repr

f32, f64, i64 = np.float32, np.float64, np.int64
inf, nan = math.inf, math.nan


def arr(values, dtype=f32):
    return np.array(values, dtype=dtype)


# ---------------------------------------------------------------------------
# Part 1: exact strings printed by real PyTorch
# ---------------------------------------------------------------------------

m = arr([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])

CASES = [
    # repr_0d
    (arr(3.5), [], "tensor(3.5000)"),
    (arr(2.0), [], "tensor(2.)"),
    (arr(-0.25), [], "tensor(-0.2500)"),
    (arr(1.0) / f32(3), [], "tensor(0.3333)"),
    (arr(100.0), [], "tensor(100.)"),
    (arr(7, i64), [], "tensor(7)"),
    (arr(True, bool), [], "tensor(True)"),
    # repr_1d
    (arr([1.0, 2.0, 3.0]), [], "tensor([1., 2., 3.])"),
    (arr([1.0, 2.5]), [], "tensor([1.0000, 2.5000])"),
    (arr([0.1234567]), [], "tensor([0.1235])"),
    (arr([-1.5, 0.0, 2.25]), [], "tensor([-1.5000,  0.0000,  2.2500])"),
    (arr([0.5, 0.25, 0.125]), [], "tensor([0.5000, 0.2500, 0.1250])"),
    (arr([1.0, -1.0]) / f32(3), [], "tensor([ 0.3333, -0.3333])"),
    (arr([10.0, 200.0, 3000.0]), [], "tensor([  10.,  200., 3000.])"),
    (arr([12345.6, 1.0]), [], "tensor([1.2346e+04, 1.0000e+00])"),
    (arr([]), [], "tensor([])"),
    (arr([0.0, -0.0]), [], "tensor([0., -0.])"),
    (np.zeros(3, f32), [], "tensor([0., 0., 0.])"),
    (np.arange(5, dtype=f32), [], "tensor([0., 1., 2., 3., 4.])"),
    # repr_2d
    (m, [], "tensor([[1., 2., 3.],\n        [4., 5., 6.]])"),
    (m.T, [], "tensor([[1., 4.],\n        [2., 5.],\n        [3., 6.]])"),
    (m / f32(4), [], "tensor([[0.2500, 0.5000, 0.7500],\n        [1.0000, 1.2500, 1.5000]])"),
    (arr([[1.5, -2.0], [0.125, 10.0]]), [],
     "tensor([[ 1.5000, -2.0000],\n        [ 0.1250, 10.0000]])"),
    (arr([[1.0]]), [], "tensor([[1.]])"),
    (arr([[1.0], [2.0]]), [], "tensor([[1.],\n        [2.]])"),
    (np.eye(3, dtype=f32), [],
     "tensor([[1., 0., 0.],\n        [0., 1., 0.],\n        [0., 0., 1.]])"),
    # repr_3d
    (arr([[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]]]) * f32(0.5), [],
     "tensor([[[0.5000, 1.0000],\n         [1.5000, 2.0000]],\n\n"
     "        [[2.5000, 3.0000],\n         [3.5000, 4.0000]]])"),
    (np.ones((1, 2, 3), f32), [], "tensor([[[1., 1., 1.],\n         [1., 1., 1.]]])"),
    (arr([[[1, 2, 3]], [[4, 5, 6]]], i64), [], "tensor([[[1, 2, 3]],\n\n        [[4, 5, 6]]])"),
    # repr_bool
    (arr([False, True, True], bool), [], "tensor([False,  True,  True])"),
    (arr([True, False], bool), [], "tensor([ True, False])"),
    # repr_decimals
    (arr([1.25, 2.0]), [], "tensor([1.2500, 2.0000])"),
    (arr([0.3333]), [], "tensor([0.3333])"),
    (arr([99.99, 0.01]), [], "tensor([9.9990e+01, 1.0000e-02])"),
    (arr([1.0, 10.0, 100.0]), [], "tensor([  1.,  10., 100.])"),
    (arr([-3.0, 4.5]), [], "tensor([-3.0000,  4.5000])"),
    (arr(0.1), [], "tensor(0.1000)"),
    (arr(-7.0), [], "tensor(-7.)"),
    # repr_float64 (the dtype suffix is chosen by the caller)
    (arr([1.0, 2.5], f64), ["dtype=torch.float64"], "tensor([1.0000, 2.5000], dtype=torch.float64)"),
    (arr(1.5, f64), ["dtype=torch.float64"], "tensor(1.5000, dtype=torch.float64)"),
    (arr([[1.0, 2.0], [3.0, 4.0]], f64), ["dtype=torch.float64"],
     "tensor([[1., 2.],\n        [3., 4.]], dtype=torch.float64)"),
    (arr([1.0, 2.0], f64), ["dtype=torch.float64", "requires_grad=True"],
     "tensor([1., 2.], dtype=torch.float64, requires_grad=True)"),
    (arr([3.0, 6.0], f64), ["dtype=torch.float64", "grad_fn=<MulBackward0>"],
     "tensor([3., 6.], dtype=torch.float64, grad_fn=<MulBackward0>)"),
    (arr([1, -1], i64), [], "tensor([ 1, -1])"),
    # repr_int
    (arr([[1, -2], [30, 4]], i64), [], "tensor([[ 1, -2],\n        [30,  4]])"),
    (np.arange(5), [], "tensor([0, 1, 2, 3, 4])"),
    # repr_requires_grad
    (arr([1.0, 2.0]), ["requires_grad=True"], "tensor([1., 2.], requires_grad=True)"),
    (arr(3.0), ["requires_grad=True"], "tensor(3., requires_grad=True)"),
    (arr(6.0), ["grad_fn=<MulBackward0>"], "tensor(6., grad_fn=<MulBackward0>)"),
    (arr([[7.0, 10.0], [15.0, 22.0]]), ["grad_fn=<MmBackward0>"],
     "tensor([[ 7., 10.],\n        [15., 22.]], grad_fn=<MmBackward0>)"),
    # repr_scientific
    (arr([1e10, 1.0]), [], "tensor([1.0000e+10, 1.0000e+00])"),
    (arr([1e-8, 1.0]), [], "tensor([1.0000e-08, 1.0000e+00])"),
    (arr([1e-8]), [], "tensor([1.0000e-08])"),
    (arr(1e10), [], "tensor(1.0000e+10)"),
    (arr(1e-5), [], "tensor(1.0000e-05)"),
    (arr([123456789.0]), [], "tensor([1.2346e+08])"),
    (arr([1e8, 2e8]), [], "tensor([1.0000e+08, 2.0000e+08])"),
    (arr([1000.0, 0.001]), [], "tensor([1.0000e+03, 1.0000e-03])"),
    (arr([12345.0, 0.5]), [], "tensor([1.2345e+04, 5.0000e-01])"),
    (arr([[1e-3, 1e3], [1.0, 2.0]]), [],
     "tensor([[1.0000e-03, 1.0000e+03],\n        [1.0000e+00, 2.0000e+00]])"),
    (arr([2e-4, 0.5]), [], "tensor([2.0000e-04, 5.0000e-01])"),
    (arr([0.001, 0.5]), [], "tensor([0.0010, 0.5000])"),
    (arr([1e6, 0.5]), [], "tensor([1.0000e+06, 5.0000e-01])"),
    # repr_special_values
    (arr([inf, 1.0]), [], "tensor([inf, 1.])"),
    (arr([-inf, 0.5]), [], "tensor([  -inf, 0.5000])"),
    (arr([nan, 2.0]), [], "tensor([nan, 2.])"),
    (arr(inf), [], "tensor(inf)"),
    (arr([inf, nan]), [], "tensor([inf, nan])"),
    (arr([inf, -inf]), [], "tensor([inf, -inf])"),
    # Beyond the corpus (also recorded from PyTorch 2.13):
    # empty tensors show their shape unless 1-d ...
    (np.zeros((0, 3), f32), [], "tensor([], size=(0, 3))"),
    # ... and the size comes before the caller's suffixes.
    (np.zeros((2, 0, 3), i64), ["dtype=torch.int64"], "tensor([], size=(2, 0, 3), dtype=torch.int64)"),
    (np.zeros(0, bool), ["dtype=torch.bool"], "tensor([], dtype=torch.bool)"),
    # Long rows wrap, indented to just after the "[".
    (np.arange(16, dtype=f32) / f32(3), ["grad_fn=<MulBackward0>"],
     "tensor([0.0000, 0.3333, 0.6667, 1.0000, 1.3333, 1.6667, 2.0000, 2.3333, 2.6667,\n"
     "        3.0000, 3.3333, 3.6667, 4.0000, 4.3333, 4.6667, 5.0000],\n"
     "       grad_fn=<MulBackward0>)"),
    # A suffix that would pass column 80 goes on its own line (only that one).
    (np.arange(14, dtype=f32).astype(f64) / 3, ["dtype=torch.float64", "grad_fn=<MulBackward0>"],
     "tensor([0.0000, 0.3333, 0.6667, 1.0000, 1.3333, 1.6667, 2.0000, 2.3333, 2.6667,\n"
     "        3.0000, 3.3333, 3.6667, 4.0000, 4.3333], dtype=torch.float64,\n"
     "       grad_fn=<MulBackward0>)"),
    # More than 1000 elements: summarized with "...".
    (np.arange(1000, 3000, dtype=f32).reshape(20, 100), [],
     "tensor([[1000., 1001., 1002.,  ..., 1097., 1098., 1099.],\n"
     "        [1100., 1101., 1102.,  ..., 1197., 1198., 1199.],\n"
     "        [1200., 1201., 1202.,  ..., 1297., 1298., 1299.],\n"
     "        ...,\n"
     "        [2700., 2701., 2702.,  ..., 2797., 2798., 2799.],\n"
     "        [2800., 2801., 2802.,  ..., 2897., 2898., 2899.],\n"
     "        [2900., 2901., 2902.,  ..., 2997., 2998., 2999.]])"),
    (np.arange(1001), [], "tensor([   0,    1,    2,  ...,  998,  999, 1000])"),
]


@pytest.mark.parametrize("data, suffixes, expected", CASES)
def test_matches_recorded_pytorch_output(data, suffixes, expected):
    assert tensor_repr(data, suffixes) == expected


def test_summarized_3d_has_blank_lines_and_ellipsis_rows():
    expected = """\
tensor([[[   0,    1,    2,  ...,   60,   61,   62],
         [  63,   64,   65,  ...,  123,  124,  125]],

        [[ 126,  127,  128,  ...,  186,  187,  188],
         [ 189,  190,  191,  ...,  249,  250,  251]],

        [[ 252,  253,  254,  ...,  312,  313,  314],
         [ 315,  316,  317,  ...,  375,  376,  377]],

        ...,

        [[ 630,  631,  632,  ...,  690,  691,  692],
         [ 693,  694,  695,  ...,  753,  754,  755]],

        [[ 756,  757,  758,  ...,  816,  817,  818],
         [ 819,  820,  821,  ...,  879,  880,  881]],

        [[ 882,  883,  884,  ...,  942,  943,  944],
         [ 945,  946,  947,  ..., 1005, 1006, 1007]]])"""
    assert tensor_repr(np.arange(1008).reshape(8, 2, 63), []) == expected


@pytest.mark.parametrize(
    "value, spec, expected",
    [
        (f32(2.5), "", "2.5"),
        (f32(2.5), ".3f", "2.500"),
        (f32(2.5), ".1f", "2.5"),
        (f32(2.5), "8.2f", "    2.50"),
        (f32(2.5), ".2e", "2.50e+00"),
        (f32(2.5), ".4f", "2.5000"),
        (f32(3.0), "", "3.0"),
        (f32(1.0) / f32(3), "", "0.3333333432674408"),  # float32 widened to float
        (i64(7), "", "7"),
        (i64(7), "03d", "007"),
        (2.5, ".2f", "2.50"),  # plain Python scalars work too
        (np.bool_(True), "", "True"),
    ],
)
def test_format_scalar(value, spec, expected):
    assert format_scalar(value, spec) == expected


# ---------------------------------------------------------------------------
# Part 2: fuzzing against real PyTorch
# ---------------------------------------------------------------------------

FUZZ_EXAMPLES = int(os.environ.get("AUTODIDACT_FUZZ_EXAMPLES", "200"))
fuzz_settings = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def torch():
    return pytest.importorskip(
        "torch", reason="PyTorch is not installed, so there is nothing to compare against"
    )


# Values near every boundary of PyTorch's formatting rules.
EDGE_VALUES = [
    0.0, -0.0, nan, inf, -inf, 0.1, 0.5, 2.5, 99.99, 12345.6, 0.00005, 0.99995,
    1e-4, 9.9999e-5, 1.0001e-4, 1e8, 1.0000001e8, 99999999.0, 1e3, 1e-3, 1.0005,
    5e-324, 1e-45, 1.7e308, 3.4e38, 2.0**53, -(2.0**24) - 1,
]
SCALES = [
    st.integers(-10_000, 10_000).map(float),  # whole numbers: "2." style
    st.integers(-99_999, 99_999).map(lambda n: n / 10_000),  # 4 decimals: rounding ties
    st.floats(-1e3, 1e3),  # fixed-point range
    st.builds(lambda m, e: m * 10.0**e, st.floats(-10, 10), st.integers(-12, 12)),
    st.sampled_from(EDGE_VALUES),
    st.floats(),  # anything, including nan, inf and subnormals
]
FLOAT_VALUES = st.one_of(*SCALES)
INT_VALUES = st.one_of(st.integers(-1000, 1000), st.integers(-(2**63), 2**63 - 1))
DTYPES = [f32, f64, i64, np.bool_]
SHAPES = st.one_of(
    hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5),
    hnp.array_shapes(min_dims=1, max_dims=2, min_side=0, max_side=40),  # line wrapping
)


def element_strategy(draw, dtype):
    if dtype is np.bool_:
        return st.booleans()
    if dtype is i64:
        return INT_VALUES
    # Usually one kind of value per array (so the plain styles get exercised),
    # sometimes a mix of all of them (which mostly ends up scientific).
    return draw(st.sampled_from(SCALES + [FLOAT_VALUES]))


def make_array(values, dtype, shape):
    with np.errstate(over="ignore"):  # e.g. 1e300 becomes inf in float32
        # Floats go through float64 first, so float32 gets correctly rounded values.
        wide = np.array(values, dtype=f64 if dtype in (f32, f64) else dtype)
        return wide.astype(dtype).reshape(shape)


def suffixes_like_torch(torch, t):
    """The suffixes PyTorch adds for a CPU tensor (the Tensor class's job, not ours)."""
    suffixes = []
    if t.numel() == 0:
        shown_dtype = t.dtype != torch.float32  # an empty tensor gives no hint
    else:
        shown_dtype = t.dtype not in (torch.float32, torch.int64, torch.bool)
    if shown_dtype:
        suffixes.append(f"dtype={t.dtype}")
    if t.grad_fn is not None:
        suffixes.append(f"grad_fn=<{type(t.grad_fn).__name__}>")
    elif t.requires_grad:
        suffixes.append("requires_grad=True")
    return suffixes


@st.composite
def arrays(draw):
    dtype = draw(st.sampled_from(DTYPES))
    shape = draw(SHAPES)
    elements = element_strategy(draw, dtype)
    values = draw(st.lists(elements, min_size=math.prod(shape), max_size=math.prod(shape)))
    return make_array(values, dtype, shape)


@st.composite
def big_arrays(draw):
    """Arrays with more than 1000 elements, built from a small pool of values."""
    dtype = draw(st.sampled_from(DTYPES))
    rest = draw(st.lists(st.integers(1, 12), max_size=3))
    lead = draw(st.integers(1000 // math.prod(rest) + 1, 1000 // math.prod(rest) + 20))
    shape = draw(st.permutations([lead, *rest]))
    pool = draw(st.lists(element_strategy(draw, dtype), min_size=1, max_size=12))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    values = [pool[i] for i in rng.integers(len(pool), size=math.prod(shape))]
    return make_array(values, dtype, shape)


def check_against_torch(torch, data, grad):
    t = torch.from_numpy(data)
    if grad == "requires_grad" and data.dtype.kind == "f":
        t = t.clone().requires_grad_()
    elif grad == "grad_fn" and data.dtype.kind == "f":
        t = t.clone().requires_grad_() * 1  # same values, now with grad_fn=<MulBackward0>
    assert tensor_repr(data, suffixes_like_torch(torch, t)) == repr(t)


GRAD = st.sampled_from(["none", "requires_grad", "grad_fn"])


@fuzz_settings
@given(data=arrays(), grad=GRAD)
def test_repr_matches_torch(torch, data, grad):
    check_against_torch(torch, data, grad)


@settings(fuzz_settings, max_examples=max(20, FUZZ_EXAMPLES // 10))
@given(data=big_arrays(), grad=GRAD)
def test_summarized_repr_matches_torch(torch, data, grad):
    check_against_torch(torch, data, grad)


SPECS = ["", ".2f", ".3e", "8.2f", "g", ".0f", ">12", "+.1f", "e", "%", "d", "03d", "x", "5", "s", "!"]


def outcome(fn):
    try:
        return fn()
    except Exception as e:  # noqa: BLE001 - we compare which error, not its message
        return type(e)


@fuzz_settings
@given(dtype=st.sampled_from(DTYPES), data=st.data(), spec=st.sampled_from(SPECS))
def test_format_scalar_matches_torch(torch, dtype, data, spec):
    value = make_array(data.draw(element_strategy(data.draw, dtype)), dtype, ())
    expected = outcome(lambda: format(torch.from_numpy(value), spec))
    assert outcome(lambda: format_scalar(value[()], spec)) == expected
