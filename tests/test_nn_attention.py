"""F.scaled_dot_product_attention against PyTorch: values and gradients of query, key, value
(and of a float mask) with bool/float masks, is_causal, scale=, fully masked rows; dropout; errors."""
import numpy as np
import pytest
import torch

import autodidact as ad

RNG = np.random.default_rng(0)
Q, K, V = (RNG.normal(size=(2, 3, 4)) for _ in range(3))
BOOL_MASK = np.array([[False, False, False], [True, False, True], [True, True, True]])
FLOAT_MASK = RNG.normal(size=(3, 3))


@pytest.mark.parametrize("options", [{}, {"is_causal": True}, {"scale": 0.3}, {"mask": BOOL_MASK},
                                     {"mask": FLOAT_MASK}, {"mask": BOOL_MASK[1:], "is_causal": False}])
def test_values_and_gradients_match_torch(options):
    results = []
    for lib in (ad, torch):
        tensors = [lib.tensor(a, requires_grad=True) for a in (Q, K, V)]
        kwargs = {key: value for key, value in options.items() if key != "mask"}
        mask = None
        if "mask" in options:
            mask = lib.tensor(options["mask"], requires_grad=options["mask"].dtype != bool)
            kwargs["attn_mask"] = mask
        query = tensors[0][:, :mask.shape[0]] if mask is not None else tensors[0]
        out = lib.nn.functional.scaled_dot_product_attention(query, *tensors[1:], **kwargs)
        (out * out).sum().backward()
        grads = [t.grad.numpy() for t in tensors]
        if mask is not None and mask.requires_grad:
            grads.append(mask.grad.numpy())
        results.append([out.detach().numpy()] + grads)
    for ours, theirs in zip(*results):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12)


def test_gradcheck():
    tensors = [ad.tensor(a, requires_grad=True) for a in (Q, K, V)]
    assert ad.autograd.gradcheck(
        lambda q, k, v: ad.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True), tuple(tensors))


def test_dropout_zeroes_weights_and_rescales():
    ad.manual_seed(0)
    q = ad.zeros(1, 200, 4)
    value = ad.ones(1, 200, 1)
    out = ad.nn.functional.scaled_dot_product_attention(q, q, value, dropout_p=0.5)
    # each weight is 1/200, kept with probability 1/2 and doubled: outputs are k/100 for k kept
    counts = out.numpy().ravel() * 100
    np.testing.assert_allclose(counts, np.round(counts), atol=1e-4)
    assert 0.5 < out.mean().item() < 1.5 and out.std().item() > 0


def test_mask_with_causal_is_the_same_error():
    messages = []
    for lib in (ad, torch):
        with pytest.raises(RuntimeError) as error:
            x = lib.zeros(1, 2, 2)
            lib.nn.functional.scaled_dot_product_attention(x, x, x, attn_mask=lib.ones(2, 2),
                                                           is_causal=True)
        messages.append(str(error.value))
    assert messages[0] == messages[1]
