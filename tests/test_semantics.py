"""Behaviours where autodidact once gave a different answer from PyTorch (issue 10, "wrong semantics").

Each scenario is written once against the torch API and run on autodidact; its expected result is
written out here, as PyTorch 2.13 gives it, so the test means something without PyTorch installed.
Where PyTorch is installed, a second test runs the same scenario on it and checks that the written
expectation is still PyTorch's.
"""
import warnings

import numpy as np
import pytest

import autodidact


def both(scenario):
    """A test on autodidact, and (torch fixture) one checking the expectation against PyTorch."""

    def on_autodidact():
        assert scenario(autodidact) == scenario.expected

    def on_pytorch(torch):
        assert scenario(torch) == scenario.expected

    on_autodidact.__name__ = f"test_{scenario.__name__}"
    on_pytorch.__name__ = f"test_{scenario.__name__}_is_pytorchs"
    return on_autodidact, on_pytorch


def expect(value):
    def mark(scenario):
        scenario.expected = value
        return scenario

    return mark


def quiet_grad(t):
    """``t.grad`` without the warning PyTorch gives for a non-leaf that does not retain its grad."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return t.grad


# ---------------------------------------------------------------------------------------------
# 1. How .grad is updated: leaves in place (without create_graph), retained non-leaves never


@expect(("tensor([4., 8.])", "tensor([5., 9.])", False))
def retained_grad_is_replaced_not_updated(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    h = x * 2
    h.retain_grad()
    (h * h).sum().backward(retain_graph=True)
    before = h.grad
    h.sum().backward()
    return repr(before), repr(h.grad), before is h.grad


@expect(("tensor([ 9., 13.])", True))
def leaf_grad_is_updated_in_place(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    y = x * x * 2
    y.sum().backward(retain_graph=True)
    before = x.grad
    (x * 5).sum().backward()
    return repr(before), before is x.grad


@expect(("tensor([3., 3.])", True))
def assigned_leaf_grad_is_updated_in_place(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    mine = torch.zeros(2)
    x.grad = mine
    (x * 3).sum().backward()
    return repr(mine), x.grad is mine


@expect(("tensor([3., 4.])", False))
def first_grad_is_a_copy(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    upstream = torch.tensor([3.0, 4.0])
    x.backward(upstream)
    upstream += 1
    return repr(x.grad), x.grad is upstream


@expect(("tensor([ 3., 12.], grad_fn=<CopyBackwards>)", "MulBackward0",
         "tensor([ 5., 16.], grad_fn=<AddBackward0>)", "tensor([ 3., 12.], grad_fn=<CopyBackwards>)",
         "tensor([10., 21.], grad_fn=<AddBackward0>)", True, "(tensor([ 8., 14.]),)"))
def leaf_grad_with_create_graph(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PyTorch warns that .grad and x now form a cycle
        (x ** 3).sum().backward(create_graph=True)
        first = x.grad
        seen = [repr(first), type(first.grad_fn.next_functions[1][0]).__name__]
        (x ** 2).sum().backward(create_graph=True)  # out of place: `first` keeps its values
        second = x.grad
        seen += [repr(second), repr(first)]
        second_derivative = torch.autograd.grad(second.sum(), x, retain_graph=True)  # of 3x^2 + 2x
        (x * 5).sum().backward()  # no graph: in place again
    return (*seen, repr(x.grad), second is x.grad, repr(second_derivative))


@expect(("tensor([2., 8.], grad_fn=<CloneBackward0>)", "tensor([2., 8.], grad_fn=<CloneBackward0>)",
         "tensor([ 4., 16.], grad_fn=<AddBackward0>)"))
def retained_grad_with_create_graph(torch):
    x = torch.tensor([1.0, 2.0], requires_grad=True)
    h = x ** 2
    h.retain_grad()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (h ** 2).sum().backward(create_graph=True)
        first = h.grad
        seen = repr(first)
        (h ** 2).sum().backward(create_graph=True)
    return seen, repr(first), repr(h.grad)


@expect(("tensor(1.)", None))
def create_graph_grad_without_history_is_plain(torch):
    q = torch.tensor(3.0, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (q + 0).backward(create_graph=True)  # the gradient 1 depends on nothing that requires grad
    return repr(q.grad), q.grad.grad_fn


test_retained_grad_is_replaced, test_retained_grad_is_replaced_is_pytorchs = both(
    retained_grad_is_replaced_not_updated)
test_leaf_grad_in_place, test_leaf_grad_in_place_is_pytorchs = both(leaf_grad_is_updated_in_place)
test_assigned_grad, test_assigned_grad_is_pytorchs = both(assigned_leaf_grad_is_updated_in_place)
test_first_grad_copy, test_first_grad_copy_is_pytorchs = both(first_grad_is_a_copy)
test_leaf_create_graph, test_leaf_create_graph_is_pytorchs = both(leaf_grad_with_create_graph)
test_retained_create_graph, test_retained_create_graph_is_pytorchs = both(retained_grad_with_create_graph)
test_plain_create_graph_grad, test_plain_create_graph_grad_is_pytorchs = both(
    create_graph_grad_without_history_is_plain)


# ---------------------------------------------------------------------------------------------
# 2. Casts to integer or bool types are not differentiable

CASTS = {
    "long": lambda torch, t: t.long(),
    "int": lambda torch, t: t.int(),
    "to(int32)": lambda torch, t: t.to(torch.int32),
    "to(dtype=int64)": lambda torch, t: t.to(dtype=torch.int64),
    "to(int)": lambda torch, t: t.to(int),
    "to(bool tensor)": lambda torch, t: t.to(torch.tensor([True])),
    "bool": lambda torch, t: t.bool(),
    "type(LongTensor)": lambda torch, t: t.type(torch.LongTensor),
    "type('torch.IntTensor')": lambda torch, t: t.type("torch.IntTensor"),
    "tensor(dtype=int)": lambda torch, t: torch.tensor(t, dtype=int),
    "tensor(dtype=bool)": lambda torch, t: torch.tensor(t, dtype=bool),
    "as_tensor(dtype=long)": lambda torch, t: torch.as_tensor(t, dtype=torch.long),
}


@expect({
    "long": ("tensor([ 1, -2])", False, True, True, "tensor([ 1., -2.])"),
    "int": ("tensor([ 1, -2], dtype=torch.int32)", False, True, True, "tensor([ 1., -2.])"),
    "to(int32)": ("tensor([ 1, -2], dtype=torch.int32)", False, True, True, "tensor([ 1., -2.])"),
    "to(dtype=int64)": ("tensor([ 1, -2])", False, True, True, "tensor([ 1., -2.])"),
    "to(int)": ("tensor([ 1, -2])", False, True, True, "tensor([ 1., -2.])"),
    "to(bool tensor)": ("tensor([True, True])", False, True, True, "tensor([1., 1.])"),
    "bool": ("tensor([True, True])", False, True, True, "tensor([1., 1.])"),
    "type(LongTensor)": ("tensor([ 1, -2])", False, True, True, "tensor([ 1., -2.])"),
    "type('torch.IntTensor')": ("tensor([ 1, -2], dtype=torch.int32)", False, True, True, "tensor([ 1., -2.])"),
    "tensor(dtype=int)": ("tensor([ 1, -2])", False, True, True, "tensor([ 1., -2.])"),
    "tensor(dtype=bool)": ("tensor([True, True])", False, True, True, "tensor([1., 1.])"),
    "as_tensor(dtype=long)": ("tensor([ 1, -2])", False, True, True, "tensor([ 1., -2.])"),
})
def integer_casts_are_not_differentiable(torch):
    seen = {}
    for name, cast in CASTS.items():
        x = torch.tensor([1.5, -2.5], requires_grad=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # torch.tensor(t) recommends t.detach().clone()
            y = cast(torch, x)
        try:
            y.sum().backward()
            refused = False
        except RuntimeError as error:
            refused = str(error).startswith(
                "element 0 of tensors does not require grad and does not have a grad_fn")
        (y * x).sum().backward()  # the cast values are a constant factor
        seen[name] = (repr(y), y.requires_grad, y.grad_fn is None, refused, repr(x.grad))
    return seen


@expect(("tensor([ 1.5000, -2.5000], dtype=torch.float64, grad_fn=<ToCopyBackward0>)", "tensor([1., 1.])"))
def float_casts_stay_differentiable(torch):
    x = torch.tensor([1.5, -2.5], requires_grad=True)
    y = x.double()
    y.sum().backward()
    return repr(y), repr(x.grad)


@expect(("tensor([0, 0])", "tensor([1., 1.], dtype=torch.float64)", "tensor([1.5000], dtype=torch.float64)"))
def python_types_as_dtypes(torch):
    return (repr(torch.zeros(2, dtype=int)), repr(torch.ones(2, dtype=float)),
            repr(torch.tensor([1.5], dtype=float)))


test_integer_casts, test_integer_casts_is_pytorchs = both(integer_casts_are_not_differentiable)
test_float_casts, test_float_casts_is_pytorchs = both(float_casts_stay_differentiable)
test_python_dtypes, test_python_dtypes_is_pytorchs = both(python_types_as_dtypes)


def test_copying_a_tensor_with_torch_tensor_warns_as_pytorch():
    with pytest.warns(UserWarning, match=r"sourceTensor\.detach\(\)\.clone\(\)"):
        autodidact.tensor(autodidact.ones(2))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        autodidact.as_tensor(autodidact.ones(2))  # as_tensor shares: no warning
