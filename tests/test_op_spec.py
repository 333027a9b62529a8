"""The op spec form (engine/spec.py): a node keeps exactly what its rules read, as PyTorch saves.

Checked against PyTorch where it saves something (the in-place version error) and where it saves
nothing (a later in-place change of the input does not break backward)."""
import gc
import weakref

import numpy as np
import pytest

import autodidact as ad
from autodidact.engine import spec
from autodidact.engine.ops import OPS


def test_a_sum_keeps_no_reference_to_its_input_values():
    x = ad.tensor([1.0, 2.0, 3.0], requires_grad=True)
    h = x * 2  # keeps the 2, not x's values
    y = h.sum()  # keeps h's shape only
    values = weakref.ref(h._array)
    del h
    gc.collect()
    assert values() is None, "the graph still holds the array of h"
    y.backward()
    assert x.grad.tolist() == [2.0, 2.0, 2.0]


def test_the_rules_parameters_say_what_a_node_keeps():
    x = ad.tensor([1.0, 2.0], requires_grad=True)
    w = ad.tensor([3.0, 4.0], requires_grad=True)
    assert set((x * 3).grad_fn.saved) == {"other"} and (x * 3).grad_fn.saved["other"] == 3
    assert set((x * w).grad_fn.saved) == {"self", "other"}
    assert (x + w).grad_fn.saved == {} and (x.sum()).grad_fn.saved == {}
    assert ad.log(x).grad_fn.saved["self"] is x
    assert ad.exp(x).grad_fn.saved == {} and ad.exp(x).grad_fn.out is not None  # exp reads its result


@pytest.mark.parametrize("make", [lambda x: x * 3, lambda x: x / 2, lambda x: x + 1, lambda x: 3 * x,
                                  lambda x: x - 1, lambda x: x.sum()],
                         ids=["x*3", "x/2", "x+1", "3*x", "x-1", "sum"])
def test_changing_an_input_in_place_is_fine_where_pytorch_saves_nothing(make, torch):
    grads = []
    for lib in (ad, torch):
        a = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        x = a.clone()
        y = make(x)
        x.add_(1)
        y.sum().backward()
        grads.append(a.grad.tolist())
    assert grads[0] == grads[1]


@pytest.mark.parametrize("make, change", [
    (lambda x: x * x, lambda x, y: x.add_(1)),
    (lambda x: x.log(), lambda x, y: x.mul_(2)),
    (lambda x: x.exp(), lambda x, y: y.add_(1)),  # exp keeps its result
    (lambda x: x.sigmoid(), lambda x, y: y.mul_(2)),
], ids=["x*x", "log", "exp", "sigmoid"])
def test_changing_a_saved_value_in_place_raises_as_in_pytorch(make, change, torch):
    errors = []
    for lib in (ad, torch):
        a = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        x = a.clone()
        y = make(x)
        change(x, y)
        with pytest.raises(Exception) as raised:
            y.sum().backward()
        errors.append(raised.value)
    assert type(errors[0]) is type(errors[1]) is RuntimeError
    start = "one of the variables needed for gradient computation has been modified by an inplace operation"
    assert str(errors[0]).startswith(start) and str(errors[1]).startswith(start)


def test_there_is_one_backward_step():
    assert all(type(op).backward_step is spec.Spec.backward_step for op in OPS.values())


def test_expm1_and_logaddexp_are_one_entry_each_and_fully_exposed():
    x = ad.tensor([0.5, -1.0], requires_grad=True)
    y = ad.tensor([2.0, 0.3], requires_grad=True)
    assert ad.expm1(x).grad_fn.name() == "Expm1Backward0" and x.expm1().grad_fn.name() == "Expm1Backward0"
    assert ad.logaddexp(x, y).grad_fn.name() == "LogaddexpBackward0"
    assert x.logaddexp(y).grad_fn.name() == "LogaddexpBackward0"
    z = x.detach().clone()
    z.expm1_()
    np.testing.assert_allclose(z._array, np.expm1([0.5, -1.0]).astype(np.float32))
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad"):
        x.expm1_()
    assert "Expm1Backward0" in ad.expm1.__doc__ and "e^x - 1" in ad.expm1.__doc__


def test_module_functions_refuse_numbers_as_pytorch_does(torch):
    for lib in (ad, torch):
        with pytest.raises(TypeError, match="must be Tensor"):
            lib.log(2.0)


def test_every_function_that_takes_tensors_refuses_a_number_as_pytorch_does(torch):
    # Which arguments must be tensors is declared by each function (generated from its spec, or
    # @public(..., tensors=...), or @takes_tensors); the list is read from the functions.
    from autodidact.engine import tensor as engine_functions
    from autodidact.engine.ops.public import tensor_arguments

    table = tensor_arguments(vars(engine_functions))
    assert {"log", "sum", "relu", "reshape", "matmul", "zeros_like", "gather"} <= set(table)
    for name, arguments in table.items():
        with pytest.raises(TypeError, match=rf"^{name}\(\): argument '{arguments[0]}' \(position 1\) must be "
                                            r"Tensor, not float"):
            getattr(ad, name)(2.0)
        # torch.norm is Python code that reads input.layout first: an AttributeError there
        with pytest.raises(AttributeError if name == "norm" else TypeError):
            getattr(torch, name)(2.0)


def test_every_method_that_takes_tensors_refuses_a_number_as_pytorch_does(torch):
    # x.hypot(2.0), x.mm(2.0): the arguments after self that must be tensors are checked in the
    # method too, and PyTorch counts them from position 1 there (x.logaddexp(2.0) was an
    # AttributeError from deep inside, x.dist(2.0) quietly computed).
    from autodidact.engine.ops.public import PUBLIC

    checked = 0
    for name, (function, api) in PUBLIC.items():
        tensors = getattr(function, "tensor_arguments", ()) or getattr(function, "checks_tensors", ())
        if "method" not in api or len(tensors) < 2 or not hasattr(torch.Tensor, name) or name == "lerp":
            continue  # lerp: PyTorch's method wants the weight first ("invalid combination")
        numbers = [2.0] * (len(tensors) - 1)
        expected = rf"^{name}\(\): argument '{tensors[1]}' \(position 1\) must be Tensor, not float"
        with pytest.raises(TypeError, match=expected):
            getattr(torch.ones(3), name)(*numbers)
        with pytest.raises(TypeError, match=expected):
            getattr(ad.ones(3), name)(*numbers)
        checked += 1
    assert checked >= 30
