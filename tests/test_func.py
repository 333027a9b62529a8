"""``autodidact.func`` (torch.func): each transform and their compositions against torch 2.13's, on values,
shapes, dtypes, requires_grad, printed output and errors; a few checks against finite differences."""
import numpy as np
import pytest

import autodidact as ad

RNG = np.random.default_rng(0)
X = RNG.standard_normal(3)
M = RNG.standard_normal((2, 3))
W = RNG.standard_normal((3, 3))


def f_scalar(t, x):
    return (x.sin() * x ** 2).sum()


def f_vector(t, x):
    return x.tanh() * x.sum()


CASES = {
    "grad": lambda t, func: func.grad(lambda x: f_scalar(t, x))(t.tensor(X)),
    "grad argnums tuple": lambda t, func: func.grad(lambda x, w: (w @ x).exp().sum(), argnums=(0, 1))(
        t.tensor(X), t.tensor(W)),
    "grad negative argnums, unused input": lambda t, func: func.grad(lambda x, w: x.sum() * 2, argnums=-1)(
        t.tensor(X), t.tensor(W)),
    "grad of a dict": lambda t, func: func.grad(lambda p: (p["w"] @ p["b"]).sum())({"w": t.tensor(W), "b": t.tensor(X)}),
    "grad has_aux": lambda t, func: func.grad(lambda x: (x.sum() ** 2, {"m": x.mean()}), has_aux=True)(t.tensor(X)),
    "grad_and_value": lambda t, func: func.grad_and_value(lambda x: f_scalar(t, x))(t.tensor(X)),
    "grad of grad": lambda t, func: func.grad(func.grad(lambda x: x.sin() * x ** 3))(t.tensor(0.7, dtype=t.float64)),
    "grad of grad, closure": lambda t, func: func.grad(lambda x: func.grad(lambda y: (x * y).sin())(x))(t.tensor(0.3)),
    "vjp": lambda t, func: (lambda out, fn: (out, fn(t.tensor(M[0]))))(*func.vjp(lambda x: f_vector(t, x), t.tensor(X))),
    "vjp tuple output": lambda t, func: (lambda out, fn: (out, fn((t.ones(3), t.tensor(2.)))))(
        *func.vjp(lambda x, y: (x * y, (x ** 2).sum()), t.tensor(X), t.tensor(M[1]))),
    "jvp": lambda t, func: func.jvp(lambda x: f_vector(t, x), (t.tensor(X),), (t.tensor(M[0]),)),
    "jvp of grad (hvp)": lambda t, func: func.jvp(func.grad(lambda x: f_scalar(t, x)), (t.tensor(X),),
                                                  (t.tensor(M[0]),)),
    "vjp of grad": lambda t, func: func.vjp(func.grad(lambda x: f_scalar(t, x)), t.tensor(X))[1](t.tensor(M[0])),
    "jacrev": lambda t, func: func.jacrev(lambda x: f_vector(t, x))(t.tensor(X)),
    "jacrev of a sin (signed zeros)": lambda t, func: func.jacrev(t.sin)(t.tensor([1.0, 2.0, 3.0])),
    "jacfwd": lambda t, func: func.jacfwd(lambda x: f_vector(t, x))(t.tensor(X)),
    "jacrev argnums, two outputs": lambda t, func: func.jacrev(lambda x, w: (w @ x, x.sum()), argnums=(0, 1))(
        t.tensor(X), t.tensor(W)),
    "jacfwd argnums": lambda t, func: func.jacfwd(lambda x, w: w @ x.exp(), argnums=1)(t.tensor(X), t.tensor(W)),
    "hessian": lambda t, func: func.hessian(lambda x: f_scalar(t, x))(t.tensor(X)),
    # tanh, exp, sigmoid and sqrt rules read their result, which backward rebuilds: its tangent must follow
    "hessian through rules that read the result": lambda t, func: func.hessian(
        lambda x: (x.tanh() + x.exp() + x.sigmoid() + (x * x + 1).sqrt()).prod())(t.tensor(X)),
    "jacfwd of jacfwd": lambda t, func: func.jacfwd(func.jacfwd(lambda x: f_scalar(t, x)))(t.tensor(X)),
    "jacrev of jacrev": lambda t, func: func.jacrev(func.jacrev(lambda x: f_vector(t, x)))(t.tensor(X)),
    "vmap": lambda t, func: func.vmap(lambda x: f_vector(t, x))(t.tensor(M)),
    "vmap in_dims, out_dims": lambda t, func: func.vmap(lambda x, w: w @ x, in_dims=(1, None), out_dims=1)(
        t.tensor(M).t(), t.tensor(W)),
    "vmap nested": lambda t, func: func.vmap(func.vmap(lambda a, b: a * b, in_dims=(0, None)), in_dims=(None, 0))(
        t.tensor(X), t.tensor(M[0])),
    "vmap of grad (per-sample gradients)": lambda t, func: func.vmap(func.grad(lambda x, w: (w @ x).tanh().sum()),
                                                                     in_dims=(0, None))(t.tensor(M), t.tensor(W)),
    "grad of vmap": lambda t, func: func.grad(lambda x: func.vmap(lambda r: r.exp().sum())(x).prod())(t.tensor(M)),
    "vmap of jacrev": lambda t, func: func.vmap(func.jacrev(t.tanh))(t.tensor(M)),
    "vmap of hessian": lambda t, func: func.vmap(func.hessian(lambda x: f_scalar(t, x)))(t.tensor(M)),
    "vmap of vjp_fn": lambda t, func: func.vmap(func.vjp(lambda x: f_vector(t, x), t.tensor(X))[1])(t.eye(3)),
    "vmap dict output, pytree in_dims": lambda t, func: func.vmap(
        lambda d: {"sum": d["a"] * d["b"], "both": [d["a"], d["b"]]}, in_dims=({"a": 0, "b": None},))(
        {"a": t.tensor(X), "b": t.tensor(2.0)}),
    "vmap over nothing": lambda t, func: func.vmap(lambda x: x.sum())(t.zeros(0, 3)),
    "vmap randomness same": lambda t, func: (lambda r: bool((r[0] == r[1]).all()))(
        func.vmap(lambda x: x + t.rand(2), randomness="same")(t.zeros(2, 2))),
}


def as_comparable(value):
    """Nested containers of (values, dtype, shape, requires_grad) for tensors, the value otherwise."""
    if isinstance(value, dict):
        return {key: as_comparable(item) for key, item in value.items()}
    if isinstance(value, (tuple, list)):
        return type(value)(as_comparable(item) for item in value)
    if hasattr(value, "detach"):
        return (value.detach().numpy(), str(value.dtype), tuple(value.shape), value.requires_grad)
    return value


def assert_same(ours, theirs):
    assert type(ours) is type(theirs), (ours, theirs)
    if isinstance(ours, dict):
        assert list(ours) == list(theirs)
        for key in ours:
            assert_same(ours[key], theirs[key])
    elif isinstance(ours, (tuple, list)) and len(ours) == 4 and isinstance(ours[0], np.ndarray):
        np.testing.assert_allclose(ours[0], theirs[0], rtol=1e-5, atol=1e-6)
        np.testing.assert_array_equal(np.signbit(ours[0]), np.signbit(theirs[0]))  # -0. prints as -0.0000
        assert ours[1:] == theirs[1:]
    elif isinstance(ours, (tuple, list)):
        assert len(ours) == len(theirs)
        for a, b in zip(ours, theirs):
            assert_same(a, b)
    else:
        assert ours == theirs


@pytest.mark.parametrize("name", CASES)
def test_transform_matches_pytorch(name, torch):
    ours = CASES[name](ad, ad.func)
    theirs = CASES[name](torch, torch.func)
    assert_same(as_comparable(ours), as_comparable(theirs))
    assert str(ours) == str(theirs)


def test_hessian_and_jvp_match_finite_differences():
    x, step = ad.tensor(X), 1e-6
    numerical = np.stack([(ad.func.grad(lambda v: f_scalar(ad, v))(x + step * e)
                           - ad.func.grad(lambda v: f_scalar(ad, v))(x - step * e)).numpy() / (2 * step)
                          for e in ad.eye(3, dtype=ad.float64)])
    np.testing.assert_allclose(ad.func.hessian(lambda v: f_scalar(ad, v))(x).numpy(), numerical, rtol=1e-6)
    direction = ad.tensor(M[0])
    _, tangent = ad.func.jvp(lambda v: f_vector(ad, v), (x,), (direction,))
    moved = (f_vector(ad, x + step * direction) - f_vector(ad, x - step * direction)) / (2 * step)
    np.testing.assert_allclose(tangent.numpy(), moved.numpy(), rtol=1e-6)


def test_results_join_ordinary_autograd_as_in_pytorch(torch):
    """A transform's result is a plain tensor, unless it depends on a tensor the caller differentiates:
    then it carries a graph back to it, as in PyTorch."""
    def run(t):
        w = t.tensor(W, requires_grad=True)
        per_sample = t.func.vmap(t.func.grad(lambda x: (w @ x).tanh().sum()))(t.tensor(M))
        per_sample.pow(2).sum().backward()
        plain = t.func.grad(lambda x: (x ** 3).sum())(t.tensor(X, requires_grad=True))
        with t.no_grad():
            under_no_grad = t.func.grad(lambda x: (w * x).sum())(t.tensor(X))
        return w.grad, plain.requires_grad, under_no_grad.requires_grad
    assert_same(as_comparable(run(ad)), as_comparable(run(torch)))


def test_functional_call_and_stack_module_state(torch):
    def run(t):
        t.manual_seed(0)
        models = [t.nn.Sequential(t.nn.Linear(3, 2), t.nn.BatchNorm1d(2)) for _ in range(2)]
        with t.no_grad():
            for k, model in enumerate(models):
                model[0].weight.copy_(t.tensor(W[:2]).float() + k)
                model[0].bias.fill_(0.5 * k)
        model = models[0]
        params = {name: p.detach() for name, p in model.named_parameters()}
        buffers = {name: b.detach() for name, b in model.named_buffers()}
        model.eval()
        out = t.func.functional_call(model, (params, buffers), (t.tensor(M).float(),))
        grads = t.func.vmap(t.func.grad(lambda p, b, x: t.func.functional_call(model, (p, b), (x[None],)).sum()),
                            in_dims=(None, None, 0))(params, buffers, t.tensor(M).float())
        for m in models:
            m.eval()
        stacked, stacked_buffers = t.func.stack_module_state(models)
        ensemble = t.func.vmap(lambda p, b, x: t.func.functional_call(model, (p, b), (x,)), in_dims=(0, 0, None))(
            stacked, stacked_buffers, t.tensor(M).float())
        return out, grads, stacked, ensemble.detach(), model[0].weight, type(model[0].weight).__name__
    assert_same(as_comparable(run(ad)), as_comparable(run(torch)))


ERRORS = {
    "grad of a vector": lambda t, func: func.grad(lambda x: x * 2)(t.ones(3)),
    "grad of a float": lambda t, func: func.grad(lambda x: 3.0)(t.ones(3)),
    "grad has_aux without a pair": lambda t, func: func.grad(lambda x: x.sum(), has_aux=True)(t.ones(3)),
    "argnums out of range": lambda t, func: func.grad(lambda x: x.sum(), argnums=1)(t.ones(3)),
    "argnums repeated": lambda t, func: func.grad(lambda x: x.sum(), argnums=(0, 0))(t.ones(3)),
    "argnums a float": lambda t, func: func.grad(lambda x: x.sum(), argnums=1.0)(t.ones(3)),
    "grad of an integer tensor": lambda t, func: func.grad(lambda x: x.sum())(t.tensor([1, 2])),
    "grad at a number": lambda t, func: func.grad(lambda x: x * 2)(3.0),
    "vmap sizes differ": lambda t, func: func.vmap(lambda x, y: x + y)(t.ones(3), t.ones(2)),
    "vmap in_dim out of range": lambda t, func: func.vmap(lambda x: x, in_dims=1)(t.ones(3)),
    "vmap in_dims structure": lambda t, func: func.vmap(lambda x: x, in_dims=(0, 0))(t.ones(3)),
    "vmap in_dims None": lambda t, func: func.vmap(lambda x: x, in_dims=None)(t.ones(3)),
    "vmap over a number": lambda t, func: func.vmap(lambda x: x)(3.0),
    "vmap returns a number": lambda t, func: func.vmap(lambda x: 3.0)(t.ones(3)),
    "vmap of nothing": lambda t, func: func.vmap(lambda x: x)(),
    "vmap nothing mapped": lambda t, func: func.vmap(lambda x: x, in_dims=(None,))(t.ones(3)),
    "vmap random op": lambda t, func: func.vmap(lambda x: x + t.rand(()))(t.ones(3)),
    "vmap randomness flag": lambda t, func: func.vmap(lambda x: x, randomness="other")(t.ones(3)),
    "vmap out_dims None of a batched output": lambda t, func: func.vmap(lambda x: x, out_dims=None)(t.arange(3.)),
    "jvp primals not a tuple": lambda t, func: func.jvp(t.sin, t.ones(3), t.ones(3)),
    "jvp structures differ": lambda t, func: func.jvp(t.sin, (t.ones(3),), (t.ones(3), t.ones(3))),
    "jvp tangent shape": lambda t, func: func.jvp(t.sin, (t.ones(3),), (t.ones(2),)),
    "jvp returns a number": lambda t, func: func.jvp(lambda x: 3.0, (t.ones(3),), (t.ones(3),)),
    "vjp_fn cotangent shape": lambda t, func: func.vjp(t.sin, t.ones(3))[1](t.ones(2)),
    "vjp_fn cotangent structure": lambda t, func: func.vjp(t.sin, t.ones(3))[1]((t.ones(3),)),
    "jacrev returns a number": lambda t, func: func.jacrev(lambda x: 3.0)(t.ones(3)),
    "functional_call strict": lambda t, func: func.functional_call(
        t.nn.Linear(2, 1), {"weight": t.ones(1, 2), "foo": t.ones(1)}, (t.ones(2),), strict=True),
    "functional_call repeated names": lambda t, func: func.functional_call(
        t.nn.Linear(2, 1), ({"weight": t.ones(1, 2)}, {"weight": t.ones(1, 2)}), (t.ones(2),)),
    "stack_module_state of nothing": lambda t, func: func.stack_module_state([]),
}


@pytest.mark.parametrize("name", ERRORS)
def test_errors_match_pytorch(name, torch):
    with pytest.raises(Exception) as theirs:
        ERRORS[name](torch, torch.func)
    with pytest.raises(type(theirs.value)) as ours:
        ERRORS[name](ad, ad.func)
    # PyTorch's message, word for word; ours may add how to fix it. A container's structure is
    # written as Python writes it, (*, *), where PyTorch prints TreeSpec(tuple, None, [*, *]).
    expected = str(theirs.value).split("TreeSpec")[0]
    assert str(ours.value).startswith(expected)
