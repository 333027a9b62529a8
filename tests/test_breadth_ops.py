"""More of PyTorch's API as tutorials use it (issue 10, breadth): each scenario runs once on
autodidact and once on PyTorch, and what a learner would see must be the same: printed tensors
(values, dtype, grad_fn), gradients, and the class of an error.

The gradient checks of the differentiable ones (finite differences, second order, PyTorch) are
generated from the op registry (tests/test_op_table.py); these tests check what is printed.
"""
import pytest

import autodidact

SCENARIOS = {}


def scenario(function):
    SCENARIOS[function.__name__] = function
    return function


def seen(lib, function):
    """What running ``function(lib)`` shows: its printed lines, or the error's class."""
    lines = []
    try:
        function(lib, lines.append)
    except Exception as error:  # noqa: BLE001 - the class is what we compare
        lines.append(f"raises {type(error).__name__}")
    return "\n".join(str(line) for line in lines)


@scenario
def gpt_causal_mask(torch, show):
    # Karpathy's GPT lecture: a lower-triangular mask; averaging the past, then -inf and softmax.
    T = 4
    tril = torch.tril(torch.ones(T, T))
    show(tril)
    show(tril / tril.sum(1, keepdim=True))
    scores = torch.arange(16.0).reshape(T, T).requires_grad_()
    weights = torch.where(tril == 0, torch.tensor(float("-inf")), scores).softmax(dim=-1)
    show(weights)
    (weights * torch.arange(16.0).reshape(T, T)).sum().backward()
    show(scores.grad)


@scenario
def tril_triu_functions_methods_inplace(torch, show):
    x = torch.arange(1.0, 10.0).reshape(3, 3).requires_grad_()
    show(torch.tril(x))
    show(x.triu(1))
    show(torch.triu(x, diagonal=-1))
    y = x * 1
    y.tril_(-1)
    show(y)
    (torch.tril(x, 1) * torch.arange(9.0).reshape(3, 3)).sum().backward()
    show(x.grad)
    show(torch.tril(torch.ones(2, 3, 3, dtype=torch.int64)))
    show(torch.triu(torch.ones(2, 4)))


@scenario
def tril_of_a_vector(torch, show):
    torch.tril(torch.ones(3))


@scenario
def bmm_and_batched_matmul(torch, show):
    a = torch.arange(24.0).reshape(2, 3, 4).requires_grad_()
    b = torch.arange(40.0).reshape(2, 4, 5) / 10
    c = torch.bmm(a, b)
    show(c)
    show(a.bmm(b).grad_fn.name())
    c.sum().backward()
    show(a.grad)
    q = torch.ones(2, 3, 4, requires_grad=True)
    k = torch.ones(2, 3, 4, requires_grad=True)
    att = q @ k.transpose(-2, -1)
    show(att.shape)
    show(att.grad_fn.name())


@pytest.mark.parametrize("shapes", [((3, 4), (4, 5)), ((2, 3, 4), (2, 5, 4)), ((2, 3, 4), (3, 4, 5))])
def test_bmm_refuses_what_pytorch_refuses(shapes, torch):
    for lib in (autodidact, torch):
        with pytest.raises(RuntimeError):
            lib.bmm(lib.ones(*shapes[0]), lib.ones(*shapes[1]))


@scenario
def bmm_of_different_dtypes(torch, show):
    torch.bmm(torch.ones(2, 3, 4), torch.ones(2, 4, 5, dtype=torch.float64))


@scenario
def nan_inf_checks(torch, show):
    x = torch.tensor([1.0, float("nan"), float("inf"), -float("inf")], requires_grad=True)
    for result in (torch.isnan(x), x.isinf(), torch.isfinite(x)):
        show(result)
        show(result.requires_grad)
    show(torch.isnan(torch.tensor([1, 2])))
    show(torch.tensor([[1, 2]]).isfinite())


@scenario
def isclose_tolerances(torch, show):
    a = torch.tensor([0.1 + 0.2, 1.0, float("nan"), 1e-9])
    b = torch.tensor([0.3, 1.001, float("nan"), 0.0])
    show(a == b)
    show(torch.isclose(a, b))
    show(a.isclose(b, rtol=1e-2, equal_nan=True))
    show(torch.isclose(torch.tensor([1, 2]), torch.tensor([[1], [3]])))


@scenario
def isclose_of_mixed_dtypes(torch, show):
    torch.isclose(torch.tensor([1, 2]), torch.tensor([1.0, 2.0]))


@scenario
def isclose_with_a_number(torch, show):
    torch.isclose(torch.tensor([1.0]), 1.0)


@scenario
def activations_functions_and_modules(torch, show):
    F, nn = torch.nn.functional, torch.nn
    x = torch.tensor([-1.5, -0.3, 0.0, 0.4, 2.0, 7.0], requires_grad=True)
    for f in (F.elu, F.gelu, lambda t: F.gelu(t, approximate="tanh"), F.silu, F.relu6, F.hardtanh,
              F.mish, nn.ELU(), nn.GELU(), nn.SiLU(), nn.Mish(), nn.ReLU6(), nn.Hardtanh(),
              lambda t: F.hardtanh(t, -2, 2), lambda t: F.elu(t, 0.5), torch.erf, lambda t: t.erf()):
        y = f(x)
        show(y)
        x.grad = None
        (y * torch.arange(6.0)).sum().backward()
        show(x.grad)
    show([nn.ELU(), nn.GELU(), nn.SiLU(), nn.ReLU6(), nn.Hardtanh(), nn.Mish(), nn.GELU("tanh"),
          nn.ELU(alpha=0.5), nn.Hardtanh(-2, 2), nn.SiLU(inplace=True)])


@scenario
def activations_in_place(torch, show):
    F = torch.nn.functional
    x = torch.tensor([-1.5, -0.3, 0.4, 7.0], requires_grad=True)
    for f in (lambda t: F.elu(t, inplace=True), lambda t: F.elu(t, 0.5, True), lambda t: F.relu6(t, inplace=True),
              lambda t: F.hardtanh(t, -0.5, 2.0, inplace=True), lambda t: F.silu(t, inplace=True),
              lambda t: F.mish(t, inplace=True)):
        y = x * 2
        f(y)
        show(y)
        x.grad = None
        (y * torch.arange(4.0)).sum().backward()
        show(x.grad)


@scenario
def gelu_of_an_unknown_approximation(torch, show):
    torch.nn.functional.gelu(torch.ones(2), approximate="fast")


@scenario
def normalize_rows_and_columns(torch, show):
    F = torch.nn.functional
    x = torch.tensor([[3.0, 4.0], [0.0, 0.0], [1.0, -1.0]], requires_grad=True)
    y = F.normalize(x)
    show(y)
    (y * torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])).sum().backward()
    show(x.grad)
    show(F.normalize(x, dim=0))


@scenario
def nansum_nanmean_of_missing_values(torch, show):
    n = torch.tensor([[1.0, float("nan"), 3.0], [2.0, 4.0, float("nan")]], requires_grad=True)
    show(torch.nansum(n))
    show(n.nansum(dim=0))
    show(torch.nanmean(n, dim=1))
    show(n.nanmean())
    show(torch.nansum(n, dim=1, keepdim=True))
    (torch.nanmean(n, 0) * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
    show(n.grad)
    show(torch.nansum(torch.tensor([1, 2])))


@scenario
def nanmean_of_integers(torch, show):
    torch.nanmean(torch.tensor([1, 2]))


@scenario
def argsort_tile_logical(torch, show):
    x = torch.tensor([[3.0, 1.0, 2.0], [0.0, 5.0, 4.0]], requires_grad=True)
    show(torch.argsort(x))
    show(x.argsort(dim=0, descending=True))
    show(torch.argsort(x, 1, True))
    y = torch.tile(x, (2,))
    show(y)
    show([tuple(x.tile(2, 1).shape), tuple(torch.tile(x, (2, 1, 1)).shape)])
    (y * torch.arange(12.0).reshape(2, 6)).sum().backward()
    show(x.grad)
    show(torch.tile(torch.tensor([1, 2]), (2,)))
    show(torch.logical_not(torch.tensor([1.0, 0.0])))
    show(torch.logical_and(torch.tensor([1, 0]), torch.tensor([True, True])))
    show(torch.tensor([0.0, 2.0]).logical_or(torch.tensor([0.0, 0.0])))
    show(torch.logical_xor(torch.tensor([True, False]), torch.tensor([False, False])))


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_learner_sees_what_pytorch_shows(name, torch):
    assert seen(autodidact, SCENARIOS[name]) == seen(torch, SCENARIOS[name])


def test_scenarios_do_not_all_fail():
    # A scenario stopped early by a missing feature would compare two short error lines: the
    # scenarios that must run through print more than their error.
    for name in ("gpt_causal_mask", "tril_triu_functions_methods_inplace", "bmm_and_batched_matmul",
                 "nan_inf_checks", "isclose_tolerances", "activations_functions_and_modules",
                 "activations_in_place", "normalize_rows_and_columns", "nansum_nanmean_of_missing_values",
                 "argsort_tile_logical"):
        assert "raises" not in seen(autodidact, SCENARIOS[name]), name
