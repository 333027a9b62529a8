"""F.kl_div and nn.KLDivLoss against PyTorch: values, gradients (of input and target), grad_fn
names, the 'mean' warning, printing and errors."""
import warnings

import numpy as np
import pytest
import torch

import autodidact as ad

REDUCTIONS = ["none", "mean", "sum", "batchmean"]


def _data(lib, log_target):
    rng = np.random.default_rng(0)
    scores, target = rng.normal(size=(3, 4)), rng.dirichlet(np.ones(4), size=3)
    target[0, 1] = 0.0   # 0 · log 0 counts as 0
    if log_target:
        target = np.log(target + 0.1)
    input = lib.tensor(scores).log_softmax(1).detach().requires_grad_()
    return input, lib.tensor(target, requires_grad=True)


@pytest.mark.parametrize("log_target", [False, True])
@pytest.mark.parametrize("reduction", REDUCTIONS)
def test_values_gradients_and_grad_fn_match_torch(reduction, log_target):
    results = []
    for lib in (ad, torch):
        input, target = _data(lib, log_target)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            loss = lib.nn.functional.kl_div(input, target, reduction=reduction, log_target=log_target)
        (loss * lib.ones(loss.shape, dtype=loss.dtype).cumsum(-1 if loss.dim() else 0)
         if loss.dim() else loss).sum().backward()
        results.append((loss.detach().numpy(), input.grad.numpy(), target.grad.numpy(),
                        type(loss.grad_fn).__name__, [str(w.message) for w in caught]))
    ours, theirs = results
    for a, b in zip(ours[:3], theirs[:3]):
        np.testing.assert_allclose(a, b, rtol=1e-10)
    assert ours[3:] == theirs[3:]


def test_gradient_by_finite_differences():
    input, target = _data(ad, False)
    assert ad.autograd.gradcheck(
        lambda i, t: ad.nn.functional.kl_div(i, t, reduction="batchmean"),
        (input, ad.tensor(target.detach().numpy() + 0.05, requires_grad=True)))


def test_module_repr_and_docs_example_match_torch():
    outputs = []
    for lib in (ad, torch):
        loss = lib.nn.KLDivLoss(reduction="batchmean", log_target=True)
        input = lib.nn.functional.log_softmax(lib.tensor([[0.1, 0.2, 0.7], [1.0, -1.0, 0.0]]), dim=1)
        target = lib.nn.functional.softmax(lib.tensor([[0.3, 0.3, 0.4], [2.0, 0.0, -2.0]]), dim=1)
        outputs.append((repr(loss), str(loss(input, target.log())),
                        str(lib.nn.KLDivLoss(reduction="sum")(input, target))))
    assert outputs[0] == outputs[1]


def test_bad_reduction_is_the_same_error():
    messages = []
    for lib in (ad, torch):
        with pytest.raises(ValueError) as error:
            lib.nn.functional.kl_div(lib.zeros(2), lib.zeros(2), reduction="average")
        messages.append(str(error.value))
    assert messages[0] == messages[1]
