"""torch.autograd.functional (jacobian, hessian, vjp, jvp, hvp, vhp) and Function.setup_context,
against PyTorch and against finite differences."""
import numpy as np
import pytest

import autodidact as ad
from autodidact.autograd import functional as AF

X = [0.3, -1.2, 0.8]


def fns(t):
    """Test functions written once, for both libraries."""
    return {
        "square": lambda x: x ** 2,
        "softmax": lambda x: t.softmax(x, 0),
        "sum_exp": lambda x: x.exp().sum(),
        "matrix": lambda x: t.tensor([[1.0, 2.0, 0.5], [3.0, -1.0, 2.0]], dtype=x.dtype) @ x.tanh(),
        "cubic": lambda x: (x ** 3).sum() + (x[0] * x[1] * x[2]),
    }


def numeric_jacobian(f, x, eps=1e-6):
    x = np.array(x, dtype=np.float64)
    base = f(ad.tensor(x)).detach().numpy()
    columns = []
    for i in range(x.size):
        step = np.zeros_like(x)
        step[i] = eps
        plus = f(ad.tensor(x + step)).detach().numpy()
        minus = f(ad.tensor(x - step)).detach().numpy()
        columns.append((plus - minus) / (2 * eps))
    return np.stack(columns, axis=-1).reshape(base.shape + x.shape)


@pytest.mark.parametrize("name", ["square", "softmax", "sum_exp", "matrix", "cubic"])
def test_jacobian_matches_pytorch_and_finite_differences(torch, name):
    ours = AF.jacobian(fns(ad)[name], ad.tensor(X, dtype=ad.float64))
    theirs = torch.autograd.functional.jacobian(fns(torch)[name], torch.tensor(X, dtype=torch.float64))
    assert repr(ours) == repr(theirs)
    np.testing.assert_allclose(ours.numpy(), numeric_jacobian(fns(ad)[name], X), rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("name", ["sum_exp", "cubic"])
def test_hessian_is_the_jacobian_of_the_gradient(torch, name):
    ours = AF.hessian(fns(ad)[name], ad.tensor(X, dtype=ad.float64))
    theirs = torch.autograd.functional.hessian(fns(torch)[name], torch.tensor(X, dtype=torch.float64))
    assert repr(ours) == repr(theirs)
    gradient = lambda x: AF.jacobian(fns(ad)[name], x, create_graph=True)  # noqa: E731
    np.testing.assert_allclose(ours.numpy(), numeric_jacobian(gradient, X), rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("call", [
    lambda t, F: F.vjp(fns(t)["matrix"], t.tensor(X), t.tensor([1.0, -2.0])),
    lambda t, F: F.vjp(fns(t)["sum_exp"], t.tensor(X)),
    lambda t, F: F.jvp(fns(t)["matrix"], t.tensor(X), t.tensor([1.0, 0.5, -1.0])),
    lambda t, F: F.jvp(lambda a, b: (a * b, a - b), (t.tensor(X), t.tensor([2.0, 1.0, 0.0])),
                       (t.ones(3), t.zeros(3))),
    lambda t, F: F.hvp(fns(t)["cubic"], t.tensor(X), t.tensor([1.0, 0.0, 2.0])),
    lambda t, F: F.vhp(fns(t)["cubic"], t.tensor(X), t.tensor([1.0, 0.0, 2.0])),
    lambda t, F: F.jacobian(lambda a, b: (a * b, a + b), (t.tensor(X), t.tensor([0.5, 1.0, -1.0]))),
    lambda t, F: F.hessian(lambda a, b: (a * b * a).sum(), (t.tensor(X), t.tensor([0.5, 1.0, -1.0]))),
    lambda t, F: F.jacobian(lambda x: t.ones(2), t.tensor(X)),
    lambda t, F: F.jacobian(lambda x: x * 2, t.tensor(3.0)),
    lambda t, F: F.jacobian(lambda x: x ** 3, t.tensor(X, requires_grad=True), create_graph=True),
    lambda t, F: F.vjp(lambda x: x ** 2, t.tensor(X, requires_grad=True), t.ones(3), create_graph=True),
])
def test_products_and_tuples_print_as_pytorch(torch, call):
    assert repr(call(ad, AF)) == repr(call(torch, torch.autograd.functional))


@pytest.mark.parametrize("call", [
    lambda t, F: F.vjp(lambda x: x ** 2, t.tensor(X)),
    lambda t, F: F.hessian(lambda x: x ** 2, t.tensor(X)),
    lambda t, F: F.hessian(lambda x: (x.sum(), x.sum()), t.tensor(X)),
    lambda t, F: F.jacobian(lambda x: t.ones(2), t.tensor(X), strict=True),
    lambda t, F: F.jvp(lambda x: x, t.tensor(X), t.ones(2)),
    lambda t, F: F.jvp(lambda a, b: a, (t.tensor(X), t.tensor(X)), (t.ones(3),)),
    lambda t, F: F.jacobian(lambda x: x, [t.tensor(X)]),
    lambda t, F: F.hvp(lambda x: (x ** 2).sum(), t.tensor(X)),
    lambda t, F: F.vjp(lambda x: t.ones(1).sum(), t.tensor(X), strict=True),
])
def test_mistakes_raise_pytorchs_error(torch, call):
    with pytest.raises(Exception) as ours:
        call(ad, AF)
    with pytest.raises(Exception) as theirs:
        call(torch, torch.autograd.functional)
    assert type(ours.value) is type(theirs.value) and str(ours.value) == str(theirs.value)


def test_results_are_detached_and_inputs_untouched():
    x = ad.tensor(X, requires_grad=True)
    out, product = AF.vjp(lambda t: (t * t).sum(), x)
    assert not out.requires_grad and not product.requires_grad and x.grad is None
    with pytest.raises(NotImplementedError, match="forward-mode"):
        AF.jacobian(lambda t: t, x, strategy="forward-mode")


def test_create_graph_jacobian_can_be_differentiated_again():
    x = ad.tensor([1.0, 2.0], dtype=ad.float64, requires_grad=True)
    j = AF.jacobian(lambda t: t ** 3, x, create_graph=True)
    j.sum().backward()
    assert x.grad.tolist() == [6.0, 12.0]  # d/dx of the diagonal 3x²


class Cube:
    @staticmethod
    def build(t):
        class Cube(t.autograd.Function):
            @staticmethod
            def forward(x, k):
                return x ** 3 * k

            @staticmethod
            def setup_context(ctx, inputs, output):
                x, k = inputs
                ctx.save_for_backward(x)
                ctx.k = k

            @staticmethod
            def backward(ctx, grad):
                (x,) = ctx.saved_tensors
                return grad * 3 * x ** 2 * ctx.k, None

        return Cube


def test_setup_context_style_function_matches_pytorch(torch):
    outputs = []
    for t in (ad, torch):
        x = t.tensor([1.0, -2.0], requires_grad=True)
        y = Cube.build(t).apply(x, 2.0)
        y.sum().backward()
        outputs.append((repr(y), repr(x.grad)))
    assert outputs[0] == outputs[1]
    cube = Cube.build(ad)
    assert ad.autograd.gradcheck(lambda t: cube.apply(t, 0.5),
                                 ad.tensor([0.3, -1.2], dtype=ad.float64, requires_grad=True))
