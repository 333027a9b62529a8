"""The functions of ``engine/ops/shape_extra.py`` compared with PyTorch where the generated checks
(tests/test_op_table.py: finite differences, second derivatives, random inputs) do not reach: the
functions built from other ops (kron, cov, tensor_split...), ties and nan in cummax, weights in
cov, the integer and 0-d cases, what prints, and the errors."""
import warnings

import numpy as np
import pytest

import autodidact as ad

RNG = np.random.default_rng(7)
X = RNG.standard_normal((3, 4))
X3 = RNG.standard_normal((2, 3, 4))
V, W = RNG.standard_normal(3), RNG.standard_normal(3)


def _leaf(lib, array):
    t = lib.tensor(np.array(array))
    return t.requires_grad_(True) if t.dtype.is_floating_point else t


def _outputs(result):
    if isinstance(result, (tuple, list)):
        return [t for r in result for t in _outputs(r)]
    return [result]


# name -> (function of (lib, *tensors), the input arrays)
CASES = {
    "rot90": (lambda lib, a: lib.rot90(a, -3, [1, 0]), [X3]),
    "cummax ties take the later index": (lambda lib, a: lib.cummax(a, 0), [np.array([1., 3, 3, 2, 3, 5, 5])]),
    "cummin ties, rows": (lambda lib, a: a.cummin(-1), [np.array([[1., 0, 0, 2, 0, -1, -1], [1, 1, 1, 1, 1, 1, 1]])]),
    "cummax keeps a nan": (lambda lib, a: lib.cummax(a, 0), [np.array([1., np.nan, 3.])]),
    "cummax of integers": (lambda lib, a: lib.cummax(a, 0), [np.array([1, 3, 2, 5])]),
    "cummax 0-d": (lambda lib, a: lib.cummax(a, 0), [np.array(2.)]),
    "logcumsumexp of large values": (lambda lib, a: a.logcumsumexp(0), [np.array([1000., 1., 1001., -1000.])]),
    "inner": (lambda lib, a, b: lib.inner(a, b), [X, X]),
    "inner with a 0-d tensor": (lambda lib, a, b: a.inner(b), [np.array(2.), X]),
    "cross with a dim": (lambda lib, a, b: lib.cross(a, b, dim=0), [X[:, :3], X3[0, :, :3]]),
    "linalg.cross broadcasts": (lambda lib, a, b: lib.linalg.cross(a, b), [X3[:1, :, :3], X3[:, :1, 1:]]),
    "kron": (lambda lib, a, b: lib.kron(a, b), [X, X[:2, :2]]),
    "kron of different dims": (lambda lib, a, b: a.kron(b), [X3, V]),
    "kron of integers": (lambda lib, a, b: lib.kron(a, b), [np.array([1, 2]), np.array([[1, 10], [100, 1000]])]),
    "block_diag": (lambda lib, a, b, c: lib.block_diag(a, b, c), [X, V, np.array(2.)]),
    "block_diag promotes": (lambda lib, a, b: lib.block_diag(a, b), [np.array([[0, 1], [1, 0]]), np.array([[3., 4, 5]])]),
    "vander increasing (values)": (lambda lib, a: lib.vander(a.detach(), N=4, increasing=True), [V]),
    "vander of integers": (lambda lib, a: lib.vander(a.int()), [np.array([1, 2, 3, 5])]),
    "trapezoid": (lambda lib, a: lib.trapezoid(a), [X]),
    "trapezoid dx": (lambda lib, a: lib.trapezoid(a, dx=0.5, dim=0), [X]),
    "trapezoid x": (lambda lib, a, b: lib.trapezoid(a, b, dim=0), [X, V]),
    "trapezoid x like y": (lambda lib, a, b: lib.trapz(a, b), [X, X]),
    "trapezoid of integers": (lambda lib, a: lib.trapezoid(a), [np.array([1, 5, 10])]),
    "cumulative_trapezoid": (lambda lib, a: lib.cumulative_trapezoid(a, dx=2), [X]),
    "cumulative_trapezoid x": (lambda lib, a, b: lib.cumulative_trapezoid(a, b, dim=0), [X, V]),
    "aminmax ties share": (lambda lib, a: a.aminmax(), [np.array([1., 1, 0, 0])]),
    "aminmax keepdim": (lambda lib, a: lib.aminmax(a, keepdim=True), [X]),
    "aminmax 0-d": (lambda lib, a: lib.aminmax(a, dim=0), [np.array(3.)]),
    "cov": (lambda lib, a: lib.cov(a), [X]),
    "cov of a vector": (lambda lib, a: a.cov(), [V]),
    "cov correction 0": (lambda lib, a: lib.cov(a, correction=0), [X]),
    "cov fweights": (lambda lib, a, f: lib.cov(a, fweights=f), [X, np.array([1, 2, 0, 3])]),
    "cov aweights": (lambda lib, a, f: lib.cov(a, aweights=f), [X, np.array([1., 2, 0.5, 3])]),
    "cov both weights": (lambda lib, a, f, g: lib.cov(a, fweights=f, aweights=g, correction=2),
                         [X, np.array([1, 2, 1, 3]), np.array([1., 2, 0.5, 3])]),
    "cov of integers": (lambda lib, a: lib.cov(a), [np.array([[1, 2, 4], [3, 1, 0]])]),
    "corrcoef": (lambda lib, a: lib.corrcoef(a), [X]),
    "corrcoef of a vector": (lambda lib, a: lib.corrcoef(a), [V]),
    "index_copy_": (lambda lib, a, s: (a * 1).index_copy_(1, lib.tensor([3, 0]), s), [X, X[:, :2]]),
    "index_fill_ negative index": (lambda lib, a: (a * 1).index_fill_(1, lib.tensor([-1]), 2), [X]),
    "masked_select broadcasts the mask": (lambda lib, a: a.masked_select(lib.tensor([[True], [False]])), [V]),
    "masked_scatter_ with a matrix source": (lambda lib, a, s: (a * 1).masked_scatter_(
        lib.tensor([True, False, True, False]), s), [X, X]),
    "tensor_split sections": (lambda lib, a: lib.tensor_split(a, 3, dim=1), [X]),
    "tensor_split more sections than elements": (lambda lib, a: lib.tensor_split(a, 7, 1), [X]),
    "tensor_split indices": (lambda lib, a: lib.tensor_split(a, [1, 3]), [X]),
    "tensor_split negative and large indices": (lambda lib, a: a.tensor_split((-1, 1, 5), 1), [X]),
    "tensor_split index tensor": (lambda lib, a: lib.tensor_split(a, lib.tensor([1, 2]), 1), [X]),
    "tensor_split 0-d tensor of sections": (lambda lib, a: lib.tensor_split(a, lib.tensor(3), 1), [X]),
    "hsplit of a vector": (lambda lib, a: lib.hsplit(a, [1]), [V]),
    "vsplit": (lambda lib, a: a.vsplit([1, 2]), [X]),
    "dsplit": (lambda lib, a: lib.dsplit(a, 2), [X3]),
    "renorm p=inf": (lambda lib, a: a.renorm(float("inf"), 0, 0.5), [X]),
    "renorm_": (lambda lib, a: (a * 1).renorm_(2, 0, 1.0), [X]),
    "std_mean unbiased=False": (lambda lib, a: lib.std_mean(a, 1, False), [X]),
    "var_mean of everything, old spelling": (lambda lib, a: lib.var_mean(a, False), [X3]),
    "diag_embed": (lambda lib, a: a.diag_embed(1, 0, 2), [X]),
    "diagflat": (lambda lib, a: a.diagflat(-1), [X]),
    "combinations with replacement": (lambda lib, a: lib.combinations(a, 3, True), [V]),
    "combinations r larger than the vector": (lambda lib, a: lib.combinations(a, r=4), [V]),
    "addmv with beta=0 leaves out a nan": (lambda lib, a, b, c: lib.addmv(a, b, c, beta=0),
                                           [np.array([np.nan, 1, 2]), X, X[0]]),
    "addmv_": (lambda lib, a, b, c: (a * 1).addmv_(b, c, alpha=-1), [V, X, X[0]]),
    "addr of a number": (lambda lib, a, b, c: a.addr(b, c, beta=2), [np.array(1.5), V, W]),
    "baddbmm broadcasts the input": (lambda lib, a, b, c: lib.baddbmm(a, b, c, alpha=0.5),
                                     [X[:, :1], X3, X3.transpose(0, 2, 1)]),
    "addbmm": (lambda lib, a, b, c: lib.addbmm(a, b, c, beta=-1), [X[:, :3], X3, X3.transpose(0, 2, 1)]),
    "slice_scatter with a step": (lambda lib, a, b: lib.slice_scatter(a, b, 1, 0, 4, 2), [X, X[:, :2]]),
    "diagonal_scatter of a batch": (lambda lib, a, b: lib.diagonal_scatter(a, b, -1, 2, 0), [X3, X[:, :2]]),
    "narrow_copy": (lambda lib, a: lib.narrow_copy(a, 1, 1, 2), [X]),
    "quantile of everything": (lambda lib, a: lib.quantile(a, 0.3), [X]),
    "quantile with q a tensor, keepdim": (lambda lib, a, q: lib.quantile(a, q, dim=1, keepdim=True),
                                          [X, np.array([0.2, 0.5, 1.0])]),
    "quantile of everything, keepdim": (lambda lib, a, q: a.quantile(q, keepdim=True), [X3, np.array([0., 0.45])]),
    "quantile, a 0-d q": (lambda lib, a, q: a.quantile(q, dim=0), [X3, np.array(0.45)]),
    "quantile lower": (lambda lib, a: lib.quantile(a, 0.4, -1, interpolation="lower"), [X3]),
    "quantile higher": (lambda lib, a: lib.quantile(a, 0.4, -1, interpolation="higher"), [X3]),
    "quantile nearest": (lambda lib, a: lib.quantile(a, 0.5, -1, interpolation="nearest"), [X3]),
    "quantile midpoint": (lambda lib, a: lib.quantile(a, 0.1, 0, interpolation="midpoint"), [X3]),
    "quantile with a nan": (lambda lib, a: lib.quantile(a, 0.5, dim=1), [np.array([[1., np.nan, 3], [1, 2, 3]])]),
    "nanquantile": (lambda lib, a: lib.nanquantile(a, 0.5, dim=1),
                    [np.array([[1., np.nan, 3], [1, 2, 3], [np.nan, np.nan, np.nan]])]),
    "quantile in float32": (lambda lib, a: lib.quantile(a.float(), 0.3, dim=1), [X]),
    "multi_dot": (lambda lib, *m: lib.linalg.multi_dot(list(m)), [X, X.T.copy(), X3[0], X3[1, :1].T.copy()]),
    "multi_dot of vectors at the ends": (lambda lib, *m: lib.linalg.multi_dot(m), [X[0], X.T.copy(), V]),
    "chain_matmul": (lambda lib, *m: lib.chain_matmul(*m), [X, X.T.copy(), X]),
}


@pytest.mark.parametrize("name", CASES)
def test_value_print_grad_fn_and_gradient_match_pytorch(name, torch):
    function, arrays = CASES[name]
    ours_in, theirs_in = [_leaf(ad, a) for a in arrays], [_leaf(torch, a) for a in arrays]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ours, theirs = _outputs(function(ad, *ours_in)), _outputs(function(torch, *theirs_in))
    assert len(ours) == len(theirs)
    ours_total = theirs_total = 0
    for mine, reference in zip(ours, theirs):
        assert repr(mine) == repr(reference)  # values, dtype and grad_fn, as printed
        if reference.requires_grad:
            weights = RNG.standard_normal(tuple(reference.shape))
            ours_total = ours_total + (mine * ad.tensor(weights, dtype=mine.dtype)).sum()
            theirs_total = theirs_total + (reference * torch.tensor(weights, dtype=reference.dtype)).sum()
    if isinstance(theirs_total, int):
        return
    ours_total.backward()
    theirs_total.backward()
    for mine, reference in zip(ours_in, theirs_in):
        if reference.requires_grad:
            np.testing.assert_allclose(mine.grad._array, reference.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_vander_gradient_where_pytorch_fails(torch):
    # PyTorch 2.13's vander cannot run its own backward (it overwrites a value its cumprod saved);
    # ours gives d/dx (1 + x + x² + x³) = 1 + 2x + 3x², whichever way the powers run.
    x = ad.tensor([1., 2, 3], requires_grad=True)
    for increasing in (False, True):
        x.grad = None
        ad.vander(x, N=4, increasing=increasing).sum().backward()
        assert x.grad.tolist() == [6.0, 17.0, 34.0]
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        torch.vander(torch.tensor([1., 2, 3], requires_grad=True), N=4).sum().backward()


# name -> (function of lib, PyTorch's exception class)
ERRORS = {
    "rot90 with one dim": lambda lib: lib.rot90(lib.ones(2, 3), 1, [0]),
    "rot90 of a vector": lambda lib: lib.rot90(lib.ones(3), 1, [0, 1]),
    "rot90 around one dim twice": lambda lib: lib.rot90(lib.ones(2, 3), 1, [0, -2]),
    "rot90 dim out of range": lambda lib: lib.rot90(lib.ones(2, 3), 1, [0, 5]),
    "cross of length 2": lambda lib: lib.linalg.cross(lib.ones(3, 2), lib.ones(3, 2)),
    "cross of different dims": lambda lib: lib.cross(lib.ones(2, 3), lib.ones(3), dim=1),
    "cross of different dtypes": lambda lib: lib.cross(lib.ones(3, dtype=lib.int64), lib.ones(3), dim=0),
    "block_diag of 3 dims": lambda lib: lib.block_diag(lib.ones(2, 2, 2)),
    "vander of a matrix": lambda lib: lib.vander(lib.ones(2, 2)),
    "trapezoid x of another length": lambda lib: lib.trapezoid(lib.ones(3), lib.ones(2)),
    "aminmax of nothing": lambda lib: lib.aminmax(lib.tensor([])),
    "cov of 3 dims": lambda lib: lib.cov(lib.ones(2, 2, 2)),
    "cov float fweights": lambda lib: lib.cov(lib.ones(2, 3), fweights=lib.ones(3)),
    "cov integer aweights": lambda lib: lib.cov(lib.ones(2, 3), aweights=lib.ones(3, dtype=lib.int64)),
    "cov weights of another length": lambda lib: lib.cov(lib.ones(2, 3), aweights=lib.ones(2)),
    "index_copy out of range": lambda lib: lib.ones(2, 3).index_copy(1, lib.tensor([0, 5]), lib.ones(2, 2)),
    "index_copy source of another size": lambda lib: lib.ones(2, 3).index_copy(1, lib.tensor([0, 1]), lib.ones(2, 3)),
    "index_copy float index": lambda lib: lib.ones(2, 3).index_copy(1, lib.tensor([0., 1]), lib.ones(2, 2)),
    "index_fill out of range": lambda lib: lib.ones(2, 3).index_fill(1, lib.tensor([0, 5]), 2),
    "index_fill matrix index": lambda lib: lib.ones(2, 3).index_fill(1, lib.tensor([[0]]), 2),
    "index_fill vector value": lambda lib: lib.ones(2, 3).index_fill(1, lib.tensor([0]), lib.tensor([2.])),
    "masked_select integer mask": lambda lib: lib.ones(2, 3).masked_select(lib.tensor([1, 0, 1])),
    "masked_scatter short source": lambda lib: lib.ones(2, 3).masked_scatter(lib.ones(2, 3) > 0, lib.ones(2)),
    "tensor_split 0 sections": lambda lib: lib.tensor_split(lib.ones(2, 3), 0, dim=1),
    "tensor_split float tensor": lambda lib: lib.tensor_split(lib.ones(2, 3), lib.tensor([2.]), dim=1),
    "tensor_split matrix tensor": lambda lib: lib.tensor_split(lib.ones(2, 3), lib.tensor([[2]]), dim=1),
    "hsplit not evenly": lambda lib: lib.hsplit(lib.ones(2, 3), 2),
    "vsplit of a vector": lambda lib: lib.vsplit(lib.ones(3), 3),
    "dsplit of a matrix": lambda lib: lib.dsplit(lib.ones(2, 3), 3),
    "renorm negative maxnorm": lambda lib: lib.renorm(lib.ones(2, 3), 2, 0, -1),
    "renorm p=0": lambda lib: lib.renorm(lib.ones(2, 3), 0, 0, 1),
    "renorm of a vector": lambda lib: lib.renorm(lib.ones(2), 2, 0, 1),
    "std_mean of integers": lambda lib: lib.std_mean(lib.tensor([1, 2])),
    "diag_embed same dims": lambda lib: lib.diag_embed(lib.ones(2, 3), 0, 0, 0),
    "inner of other lengths": lambda lib: lib.inner(lib.ones(2, 3), lib.ones(2)),
    "logcumsumexp of integers": lambda lib: lib.logcumsumexp(lib.tensor([1, 2]), 0),
    "combinations of a matrix": lambda lib: lib.combinations(lib.ones(2, 2)),
    "addmv of other sizes": lambda lib: lib.addmv(lib.ones(3), lib.ones(3, 2), lib.ones(3)),
    "baddbmm of other batches": lambda lib: lib.baddbmm(lib.ones(2, 3, 3), lib.ones(2, 3, 2), lib.ones(1, 2, 3)),
    "vdot of other lengths": lambda lib: lib.vdot(lib.ones(3), lib.ones(2)),
    "quantile q above 1": lambda lib: lib.quantile(lib.ones(3), 1.5),
    "quantile q of another dtype": lambda lib: lib.quantile(lib.ones(3), lib.tensor([0.5], dtype=lib.float64)),
    "quantile of integers": lambda lib: lib.quantile(lib.tensor([1, 2]), 0.5),
    "quantile unknown interpolation": lambda lib: lib.quantile(lib.ones(3), 0.5, interpolation="foo"),
    "quantile of nothing": lambda lib: lib.quantile(lib.tensor([]), 0.5),
    "multi_dot of one": lambda lib: lib.linalg.multi_dot([lib.ones(2, 2)]),
    "multi_dot of other sizes": lambda lib: lib.linalg.multi_dot([lib.ones(2, 3), lib.ones(2, 3)]),
}


@pytest.mark.parametrize("name", ERRORS)
def test_errors_have_pytorchs_class_and_message(name, torch):
    with pytest.raises(Exception) as theirs:
        ERRORS[name](torch)
    with pytest.raises(type(theirs.value)) as ours:
        ERRORS[name](ad)
    expected = str(theirs.value).split("\n")[0].split(" (Triggered")[0]
    assert str(ours.value).startswith(expected[:40]), (str(ours.value), expected)


def test_cross_without_dim_warns_and_takes_the_first_dim_of_size_3(torch):
    a, b = RNG.standard_normal((3, 3)), RNG.standard_normal((3, 3))
    with pytest.warns(UserWarning, match="without specifying the dim"):
        ours = ad.cross(ad.tensor(a), ad.tensor(b))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        np.testing.assert_allclose(ours._array, torch.cross(torch.tensor(a), torch.tensor(b)).numpy())


def test_cov_warns_when_there_are_too_few_observations(torch):
    with pytest.warns(UserWarning, match="degrees of freedom is <= 0"):
        ours = ad.cov(ad.ones(2, 1))
    assert ours.isnan().all()


def test_quantile_passes_a_gradient_to_a_tensor_q(torch):
    # linear interpolation weighs the two neighbours by a fraction of q: q gets a gradient, as in PyTorch
    ours_q = ad.tensor([0.1, 0.5], dtype=ad.float64, requires_grad=True)
    theirs_q = torch.tensor([0.1, 0.5], dtype=torch.float64, requires_grad=True)
    ad.quantile(ad.tensor(X), ours_q, dim=1).sum().backward()
    torch.quantile(torch.tensor(X), theirs_q, dim=1).sum().backward()
    np.testing.assert_allclose(ours_q.grad._array, theirs_q.grad.numpy(), rtol=1e-6)


def test_out_writes_into_the_given_tensors_and_names_the_fields(torch):
    x = RNG.standard_normal((3, 4))
    results = []
    for lib in (ad, torch):
        low, high = lib.empty(0, dtype=lib.float64), lib.empty(0, dtype=lib.float64)
        values, indices = lib.empty(0, dtype=lib.float64), lib.empty(0, dtype=lib.int64)
        into = lib.empty(0, dtype=lib.float64)
        results.append([repr(lib.aminmax(lib.tensor(x), out=(low, high))),
                        repr(lib.cummax(lib.tensor(x), 1, out=(values, indices))), repr(indices),
                        repr(lib.kron(lib.tensor(x), lib.tensor(x[:1]), out=into)), repr(into)])
    assert results[0] == results[1]
