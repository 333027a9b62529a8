"""FloatTensor & co., result_type/promote_types, and cross-entropy with probability targets and
label smoothing, against PyTorch (values, gradients by finite differences, exceptions)."""
import numpy as np
import pytest

import autodidact as ad
import autodidact.nn as nn
import autodidact.nn.functional as F
from autodidact.autograd import gradcheck


@pytest.mark.parametrize("make", [
    lambda t: t.FloatTensor([1, 2]), lambda t: t.LongTensor([1.7, -2.2]), lambda t: t.DoubleTensor([[1], [2]]),
    lambda t: t.IntTensor([3]), lambda t: t.BoolTensor([1, 0]), lambda t: t.FloatTensor(), lambda t: t.LongTensor(2, 3).shape,
    lambda t: t.ones(2).type(t.LongTensor), lambda t: t.ones(1).type("torch.DoubleTensor"), lambda t: t.ones(2).type(),
    lambda t: (isinstance(t.ones(1), t.FloatTensor), isinstance(t.ones(1), t.LongTensor),
               isinstance(t.tensor([1]), t.LongTensor)),
    lambda t: t.FloatTensor, lambda t: t.FloatTensor([1.0]).requires_grad,
    lambda t: t.result_type(t.tensor([1, 2]), 1.0), lambda t: t.result_type(2, 3.0),
    lambda t: t.result_type(t.tensor(1.0, dtype=t.float64), t.tensor([1], dtype=t.int32)),
    lambda t: t.result_type(t.tensor([1], dtype=t.int32), 5), lambda t: t.result_type(t.tensor([True]), t.tensor(2)),
    lambda t: t.promote_types(t.int64, t.float32), lambda t: t.promote_types(t.bool, t.int32),
])
def test_legacy_types_and_promotion_as_pytorch(torch, make):
    assert repr(make(ad)) == repr(make(torch))


def test_legacy_constructor_mistakes(torch):
    for t in (ad, torch):
        with pytest.raises(TypeError):
            t.FloatTensor([1.0], requires_grad=True)
        with pytest.raises(ValueError):
            t.ones(1).type("torch.NoSuchTensor")


LOGITS = [[1.0, 2.0, 0.5], [0.1, -1.0, 2.0], [0.3, 0.3, -0.4]]
PROBABILITIES = [[0.2, 0.7, 0.1], [0.0, 0.5, 0.5], [1.0, 0.0, 0.0]]
LABELS = [1, 2, 0]


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("smoothing", [0.0, 0.1, 0.35])
@pytest.mark.parametrize("kind", ["probabilities", "classes", "ignored", "one_row"])
def test_cross_entropy_matches_pytorch_values_and_gradients(torch, reduction, smoothing, kind):
    def run(t):
        x = t.tensor(LOGITS, requires_grad=True)
        target = {"probabilities": t.tensor(PROBABILITIES), "classes": t.tensor(LABELS),
                  "ignored": t.tensor([1, -100, 0]), "one_row": t.tensor(PROBABILITIES[0])}[kind]
        scores = x[0] if kind == "one_row" else x
        loss = t.nn.functional.cross_entropy(scores, target, reduction=reduction, label_smoothing=smoothing)
        loss.sum().backward()
        return loss, x.grad

    (loss, grad), (their_loss, their_grad) = run(ad), run(torch)
    assert loss.shape == their_loss.shape
    np.testing.assert_allclose(loss.detach().numpy(), their_loss.detach().numpy(), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(grad.numpy(), their_grad.numpy(), rtol=1e-5, atol=1e-7)
    assert type(loss.grad_fn).__name__ == type(their_loss.grad_fn).__name__


@pytest.mark.parametrize("smoothing", [0.0, 0.2])
def test_cross_entropy_gradients_by_finite_differences(smoothing):
    target_probabilities = ad.tensor(PROBABILITIES, dtype=ad.float64)
    x = ad.tensor(LOGITS, dtype=ad.float64, requires_grad=True)
    assert gradcheck(lambda s: F.cross_entropy(s, target_probabilities, label_smoothing=smoothing), x)
    assert gradcheck(lambda s: F.cross_entropy(s, ad.tensor(LABELS), label_smoothing=smoothing,
                                               reduction="none"), x)


def test_cross_entropy_module_and_errors_as_pytorch(torch):
    assert repr(nn.CrossEntropyLoss(label_smoothing=0.1)) == repr(torch.nn.CrossEntropyLoss(label_smoothing=0.1))
    loss = nn.CrossEntropyLoss(label_smoothing=0.1)(ad.tensor(LOGITS), ad.tensor(LABELS))
    reference = torch.nn.CrossEntropyLoss(label_smoothing=0.1)(torch.tensor(LOGITS), torch.tensor(LABELS))
    assert repr(loss) == repr(reference)
    for call in (lambda t: t.nn.functional.cross_entropy(t.tensor(LOGITS), t.tensor(PROBABILITIES)[:, :2]),
                 lambda t: t.nn.functional.cross_entropy(t.tensor(LOGITS), t.tensor(LABELS), label_smoothing=1.5)):
        with pytest.raises(RuntimeError) as ours:
            call(ad)
        with pytest.raises(RuntimeError) as theirs:
            call(torch)
        assert str(ours.value).split(".")[0] == str(theirs.value).split(".")[0]
