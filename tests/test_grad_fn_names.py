"""The names of backward nodes, as PyTorch 2.13 gives them, checked against PyTorch where installed.

Two places where a learner sees them: ``t.grad_fn.name()`` (PyTorch's nodes written by hand in C++
answer with their C++ name, ``torch::autograd::CopySlices``, while the class and a printed tensor say
``CopySlices``), and the ``grad_fn`` of a gradient taken with ``create_graph=True``, which PyTorch
computes with one op of its own for many functions (``TanhBackwardBackward0``).
"""
import pytest

import autodidact


def _node_names(torch):
    x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]], requires_grad=True)
    y = x * 1
    y[0, 1] = 5.0
    z = torch.empty(2, 3)
    z.copy_(x)
    leaf = (x * 1).grad_fn.next_functions[0][0]
    m = torch.arange(6.0).reshape(2, 3).requires_grad_()
    return {
        "y[0, 1] = 5": (y.grad_fn.name(), type(y.grad_fn).__name__, repr(y).split("grad_fn=")[1]),
        "z.copy_(x)": (z.grad_fn.name(), type(z.grad_fn).__name__),
        "a leaf in next_functions": (leaf.name(), type(leaf).__name__),
        "x // 1": ((x // 1).grad_fn.name(), type((x // 1).grad_fn).__name__),
        "m.t().reshape(6)": m.t().reshape(6).grad_fn.name(),
        "m.reshape(3, 2)": m.reshape(3, 2).grad_fn.name(),
        "m[torch.tensor(1)]": m[torch.tensor(1)].grad_fn.name(),
    }


EXPECTED_NODE_NAMES = {
    "y[0, 1] = 5": ("torch::autograd::CopySlices", "CopySlices", "<CopySlices>)"),
    "z.copy_(x)": ("torch::autograd::CopyBackwards", "CopyBackwards"),
    "a leaf in next_functions": ("torch::autograd::AccumulateGrad", "AccumulateGrad"),
    "x // 1": ("torch::autograd::NotImplemented", "NotImplemented"),
    "m.t().reshape(6)": "UnsafeViewBackward0",
    "m.reshape(3, 2)": "ViewBackward0",
    "m[torch.tensor(1)]": "SelectBackward0",
}


def test_node_names_are_pytorchs():
    assert _node_names(autodidact) == EXPECTED_NODE_NAMES


def test_node_names_expected_are_pytorchs(torch):
    assert _node_names(torch) == EXPECTED_NODE_NAMES


# The grad_fn of d(f(x).sum())/dx taken with create_graph=True, and whether it can be differentiated
# again (requires_grad): PyTorch's backward ops record a node even where the second derivative is 0.
SECOND_ORDER = {
    "tanh": "x.tanh()",
    "sigmoid": "x.sigmoid()",
    "relu": "x.relu()",
    "leaky_relu": "F.leaky_relu(x)",
    "softplus": "F.softplus(x)",
    "mse_loss": "F.mse_loss(x, torch.zeros(2, 3))",
    "log_softmax": "x.log_softmax(1)",
    "softmax": "x.softmax(1)",
    "exp": "x.exp()",
    "sin": "x.sin()",
    "gelu": "F.gelu(x)",
    "gelu tanh": "F.gelu(x, approximate='tanh')",
    "elu": "F.elu(x, alpha=0.7)",
    "hardtanh": "F.hardtanh(x, -0.8, 1.2)",
    "relu6": "F.relu6(x)",
}


def _second_order(torch, expression):
    F = torch.nn.functional
    x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]], requires_grad=True)
    y = eval(expression, {"torch": torch, "F": F, "x": x})
    (g,) = torch.autograd.grad(y.sum(), x, create_graph=True)
    return (type(g.grad_fn).__name__ if g.grad_fn is not None else None, g.requires_grad)


EXPECTED_SECOND_ORDER = {
    "tanh": ("TanhBackwardBackward0", True),
    "sigmoid": ("SigmoidBackwardBackward0", True),
    "relu": ("ThresholdBackwardBackward0", True),
    "leaky_relu": ("LeakyReluBackwardBackward0", True),
    "softplus": ("SoftplusBackwardBackward0", True),
    "mse_loss": ("MseLossBackwardBackward0", True),
    "log_softmax": ("LogSoftmaxBackwardDataBackward0", True),
    "softmax": ("SoftmaxBackwardDataBackward0", True),
    "exp": ("MulBackward0", True),
    "sin": ("MulBackward0", True),
    "gelu": ("GeluBackwardBackward0", True),
    "gelu tanh": ("GeluBackwardBackward0", True),
    "elu": ("EluBackwardBackward0", True),
    "hardtanh": ("HardtanhBackwardBackward0", True),
    "relu6": ("HardtanhBackwardBackward0", True),
}


@pytest.mark.parametrize("name", sorted(SECOND_ORDER))
def test_second_order_grad_fn_is_pytorchs(name):
    assert _second_order(autodidact, SECOND_ORDER[name]) == EXPECTED_SECOND_ORDER[name]


@pytest.mark.parametrize("name", sorted(SECOND_ORDER))
def test_second_order_expected_is_pytorchs(name, torch):
    assert _second_order(torch, SECOND_ORDER[name]) == EXPECTED_SECOND_ORDER[name]


def _second_and_third(torch, expression):
    """The second derivative of sum(w·f(x)) through sum(g²), and whether it can be differentiated a
    third time (PyTorch: not through relu-like kinks, whose slope's slope is a constant 0)."""
    F = torch.nn.functional
    x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]], dtype=torch.float64, requires_grad=True)
    y = eval(expression, {"torch": torch, "F": F, "x": x})
    (g,) = torch.autograd.grad((y * torch.tensor([1.0, 2.0, 3.0], dtype=torch.float64)).sum(), x, create_graph=True)
    (h,) = torch.autograd.grad((g * g).sum(), x, create_graph=True)
    third = torch.autograd.grad(h.sum(), x)[0].tolist() if h.requires_grad else None
    return [round(v, 9) for row in h.tolist() for v in row], h.requires_grad, third and [round(v, 9) for row in third for v in row]


@pytest.mark.parametrize("name", ["gelu", "gelu tanh", "elu", "hardtanh", "relu6", "leaky_relu", "tanh", "relu"])
def test_higher_derivatives_are_pytorchs(name, torch):
    assert _second_and_third(autodidact, SECOND_ORDER[name]) == _second_and_third(torch, SECOND_ORDER[name])
