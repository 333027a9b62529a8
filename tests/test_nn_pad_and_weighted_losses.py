"""F.pad in every mode, losses with class or element weights (nll_loss, cross_entropy, BCE,
BCEWithLogits pos_weight) and losses over positions ((N, C, d1, ...) scores), against PyTorch:
values, gradients, grad_fn names along the graph, printing, and the exception classes."""
import warnings

import numpy as np
import pytest

import autodidact as ad
import autodidact.nn as nn
import autodidact.nn.functional as F


def _pair(torch, make, *arrays, requires_grad=True):
    """``make(lib, *tensors)`` for autodidact and PyTorch on the same float64 arrays, after backward
    with the same upstream gradient: (ours, theirs, our leaves, their leaves)."""
    results = []
    for lib in (ad, torch):
        leaves = [lib.tensor(np.array(a), requires_grad=requires_grad) for a in arrays]
        out = make(lib, *leaves)
        if requires_grad and out.requires_grad:
            upstream = np.linspace(-1.0, 1.5, out.numel()).reshape(tuple(out.shape))
            out.backward(lib.tensor(upstream, dtype=out.dtype))
        results.append((out, leaves))
    (ours, our_leaves), (theirs, their_leaves) = results
    return ours, theirs, our_leaves, their_leaves


def _same(torch, make, *arrays, requires_grad=True, same_grad_fn=True):
    ours, theirs, our_leaves, their_leaves = _pair(torch, make, *arrays, requires_grad=requires_grad)
    if same_grad_fn:
        assert type(ours.grad_fn).__name__ == type(theirs.grad_fn).__name__
    assert tuple(ours.shape) == tuple(theirs.shape) and str(ours.dtype) == str(theirs.dtype)
    np.testing.assert_allclose(ours.detach().numpy(), theirs.detach().numpy(), rtol=1e-12, atol=1e-12)
    for mine, reference in zip(our_leaves, their_leaves):
        if reference.grad is not None:
            np.testing.assert_allclose(mine.grad.numpy(), reference.grad.numpy(), rtol=1e-12, atol=1e-12)
    return ours, theirs


def _names(grad_fn, depth=3):
    """The grad_fn names along the first input of each node, ``depth`` deep."""
    names = []
    while grad_fn is not None and len(names) < depth:
        names.append(type(grad_fn).__name__)
        following = [f for f, _ in grad_fn.next_functions if f is not None]
        grad_fn = following[0] if following else None
    return names


def _same_error(torch, call):
    with pytest.raises(Exception) as theirs:
        call(torch)
    with pytest.raises(Exception) as ours:
        call(ad)
    assert type(ours.value) is type(theirs.value), (ours.value, theirs.value)
    return ours.value, theirs.value


# ---------------------------------------------------------------------------------------------
# F.pad

X = np.linspace(-1.0, 2.0, 2 * 3 * 4).reshape(2, 3, 4)
CUBE = np.linspace(-1.0, 2.0, 2 * 3 * 3 * 4).reshape(1, 2, 3, 3, 4)


@pytest.mark.parametrize("mode", ["constant", "reflect", "replicate", "circular"])
@pytest.mark.parametrize("array, pad", [
    (X[0], (2, 1)), (X, (1, 3)), (X, (0, 0)), (X, (-1, 2)), (X, (1, -2)),
    (X, (1, 2, 2, 0)), (X[None], (3, 1, 1, -1)), (CUBE[0], (1, 1, 2, 1, 1, 0)), (CUBE, (2, 0, -1, 2, 1, 1)),
])
def test_pad_values_gradients_and_grad_fn_match_pytorch(torch, mode, array, pad):
    # Circular padding by (0, 0) copies the whole input into the whole result: PyTorch names that
    # copy through a full slice CopySlices, the engine CopyBackwards (a known naming difference of
    # writes through views covering everything; values and gradients are the same).
    covers_everything = mode == "circular" and not any(pad)
    ours, theirs = _same(torch, lambda lib, x: lib.nn.functional.pad(x, pad, mode=mode), array,
                         same_grad_fn=not covers_everything)
    assert repr(ours.detach()) == repr(theirs.detach())


@pytest.mark.parametrize("pad, value", [((1, 1), 0.0), ((2, 0, 1, 1), -1.5), ((1, -1, 0, 2, 1, 0), 3.0), ((), 0.0)])
def test_constant_pad_of_any_dims_prints_as_pytorch(torch, pad, value):
    ours, theirs = _same(torch, lambda lib, x: lib.nn.functional.pad(x, pad, value=value), X)
    assert repr(ours.detach()) == repr(theirs.detach())
    assert ours.grad_fn.name() == theirs.grad_fn.name() == "ConstantPadNdBackward0"


def test_pad_of_integers_and_bools_as_pytorch(torch):
    for make in (lambda t: t.nn.functional.pad(t.arange(6).reshape(2, 3), (1, 2), value=7),
                 lambda t: t.nn.functional.pad(t.arange(6).reshape(2, 3), (1, 2), mode="reflect"),
                 lambda t: t.nn.functional.pad(t.arange(6).reshape(1, 2, 3), (1, 1, 1, 0), mode="replicate"),
                 lambda t: t.nn.functional.pad(t.arange(6).reshape(1, 2, 3), (2, 1), mode="circular"),
                 lambda t: t.nn.functional.pad(t.tensor([True, False]), (1, 1)),
                 lambda t: t.nn.functional.pad(t.ones(2, 2), [1, 0], "constant", 0.5)):
        assert repr(make(ad)) == repr(make(torch))


def test_circular_pad_is_built_from_copies_as_in_pytorch(torch):
    ours, theirs = _same(torch, lambda lib, x: lib.nn.functional.pad(x, (2, 1, 1, 1), mode="circular"), X[None])
    assert _names(ours.grad_fn) == _names(theirs.grad_fn)


@pytest.mark.parametrize("mode", ["reflect", "replicate"])
def test_pad_gradient_of_gradient_matches_pytorch(torch, mode):
    results = []
    for lib in (ad, torch):
        x = lib.tensor(X, requires_grad=True)
        (g,) = lib.autograd.grad((lib.nn.functional.pad(x, (2, 1), mode=mode) ** 3).sum(), x, create_graph=True)
        (gg,) = lib.autograd.grad((g * g).sum(), x)
        results.append(gg.numpy())
    np.testing.assert_allclose(results[0], results[1], rtol=1e-12)


@pytest.mark.parametrize("call", [
    lambda t: t.nn.functional.pad(t.ones(2, 4), (1, 1, 1)),  # odd length
    lambda t: t.nn.functional.pad(t.ones(2, 4), (1,) * 6),  # more dims than the input has
    lambda t: t.nn.functional.pad(t.ones(2, 4), (1, 1), mode="wrap"),
    lambda t: t.nn.functional.pad(t.ones(2, 4), (1, 1), mode="reflect", value=2.0),
    lambda t: t.nn.functional.pad(t.ones(4), (1, 1), mode="reflect"),  # 1-D: not for these modes
    lambda t: t.nn.functional.pad(t.ones(1, 2, 4), (1, 1, 1, 1, 1, 1), mode="replicate"),
    lambda t: t.nn.functional.pad(t.ones(2, 4), (4, 0), mode="reflect"),  # not smaller than the dim
    lambda t: t.nn.functional.pad(t.ones(1, 3, 3), (0, 1, 3, 0), mode="reflect"),
    lambda t: t.nn.functional.pad(t.ones(2, 4), (-3, -1), mode="replicate"),  # nothing left
    lambda t: t.nn.functional.pad(t.ones(2, 4), (5, 0), mode="circular"),  # wraps around twice
    lambda t: t.nn.functional.pad(t.ones(2, 0), (1, 1), mode="reflect"),
    lambda t: t.nn.functional.pad(t.ones(2, 4), (-5, 0)),
    lambda t: t.nn.functional.pad(t.ones(2, 4), (1.5, 1)),
    lambda t: t.nn.functional.pad(t.ones(2, 4), 1),
])
def test_pad_refuses_what_pytorch_refuses(torch, call):
    _same_error(torch, call)


# ---------------------------------------------------------------------------------------------
# Binary cross-entropy with weights

LOGITS = np.array([[1.5, -0.3], [0.2, 2.0], [-1.0, 0.7]])
LABELS01 = np.array([[1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("weight, pos_weight", [(None, [2.0, 0.5]), ([[1.0], [0.5], [2.0]], None),
                                                ([0.3, 3.0], [3.0, 1.0]), (None, [[2.0]])])
def test_bce_with_logits_weights_match_pytorch(torch, reduction, weight, pos_weight):
    def loss(lib, x, y):
        return lib.nn.functional.binary_cross_entropy_with_logits(
            x, y, weight=None if weight is None else lib.tensor(weight, dtype=lib.float64),
            pos_weight=None if pos_weight is None else lib.tensor(pos_weight, dtype=lib.float64), reduction=reduction)
    _same(torch, loss, LOGITS, LABELS01)  # the target gets its gradient too


@pytest.mark.parametrize("weight", [[2.0, 0.5], [[1.0], [0.5], [2.0]], 3.0])
def test_bce_weight_matches_pytorch(torch, weight):
    def loss(lib, p, y):
        return lib.nn.functional.binary_cross_entropy(p, y, weight=lib.tensor(weight, dtype=lib.float64))
    _same(torch, loss, 1 / (1 + np.exp(-LOGITS)), LABELS01)


def test_bce_modules_keep_their_weights_as_buffers_and_print_as_pytorch(torch):
    for lib in (ad, torch):
        criterion = lib.nn.BCEWithLogitsLoss(pos_weight=lib.tensor([2.0]))
        assert list(criterion.state_dict()) == ["pos_weight"]
        assert [name for name, _ in criterion.named_buffers()] == ["pos_weight"]
    logits, labels = LOGITS.astype(np.float32), LABELS01.astype(np.float32)
    results = [repr(lib.nn.BCEWithLogitsLoss(pos_weight=lib.tensor([2.0, 1.0]))(lib.tensor(logits, requires_grad=True),
                                                                               lib.tensor(labels)))
               for lib in (ad, torch)]
    assert results[0] == results[1]
    results = [repr(lib.nn.BCELoss(weight=lib.tensor([0.5, 2.0]))(lib.tensor(labels * 0.8 + 0.1), lib.tensor(labels)))
               for lib in (ad, torch)]
    assert results[0] == results[1]


@pytest.mark.parametrize("call", [
    lambda t: t.nn.functional.binary_cross_entropy_with_logits(
        t.zeros(3, 2), t.zeros(3, 2), pos_weight=t.ones(2, requires_grad=True)),
    lambda t: t.nn.functional.binary_cross_entropy(t.zeros(3, 2), t.zeros(3, 2), weight=t.ones(2, requires_grad=True)),
    lambda t: t.nn.functional.binary_cross_entropy_with_logits(t.zeros(3, 2), t.zeros(3, 2), pos_weight=t.ones(3)),
    lambda t: t.nn.functional.binary_cross_entropy_with_logits(t.zeros(3, 2), t.zeros(3, 2), weight=t.ones(3)),
    lambda t: t.nn.functional.binary_cross_entropy(t.zeros(3, 2), t.zeros(3, 2), weight=t.ones(3, 1, 2)),
    lambda t: t.nn.functional.binary_cross_entropy_with_logits(t.zeros(3, 2), t.zeros(3, 2), pos_weight=[2.0, 1.0]),
])
def test_bce_weights_refused_as_pytorch_refuses_them(torch, call):
    _same_error(torch, call)


# ---------------------------------------------------------------------------------------------
# nll_loss and cross_entropy: class weights, ignore_index, label smoothing, (N, C, d1, ...) scores

SCORES = np.array([[1.0, 2.0, 0.5], [0.1, 0.2, 3.0], [0.3, -1.0, 0.0], [2.0, 0.0, -0.5]])
CLASSES = [1, 2, -100, 0]
WEIGHT = [1.0, 2.0, 0.5]
SEQUENCE = np.linspace(-1.0, 1.3, 2 * 3 * 4).reshape(2, 3, 4)
SEQUENCE_CLASSES = [[0, 1, 2, 1], [2, -100, 0, 0]]


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("smoothing", [0.0, 0.2])
@pytest.mark.parametrize("weight", [None, WEIGHT])
@pytest.mark.parametrize("scores, classes", [(SCORES, CLASSES), (SCORES[0], 2), (SEQUENCE, SEQUENCE_CLASSES),
                                             (SEQUENCE[..., None], np.array(SEQUENCE_CLASSES)[..., None]),
                                             (SEQUENCE[:, :, None, :, None], np.array(SEQUENCE_CLASSES)[:, None, :, None])])
def test_cross_entropy_with_class_targets_matches_pytorch(torch, reduction, smoothing, weight, scores, classes):
    def loss(lib, x):
        return lib.nn.functional.cross_entropy(x, lib.tensor(classes), reduction=reduction, label_smoothing=smoothing,
                                               weight=None if weight is None else lib.tensor(weight, dtype=lib.float64))
    ours, theirs = _same(torch, loss, scores)
    assert _names(ours.grad_fn, 4) == _names(theirs.grad_fn, 4)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("weight", [None, WEIGHT])
@pytest.mark.parametrize("scores, classes", [(SCORES, CLASSES), (SCORES[1], 0), (SEQUENCE, SEQUENCE_CLASSES),
                                             (SEQUENCE[..., None], np.array(SEQUENCE_CLASSES)[..., None]),
                                             (SEQUENCE.transpose(0, 2, 1)[:, :3].transpose(0, 2, 1),
                                              np.array(SEQUENCE_CLASSES)[:, :3])])
def test_nll_loss_with_weights_and_positions_matches_pytorch(torch, reduction, weight, scores, classes):
    def loss(lib, x):
        return lib.nn.functional.nll_loss(x, lib.tensor(classes), reduction=reduction,
                                          weight=None if weight is None else lib.tensor(weight, dtype=lib.float64))
    ours, theirs = _same(torch, loss, scores)
    assert _names(ours.grad_fn, 4) == _names(theirs.grad_fn, 4)


def test_nll_loss_of_a_transposed_batch_copies_it_first_as_pytorch(torch):
    ours, theirs = _same(torch, lambda lib, x: lib.nn.functional.nll_loss(
        x.transpose(1, 2), lib.tensor([[0, 1, 2], [2, 2, 0]])), SEQUENCE[:, :3, :3].transpose(0, 2, 1).copy())
    assert _names(ours.grad_fn, 4) == _names(theirs.grad_fn, 4)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("weight", [None, WEIGHT])
@pytest.mark.parametrize("smoothing", [0.0, 0.3])
def test_cross_entropy_with_probability_targets_over_positions_matches_pytorch(torch, reduction, weight, smoothing):
    target = np.exp(SEQUENCE[::-1]) / np.exp(SEQUENCE[::-1]).sum(1, keepdims=True)

    def loss(lib, x):
        return lib.nn.functional.cross_entropy(x, lib.tensor(target), reduction=reduction, label_smoothing=smoothing,
                                               weight=None if weight is None else lib.tensor(weight, dtype=lib.float64))
    ours, theirs = _same(torch, loss, SEQUENCE)
    assert _names(ours.grad_fn, 4) == _names(theirs.grad_fn, 4)


def test_weighted_mean_divides_by_the_summed_weights_as_pytorch(torch):
    # 2·(-log p) at the class-1 target and 0.5·(-log p) at the class-2 one, divided by 2 + 0.5.
    for lib in (ad, torch):
        logp = lib.tensor([[-1.0, -2.0, -3.0], [-0.5, -1.5, -2.5]])
        loss = lib.nn.NLLLoss(weight=lib.tensor([1.0, 2.0, 0.5]))(logp, lib.tensor([1, 2]))
        assert abs(loss.item() - (2 * 2.0 + 0.5 * 2.5) / 2.5) < 1e-6
        everything_ignored = lib.nn.functional.nll_loss(logp, lib.tensor([-100, -100]), weight=lib.ones(3))
        assert np.isnan(everything_ignored.item())


def test_loss_modules_keep_class_weights_as_buffers(torch):
    for lib in (ad, torch):
        criterion = lib.nn.CrossEntropyLoss(weight=lib.tensor([1.0, 2.0, 0.5]), ignore_index=1)
        assert repr(criterion) == "CrossEntropyLoss()"
        assert list(criterion.state_dict()) == ["weight"]
        assert list(lib.nn.NLLLoss().state_dict()) == []
        assert criterion.double().weight.dtype == lib.float64


@pytest.mark.parametrize("call", [
    lambda t: t.nn.functional.nll_loss(t.tensor(1.0), t.tensor(0)),
    lambda t: t.nn.functional.nll_loss(t.zeros(2, 5), t.tensor([0, 1, 2])),
    lambda t: t.nn.functional.nll_loss(t.zeros(2, 5), t.tensor([[0, 1], [1, 1]])),
    lambda t: t.nn.functional.nll_loss(t.zeros(2, 5), t.tensor([0.0, 1.0])),
    lambda t: t.nn.functional.nll_loss(t.zeros(2, 5), t.tensor([0, 1], dtype=t.int32)),
    lambda t: t.nn.functional.nll_loss(t.zeros(2, 5, 3), t.tensor([0, 1])),
    lambda t: t.nn.functional.nll_loss(t.zeros(2, 5, 3), t.zeros(2, 4, dtype=t.long)),
    lambda t: t.nn.functional.nll_loss(t.zeros(2, 5, 3, 4), t.zeros(2, 3, dtype=t.long)),
    lambda t: t.nn.functional.nll_loss(t.zeros(2, 5, 3, 4), t.zeros(2, 3, 5, dtype=t.long)),
    lambda t: t.nn.functional.nll_loss(t.zeros(2, 5, 3, 4), t.full((2, 3, 4), 7)),
    lambda t: t.nn.functional.nll_loss(t.zeros(2, 5, 3), t.full((2, 3), 5)),
    lambda t: t.nn.functional.nll_loss(t.zeros(2, 5), t.tensor([0, 1]), weight=t.ones(5, dtype=t.float64)),
    lambda t: t.nn.functional.nll_loss(t.zeros(2, 5), t.tensor([0, 1]), weight=t.ones(4)),
    lambda t: t.nn.functional.nll_loss(t.zeros(2, 5), t.tensor([0, 1]), weight=t.ones(5, requires_grad=True)),
    lambda t: t.nn.functional.cross_entropy(t.zeros(2, 5, 3), t.rand(2, 5, 3), ignore_index=3),
    lambda t: t.nn.functional.cross_entropy(t.zeros(2, 5, 3), t.ones(2, 5, 3, dtype=t.long)),
    lambda t: t.nn.functional.cross_entropy(t.zeros(2, 5), t.rand(2, 5), weight=t.ones(4)),
    lambda t: t.nn.functional.cross_entropy(t.zeros(2, 5), t.rand(2, 4)),
    lambda t: t.nn.functional.cross_entropy(t.zeros(2, 5), t.tensor([0, 1]), label_smoothing=1.5),
    lambda t: t.nn.functional.cross_entropy(t.zeros(2, 5), t.tensor([0, 1]), weight=t.ones(4), label_smoothing=0.1),
])
def test_class_losses_refuse_what_pytorch_refuses(torch, call):
    _same_error(torch, call)


def test_deprecated_size_average_and_reduce_as_pytorch(torch):
    for kwargs in ({"size_average": False}, {"reduce": False}, {"size_average": True, "reduce": True}):
        results = []
        for lib in (ad, torch):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                loss = lib.nn.functional.nll_loss(lib.tensor(SCORES), lib.tensor([1, 2, 0, 0]), **kwargs)
            results.append((repr(loss), [str(w.message) for w in caught]))
        assert results[0] == results[1]
    with pytest.warns(UserWarning, match="reduction='sum'"):
        criterion = nn.CrossEntropyLoss(size_average=False)
    assert criterion.reduction == "sum"


def test_cross_entropy_tutorial_shapes_print_as_pytorch(torch):
    def run(lib):
        seq = lib.arange(2 * 3 * 4, dtype=lib.float32).reshape(2, 3, 4) % 5 / 5
        targets = lib.tensor([[0, 1, 2, 1], [2, 2, 0, 0]])
        flat = lib.nn.functional.cross_entropy(seq.transpose(1, 2).reshape(-1, 3), targets.reshape(-1))
        per_position = lib.nn.functional.cross_entropy(seq.requires_grad_(), targets, reduction="none")
        return repr(flat), repr(per_position), repr(lib.nn.functional.cross_entropy(seq, targets,
                                                                                    weight=lib.tensor([1.0, 2.0, 0.5])))
    assert run(ad) == run(torch)
