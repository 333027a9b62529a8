"""What the generated checks of the op table do not reach for addcmul, lerp, atan2, xlogy, logit,
nan_to_num, copysign, float_power, gcd... (engine/ops/elementwise_extra.py): special values
(0, nan, ∞, the ends of logit's clamp), dtypes, in-place versions, out= and errors, each compared
with PyTorch."""
import math

import numpy as np
import pytest

import autodidact as ad

NAN, INF = math.nan, math.inf


def _both(torch, build):
    """``build(lib)`` with autodidact and with torch."""
    return build(ad), build(torch)


def _same(ours, theirs):
    assert str(ours.dtype) == str(theirs.dtype)
    assert tuple(ours.shape) == tuple(theirs.shape)
    # float32 may differ in the last bit (PyTorch's vectorized atan2...): best effort, as printed
    np.testing.assert_allclose(ours._array, theirs.detach().numpy(), rtol=2e-7)
    assert repr(ours) == repr(theirs)


def _grads(lib, build, *values, dtype=None):
    """The result of ``build(lib, *leaves)`` and the leaves' gradients (None where not reached)."""
    leaves = [lib.tensor(v, dtype=dtype or lib.float64, requires_grad=True) for v in values]
    out = build(lib, *leaves)
    grads = lib.autograd.grad(out.sum(), leaves, allow_unused=True)
    return out, [None if g is None else g._array if isinstance(g, ad.Tensor) else g.numpy() for g in grads]


def _same_grads(torch, build, *values, dtype=None):
    ours, our_grads = _grads(ad, build, *values, dtype=dtype)
    their_dtype = None if dtype is None else getattr(torch, str(dtype).split(".")[-1])
    theirs, their_grads = _grads(torch, build, *values, dtype=their_dtype)
    np.testing.assert_allclose(ours._array, theirs.detach().numpy(), rtol=1e-14)  # the last bit: best effort
    for mine, reference in zip(our_grads, their_grads):
        if reference is None:
            assert mine is None
        else:
            np.testing.assert_allclose(mine, reference, rtol=1e-12, atol=0)
    return our_grads


def test_xlogy_is_zero_where_x_is_zero_unless_y_is_nan(torch):
    # 0·ln(0) and 0·ln(nan) differ: the first is 0 (the limit), the second stays nan.
    x, y = [0.0, 0.0, 0.0, 1.0, 2.0], [0.0, NAN, INF, 0.0, NAN]
    _same(*_both(torch, lambda lib: lib.xlogy(lib.tensor(x), lib.tensor(y))))
    _same(*_both(torch, lambda lib: lib.special.xlogy(lib.tensor(x), lib.tensor(y))))
    # The slope in x is ln(y), even at x = 0, but 0 where x is 0 and y ≤ 0 (the value is 0 around
    # there); a number y that is nan clears it too, a tensor one does not (PyTorch's two rules)
    x, y = [0.0, 0.0, 0.0, 0.0, 1.5, 1.0], [2.0, 0.0, -1.0, NAN, 3.0, -1.0]
    grads = _same_grads(torch, lambda lib, a, b: lib.xlogy(a, b), x, y)
    assert grads[0][0] == math.log(2.0) and grads[0][1] == grads[0][2] == 0.0 and math.isnan(grads[0][3])
    for number in (2.0, 0.0, -1.0, NAN, INF):
        _same_grads(torch, lambda lib, a: lib.xlogy(a, number), [0.0, 1.5])


def test_xlogy_takes_a_number_on_either_side_and_integers_become_float(torch):
    _same_grads(torch, lambda lib, b: lib.xlogy(2.0, b), [0.5, 3.0])
    _same_grads(torch, lambda lib, a: lib.xlogy(a, 3.0), [0.0, 2.0])
    _same(*_both(torch, lambda lib: lib.xlogy(lib.tensor([0, 1, 2]), lib.tensor([5, 3, 2]))))
    with pytest.raises(TypeError, match="xlogy"):
        ad.xlogy(2, 3)


def test_logit_clamps_to_eps_and_passes_no_gradient_where_it_clamped(torch):
    p = [0.0, 0.05, 0.1, 0.5, 0.9, 0.95, 1.0]
    _same(*_both(torch, lambda lib: lib.logit(lib.tensor(p), eps=0.1)))
    grads = _same_grads(torch, lambda lib, x: lib.logit(x, eps=0.1), p)
    assert grads[0][0] == 0.0 and grads[0][2] != 0.0  # the clamp's end itself still has a slope
    # Without eps: ±inf at 0 and 1, nan outside [0, 1], and a nan gradient there
    _same(*_both(torch, lambda lib: lib.logit(lib.tensor([-0.5, 0.0, 0.25, 1.0, 1.5]))))
    grads = _same_grads(torch, lambda lib, x: x.logit(), [-0.5, 0.25, 1.5])
    assert math.isnan(grads[0][0]) and math.isnan(grads[0][2])


def test_nan_to_num_defaults_are_the_dtypes_extremes(torch):
    values = [NAN, INF, -INF, 1.5]
    for dtype in ("float32", "float64"):
        _same(*_both(torch, lambda lib: lib.nan_to_num(lib.tensor(values, dtype=getattr(lib, dtype)))))
    _same(*_both(torch, lambda lib: lib.tensor(values).nan_to_num(nan=0.5, posinf=9.0, neginf=-9.0)))
    _same(*_both(torch, lambda lib: lib.nan_to_num(lib.tensor([1, 2]))))  # integers: a copy
    grads = _same_grads(torch, lambda lib, x: lib.nan_to_num(x), values)
    assert list(grads[0]) == [0.0, 0.0, 0.0, 1.0]


def test_lerp_weight_gets_a_gradient_and_weight_one_gives_end_exactly(torch):
    _same_grads(torch, lambda lib, a, b, w: lib.lerp(a, b, w), [0.1, 2.0], [1.3, -7.0], [0.25, 0.75])
    _same_grads(torch, lambda lib, a, b: a.lerp(b, 0.7), [0.1, 2.0], [1.3, -7.0])
    # Computed from the end for weights of 0.5 and more, as PyTorch does: weight 1 is end, to the bit
    _same(*_both(torch, lambda lib: lib.lerp(lib.tensor([0.1, 1e8]), lib.tensor([0.3, -3.3]), 1.0)))
    _same(*_both(torch, lambda lib: lib.lerp(lib.tensor([0.1, 1e8]), lib.tensor([0.3, -3.3]),
                                             lib.tensor([0.3, 0.9]))))


def test_lerp_refuses_integers_and_mixed_dtypes(torch):
    for lib, kind in ((ad, ad), (torch, torch)):
        with pytest.raises(NotImplementedError, match="lerp_kernel_scalar"):
            lib.lerp(lib.tensor([1, 2]), lib.tensor([3, 4]), 0.5)
        with pytest.raises(RuntimeError, match="expected dtype float for `end` but got dtype double"):
            lib.lerp(lib.tensor([1.0]), lib.tensor([2.0], dtype=kind.float64), 0.5)


def test_addcmul_and_addcdiv_dtypes_broadcasting_and_errors(torch):
    _same_grads(torch, lambda lib, x, a, b: lib.addcmul(x, a, b, value=-2), [[1.0], [2.0]], [0.5, 3.0], 4.0)
    _same_grads(torch, lambda lib, x, a, b: lib.addcdiv(x, a, b, value=0.5), [1.0, 2.0], [[0.5], [3.0]], [4.0, -2.0])
    # Integers stay integers (value=0.5 multiplies by int(0.5) = 0), as in PyTorch
    for value in (2, 0.5):
        _same(*_both(torch, lambda lib: lib.addcmul(lib.tensor([1, 2]), lib.tensor([3, 4]), lib.tensor([5, 6]),
                                                    value=value)))
    for lib in (ad, torch):
        with pytest.raises(RuntimeError, match="Integer division with addcdiv is no longer supported"):
            lib.addcdiv(lib.tensor([1.0]), lib.tensor([1]), lib.tensor([2]))
        with pytest.raises(RuntimeError, match="must match the size"):
            lib.addcmul(lib.zeros(2), lib.ones(3), lib.ones(3))
        with pytest.raises(TypeError, match="must be Tensor"):
            lib.addcmul(lib.zeros(2), 1.0, lib.ones(2))


def test_in_place_versions_count_versions_and_record_the_op(torch):
    def run(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = x * 1
        before = y._version
        y.addcmul_(lib.tensor([1.0, 2.0]), lib.tensor([3.0, 4.0]), value=0.5).atan2_(lib.tensor([2.0, -1.0]))
        return x, y, y._version - before

    (x, y, bumps), (tx, ty, tbumps) = run(ad), run(torch)
    assert bumps == tbumps == 2 and type(y.grad_fn).__name__ == type(ty.grad_fn).__name__ == "Atan2Backward0"
    y.sum().backward(), ty.sum().backward()
    np.testing.assert_allclose(x.grad._array, tx.grad.numpy(), rtol=1e-6)
    with pytest.raises(RuntimeError, match="can't be cast"):  # atan2 of integers is float
        ad.tensor([1, 2]).atan2_(ad.tensor([1, 1]))


def test_atan2_hypot_copysign_dtypes(torch):
    ints = lambda lib: (lib.tensor([1, -2, 0]), lib.tensor([3, 0, -4]))  # noqa: E731
    _same(*_both(torch, lambda lib: lib.atan2(*ints(lib))))
    _same(*_both(torch, lambda lib: lib.arctan2(*ints(lib))))
    _same(*_both(torch, lambda lib: lib.copysign(ints(lib)[0], -0.0)))
    _same(*_both(torch, lambda lib: lib.copysign(lib.tensor([0.0, -0.0, 2.0]), lib.tensor([-1.0, 1.0, -0.0]))))
    _same(*_both(torch, lambda lib: lib.hypot(lib.tensor([3.0]), lib.tensor([4.0], dtype=lib.float64))))
    for lib in (ad, torch):
        with pytest.raises(NotImplementedError, match="hypot_cpu"):
            lib.hypot(*ints(lib))
        with pytest.raises(TypeError, match="must be Tensor"):
            lib.atan2(lib.tensor([1.0]), 1.0)
    # copysign's slope is ±1, and 0 at x = 0; the sign source gets none
    _same_grads(torch, lambda lib, a, b: lib.copysign(a, b), [0.0, 1.5, -2.0], [-1.0, -0.0, 3.0])


def test_float_power_is_float64_and_its_in_place_version_needs_float64(torch):
    _same(*_both(torch, lambda lib: lib.float_power(lib.tensor([1, 2, 3]), 2)))
    _same(*_both(torch, lambda lib: lib.float_power(2, lib.tensor([0.5, 3.0]))))
    _same(*_both(torch, lambda lib: lib.tensor([2.0], requires_grad=True).float_power(lib.tensor([0.5]))))
    _same_grads(torch, lambda lib, a, b: lib.float_power(a, b), [0.5, 3.0], [2.0, -1.5], dtype=ad.float32)
    for lib in (ad, torch):
        with pytest.raises(RuntimeError, match="float_power_ has dtype Float"):
            lib.tensor([2.0]).float_power_(2)
    assert ad.tensor([2.0], dtype=ad.float64).float_power_(3).tolist() == [8.0]


def test_gcd_lcm_heaviside_signbit_on_integers(torch):
    a, b = [12, -18, 0, 7], [8, 12, 0, -21]
    for name in ("gcd", "lcm"):
        _same(*_both(torch, lambda lib: getattr(lib, name)(lib.tensor(a), lib.tensor(b, dtype=lib.int32))))
        for lib in (ad, torch):
            with pytest.raises(NotImplementedError, match=f"{name}_cpu"):
                getattr(lib, name)(lib.tensor([1.0]), lib.tensor([2.0]))
    _same(*_both(torch, lambda lib: lib.heaviside(lib.tensor([-1.0, 0.0, 2.0]), lib.tensor([0.5]))))
    _same(*_both(torch, lambda lib: lib.heaviside(lib.tensor([-1, 0, 2]), lib.tensor([7]))))
    _same(*_both(torch, lambda lib: lib.signbit(lib.tensor([-0.0, 0.0, -1.5, NAN]))))
    _same(*_both(torch, lambda lib: lib.signbit(lib.tensor([-3, 0, 2]))))
    with pytest.raises(RuntimeError, match="different dtypes"):
        ad.heaviside(ad.tensor([1.0]), ad.tensor([1], dtype=ad.int64))
    y = ad.heaviside(ad.tensor([1.0], requires_grad=True), ad.tensor([0.5]))
    assert "NotImplemented" in repr(y)
    with pytest.raises(RuntimeError, match="derivative for aten::heaviside is not implemented"):
        y.sum().backward()


def test_frac_sgn_deg2rad_sinc(torch):
    _same(*_both(torch, lambda lib: lib.frac(lib.tensor([-1.5, 2.25, 3.0]))))
    _same(*_both(torch, lambda lib: lib.sgn(lib.tensor([-2, 0, 5]))))
    _same(*_both(torch, lambda lib: lib.deg2rad(lib.tensor([180, 90]))))
    _same(*_both(torch, lambda lib: lib.sinc(lib.tensor([0.0, 0.5, 1.0, -2.5]))))
    _same(*_both(torch, lambda lib: lib.fmax(lib.tensor([NAN, 1.0, NAN]), lib.tensor([2.0, NAN, NAN]))))
    with pytest.raises(NotImplementedError, match="frac_cpu"):
        ad.frac(ad.tensor([1, 2]))
    grads = _same_grads(torch, lambda lib, x: lib.sinc(x), [0.0, 0.5])
    assert grads[0][0] == 0.0
    # fmax: a tie gives the whole gradient to the first input (maximum would split it)
    _same_grads(torch, lambda lib, a, b: lib.fmax(a, b), [1.0, NAN, 2.0], [1.0, 3.0, NAN])


def test_out_writes_the_result(torch):
    ours, theirs = _both(torch, lambda lib: lib.hypot(lib.tensor([3.0]), lib.tensor([4.0]), out=lib.empty(1)))
    _same(ours, theirs)
    ours, theirs = _both(torch, lambda lib: lib.gcd(lib.tensor([4]), lib.tensor([6]), out=lib.empty(1, dtype=lib.int64)))
    _same(ours, theirs)


def test_numpy_names_methods_and_in_place_versions(torch):
    def run(lib):
        x = lib.tensor([0.3, -0.6, 0.9])
        y = lib.tensor([2.0, 3.0, -4.0])
        results = [getattr(lib, name)(x) for name in ("arcsin", "arccos", "arctan", "arcsinh", "arctanh",
                                                       "absolute", "fix")]
        results += [x.arcsin(), x.clone().arctanh_(), lib.arccosh(y.abs()), y.clone().absolute_()]
        results += [getattr(y.clone(), name + "_")(x) for name in ("multiply", "subtract", "divide",
                                                                   "true_divide", "remainder", "fmod")]
        results += [x.multiply(y), x.remainder(y), x.negative(), y.clone().negative_(), y.clone().square_()]
        return results

    for ours, theirs in zip(run(ad), run(torch)):
        _same(ours, theirs)
    x = ad.tensor([1.0])
    assert ad.positive(x) is x and x.positive() is x
    with pytest.raises(RuntimeError, match="bool tensor is not supported"):
        ad.positive(ad.tensor([True]))
    with pytest.raises(TypeError, match=r"arcsin\(\): argument 'input'"):
        ad.arcsin(0.5)


def test_round_with_decimals_is_its_own_node(torch):
    values = [2.675, 0.125, -1.25, 1234.5678, 1e20]
    for decimals in (2, 0, -1, -2):
        _same(*_both(torch, lambda lib: lib.round(lib.tensor(values), decimals=decimals)))
    ours, theirs = _both(torch, lambda lib: lib.tensor([1.26], requires_grad=True).round(decimals=1))
    assert repr(ours) == repr(theirs) and "RoundBackward1" in repr(ours)
    _same(*_both(torch, lambda lib: lib.tensor([1.26, -3.5]).round_(decimals=1)))
    with pytest.raises(NotImplementedError, match="round_cpu"):
        ad.round(ad.tensor([15]), decimals=-1)
    _same(*_both(torch, lambda lib: lib.round(lib.tensor([15, 25]))))  # without decimals integers are kept


def test_ldexp_and_inverse_hyperbolic_functions(torch):
    _same(*_both(torch, lambda lib: lib.ldexp(lib.tensor([1, 2]), lib.tensor([3, 4]))))
    _same_grads(torch, lambda lib, a, b: lib.ldexp(a, b), [0.5, -3.0], [2.0, -1.0])
    _same(*_both(torch, lambda lib: lib.acosh(lib.tensor([0.5, 1.0, 2.0]))))  # nan below 1
    _same(*_both(torch, lambda lib: lib.atanh(lib.tensor([-1.0, 0.5, 1.0, 2.0]))))
    _same(*_both(torch, lambda lib: lib.asinh(lib.tensor([1, 2]))))


def test_lgamma_digamma_polygamma_agree_with_pytorch_everywhere(torch):
    # Poles, negative values (by reflection), tiny, large and non-finite inputs. ψ' is computed as
    # PyTorch computes it (exact to about 1e-10): digamma's gradient then agrees with PyTorch's.
    x = [0.0, -1.0, -2.5, 0.5, 1.0, 2.0, 10.0, 1e-3, 30.0, -0.5, INF, -INF, NAN, 1e10, 3.7, -7.3, 150.2]
    functions = [lambda lib, t: lib.lgamma(t), lambda lib, t: lib.digamma(t), lambda lib, t: t.polygamma(1),
                 lambda lib, t: lib.polygamma(2, t), lambda lib, t: lib.special.polygamma(5, t)]
    for position, function in enumerate(functions):
        ours, theirs = _both(torch, lambda lib: function(lib, lib.tensor(x, dtype=lib.float64)))
        finite = np.isfinite(x) if position >= 3 else slice(None)  # ψ⁽ⁿ⁾(±inf), n ≥ 2: PyTorch's is nan/±inf, ours 0
        np.testing.assert_allclose(ours._array[finite], theirs.numpy()[finite], rtol=1e-12)
    _same(*_both(torch, lambda lib: lib.lgamma(lib.tensor([1, 2, 3]))))
    # PyTorch's float32 digamma is computed in float32 (off by a few ulp); it prints the same
    ours, theirs = _both(torch, lambda lib: lib.special.psi(lib.tensor([0.5, 7.0])))
    assert repr(ours) == repr(theirs)
    _same_grads(torch, lambda lib, t: lib.digamma(t), [0.3, 2.5, -1.5])
    _same_grads(torch, lambda lib, t: lib.special.gammaln(t), [0.3, 2.5, -1.5])
    for lib in (ad, torch):
        with pytest.raises(TypeError, match="argument 'n' \\(position 1\\) must be int"):
            lib.polygamma(lib.tensor([1.0]), 1)
        with pytest.raises(RuntimeError, match="does not support negative n"):
            lib.polygamma(-1, lib.tensor([1.0]))


def test_methods_refuse_numbers_where_pytorch_wants_tensors(torch):
    x = ad.tensor([1.0, 2.0])
    for call in (lambda: x.atan2(2.0), lambda: x.hypot(2.0), lambda: x.fmax(1.0), lambda: x.ldexp(1),
                 lambda: x.addcmul(2.0, x), lambda: ad.tensor([4]).gcd(2), lambda: x.heaviside(0.5)):
        with pytest.raises(TypeError, match="must be Tensor"):
            call()
    for lib in (ad, torch):
        with pytest.raises(TypeError, match="lerp"):
            lib.lerp(lib.tensor([1.0]), lib.tensor([2.0]), [0.5])
