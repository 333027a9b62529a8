"""Forward-mode AD (autograd.forward_ad): tangents against PyTorch's and against finite differences."""
import warnings

import numpy as np
import pytest

import autodidact as ad
from autodidact.autograd import forward_ad as fwAD
from autodidact.nn import functional as F

RNG = np.random.default_rng(0)
X, T = RNG.standard_normal((3, 4)), RNG.standard_normal((3, 4))
W, WT = RNG.standard_normal((4, 2)), RNG.standard_normal((4, 2))

FUNCTIONS = {
    "sin": lambda t, F, x, w: x.sin(),
    "exp": lambda t, F, x, w: t.exp(x),
    "tanh and sigmoid": lambda t, F, x, w: x.tanh() * x.sigmoid(),
    "pow, div, log": lambda t, F, x, w: x ** 3 / (x * x + 1) + (x * x + 1).log(),
    "matmul": lambda t, F, x, w: x @ w,
    "sum and mean": lambda t, F, x, w: x.sum() + x.mean(1),
    "softmax": lambda t, F, x, w: x.softmax(1) + F.log_softmax(x, dim=0),
    "relu and where": lambda t, F, x, w: F.relu(x) + t.where(x > 0, x, x * x),
    "views": lambda t, F, x, w: x[1:, ::2].reshape(-1) * x.t().reshape(2, 6)[0, :4],
    "cat and stack": lambda t, F, x, w: t.cat([x, x * 2], 0).sum(0) + t.stack([x, x.cos()]).sum((0, 1)),
    "broadcasting": lambda t, F, x, w: x + w[:, 0],
    "linear": lambda t, F, x, w: F.linear(x, w.t(), w[0]),
    "max": lambda t, F, x, w: x.max(1).values,
    "norm and std": lambda t, F, x, w: x.norm() + x.std(0),
    "clamp and abs": lambda t, F, x, w: x.clamp(-0.5, 0.5) + x.abs().sqrt(),
    "losses": lambda t, F, x, w: F.cross_entropy(x, t.tensor([0, 3, 1])) + F.mse_loss(x, x.detach() * 0),
    "float32": lambda t, F, x, w: (x.float() * 2).sin(),
}


def tangent(t, functional, name):
    with fwAD.dual_level() if t is ad else t.autograd.forward_ad.dual_level():
        make_dual = fwAD.make_dual if t is ad else t.autograd.forward_ad.make_dual
        unpack_dual = fwAD.unpack_dual if t is ad else t.autograd.forward_ad.unpack_dual
        x, w = make_dual(t.tensor(X), t.tensor(T)), make_dual(t.tensor(W), t.tensor(WT))
        result = unpack_dual(FUNCTIONS[name](t, functional, x, w)).tangent
        return result.detach().numpy(), str(result.dtype).split(".")[-1]


@pytest.mark.parametrize("name", FUNCTIONS)
def test_tangents_match_pytorch_and_finite_differences(name, torch):
    ours, dtype = tangent(ad, F, name)
    theirs, torch_dtype = tangent(torch, torch.nn.functional, name)
    assert dtype == torch_dtype
    np.testing.assert_allclose(ours, theirs, rtol=1e-5 if dtype == "float32" else 1e-10, atol=1e-6)
    if dtype == "float64":  # the directional derivative, by central differences
        def f(s):
            return FUNCTIONS[name](ad, F, ad.tensor(X + s * T), ad.tensor(W + s * WT)).numpy()
        np.testing.assert_allclose(ours, (f(1e-6) - f(-1e-6)) / 2e-6, rtol=1e-5, atol=1e-6)


def test_the_tutorials_module_with_dual_parameters_gives_pytorchs_jvp(torch):
    def jvp(t, forward_ad):
        model = t.nn.Linear(5, 5).double()
        with t.no_grad():
            for i, p in enumerate(model.parameters()):
                p.copy_(t.tensor(np.linspace(-1, 1, p.numel()).reshape(p.shape) * (i + 1)))
        params = dict(model.named_parameters())
        with forward_ad.dual_level():
            for name, p in params.items():
                delattr(model, name)
                setattr(model, name, forward_ad.make_dual(p, t.ones_like(p) * 0.1))
            out = model(t.tensor(np.linspace(0, 1, 80).reshape(16, 5)))
            return forward_ad.unpack_dual(out).tangent.detach().numpy()

    np.testing.assert_allclose(jvp(ad, fwAD), jvp(torch, torch.autograd.forward_ad), rtol=1e-12)


def test_a_tangent_is_differentiable_when_its_value_requires_grad(torch):
    def grad_of_tangent(t, forward_ad):
        x = t.tensor([0.5, -1.0, 2.0], dtype=t.float64, requires_grad=True)
        with forward_ad.dual_level():
            d = forward_ad.make_dual(x, t.tensor([1.0, 0.0, 0.5], dtype=t.float64))
            (g,) = t.autograd.grad(forward_ad.unpack_dual((d.sin() * d).sum()).tangent, x)
        return g.numpy()

    np.testing.assert_allclose(grad_of_tangent(ad, fwAD), grad_of_tangent(torch, torch.autograd.forward_ad))


def test_levels_printing_and_plain_tensors_as_pytorch(torch):
    def behaviour(t, forward_ad):
        out = []
        primal = t.tensor([1.0, 3.0])
        tangent = t.tensor([2.0, 1.0])
        with forward_ad.dual_level() as level:
            out.append(level)
            d = forward_ad.make_dual(primal, tangent)
            out.append(repr(d * 2))
            out.append(repr(forward_ad.make_dual(t.tensor(1.0), t.tensor(2.0))))
            unpacked = forward_ad.unpack_dual(d)
            out.append((type(unpacked).__name__, unpacked.tangent is tangent, repr(unpacked.primal)))
            out.append(forward_ad.unpack_dual(t.zeros(2)).tangent)
            out.append(forward_ad.unpack_dual(d.argmax()).tangent)
            with t.no_grad():
                out.append(repr(forward_ad.unpack_dual(d * 3).tangent))
            y = d.exp()
        out.append(forward_ad.unpack_dual(y).tangent)
        out.append(repr(y))
        return out

    assert behaviour(ad, fwAD) == behaviour(torch, torch.autograd.forward_ad)


def test_mistakes_are_refused_as_pytorch(torch):
    for t, forward_ad in ((ad, fwAD), (torch, torch.autograd.forward_ad)):
        with pytest.raises(RuntimeError, match="no level exists"):
            forward_ad.make_dual(t.ones(2), t.ones(2))
        with forward_ad.dual_level():
            with pytest.raises(RuntimeError, match="Nested forward mode AD is not supported"):
                with forward_ad.dual_level():
                    pass
            with pytest.raises(RuntimeError, match="Tensor is of size \\[3\\] while the given forward gradient "
                                                   "is of size \\[2\\]"):
                forward_ad.make_dual(t.ones(3), t.ones(2))
            with pytest.raises(ValueError, match="Expected primal to be floating point"):
                forward_ad.make_dual(t.tensor([1, 2]), t.ones(2))


def test_in_place_changes_of_dual_tensors_are_refused_by_name():
    with fwAD.dual_level():
        d = fwAD.make_dual(ad.ones(3), ad.ones(3))
        y = d * 2
        with pytest.raises(NotImplementedError, match="in-place change"):
            y.add_(1)
        plain = ad.zeros(3)
        with pytest.raises(NotImplementedError, match="in-place change"):
            plain += d
        assert plain.tolist() == [0.0, 0.0, 0.0]  # refused before anything was written
        plain.add_(1)  # no tangents involved: fine
        assert plain.tolist() == [1.0, 1.0, 1.0]


def test_the_tutorial_snippet_runs_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with fwAD.dual_level():
            dual_input = fwAD.make_dual(ad.tensor([0.5, -1.0, 2.0]), ad.tensor([1.0, 0.0, 0.5]))
            out = dual_input ** 2 + ad.tensor([1.0, 2.0, 3.0]) ** 2
            assert fwAD.unpack_dual(out).tangent.tolist() == [1.0, -0.0, 2.0]


def test_a_custom_functions_jvp_gives_the_tangent_as_in_the_tutorial(torch):
    def tangent(t, forward_ad, with_jvp=True):
        class Exp(t.autograd.Function):
            @staticmethod
            def forward(ctx, foo):
                result = t.exp(foo)
                ctx.result = result
                return result

            @staticmethod
            def backward(ctx, grad_output):
                return grad_output * ctx.result

            if with_jvp:
                @staticmethod
                def jvp(ctx, grad_input):
                    grad_output = grad_input * ctx.result
                    ctx.result = None
                    return grad_output

        primal = t.tensor(X, requires_grad=True)
        with forward_ad.dual_level():
            out = Exp.apply(forward_ad.make_dual(primal, t.tensor(T)))
            return forward_ad.unpack_dual(out).tangent.detach().numpy()

    np.testing.assert_allclose(tangent(ad, fwAD), tangent(torch, torch.autograd.forward_ad))
    for t, forward_ad in ((ad, fwAD), (torch, torch.autograd.forward_ad)):
        with pytest.raises(NotImplementedError, match="You must implement the jvp function for custom "
                                                      "autograd.Function to use it with forward mode AD"):
            tangent(t, forward_ad, with_jvp=False)
