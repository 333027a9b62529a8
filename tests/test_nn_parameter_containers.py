"""nn.ParameterList and nn.ParameterDict against PyTorch: registration and names, indexing,
dict methods, repr, gradients and errors."""
from collections import OrderedDict

import numpy as np
import pytest
import torch

import autodidact as ad


def _build(lib):
    class Holder(lib.nn.Module):
        def __init__(self):
            super().__init__()
            self.params = lib.nn.ParameterList([lib.nn.Parameter(lib.ones(2, 2) * i) for i in range(3)])
            self.choices = lib.nn.ParameterDict({"right": lib.nn.Parameter(lib.zeros(2, 1)),
                                                 "left": lib.nn.Parameter(lib.ones(2, 1))})

        def forward(self, x, choice):
            for i, p in enumerate(self.params):
                x = self.params[i // 2].mm(x) + p.mm(x)
            return self.choices[choice].t() @ x
    return Holder()


def test_names_repr_state_dict_and_gradients_match_torch():
    ours, theirs = _build(ad), _build(torch)
    assert repr(ours) == repr(theirs)
    assert [n for n, _ in ours.named_parameters()] == [n for n, _ in theirs.named_parameters()]
    assert list(ours.state_dict()) == list(theirs.state_dict())
    for lib, model in ((ad, ours), (torch, theirs)):
        model(lib.ones(2, 1) * 0.5, "left").sum().backward()
    for (name, a), (_, b) in zip(ours.named_parameters(), theirs.named_parameters()):
        assert (a.grad is None) == (b.grad is None), name   # choices.right is unused: no grad
        if a.grad is not None:
            np.testing.assert_allclose(a.grad.numpy(), b.grad.numpy(), err_msg=name)


def _outcome(call):
    try:
        result = call()
    except Exception as error:  # the class and message are what we compare
        return type(error).__name__, str(error)
    return "ok", result


def test_list_operations_match_torch():
    for lib in (ad, torch):
        plist = lib.nn.ParameterList()
        plist.append(lib.nn.Parameter(lib.ones(2)))
        plist.extend([lib.zeros(3), "note"])           # a plain tensor becomes a Parameter
        plist += [lib.nn.Parameter(lib.ones(1))]
        plist[-1] = lib.zeros(4)
        summary = (len(plist), [type(p).__name__ for p in plist], repr(plist),
                   [n for n, _ in plist.named_parameters()], len(plist[1:]),
                   repr(plist[:2]), plist[0] is list(plist)[0])
        errors = [_outcome(lambda: plist[9]), _outcome(lambda: plist[-9]),
                  _outcome(lambda: plist.extend(lib.ones(2))), _outcome(lambda: plist.extend(3)),
                  _outcome(lambda: plist(1))]
        if lib is ad:
            ours = summary, errors
        else:
            assert (summary, errors) == ours


def test_dict_operations_match_torch():
    for lib in (ad, torch):
        pdict = lib.nn.ParameterDict({"b": lib.nn.Parameter(lib.ones(1)), "a": lib.ones(2)})
        pdict.update(OrderedDict([("z", lib.zeros(1)), ("c", lib.zeros(3))]))
        pdict.update([("y", lib.ones(1, 2))])
        pdict["x"] = "not a tensor"
        popped = pdict.pop("z")
        summary = [list(pdict.keys()), [type(v).__name__ for v in pdict.values()],
                   [k for k, _ in pdict.items()], "a" in pdict, "z" in pdict, len(pdict),
                   repr(pdict), [n for n, _ in pdict.named_parameters()], popped.shape == (1,),
                   pdict.get("missing", 5), list(reversed(pdict)), list(pdict.copy()),
                   pdict.setdefault("w", lib.ones(1)).shape == (1,), pdict.popitem()[0],
                   list(pdict | {"q": lib.ones(1)}), list(pdict.fromkeys(["k1", "k2"]))]
        errors = [_outcome(lambda: pdict[3]), _outcome(lambda: pdict["missing"]),
                  _outcome(lambda: pdict.update(5)), _outcome(lambda: pdict.update([("a", 1, 2)])),
                  _outcome(lambda: pdict.update([5])), _outcome(lambda: pdict()), _outcome(lambda: pdict(1))]
        pdict.clear()
        summary.append(len(pdict))
        if lib is ad:
            ours = summary, [e[0] for e in errors], [e[1] for e in errors if e[0] != "AttributeError"]
        else:
            assert (summary, [e[0] for e in errors],
                    [e[1] for e in errors if e[0] != "AttributeError"]) == ours


def test_optimizer_trains_parameters_in_a_list():
    model = ad.nn.ParameterList([ad.nn.Parameter(ad.ones(2))])
    optimizer = ad.optim.SGD(model.parameters(), lr=0.5)
    (model[0] * 2).sum().backward()
    optimizer.step()
    np.testing.assert_allclose(model[0].detach().numpy(), [0.0, 0.0])
