"""The Tensor API a learner types: creation, dtypes and promotion, comparisons, indexing, joining,
conversions and formatting, compared with PyTorch where it is installed."""
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import autodidact as ad

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
DTYPE_NAMES = ["bool", "int32", "int64", "float32", "float64"]


def dtype_of(lib, name):
    return getattr(lib, name)


# ---------------------------------------------------------------------------------------------
# Creation


def test_tensor_infers_pytorch_dtypes_and_copies():
    assert ad.tensor(1.5).dtype is ad.float32
    assert ad.tensor([1, 2]).dtype is ad.int64
    assert ad.tensor([True, False]).dtype is ad.bool
    assert ad.tensor([1, 2.5]).dtype is ad.float32
    assert ad.tensor(np.array([1.0, 2.0])).dtype is ad.float64  # NumPy's dtype is kept
    assert ad.tensor([1, 2], dtype=ad.float64).dtype is ad.float64
    source = np.array([1.0, 2.0])
    t = ad.tensor(source)
    source[0] = 9.0
    assert t.tolist() == [1.0, 2.0]  # tensor() copies


def test_creation_functions(torch):
    cases = [
        lambda lib: lib.zeros(2, 3),
        lambda lib: lib.zeros((2, 3), dtype=lib.float64),
        lambda lib: lib.ones([3]),
        lambda lib: lib.ones(2, 2, dtype=lib.int64),
        lambda lib: lib.zeros_like(lib.tensor([[1, 2]])),
        lambda lib: lib.ones_like(lib.tensor([1.0, 2.0], dtype=lib.float64)),
        lambda lib: lib.full((2, 2), 7),
        lambda lib: lib.full((2,), 1.5),
        lambda lib: lib.full((2,), True),
        lambda lib: lib.arange(5),
        lambda lib: lib.arange(1, 4),
        lambda lib: lib.arange(0, 1, 0.25),
        lambda lib: lib.arange(0.0, 3),
        lambda lib: lib.linspace(0, 1, 5),
        lambda lib: lib.linspace(-1, 1, steps=3),
        lambda lib: lib.eye(3),
        lambda lib: lib.eye(2, 3),
        lambda lib: lib.tensor([[1, 2], [3, 4]], dtype=lib.float32),
        lambda lib: lib.tensor(3),
        lambda lib: lib.tensor([]),
    ]
    for make in cases:
        ours, theirs = make(ad), make(torch)
        assert repr(ours) == repr(theirs)
        assert str(ours.dtype) == str(theirs.dtype) and tuple(ours.shape) == tuple(theirs.shape)


def test_requires_grad_at_creation():
    for t in (ad.zeros(2, requires_grad=True), ad.ones(2, requires_grad=True),
              ad.tensor([1.0], requires_grad=True), ad.randn(2, requires_grad=True)):
        assert t.requires_grad and t.is_leaf


def test_manual_seed_makes_random_tensors_reproducible():
    ad.manual_seed(0)
    a, b = ad.randn(3, 2), ad.rand(4)
    ad.manual_seed(0)
    c, d = ad.randn(3, 2), ad.rand(4)
    assert a.equal(c) and b.equal(d)
    assert a.dtype is ad.float32 and tuple(a.shape) == (3, 2)
    assert ((b._array >= 0) & (b._array < 1)).all()
    ad.manual_seed(1)
    assert not ad.randn(3, 2).equal(a)
    ad.manual_seed(3)
    r = ad.randint(0, 5, (100,))
    assert r.dtype is ad.int64 and r._array.min() >= 0 and r._array.max() < 5


def test_from_numpy_shares_memory_and_numpy_returns_the_values():
    array = np.array([1.0, 2.0, 3.0])
    t = ad.from_numpy(array)
    assert t.dtype is ad.float64
    array[0] = 10.0
    assert t.tolist()[0] == 10.0
    t[1] = 20.0
    assert array[1] == 20.0
    assert t.numpy() is array or np.shares_memory(t.numpy(), array)
    with pytest.raises(RuntimeError, match="detach"):
        ad.tensor([1.0], requires_grad=True).numpy()
    assert ad.tensor([1.0], requires_grad=True).detach().numpy().tolist() == [1.0]


def test_numpy_of_a_tensor_that_requires_grad_is_refused_only_while_recording(maybe_torch):
    # Plotting code calls .numpy() under no_grad(); PyTorch allows that, and force=True anywhere.
    for lib in (ad, maybe_torch) if maybe_torch else (ad,):
        x = lib.arange(3.0, requires_grad=True)
        with lib.no_grad():
            assert (x * 2).numpy().tolist() == [0.0, 2.0, 4.0]
            assert np.asarray(x).tolist() == [0.0, 1.0, 2.0]
        assert x.numpy(force=True).tolist() == [0.0, 1.0, 2.0]
        with pytest.raises(RuntimeError, match="detach"):
            (x * 2).numpy()


# ---------------------------------------------------------------------------------------------
# dtypes and type promotion


def _operand(lib, kind, dtype_name, value):
    """A tensor with dimensions, a 0-d tensor, or a Python number of the given kind."""
    if kind == "number":
        return {"bool": True, "int32": 3, "int64": 3, "float32": 2.5, "float64": 2.5}[dtype_name]
    data = [value, value] if kind == "tensor" else value
    if dtype_name == "bool":
        data = [True, False] if kind == "tensor" else True
    return lib.tensor(data, dtype=dtype_of(lib, dtype_name))


def _in_place_add(a, b):
    a += b  # in place when a is a tensor: the result keeps a's dtype, or PyTorch refuses
    return a


OPERATORS = {
    "+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b,
    "/": lambda a, b: a / b, "**": lambda a, b: a ** b, "<": lambda a, b: a < b,
    "==": lambda a, b: a == b, "+=": _in_place_add,
}


@FUZZ
@given(left=st.tuples(st.sampled_from(["tensor", "0-d", "number"]), st.sampled_from(DTYPE_NAMES)),
       right=st.tuples(st.sampled_from(["tensor", "0-d", "number"]), st.sampled_from(DTYPE_NAMES)),
       operator=st.sampled_from(sorted(OPERATORS)))
def test_type_promotion_matches_pytorch(left, right, operator, torch):
    if left[0] == "number" and right[0] == "number":
        return  # two Python numbers: no tensor involved

    def run(lib):
        a = _operand(lib, left[0], left[1], 2)
        b = _operand(lib, right[0], right[1], 3)
        try:
            return OPERATORS[operator](a, b)
        except Exception as error:  # noqa: BLE001 - compared with PyTorch's
            return error

    ours, theirs = run(ad), run(torch)
    if isinstance(theirs, Exception):
        assert type(ours) is type(theirs), f"PyTorch raises {theirs!r}, we return {ours!r}"
        return
    assert not isinstance(ours, Exception), f"PyTorch gives {theirs!r}, we raise {ours!r}"
    assert str(ours.dtype) == str(theirs.dtype)
    np.testing.assert_allclose(np.asarray(ours.tolist(), float), np.asarray(theirs.tolist(), float),
                               rtol=1e-6)


def test_dtype_conversions():
    t = ad.tensor([1.7, -2.2])
    assert t.long().tolist() == [1, -2] and t.long().dtype is ad.int64
    assert t.int().dtype is ad.int32 and t.double().dtype is ad.float64
    assert t.bool().tolist() == [True, True]
    assert t.to(ad.float64).dtype is ad.float64 and t.to(ad.float32) is t
    assert t.type() == "torch.FloatTensor" and ad.tensor([1]).type() == "torch.LongTensor"
    assert t.is_floating_point() and not ad.tensor([1]).is_floating_point()
    assert repr(ad.float32) == "torch.float32" and ad.float is ad.float32 and ad.long is ad.int64


# ---------------------------------------------------------------------------------------------
# Comparisons


@FUZZ
@given(data=st.data(), operator=st.sampled_from(["<", "<=", ">", ">=", "==", "!="]))
def test_comparisons_match_pytorch(data, operator, torch):
    shapes = data.draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=2, max_side=3))
    a, b = (data.draw(hnp.arrays(np.float32, s, elements=st.sampled_from([-1.0, 0.0, 0.5, 2.0])))
            for s in shapes.input_shapes)
    scalar = data.draw(st.sampled_from([None, 0.5, 0, True]))

    def run(lib):
        left = lib.tensor(a)
        right = lib.tensor(b) if scalar is None else scalar
        return eval(f"left {operator} right")  # noqa: S307 - fixed operator strings

    ours, theirs = run(ad), run(torch)
    assert ours.dtype is ad.bool and repr(ours) == repr(theirs)


def test_equal_and_allclose():
    a = ad.tensor([1.0, 2.0])
    assert a.equal(ad.tensor([1.0, 2.0])) and not a.equal(ad.tensor([1.0, 2.5]))
    assert not a.equal(ad.tensor([1.0, 2.0, 3.0]))
    assert ad.allclose(a, a + 1e-9) and not ad.allclose(a, a + 1e-3)


# ---------------------------------------------------------------------------------------------
# Indexing


def _basic_index_strategy(shape):
    # PyTorch has no negative steps; everything else basic indexing allows is fair game.
    return hnp.basic_indices(shape, min_dims=0, allow_newaxis=True, allow_ellipsis=True).filter(
        lambda key: all(not isinstance(k, slice) or k.step is None or k.step > 0
                        for k in (key if isinstance(key, tuple) else (key,))))


@FUZZ
@given(data=st.data())
def test_basic_indexing_matches_pytorch(data, torch):
    shape = data.draw(hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=4))
    values = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)
    key = data.draw(_basic_index_strategy(shape), label="key")

    def run(lib):
        x = lib.tensor(values, requires_grad=True)
        y = x[key]
        weights = lib.tensor(np.arange(1, y.numel() + 1, dtype=np.float32).reshape(tuple(y.shape)))
        (y * weights).sum().backward()
        return y, x.grad

    (y, g), (ty, tg) = run(ad), run(torch)
    assert repr(y) == repr(ty)  # values, shape and grad_fn name (SelectBackward0, SliceBackward0...)
    assert g.tolist() == tg.tolist()


@FUZZ
@given(data=st.data())
def test_mask_and_integer_tensor_indexing_matches_pytorch(data, torch):
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4))
    values = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape) - 3
    kind = data.draw(st.sampled_from(["mask", "comparison", "ints", "ints_then_slice", "int_list"]))

    def run(lib):
        x = lib.tensor(values, requires_grad=True)
        if kind == "mask":
            mask = data_mask
            y = x[lib.tensor(mask)]
        elif kind == "comparison":
            y = x[x > 0]
        elif kind == "ints":
            y = x[lib.tensor(positions)]
        elif kind == "ints_then_slice":
            y = x[lib.tensor(positions), ...]
        else:
            y = x[list(positions)]
        (y * 2).sum().backward()
        return y, x.grad

    data_mask = data.draw(hnp.arrays(np.bool_, shape[:data.draw(st.integers(1, len(shape)))]))
    positions = data.draw(st.lists(st.integers(-shape[0], shape[0] - 1), min_size=1, max_size=5))
    (y, g), (ty, tg) = run(ad), run(torch)
    assert repr(y) == repr(ty)
    assert g.tolist() == tg.tolist()  # repeated positions add up


@FUZZ
@given(data=st.data())
def test_setitem_on_a_non_leaf_matches_pytorch(data, torch):
    # The node is CopySlices, CopyBackwards or IndexPutBackward0 depending on the key, as in PyTorch.
    shape = data.draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=3))
    key = data.draw(st.one_of(_basic_index_strategy(shape),
                              hnp.arrays(np.bool_, shape[:1]).map(lambda mask: ("mask", mask))),
                    label="key")
    values = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape)

    def run(lib):
        x = lib.tensor(values, requires_grad=True)
        v = lib.tensor(-1.5, requires_grad=True)
        y = x * 2
        if isinstance(key, tuple) and len(key) == 2 and isinstance(key[0], str):
            y[lib.tensor(key[1])] = v * 1
        else:
            y[key] = v * 1
        (y * lib.tensor(values + 1)).sum().backward()
        return repr(y), x.grad.tolist(), v.grad.tolist()

    assert run(ad) == run(torch)


def test_setitem_with_masks_and_slices(torch):
    def run(lib):
        x = lib.zeros(3, 4)
        x[0] = 1.0
        x[:, 1] = lib.tensor([5.0, 6.0, 7.0])
        x[x > 5] = -1.0
        x[1:, 2:] = 2.0
        x[..., -1] += 0.5
        return x

    assert repr(run(ad)) == repr(run(torch))


def test_iteration_and_len():
    t = ad.tensor([[1, 2], [3, 4], [5, 6]])
    assert len(t) == 3
    assert [row.tolist() for row in t] == [[1, 2], [3, 4], [5, 6]]


# ---------------------------------------------------------------------------------------------
# Joining, where


def test_cat_stack_and_where_match_pytorch(torch):
    def run(lib):
        a = lib.tensor([[1.0, 2.0]], requires_grad=True)
        b = lib.tensor([[3.0, 4.0], [5.0, 6.0]], requires_grad=True)
        c = lib.cat([a, b])
        s = lib.stack([a[0], b[1]], dim=1)
        w = lib.where(c > 2, c, lib.zeros_like(c))
        mixed = lib.cat([lib.tensor([1, 2]), lib.tensor([0.5])])  # promoted to float32
        w_scalar = lib.where(b > 4, b, 0.0)
        (c.sum() + (s * s).sum() + w.sum() + w_scalar.sum()).backward()
        return [repr(v) for v in (c, s, w, mixed, w_scalar, a.grad, b.grad)]

    assert run(ad) == run(torch)


# ---------------------------------------------------------------------------------------------
# Conversions and attributes


def test_a_slice_of_a_shape_is_a_shape_as_in_pytorch():
    shape = ad.zeros(2, 3, 4).shape
    assert repr(shape[-2:]) == "torch.Size([3, 4])" and shape[0] == 2 and isinstance(shape[0], int)
    assert repr(shape[:1] + (5,)) == "torch.Size([2, 5])"


def test_item_tolist_shape_and_friends():
    t = ad.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    assert t.shape == (2, 3) and repr(t.shape) == "torch.Size([2, 3])"
    assert t.size() == (2, 3) and t.size(1) == 3 and t.size(-1) == 3
    assert t.ndim == 2 and t.dim() == 2 and t.numel() == 6
    assert t.dtype is ad.float32
    assert t.tolist() == [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]
    assert t[1, 2].item() == 6.0 and isinstance(t[1, 2].item(), float)
    assert isinstance(ad.tensor(3).item(), int) and isinstance(ad.tensor(True).item(), bool)
    assert ad.tensor([7.0]).item() == 7.0  # one element, any shape
    assert float(ad.tensor(2.5)) == 2.5 and int(ad.tensor(3)) == 3
    assert ad.tensor(5.0).tolist() == 5.0


@pytest.mark.parametrize("spec", ["", ".2f", ".3e", "8.3f", "+.1f", ".0%", "g"])
@pytest.mark.parametrize("value", [3.14159, -0.5, 1e-7, 12345.678])
def test_format_of_a_0d_tensor_matches_pytorch(spec, value, torch):
    assert f"{ad.tensor(value):{spec}}" == f"{torch.tensor(value):{spec}}"


def test_format_of_an_int_0d_tensor_and_of_a_vector(torch):
    assert f"{ad.tensor(42):5d}" == f"{torch.tensor(42):5d}"
    assert f"{ad.tensor([1.0, 2.0])}" == f"{torch.tensor([1.0, 2.0])}"
    assert f"loss={ad.tensor(0.25, requires_grad=True):.3f}" == "loss=0.250"
    assert math.isclose(float(f"{ad.tensor(1 / 3):.6f}"), 0.333333)


def test_data_is_a_detached_tensor_sharing_memory(maybe_torch):
    """The old-style update `w.data -= lr * w.grad.data` works as in PyTorch: `.data` is a tensor
    outside the graph that shares the values, so changing it changes `w` and records nothing."""
    outputs = []
    for lib in [ad] + ([maybe_torch] if maybe_torch else []):
        w = lib.tensor([1.0, 2.0], requires_grad=True)
        (w * w).sum().backward()
        view = w.data
        assert type(view) is type(w) and not view.requires_grad and view.grad_fn is None
        w.data -= 0.1 * w.grad.data
        w.grad.data.zero_()
        assert w.is_leaf and w.requires_grad
        outputs.append((repr(w), repr(w.grad), repr(view), repr(w.data)))
        replacement = lib.tensor([5.0, 6.0, 7.0])
        w.data = replacement  # assigning .data swaps the values, even for another shape
        outputs.append((repr(w), tuple(w.shape)))
    assert outputs[0] == ("tensor([0.8000, 1.6000], requires_grad=True)", "tensor([0., 0.])",
                          "tensor([0.8000, 1.6000])", "tensor([0.8000, 1.6000])")
    if maybe_torch:
        assert outputs[:2] == outputs[2:]


def test_floor_division_and_remainder_like_pytorch(maybe_torch):
    for lib in [ad] + ([maybe_torch] if maybe_torch else []):
        x = lib.tensor([5.5, -7.0, 2.0], requires_grad=True)
        floored = x // 2
        assert repr(floored) == "tensor([ 2., -4.,  1.], grad_fn=<NotImplemented>)"
        assert repr(lib.tensor([5, -7]) // 2) == "tensor([ 2, -4])"
        with pytest.raises(RuntimeError, match="derivative for aten::floor_divide is not implemented"):
            floored.sum().backward()
        assert repr(x % 1.5) == "tensor([1.0000, 0.5000, 0.5000], grad_fn=<RemainderBackward0>)"
        y = lib.tensor([2.0, 3.0, 0.75], requires_grad=True)
        (x % y).sum().backward()
        assert x.grad.tolist() == [1.0, 1.0, 1.0]
        assert y.grad.tolist() == [-2.0, 3.0, -2.0]  # -floor(x / y)


def test_scalar_conversions_and_named_results_like_pytorch(maybe_torch):
    import warnings

    for lib in [ad] + ([maybe_torch] if maybe_torch else []):
        with pytest.raises(ValueError, match="only one element tensors"):
            float(lib.tensor([1.0, 2.0]))
        with pytest.raises(ValueError, match="only one element tensors"):
            int(lib.tensor([1, 2]))
        with pytest.warns(UserWarning, match="requires_grad=True to a scalar"):
            assert float(lib.tensor(1.5, requires_grad=True)) == 1.5
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # item() and f-strings do not warn
            assert lib.tensor(1.5, requires_grad=True).item() == 1.5
            assert f"{lib.tensor(1.5, requires_grad=True):.1f}" == "1.5"
        m = lib.tensor([[1.0, 5.0], [4.0, 2.0]], requires_grad=True)
        assert repr(m.max(dim=1)) == ("torch.return_types.max(\nvalues=tensor([5., 4.], "
                                      "grad_fn=<MaxBackward0>),\nindices=tensor([1, 0]))")
        values, indices = m.min(0)
        assert repr(m.min(0)).startswith("torch.return_types.min(\nvalues=")
        assert indices.tolist() == [0, 1]


# ---------------------------------------------------------------------------------------------
# Float32 results identical to PyTorch's to the last bit, with the emulation of PyTorch's order
# switched on (autodidact.parity.float32_order; off by default)


from autodidact.parity import float32_order  # noqa: E402
from autodidact.parity.float32_order import EXACT_LIMIT  # noqa: E402


def test_float32_order_is_off_by_default():
    assert float32_order.enabled is False
    tenths = ad.tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
    assert tenths.sum().item() == float(np.add.reduce(tenths.numpy()))  # NumPy's own order


def _sum_cases():
    rng = np.random.default_rng(0)
    shapes = [((n,), None) for n in (3, 7, 8, 9, 17, 33, 100, 257, 1000, 5000)]
    shapes += [((r, c), d) for r in (2, 5, 17) for c in (3, 8, 9, 33, 40) for d in (0, 1, None)]
    shapes += [((3, 5, 9), d) for d in (0, 1, 2, (0, 1), (1, 2))]
    return [((rng.standard_normal(shape) * 3).astype(np.float32), dim) for shape, dim in shapes]


def test_float32_sums_add_in_pytorchs_order(maybe_torch, pytorch_order):
    # Seven tenths: NumPy's pairwise sum gives 2.7999999523, PyTorch's kernel 2.8000001907.
    tenths = ad.tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
    assert tenths.sum().item() == 2.8000001907348633
    assert tenths.mean().item() == 0.40000003576278687
    for array, dim in _sum_cases():
        ours = ad.tensor(array).sum() if dim is None else ad.tensor(array).sum(dim)
        if maybe_torch is not None:
            theirs = maybe_torch.tensor(array).sum() if dim is None else maybe_torch.tensor(array).sum(dim)
            if array.size <= EXACT_LIMIT:
                assert np.array_equal(ours.numpy(), theirs.numpy()), (array.shape, dim)
            else:  # large tensors use NumPy's faster order: equal to a few units in the last place
                assert np.allclose(ours.numpy(), theirs.numpy(), rtol=1e-6, atol=1e-5), (array.shape, dim)
        assert np.allclose(ours.numpy(), array.sum(axis=dim), rtol=1e-5, atol=1e-4)


def test_float32_small_matmul_and_exp_match_pytorch_bits(maybe_torch, pytorch_order):
    m = [[0.1, 0.7, 0.3], [0.9, 0.5, 0.11]]
    product = (ad.tensor(m).T @ ad.tensor(m)).tolist()
    assert product[0][2] == 0.1290000081062317  # 0.1·0.3 + 0.9·0.11, each product rounded, no FMA
    x = ad.linspace(-3, 3, 17)
    ours = [ad.exp(x).tolist(), ad.tanh(x).tolist(), (ad.tensor(m).T @ ad.tensor(m)).tolist()]
    if maybe_torch is not None:
        t = maybe_torch.linspace(-3, 3, 17)
        tm = maybe_torch.tensor(m)
        assert ours == [maybe_torch.exp(t).tolist(), maybe_torch.tanh(t).tolist(), (tm.T @ tm).tolist()]
    assert ours[0][9] == 1.4549914598464966  # exp(0.375) correctly rounded (NumPy's float32 is 1 ulp off)


def test_float32_training_loss_matches_pytorch_to_the_last_bit(maybe_torch, pytorch_order):
    def train(lib):
        X = lib.tensor([[0.5, 1.5], [1.0, 1.0], [1.5, 0.5], [3.0, 0.5], [2.0, 2.0], [1.0, 2.5]])
        y = lib.tensor([0.0, 0.0, 0.0, 1.0, 1.0, 1.0])
        w = lib.zeros(2, requires_grad=True)
        losses = []
        for _ in range(5):
            p = 1 / (1 + lib.exp(-(X @ w)))
            loss = -(y * lib.log(p) + (1 - y) * lib.log(1 - p)).mean()
            loss.backward()
            with lib.no_grad():
                w -= 0.3 * w.grad
            w.grad.zero_()
            losses.append(loss.item())
        return losses + w.tolist()
    ours = train(ad)
    if maybe_torch is not None:
        assert ours == train(maybe_torch)
    assert ours[0] == 0.6931471824645996


def test_learner_mistakes_raise_pytorchs_errors(maybe_torch):
    for lib in [ad] + ([maybe_torch] if maybe_torch is not None else []):
        with pytest.raises(ValueError, match="step must be greater than zero"):
            lib.arange(5.0)[::-1]
        with pytest.raises(RuntimeError, match="number of dimensions"):
            lib.ones(2).permute(1, 0)
        with pytest.warns(UserWarning, match="x.T"):
            lib.ones(2).T
    assert ad.ones(3)[list(range(2, -1, -1))].shape == (3,)


def test_remainder_of_an_exact_multiple_keeps_fmods_sign(maybe_torch):
    # -2. % 2 is -0. in PyTorch (computed from fmod); it prints "-0."
    values = (-ad.tensor([1.0, 2.0, 3.0])) % 2
    assert str(values) == "tensor([1., -0., 1.])"
    assert (ad.tensor([-3.0, 3.0]) % -2).tolist() == [-1.0, -1.0]
    if maybe_torch is not None:
        assert str((-maybe_torch.tensor([1.0, 2.0, 3.0])) % 2) == str(values)


def test_new_methods_and_empty_like_keep_the_dtype_as_pytorch(torch):
    def made(t):
        x, i = t.tensor([1.5, 2.0]), t.tensor([1, 2])
        return [x.new_ones(2, 3), x.new_ones((2,)), i.new_zeros(3), x.new_zeros(2, dtype=t.int64),
                x.new_full((2, 2), 7), i.new_full((1,), 2.5), x.new_tensor([1, 2]), i.new_tensor([1.7]),
                x.new_empty(2, 1).shape, x.new_empty((3,)).dtype, x.new_ones(2, requires_grad=True),
                t.empty_like(x).shape, t.empty_like(i).dtype, t.empty_like(x, dtype=t.float64).dtype,
                t.empty_like(x, requires_grad=True).requires_grad]
    assert [repr(v) for v in made(ad)] == [repr(v) for v in made(torch)]


def test_broadcast_shapes_and_tensors_as_pytorch(torch):
    def made(t):
        a, b = t.ones(2, 1, requires_grad=True), t.zeros(3, requires_grad=True)
        c = t.ones(2, 3, requires_grad=True)
        out = t.broadcast_tensors(a, b, c)
        return [t.broadcast_shapes((5, 1, 4), (3, 1)), t.broadcast_shapes(2, (3, 1)), t.broadcast_shapes(),
                out, out[2] is c]
    assert [repr(v) for v in made(ad)] == [repr(v) for v in made(torch)]
    for t in (ad, torch):
        with pytest.raises(RuntimeError):
            t.broadcast_shapes((2,), (3,))
        with pytest.raises(RuntimeError, match="must match the size of tensor b"):
            t.broadcast_tensors(t.ones(2), t.ones(3))


def test_torch_clone_function_copies_with_clone_backward_as_pytorch(torch):
    for lib in (ad, torch):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = lib.clone(x)
        assert repr(y) == "tensor([1., 2.], grad_fn=<CloneBackward0>)" and y is not x
        y.sum().backward()
        assert x.grad.tolist() == [1.0, 1.0]
        with pytest.raises(TypeError):
            lib.clone([1.0, 2.0])
