"""nn.MultiheadAttention against PyTorch (same weights): outputs, attention weights, gradients,
parameter names, repr; batch_first, key_padding_mask, attn_mask, average_attn_weights, need_weights."""
import numpy as np
import pytest
import torch

import autodidact as ad


@pytest.mark.parametrize("batch_first", [False, True])
@pytest.mark.parametrize("options", [{}, {"average_attn_weights": False}, {"need_weights": False},
                                     {"padding": True}, {"attn_mask": True}])
def test_matches_torch(batch_first, options):
    theirs = torch.nn.MultiheadAttention(4, 2, batch_first=batch_first).double()
    ours = ad.nn.MultiheadAttention(4, 2, batch_first=batch_first).double()
    assert repr(ours) == repr(theirs)
    assert [n for n, _ in ours.named_parameters()] == [n for n, _ in theirs.named_parameters()]
    ours.load_state_dict({k: ad.tensor(v.detach().numpy()) for k, v in theirs.state_dict().items()})
    x = np.random.default_rng(0).normal(size=(3, 2, 4))   # (L=3, N=2) or, batch first, (N=3, L=2)
    batch, length = (3, 2) if batch_first else (2, 3)
    results = []
    for lib, module in ((ad, ours), (torch, theirs)):
        inputs = lib.tensor(x, requires_grad=True)
        kwargs = {k: v for k, v in options.items() if k not in ("padding", "attn_mask")}
        if options.get("padding"):
            mask = np.zeros((batch, length), dtype=bool)
            mask[0, 1] = True
            kwargs["key_padding_mask"] = lib.tensor(mask)
        if options.get("attn_mask"):
            kwargs["attn_mask"] = lib.tensor(np.triu(np.ones((length, length), dtype=bool), 1))
        output, weights = module(inputs, inputs, inputs, **kwargs)
        output.square().sum().backward()
        results.append([output.detach().numpy(), inputs.grad.numpy(), module.in_proj_weight.grad.numpy(),
                        None if weights is None else weights.detach().numpy()])
    for a, b in zip(*results):
        assert (a is None) == (b is None)
        if a is not None:
            np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-12)


def test_initialisation_is_as_torch():
    module = ad.nn.MultiheadAttention(8, 2)
    bound = np.sqrt(6 / (8 + 24))   # xavier_uniform_ of the stacked (24, 8) weight
    assert np.abs(module.in_proj_weight.detach().numpy()).max() <= bound
    assert not module.in_proj_bias.detach().numpy().any() and not module.out_proj.bias.detach().numpy().any()
