"""What the PyTorch fuzzer (test_fuzz_pytorch.py) found last and these fix, each compared with torch 2.13:
a bool alpha, a Python bool as where's condition, keepdim without dim, several ``...`` in one index,
roll and movedim of 0-d tensors."""
import pytest

import autodidact as ad

def written(x, key, value):
    x[key] = value
    return x


CASES = {
    "add bools, alpha 2 (a bool result: alpha counts as True)": lambda t: t.add(t.tensor([True, False]),
                                                                             t.tensor([True, False]), alpha=2),
    "add bools, alpha 0": lambda t: t.tensor([True, False]).add(t.tensor([False, True]), alpha=0),
    "add ints, alpha True": lambda t: t.add(t.tensor([1, 2]), t.tensor([1, 2]), alpha=True),
    "add floats, alpha False": lambda t: t.add(t.tensor([1.0]), t.tensor([1.0]), alpha=False),
    "add bool and int, alpha True": lambda t: t.add(t.tensor([True]), t.tensor([3]), alpha=True),
    "add bools, alpha 0.5": lambda t: t.add(t.tensor([True]), t.tensor([True]), alpha=0.5),
    "where with a Python bool": lambda t: t.where(True, t.tensor([1.0]), t.tensor([2.0])),
    "where with a Python int": lambda t: t.where(1, t.tensor([1.0]), t.tensor([2.0])),
    "where with a 0-d bool tensor": lambda t: t.where(t.tensor(True), t.tensor([1.0]), t.tensor([2.0])),
    "sum keepdim without dim": lambda t: t.tensor([[1.0, 2.0]]).sum(keepdim=True),
    "sum keepdim=False without dim": lambda t: t.sum(t.tensor([[1.0, 2.0]]), keepdim=False),
    "mean keepdim without dim": lambda t: t.tensor([[1.0, 2.0]]).mean(keepdim=True),
    "prod keepdim without dim": lambda t: t.tensor([[1.0, 2.0]]).prod(keepdim=True),
    "max keepdim without dim": lambda t: t.tensor([[1.0, 2.0]]).max(keepdim=True),
    "sum dim=None keepdim": lambda t: t.tensor([[1.0, 2.0]], requires_grad=True).sum(dim=None, keepdim=True),
    "mean dim=None keepdim": lambda t: t.tensor([[1.0, 2.0]], requires_grad=True).mean(None, True),
    "sum of a 0-d tensor, dim=None keepdim": lambda t: t.tensor(2.0).sum(dim=None, keepdim=True),
    "two ellipses": lambda t: t.arange(6.0).reshape(2, 3)[..., ...],
    "ellipsis, int, ellipsis": lambda t: t.arange(24.0).reshape(2, 3, 4)[..., 1, ...],
    "int, ellipsis, int, ellipsis": lambda t: t.arange(24.0).reshape(2, 3, 4)[1, ..., 2, ...],
    "ellipsis, None, ellipsis": lambda t: t.arange(24.0).reshape(2, 3, 4)[..., None, ...].shape,
    "an int past the last dim": lambda t: t.arange(24.0).reshape(2, 3, 4)[..., 0, ..., 0],
    "write through two ellipses": lambda t: written(t.zeros(2, 3), (Ellipsis, 0, Ellipsis), 1.0),
    "roll a 0-d tensor": lambda t: t.tensor(3.0, requires_grad=True).roll(1),
    "roll a 0-d tensor along dim 0": lambda t: t.tensor(3.0).roll(1, 0),
    "roll a 0-d tensor along dim -1": lambda t: t.roll(t.tensor(3.0), 2, -1),
    "movedim of a 0-d tensor": lambda t: t.tensor(3.0, requires_grad=True).movedim(0, -1),
    "movedim of a 0-d tensor, no dims": lambda t: t.movedim(t.tensor(3.0), (), ()),
    "movedim of a 0-d tensor, dim 1": lambda t: t.tensor(3.0).movedim(1, 0),
}


def outcome(t, name):
    try:
        return "value", str(CASES[name](t))
    except Exception as error:  # noqa: BLE001  (the error is the outcome compared)
        return type(error).__name__, str(error).split("\n")[0]


@pytest.mark.parametrize("name", CASES)
def test_matches_pytorch(name, torch):
    ours, theirs = outcome(ad, name), outcome(torch, name)
    assert ours[0] == theirs[0], (ours, theirs)
    if ours[0] == "value":
        assert ours[1] == theirs[1]
    else:  # PyTorch's words begin ours (which may go on to say how to fix it)
        assert ours[1][:40] == theirs[1][:40], (ours, theirs)
