"""Ops that PyTorch tutorials use, compared with PyTorch: values, gradients, grad_fn names, prints.

The per-op gradient checks (finite differences, second derivatives) run from the registry in
``autodidact.testing`` (tests/test_op_table.py); these tests check what a learner sees.
"""
import numpy as np
import pytest

import autodidact as ad
import autodidact.nn as nn
import autodidact.nn.functional as F


def _names(node):
    return [None if n is None else type(n).__name__ for n, _ in node.next_functions]


def _pair(torch, array, requires_grad=True):
    return (ad.tensor(array, requires_grad=requires_grad), torch.tensor(array, requires_grad=requires_grad))


# -- addmm and Linear ------------------------------------------------------------------------


def test_addmm_matches_pytorch(torch):
    rng = np.random.default_rng(0)
    b, m1, m2 = (rng.standard_normal(s).astype(np.float32) for s in [(3,), (2, 4), (4, 3)])
    ours = ad.addmm(*(ad.tensor(a, requires_grad=True) for a in (b, m1, m2)))
    leaves = [torch.tensor(a, requires_grad=True) for a in (b, m1, m2)]
    real = torch.addmm(*leaves)
    assert str(ours) == str(real)
    assert type(ours.grad_fn).__name__ == "AddmmBackward0"
    (ours * ours).sum().backward()
    (real * real).sum().backward()
    ours_leaves = [e.variable for e, _ in ours.grad_fn.next_functions]
    for mine, theirs in zip(ours_leaves, leaves):
        np.testing.assert_allclose(mine.grad._array, theirs.grad.numpy(), rtol=1e-5, atol=1e-6)


def test_addmm_rejects_bad_shapes():
    with pytest.raises(RuntimeError, match="cannot be multiplied"):
        ad.addmm(ad.zeros(3), ad.zeros(2, 4), ad.zeros(5, 3))
    with pytest.raises(RuntimeError, match="must be a matrix"):
        ad.addmm(ad.zeros(3), ad.zeros(4), ad.zeros(4, 3))
    with pytest.raises(RuntimeError):
        ad.addmm(ad.zeros(5), ad.zeros(2, 4), ad.zeros(4, 3))


@pytest.mark.parametrize("shape", [(2, 4), (4,), (5, 2, 4)])
@pytest.mark.parametrize("bias", [True, False])
def test_linear_graph_matches_pytorch(torch, shape, bias):
    rng = np.random.default_rng(1)
    w, b = rng.standard_normal((3, 4)).astype(np.float32), rng.standard_normal(3).astype(np.float32)
    x = rng.standard_normal(shape).astype(np.float32)
    results = []
    for lib in (ad, torch):
        weight = lib.tensor(w, requires_grad=True)
        bias_ = lib.tensor(b, requires_grad=True) if bias else None
        input = lib.tensor(x, requires_grad=True)
        out = lib.nn.functional.linear(input, weight, bias_)
        (out * out).sum().backward()
        results.append((out, weight.grad, input.grad, bias_.grad if bias else None))
    (ours, *our_grads), (real, *real_grads) = results
    np.testing.assert_allclose(ours._array, real.detach().numpy(), rtol=1e-6)
    for mine, theirs in zip(our_grads, real_grads):
        if theirs is not None:
            np.testing.assert_allclose(mine._array, theirs.numpy(), rtol=1e-5)
    # Known difference: without a bias PyTorch squeezes a 1-D result (SqueezeBackward4, ours
    # SqueezeBackward1) and makes a 3-D one from an mm (ours: one batched matmul node).
    if bias or len(shape) == 2:
        assert type(ours.grad_fn).__name__ == type(real.grad_fn).__name__
        assert _names(ours.grad_fn) == _names(real.grad_fn)
        inner_ours, inner_real = ours.grad_fn.next_functions[0][0], real.grad_fn.next_functions[0][0]
        assert _names(inner_ours) == _names(inner_real)


def test_small_mlp_prints_and_trains_like_pytorch(torch):
    ad.manual_seed(3)

    def build(m):
        return m.Sequential(m.Linear(3, 5), m.Tanh(), m.Linear(5, 2))

    mine, theirs = build(nn), build(torch.nn)
    with torch.no_grad():
        for a, t in zip(mine.parameters(), theirs.parameters()):
            t.copy_(torch.from_numpy(a._array.copy()))
    x = np.random.default_rng(4).standard_normal((4, 3)).astype(np.float32)
    y = np.random.default_rng(5).standard_normal((4, 2)).astype(np.float32)
    ours, real = mine(ad.tensor(x)), theirs(torch.tensor(x))
    assert str(ours) == str(real)  # includes grad_fn=<AddmmBackward0>
    assert _names(ours.grad_fn) == _names(real.grad_fn) == ["AccumulateGrad", "TanhBackward0", "TBackward0"]
    loss_ours = F.mse_loss(ours, ad.tensor(y))
    loss_real = torch.nn.functional.mse_loss(real, torch.tensor(y))
    assert loss_ours.item() == loss_real.item()
    loss_ours.backward()
    loss_real.backward()
    for (name, a), t in zip(mine.named_parameters(), theirs.parameters()):
        np.testing.assert_allclose(a.grad._array, t.grad.numpy(), rtol=1e-5, atol=1e-7, err_msg=name)


# -- inference_mode ------------------------------------------------------------------------------


def _inference_mode_run(lib):
    """What a learner observes about inference_mode, as a list of plain values."""
    x = lib.ones(2, requires_grad=True)
    seen = [lib.is_inference_mode_enabled()]
    with lib.inference_mode():
        y = x * 2
        seen += [lib.is_inference_mode_enabled(), lib.is_grad_enabled(), y.requires_grad, y.grad_fn is None,
                 str(y)]
        with lib.inference_mode(False):
            seen += [lib.is_inference_mode_enabled(), lib.is_grad_enabled()]
        seen += [lib.is_inference_mode_enabled()]
    with lib.no_grad():
        with lib.inference_mode(False):
            seen += [lib.is_grad_enabled()]

    @lib.inference_mode
    def bare():
        return (x * 2).requires_grad, lib.is_inference_mode_enabled()

    @lib.inference_mode()
    def called():
        """Doubles x."""
        return (x * 2).requires_grad

    seen += [bare(), called(), called.__name__, called.__doc__, lib.is_inference_mode_enabled(),
             lib.is_grad_enabled(), (x * 2).requires_grad]
    try:
        with lib.inference_mode():
            raise KeyError("inside")
    except KeyError:
        seen += [lib.is_inference_mode_enabled(), lib.is_grad_enabled()]
    return seen


def test_inference_mode_behaves_like_pytorch(torch):
    ours = _inference_mode_run(ad)
    assert ours == _inference_mode_run(torch)
    assert ours[:4] == [False, True, False, False]


# -- classification losses, activations, reductions -------------------------------------------------

_SCORES = np.array([[1.5, -0.3, 0.2, 2.0], [0.1, 0.4, -1.2, 0.0], [-0.7, 2.2, 0.9, 0.3]], dtype=np.float32)
_CLASSES = np.array([3, 0, 1], dtype=np.int64)

CASES = {
    "softmax": lambda L, x: L.softmax(x, dim=1),
    "Tensor.softmax": lambda L, x: x.softmax(0),
    "F.softmax": lambda L, x: L.nn.functional.softmax(x, dim=-1),
    "log_softmax": lambda L, x: x.log_softmax(dim=1),
    "nn.Softmax": lambda L, x: L.nn.Softmax(dim=1)(x),
    "nn.LogSoftmax": lambda L, x: L.nn.LogSoftmax(dim=1)(x),
    "cross_entropy": lambda L, x: L.nn.functional.cross_entropy(x, L.tensor(_CLASSES)),
    "CrossEntropyLoss sum": lambda L, x: L.nn.CrossEntropyLoss(reduction="sum")(x, L.tensor(_CLASSES)),
    "CrossEntropyLoss none": lambda L, x: L.nn.CrossEntropyLoss(reduction="none")(x, L.tensor(_CLASSES)),
    "cross_entropy ignore_index": lambda L, x: L.nn.functional.cross_entropy(
        x, L.tensor([3, -100, 1]), ignore_index=-100),
    "cross_entropy one example": lambda L, x: L.nn.functional.cross_entropy(x[0], L.tensor(2)),
    "NLLLoss": lambda L, x: L.nn.NLLLoss()(L.nn.functional.log_softmax(x, dim=1), L.tensor(_CLASSES)),
    "L1Loss": lambda L, x: L.nn.L1Loss()(x, L.ones(3, 4)),
    "l1_loss sum": lambda L, x: L.nn.functional.l1_loss(x, L.ones(3, 4), reduction="sum"),
    "BCEWithLogitsLoss": lambda L, x: L.nn.BCEWithLogitsLoss()(x, (x.detach() > 0.3).float()),
    "bce_with_logits none": lambda L, x: L.nn.functional.binary_cross_entropy_with_logits(
        x * 30, (x.detach() > 0).float(), reduction="none"),
    "MSELoss sum": lambda L, x: L.nn.MSELoss(reduction="sum")(x, L.ones(3, 4)),
    "MSELoss none": lambda L, x: L.nn.MSELoss(reduction="none")(x, L.ones(3, 4)),
    "mse_loss sum": lambda L, x: L.nn.functional.mse_loss(x, x.detach().flip(0), reduction="sum"),
    "BCELoss sum": lambda L, x: L.nn.BCELoss(reduction="sum")(L.sigmoid(x), (x.detach() > 0.3).float()),
    "BCELoss none": lambda L, x: L.nn.BCELoss(reduction="none")(L.sigmoid(x), (x.detach() > 0).float()),
    "binary_cross_entropy sum": lambda L, x: L.nn.functional.binary_cross_entropy(
        L.sigmoid(x), L.full((3, 4), 0.25), reduction="sum"),
    "leaky_relu": lambda L, x: L.nn.functional.leaky_relu(x),
    "nn.LeakyReLU": lambda L, x: L.nn.LeakyReLU(0.2)(x),
    "softplus": lambda L, x: L.nn.functional.softplus(x * 15, beta=2),
    "log1p": lambda L, x: L.log1p(x.abs()),
    "rsqrt": lambda L, x: (x.abs() + 0.1).rsqrt(),
    "floor": lambda L, x: (x * 2).floor(),
    "ceil": lambda L, x: L.ceil(x * 2),
    "round": lambda L, x: (x * 2).round(),
    "sign": lambda L, x: x.sign() * x,
    "torch.sign": lambda L, x: L.sign(x - 0.5),
    "maximum with ties": lambda L, x: L.maximum(x, L.tensor([0.2, 0.0, 0.9, 1.0])),
    "minimum with ties": lambda L, x: L.minimum(x, L.tensor([[1.5], [0.4], [0.0]])),
    "max of two tensors": lambda L, x: L.max(x, x.flip(1)),
    "min of two tensors": lambda L, x: L.min(x.flip(0), x),
    "Tensor.maximum": lambda L, x: x.maximum(L.zeros(3, 4)),
    "vector @ matrix": lambda L, x: x[0] @ x.t(),
    "torch.matmul vector matrix": lambda L, x: L.matmul(x[:, 1], x),
    "squeeze tuple": lambda L, x: x.reshape(3, 1, 4, 1).squeeze((1,)),
    "squeeze dim=tuple": lambda L, x: L.squeeze(x.reshape(1, 3, 1, 4), dim=(0, -2, 3)),
    "squeeze list": lambda L, x: x.unsqueeze(0).squeeze([0]),
    "flip": lambda L, x: x.flip(0, 1),
    "torch.flip": lambda L, x: L.flip(x, [1]),
    "norm": lambda L, x: x.norm(),
    "norm dim": lambda L, x: L.norm(x, dim=1, keepdim=True),
    "std": lambda L, x: x.std(),
    "std dim": lambda L, x: x.std(dim=1),
    "std unbiased=False": lambda L, x: x.std(0, unbiased=False, keepdim=True),
    "var": lambda L, x: L.var(x),
    "var correction=0": lambda L, x: x.var(dim=(0, 1), correction=0),
    "prod": lambda L, x: x.prod(),
    "prod dim": lambda L, x: L.prod(x, 1, keepdim=True),
    "prod with a zero": lambda L, x: (x * L.tensor([1.0, 0.0, 1.0, 1.0])).prod(dim=1),
    "chunk": lambda L, x: x.chunk(2, dim=1)[1],
    "split": lambda L, x: x.split(2)[1],
    "split sizes": lambda L, x: L.split(x, [1, 3], dim=1)[0],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_matches_pytorch_value_print_gradient_and_grad_fn(torch, name):
    results = []
    for lib in (ad, torch):
        x = lib.tensor(_SCORES, requires_grad=True)
        out = CASES[name](lib, x)
        (out * out).sum().backward()
        results.append((out, x.grad))
    (ours, our_grad), (real, real_grad) = results
    assert type(ours.grad_fn).__name__ == type(real.grad_fn).__name__
    assert _names(ours.grad_fn) == _names(real.grad_fn)
    np.testing.assert_allclose(ours._array, real.detach().numpy(), rtol=2e-6, atol=1e-7)
    np.testing.assert_allclose(our_grad._array, real_grad.numpy(), rtol=1e-5, atol=1e-6)
    assert ours.shape == tuple(real.shape) and ours.dtype.name == str(real.dtype).split(".")[1]


def test_cross_entropy_prints_like_pytorch(torch):
    ours = ad.nn.CrossEntropyLoss()(ad.tensor(_SCORES, requires_grad=True), ad.tensor(_CLASSES))
    real = torch.nn.CrossEntropyLoss()(torch.tensor(_SCORES, requires_grad=True), torch.tensor(_CLASSES))
    assert str(ours) == str(real)
    assert abs(ours.item() - real.item()) <= 1e-6


def test_split_pieces_cover_the_tensor_and_gradients_add_up():
    x = ad.arange(7.0, requires_grad=True)
    pieces = x.split(3)
    assert [p.tolist() for p in pieces] == [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0], [6.0]]
    assert [p.shape[0] for p in x.chunk(3)] == [3, 3, 1]
    sum(((i + 1) * p).sum() for i, p in enumerate(pieces)).backward()
    assert x.grad.tolist() == [1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 3.0]
    with pytest.raises(RuntimeError, match="sum exactly to 7"):
        x.split([3, 3])


def test_step_functions_have_zero_gradient_and_keep_integers():
    x = ad.tensor([-1.5, 0.5, 2.5, 1.2], requires_grad=True)
    assert x.round().tolist() == [-2.0, 0.0, 2.0, 1.0]  # halves go to the even neighbour
    (x.floor() + x.ceil() + x.round()).sum().backward()
    assert x.grad.tolist() == [0.0, 0.0, 0.0, 0.0]
    whole = ad.tensor([1, 2, 3])
    assert whole.floor().dtype is ad.int64 and whole.floor().tolist() == [1, 2, 3]


def test_sign_matches_pytorch_at_zero_nan_and_for_integers(torch):
    values = [-0.0, 0.0, float("nan"), -2.5, 3.0]
    ours, real = _pair(torch, np.array(values, dtype=np.float32))
    mine, theirs = ours.sign(), torch.sign(real)
    assert str(mine) == str(theirs)
    assert np.array_equal(np.signbit(mine._array), np.signbit(theirs.detach().numpy()))  # sign(-0.) is +0.
    mine.sum().backward()
    theirs.sum().backward()
    assert ours.grad.tolist() == real.grad.tolist() == [0.0] * 5
    for array in (np.array([3, -1, 0]), np.array([True, False])):
        assert str(ad.sign(ad.tensor(array))) == str(torch.sign(torch.tensor(array)))


def test_maximum_minimum_split_ties_pass_nan_and_reject_numbers(torch):
    a = np.array([1.0, 2.0, float("nan"), 4.0], dtype=np.float32)
    b = np.array([1.0, 0.0, 3.0, float("nan")], dtype=np.float32)
    for name in ("maximum", "minimum"):
        (ours_a, real_a), (ours_b, real_b) = _pair(torch, a), _pair(torch, b)
        mine, theirs = getattr(ad, name)(ours_a, ours_b), getattr(torch, name)(real_a, real_b)
        assert str(mine) == str(theirs)
        (mine * ad.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
        (theirs * torch.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
        assert ours_a.grad.tolist() == real_a.grad.tolist()
        assert ours_b.grad.tolist() == real_b.grad.tolist()
        mixed = getattr(ad, name)(ad.tensor([1, 5]), ad.tensor([2.5, 2.5]))  # int and float: float
        assert str(mixed) == str(getattr(torch, name)(torch.tensor([1, 5]), torch.tensor([2.5, 2.5])))
        with pytest.raises(TypeError, match="must be Tensor, not float"):
            getattr(ad, name)(ours_a, 2.0)
        with pytest.raises(RuntimeError, match="must match the size"):
            getattr(ad, name)(ours_a, ad.ones(3))


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_mse_and_bce_losses_match_pytorch_to_the_last_bit_in_float32(torch, reduction, pytorch_order):
    rng = np.random.default_rng(7)
    for shape in [(5,), (4, 3), (64,)]:
        x, y = (rng.standard_normal(shape).astype(np.float32) for _ in range(2))
        p = rng.uniform(0.05, 0.95, shape).astype(np.float32)
        labels = (rng.uniform(size=shape) > 0.5).astype(np.float32)
        for name, a, b in (("mse_loss", x, y), ("binary_cross_entropy", p, labels)):
            results = []
            for lib in (ad, torch):
                leaf = lib.tensor(a, requires_grad=True)
                loss = getattr(lib.nn.functional, name)(leaf, lib.tensor(b), reduction=reduction)
                loss.sum().backward()
                results.append((np.asarray(loss.tolist(), dtype=np.float32), leaf.grad.numpy()))
            (our_loss, our_grad), (real_loss, real_grad) = results
            np.testing.assert_array_equal(our_grad, real_grad)
            if name == "mse_loss" or reduction != "none":
                np.testing.assert_array_equal(our_loss, real_loss)
            else:  # each element's log is PyTorch's to within one unit in the last place
                np.testing.assert_allclose(our_loss, real_loss, rtol=2e-7)


def test_linear_without_bias_on_a_vector_and_squeeze_dims_errors(torch):
    layers = [lib.nn.Linear(4, 2, bias=False) for lib in (ad, torch)]
    with torch.no_grad():
        layers[1].weight.copy_(torch.from_numpy(layers[0].weight._array.copy()))
    ours, real = layers[0](ad.tensor(_SCORES[0])), layers[1](torch.tensor(_SCORES[0]))
    assert str(ours) == str(real)  # grad_fn=<SqueezeBackward4>
    assert _names(ours.grad_fn) == _names(real.grad_fn) == ["MmBackward0"]
    for lib in (ad, torch):
        x = lib.zeros(1, 3, 1)
        assert tuple(x.squeeze(()).shape) == (1, 3, 1) and tuple(x.squeeze((0, 1)).shape) == (3, 1)
        with pytest.raises(RuntimeError, match="dim 0 appears multiple times in the list of dims"):
            x.squeeze((0, -3))
        with pytest.raises(IndexError, match="Dimension out of range"):
            x.squeeze((5,))


def test_is_contiguous_and_contiguous(torch):
    for lib in (ad, torch):
        x = lib.ones(2, 3)
        assert x.is_contiguous() and x[1].is_contiguous() and x.reshape(3, 2).is_contiguous()
        assert not x.t().is_contiguous() and not x.permute(1, 0).is_contiguous()
        assert not x[:, 1:].is_contiguous() and not x.transpose(0, 1).is_contiguous()
        assert x.t().contiguous().is_contiguous() and x.contiguous() is x
    y = ad.ones(2, 3, requires_grad=True)
    assert type(y.t().contiguous().grad_fn).__name__ == "CloneBackward0"


def test_implicit_softmax_dim_warns_as_pytorch(torch):
    for lib in (ad, torch):
        with pytest.warns(UserWarning, match="Implicit dimension choice for softmax"):
            out = lib.nn.functional.softmax(lib.tensor(_SCORES))
        np.testing.assert_allclose(np.asarray(out.tolist()).sum(axis=1), 1.0, rtol=1e-6)


def test_module_reprs_match_pytorch(torch):
    for build in (lambda m: m.Softmax(dim=1), lambda m: m.LogSoftmax(dim=-1), lambda m: m.LeakyReLU(),
                  lambda m: m.LeakyReLU(0.2, inplace=True), lambda m: m.CrossEntropyLoss(),
                  lambda m: m.L1Loss(), lambda m: m.BCEWithLogitsLoss(), lambda m: m.NLLLoss(),
                  lambda m: m.Softplus(), lambda m: m.Softmax()):
        assert repr(build(nn)) == repr(build(torch.nn))


def test_classification_loss_errors_say_what_to_fix():
    scores = ad.tensor(_SCORES, requires_grad=True)
    with pytest.raises(RuntimeError, match="expected target dtype to be Long or Byte, but got Float"):
        F.nll_loss(scores, ad.tensor([1.0, 0.0, 1.0]))
    with pytest.raises(IndexError, match="Target 4 is out of bounds"):
        F.cross_entropy(scores, ad.tensor([4, 0, 1]))
    with pytest.raises(ValueError, match=r"Expected input batch_size \(3\) to match target batch_size \(2\)"):
        F.cross_entropy(scores, ad.tensor([1, 0]))
    with pytest.raises(ValueError, match="must be the same as input size"):
        F.binary_cross_entropy_with_logits(scores, ad.ones(3))
    with pytest.raises(NotImplementedError, match="nuc"):
        scores.norm(p="nuc")
    with pytest.raises(RuntimeError, match="floating point"):
        ad.tensor([1, 2, 3]).std()


@pytest.mark.parametrize("target", [[1.0, 0.0, 1.0], [[1.0, 0.0, 1.0]], [[0.5, 0.5]] * 2, [[0.2] * 3] * 3])
def test_cross_entropy_refuses_a_float_target_of_another_shape_as_pytorch(torch, target):
    # A float target of the scores' shape is probabilities; any other float target is a mistake.
    import torch.nn.functional as torch_F
    errors = []
    for lib, functional in ((ad, F), (torch, torch_F)):
        with pytest.raises((RuntimeError, ValueError)) as caught:
            functional.cross_entropy(lib.tensor(_SCORES, requires_grad=True), lib.tensor(target))
        errors.append((type(caught.value), str(caught.value).split(":")[0].rstrip(".")))
    assert errors[0] == errors[1]


def test_small_classifier_trains_like_pytorch(torch):
    ad.manual_seed(7)

    def build(m):
        return m.Sequential(m.Linear(4, 6), m.LeakyReLU(), m.Linear(6, 3))

    mine, theirs = build(nn), build(torch.nn)
    with torch.no_grad():
        for a, t in zip(mine.parameters(), theirs.parameters()):
            t.copy_(torch.from_numpy(a._array.copy()))
    x = np.random.default_rng(8).standard_normal((5, 4)).astype(np.float32)
    y = np.array([0, 2, 1, 1, 0])
    our_opt = ad.optim.SGD(mine.parameters(), lr=0.1)
    real_opt = torch.optim.SGD(theirs.parameters(), lr=0.1)
    for _ in range(3):
        ours = nn.CrossEntropyLoss()(mine(ad.tensor(x)), ad.tensor(y))
        real = torch.nn.CrossEntropyLoss()(theirs(torch.tensor(x)), torch.tensor(y))
        assert ours.item() == pytest.approx(real.item(), rel=1e-6)
        for opt, loss in ((our_opt, ours), (real_opt, real)):
            opt.zero_grad()
            loss.backward()
            opt.step()
    for a, t in zip(mine.parameters(), theirs.parameters()):
        np.testing.assert_allclose(a._array, t.detach().numpy(), rtol=1e-5, atol=1e-6)


def test_prod_second_derivative_with_zeros_matches_pytorch(torch):
    values = np.array([[1.5, 0.0, 2.0], [0.0, 0.0, 3.0], [1.0, 2.0, -1.0]])
    results = []
    for lib in (ad, torch):
        x = lib.tensor(values, requires_grad=True)
        (first,) = lib.autograd.grad(x.prod(1).sum(), x, create_graph=True)
        (second,) = lib.autograd.grad((first * first).sum(), x)
        results.append((np.asarray(first.tolist()), np.asarray(second.tolist())))
    for ours, real in zip(*results):
        np.testing.assert_allclose(ours, real)


# -- repeat ---------------------------------------------------------------------------------


@pytest.mark.parametrize("shape, sizes", [((3,), (2, 2)), ((2, 3), (2, 1)), ((2, 1), (1, 2, 3)),
                                          ((), (3,)), ((2,), (0, 2))])
def test_repeat_matches_pytorch(torch, shape, sizes):
    array = np.arange(int(np.prod(shape)), dtype=np.float32).reshape(shape) + 1
    ours, real = _pair(torch, array)
    out_ours, out_real = ours.repeat(*sizes), real.repeat(*sizes)
    assert str(out_ours) == str(out_real)
    assert type(out_ours.grad_fn).__name__ == type(out_real.grad_fn).__name__ == "RepeatBackward0"
    weights = np.arange(out_real.numel(), dtype=np.float32).reshape(tuple(out_real.shape))
    (out_ours * ad.tensor(weights)).sum().backward()
    (out_real * torch.tensor(weights)).sum().backward()
    np.testing.assert_array_equal(ours.grad._array, real.grad.numpy())


def test_repeat_with_fewer_sizes_than_dims_fails_as_pytorch(torch):
    with pytest.raises(RuntimeError, match="can not be smaller than number of dimensions") as ours:
        ad.ones(2, 3).repeat(2)
    with pytest.raises(RuntimeError) as real:
        torch.ones(2, 3).repeat(2)
    assert str(real.value) in str(ours.value)


# -- cumsum ---------------------------------------------------------------------------------


@pytest.mark.parametrize("shape, dim", [((4,), 0), ((2, 3), 1), ((2, 3), 0), ((2, 3, 2), -2), ((), 0)])
def test_cumsum_matches_pytorch(torch, shape, dim):
    array = np.random.default_rng(1).standard_normal(shape).astype(np.float32)
    ours, real = _pair(torch, array)
    out_ours, out_real = ours.cumsum(dim), torch.cumsum(real, dim)
    assert str(out_ours) == str(out_real)
    assert str(ad.cumsum(ours, dim)) == str(out_real)
    assert type(out_ours.grad_fn).__name__ == type(out_real.grad_fn).__name__ == "CumsumBackward0"
    weights = np.arange(array.size, dtype=np.float32).reshape(shape)
    (out_ours * ad.tensor(weights)).sum().backward()
    (out_real * torch.tensor(weights)).sum().backward()
    np.testing.assert_allclose(ours.grad._array, real.grad.numpy(), rtol=1e-6)


def test_cumsum_of_integers_and_bools_is_int64_as_pytorch(torch):
    for values in ([1, 2, 3], [True, False, True]):
        assert str(ad.tensor(values).cumsum(0)) == str(torch.tensor(values).cumsum(0))
    with pytest.raises(IndexError, match="Dimension out of range"):
        ad.ones(2, 3).cumsum(2)


# -- logsumexp ------------------------------------------------------------------------------


@pytest.mark.parametrize("shape, dim, keepdim", [((4,), 0, False), ((2, 3), 1, True), ((2, 3), -2, False),
                                                 ((2, 3, 2), (0, 2), False), ((), 0, False)])
def test_logsumexp_matches_pytorch(torch, shape, dim, keepdim):
    array = np.random.default_rng(2).standard_normal(shape).astype(np.float32) * 3
    ours, real = _pair(torch, array)
    out_ours, out_real = ours.logsumexp(dim, keepdim=keepdim), torch.logsumexp(real, dim, keepdim=keepdim)
    assert str(out_ours) == str(out_real)
    assert str(ad.logsumexp(ours, dim, keepdim=keepdim)) == str(out_real)
    assert type(out_ours.grad_fn).__name__ == type(out_real.grad_fn).__name__ == "LogsumexpBackward0"
    weights = np.arange(1, out_real.numel() + 1, dtype=np.float32).reshape(tuple(out_real.shape))
    (out_ours * ad.tensor(weights)).sum().backward()
    (out_real * torch.tensor(weights)).sum().backward()
    np.testing.assert_allclose(ours.grad._array, real.grad.numpy(), rtol=1e-5, atol=1e-7)


def test_logsumexp_does_not_overflow_and_handles_infinities_as_pytorch(torch):
    inf = float("inf")
    for values in ([1000.0, 1000.0], [-1000.0, -999.0], [inf, 1.0], [-inf, -inf], [-inf, 2.0], [1, 2]):
        assert str(ad.tensor(values).logsumexp(0)) == str(torch.tensor(values).logsumexp(0)), values
    big, real_big = _pair(torch, np.array([1000.0, 1000.0], dtype=np.float32))
    big.logsumexp(0).backward()
    real_big.logsumexp(0).backward()
    np.testing.assert_array_equal(big.grad._array, real_big.grad.numpy())  # 0.5 each, not nan


# -- sort and topk --------------------------------------------------------------------------


@pytest.mark.parametrize("dim, descending", [(-1, False), (-1, True), (0, False), (0, True)])
def test_sort_matches_pytorch_with_ties(torch, dim, descending):
    # Up to 16 elements PyTorch's default sort keeps equal values in order, as ours always does.
    array = np.array([[3.0, 1.0, 3.0, 2.0, 1.0], [0.5, 0.5, -1.0, 0.5, 2.0], [3.0, 1.0, 2.0, 2.0, 1.0]],
                     dtype=np.float32)
    ours, real = _pair(torch, array)
    out_ours, out_real = ours.sort(dim, descending), torch.sort(real, dim, descending)
    assert repr(out_ours) == repr(out_real)
    assert repr(ad.sort(ours, dim=dim, descending=descending)) == repr(out_real)
    assert type(out_ours.values.grad_fn).__name__ == "SortBackward0"
    weights = np.arange(array.size, dtype=np.float32).reshape(array.shape)
    (out_ours.values * ad.tensor(weights)).sum().backward()
    (out_real.values * torch.tensor(weights)).sum().backward()
    np.testing.assert_array_equal(ours.grad._array, real.grad.numpy())


def test_long_sort_is_stable_like_pytorchs_stable_sort(torch):
    array = np.random.default_rng(3).integers(0, 4, size=(2, 40)).astype(np.float32)
    for descending in (False, True):
        ours = ad.tensor(array).sort(descending=descending)
        real = torch.tensor(array).sort(descending=descending, stable=True)
        assert repr(ours) == repr(real)


def test_sort_nan_integers_and_scalars_as_pytorch(torch):
    for values in ([2.0, float("nan"), 1.0], [3, 1, 2], 3.0):
        for descending in (False, True):
            assert repr(ad.tensor(values).sort(descending=descending)) == repr(
                torch.tensor(values).sort(descending=descending)), (values, descending)


@pytest.mark.parametrize("k, dim, largest", [(2, -1, True), (3, -1, False), (1, 0, True), (0, 1, True),
                                             (5, 1, True)])
def test_topk_matches_pytorch(torch, k, dim, largest):
    array = np.random.default_rng(4).permutation(10).reshape(2, 5).astype(np.float32) - 4
    ours, real = _pair(torch, array)
    out_ours, out_real = ours.topk(k, dim, largest), torch.topk(real, k, dim, largest)
    assert repr(out_ours) == repr(out_real)
    assert repr(ad.topk(ours, k, dim=dim, largest=largest)) == repr(out_real)
    assert type(out_ours.values.grad_fn).__name__ == type(out_real.values.grad_fn).__name__ == "TopkBackward0"
    weights = np.arange(1, out_real.values.numel() + 1, dtype=np.float32).reshape(tuple(out_real.values.shape))
    (out_ours.values * ad.tensor(weights)).sum().backward()
    (out_real.values * torch.tensor(weights)).sum().backward()
    np.testing.assert_array_equal(ours.grad._array, real.grad.numpy())


def test_topk_small_ties_nan_and_bad_k_as_pytorch(torch):
    for values, k, largest in [([3.0, 1.0, 3.0, 2.0, 1.0], 2, True), ([3.0, 1.0, 3.0, 2.0, 1.0], 3, False),
                               ([2.0, float("nan"), 1.0], 2, True), (3.0, 1, True)]:
        assert repr(ad.tensor(values).topk(k, largest=largest)) == repr(
            torch.tensor(values).topk(k, largest=largest)), values
    with pytest.raises(RuntimeError, match="selected index k out of range"):
        ad.tensor([1.0, 2.0]).topk(3)
    with pytest.raises(RuntimeError, match="selected index k out of range"):
        torch.tensor([1.0, 2.0]).topk(3)


def test_constants_are_pytorchs(torch):
    import math

    for name in ("pi", "e", "inf"):
        assert getattr(ad, name) == getattr(torch, name)
        assert type(getattr(ad, name)) is type(getattr(torch, name)) is float
    assert math.isnan(ad.nan) and type(ad.nan) is float
    assert str(ad.tensor([ad.pi, ad.e, -ad.inf, ad.nan])) == str(torch.tensor([torch.pi, torch.e, -torch.inf,
                                                                                torch.nan]))
