"""``torch.autograd.Variable`` as old tutorials use it: a detached tensor sharing memory, a leaf."""
import warnings

import pytest

import autodidact as ad
from autodidact.autograd import Variable


@pytest.mark.parametrize("requires_grad", [False, True])
def test_variable_is_a_detached_leaf_sharing_memory_as_in_pytorch(requires_grad, torch):
    for lib, variable in ((ad, Variable), (torch, torch.autograd.Variable)):
        base = lib.tensor([1.0, 2.0], requires_grad=True)
        history = base * 3
        v = variable(history, requires_grad=requires_grad)
        assert type(v) is lib.Tensor and v is not history
        assert (v.requires_grad, v.is_leaf, v.grad_fn) == (requires_grad, True, None)
        with lib.no_grad():
            history[0] = 10.0
        assert v[0].item() == 10.0  # the same memory
        assert isinstance(lib.tensor([1]), variable)


def test_variable_of_a_non_tensor_raises_pytorchs_type_error(torch):
    for variable in (Variable, torch.autograd.Variable):
        with pytest.raises(TypeError, match="Variable data has to be a tensor, but got list"):
            variable([1.0, 2.0])


def test_volatile_warns_that_it_has_no_effect():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        v = Variable(ad.ones(2), volatile=True)
    assert [type(w.message) for w in caught] == [UserWarning] and "no_grad" in str(caught[0].message)
    assert not v.requires_grad


def test_a_model_trains_through_variable_wrapped_inputs():
    w = ad.tensor([0.5], requires_grad=True)
    loss = (w * Variable(ad.tensor([2.0]))).sum()
    loss.backward()
    assert w.grad.tolist() == [2.0]
