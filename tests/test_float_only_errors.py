"""Ops PyTorch has no integer or bool kernel for raise its NotImplementedError (naming the kernel),
where a silent conversion would hide the mistake; checked against PyTorch 2.13."""
import pytest

import autodidact as ad

CALLS = {
    "softmax": lambda t, F, i: F.softmax(i, dim=1),
    "softmax other dim": lambda t, F, i: i.softmax(0),
    "softmax bool": lambda t, F, i: F.softmax(i > 2, dim=1),
    "log_softmax": lambda t, F, i: F.log_softmax(i, dim=-1),
    "log_softmax 0-d": lambda t, F, i: t.log_softmax(t.tensor(3), 0),
    "cross_entropy": lambda t, F, i: F.cross_entropy(i, t.tensor([0, 1])),
    "nll_loss": lambda t, F, i: F.nll_loss(i, t.tensor([0, 1])),
    "nll_loss 3-d": lambda t, F, i: F.nll_loss(i[:, :, None], t.tensor([[0], [1]])),
    "mse_loss": lambda t, F, i: F.mse_loss(i, i),
    "huber_loss": lambda t, F, i: F.huber_loss(i, i),
    "smooth_l1_loss": lambda t, F, i: F.smooth_l1_loss(i, i),
    "binary_cross_entropy": lambda t, F, i: F.binary_cross_entropy(i, i),
    "gelu": lambda t, F, i: F.gelu(i),
    "elu": lambda t, F, i: F.elu(i),
    "silu": lambda t, F, i: F.silu(i),
    "softplus": lambda t, F, i: F.softplus(i),
    "leaky_relu": lambda t, F, i: F.leaky_relu(i),
    "layer_norm": lambda t, F, i: F.layer_norm(i, (3,)),
    "argmax bool": lambda t, F, i: (i > 2).argmax(),
    "argmin bool": lambda t, F, i: t.argmin(i > 2, dim=0),
}


def error(t, F, name):
    with pytest.raises(Exception) as info:
        CALLS[name](t, F, t.tensor([[1, 2, 3], [4, 5, 6]]))
    return type(info.value), str(info.value)


@pytest.mark.parametrize("name", CALLS)
def test_integer_input_is_refused_as_pytorch(name, torch):
    ours, theirs = error(ad, ad.nn.functional, name), error(torch, torch.nn.functional, name)
    assert ours[0] is theirs[0] or ours[0].__name__ == theirs[0].__name__
    assert ours[1].startswith(theirs[1].rstrip(".")), (ours[1], theirs[1])


def test_what_pytorch_allows_still_works(torch):
    for t in (ad, torch):
        F = t.nn.functional
        i = t.tensor([[1, 2, 3], [4, 5, 6]])
        assert F.softmax(i, dim=1, dtype=t.float64).dtype == t.float64  # dtype= casts first
        assert F.mse_loss(i, i.float()).item() == 0.0  # an integer target is promoted
        assert F.relu(i).dtype == t.int64
