"""Autograd semantics a learner relies on, as in PyTorch: leaves, .grad, grad_fn, accumulation,
retain_graph, grad modes, in-place rules, autograd.grad, custom Functions, deep graphs."""
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pytest

import autodidact as ad
from autodidact.autograd import Function, gradcheck
from autodidact.autograd.gradcheck import GradcheckError

ROOT = Path(__file__).resolve().parents[1]


def leaf(values, dtype=None):
    return ad.tensor(values, dtype=dtype, requires_grad=True)


# ---------------------------------------------------------------------------------------------
# Leaves and non-leaves


def test_created_tensors_are_leaves_and_results_are_not():
    x = leaf([1.0, 2.0])
    c = ad.tensor([3.0, 4.0])
    y = x * c
    assert x.is_leaf and x.requires_grad and x.grad_fn is None
    assert c.is_leaf and not c.requires_grad
    assert not y.is_leaf and y.requires_grad and type(y.grad_fn).__name__ == "MulBackward0"
    # A result of tensors that do not require grad is a leaf without history.
    d = c * 2
    assert d.is_leaf and not d.requires_grad and d.grad_fn is None


def test_only_leaves_get_grad_and_non_leaf_grad_warns():
    x = leaf(2.0)
    y = x * 3
    z = y * y
    z.backward()
    assert x.grad.item() == pytest.approx(36.0)  # dz/dx = 2·(3x)·3
    with pytest.warns(UserWarning, match="retain_grad"):
        assert y.grad is None


def test_retain_grad_keeps_a_non_leaf_gradient_without_warning():
    x = leaf(2.0)
    y = x * 3
    y.retain_grad()
    assert y.retains_grad and not x.retains_grad
    (y * y).backward()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert y.grad.item() == pytest.approx(12.0)  # dz/dy = 2y
    assert x.grad.item() == pytest.approx(36.0)


def test_grad_fn_names_and_next_functions():
    x = leaf([1.0, 2.0])
    w = leaf([3.0, 4.0])
    z = (x * w + x).sum()
    assert type(z.grad_fn).__name__ == "SumBackward0"
    (add, _), = z.grad_fn.next_functions
    assert type(add).__name__ == "AddBackward0"
    (mul, _), (acc_x, index) = add.next_functions
    assert type(mul).__name__ == "MulBackward0" and index == 0
    assert type(acc_x).__name__ == "AccumulateGrad" and acc_x.variable is x
    (acc_x2, _), (acc_w, _) = mul.next_functions
    assert acc_x2.variable is x and acc_w.variable is w
    # An input that needs no gradient has no edge: None in next_functions.
    c = ad.tensor([1.0, 1.0])
    assert (x * c).grad_fn.next_functions[1] == (None, 0)


def test_next_functions_match_pytorch(torch):
    def build(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        c = lib.tensor([0.5, 0.5])
        h = lib.log(x * x + c)
        return (lib.exp(h) / x).mean()

    def names(node, depth=0, out=None):
        out = [] if out is None else out
        out.append((depth, None if node is None else type(node).__name__))
        if node is not None:
            for child, _ in node.next_functions:
                names(child, depth + 1, out)
        return out

    assert names(build(ad).grad_fn) == names(build(torch).grad_fn)


# ---------------------------------------------------------------------------------------------
# Accumulation


def test_gradients_accumulate_in_place_until_zeroed():
    x = leaf([1.0, 2.0])
    (x * x).sum().backward()
    g = x.grad
    assert g.tolist() == [2.0, 4.0]
    (x * x).sum().backward()
    assert x.grad is g  # added into the same tensor, as PyTorch does
    assert g.tolist() == [4.0, 8.0]
    x.grad.zero_()
    assert x.grad.tolist() == [0.0, 0.0]
    (3 * x).sum().backward()
    assert x.grad is g and g.tolist() == [3.0, 3.0]
    x.grad = None
    (3 * x).sum().backward()
    assert x.grad.tolist() == [3.0, 3.0] and x.grad is not g


def test_fan_in_sums_the_contributions():
    x = leaf(3.0)
    y = x * x + x  # x reaches y along two paths
    y.backward()
    assert x.grad.item() == pytest.approx(7.0)  # 2x + 1
    a = leaf(2.0)
    b = a * 3
    (b * b + b.sin() + b).backward()
    assert a.grad.item() == pytest.approx(3 * (2 * 6 + np.cos(6) + 1), rel=1e-6)


def test_backward_with_an_explicit_gradient():
    x = leaf([1.0, 2.0, 3.0])
    y = x * x
    y.backward(ad.tensor([1.0, 0.1, 0.01]))
    assert np.allclose(x.grad._array, [2.0, 0.4, 0.06])


# ---------------------------------------------------------------------------------------------
# retain_graph


def test_second_backward_through_saved_values_needs_retain_graph():
    x = leaf(2.0)
    y = x * x  # MulBackward0 saves x
    y.backward(retain_graph=True)
    y.backward()
    assert x.grad.item() == pytest.approx(8.0)
    with pytest.raises(RuntimeError, match="retain_graph=True"):
        y.backward()


def test_second_backward_without_retain_graph_raises():
    x = leaf(2.0)
    y = x.exp()
    y.backward()
    with pytest.raises(RuntimeError, match="second time"):
        y.backward()


def test_second_backward_through_ops_that_save_nothing_is_allowed(maybe_torch):
    # PyTorch only refuses when a node needs freed values; sums and additions save none.
    for lib in filter(None, (ad, maybe_torch)):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = (x + 1).sum()
        y.backward()
        y.backward()
        assert x.grad.tolist() == [2.0, 2.0]


# ---------------------------------------------------------------------------------------------
# Grad modes


def test_no_grad_enable_grad_and_set_grad_enabled_as_contexts():
    x = leaf(1.0)
    with ad.no_grad():
        assert not ad.is_grad_enabled()
        y = x * 2
        with ad.enable_grad():
            z = x * 2
        assert not ad.is_grad_enabled()
    assert ad.is_grad_enabled()
    assert y.grad_fn is None and not y.requires_grad
    assert z.requires_grad
    with ad.set_grad_enabled(False):
        assert (x * 2).grad_fn is None
    assert ad.is_grad_enabled()


def test_set_grad_enabled_as_a_call_changes_the_mode_until_changed_back():
    try:
        ad.set_grad_enabled(False)
        assert not ad.is_grad_enabled()
    finally:
        ad.set_grad_enabled(True)
    assert ad.is_grad_enabled()


def test_grad_modes_as_decorators():
    x = leaf(1.0)

    @ad.no_grad()
    def without(t):
        """Doc kept."""
        return t * 2

    @ad.enable_grad()
    def with_grad(t):
        return t * 2

    @ad.set_grad_enabled(False)
    def also_without(t):
        return t * 2

    assert ad.is_grad_enabled()  # decorating changes nothing outside the function
    assert without(x).grad_fn is None and without.__name__ == "without"
    assert without.__doc__ == "Doc kept."
    assert also_without(x).grad_fn is None
    with ad.no_grad():
        assert with_grad(x).requires_grad
    assert ad.is_grad_enabled()


def test_grad_mode_is_restored_after_an_exception():
    with pytest.raises(ValueError):
        with ad.no_grad():
            raise ValueError
    assert ad.is_grad_enabled()


# ---------------------------------------------------------------------------------------------
# detach, requires_grad_, clone


def test_detach_shares_values_and_drops_history():
    x = leaf([1.0, 2.0])
    y = x * 2
    d = y.detach()
    assert d.grad_fn is None and not d.requires_grad and d.is_leaf
    d[0] = 10.0
    assert y.tolist()[0] == 10.0  # same memory, as in PyTorch


def test_requires_grad_():
    t = ad.tensor([1.0, 2.0])
    assert t.requires_grad_() is t and t.requires_grad
    t.requires_grad_(False)
    assert not t.requires_grad
    t.requires_grad = True
    (t * t).sum().backward()
    assert t.grad.tolist() == [2.0, 4.0]
    with pytest.raises(RuntimeError, match="detach"):
        (t * 2).requires_grad_(False)


def test_clone_copies_values_and_passes_gradient():
    x = leaf([1.0, 2.0])
    c = x.clone()
    assert type(c.grad_fn).__name__ == "CloneBackward0"
    (c * 3).sum().backward()
    assert x.grad.tolist() == [3.0, 3.0]
    d = ad.tensor([1.0, 2.0])
    e = d.clone()
    e[0] = 5.0
    assert d.tolist() == [1.0, 2.0]


# ---------------------------------------------------------------------------------------------
# In-place operations


@pytest.mark.parametrize("mutate", [
    lambda t: t.add_(1), lambda t: t.sub_(1), lambda t: t.mul_(2), lambda t: t.zero_(),
    lambda t: t.__isub__(1), lambda t: t.__setitem__(0, 5.0), lambda t: t.fill_(1.0),
    lambda t: t.div_(2), lambda t: t.normal_(), lambda t: t.uniform_(),
], ids=["add_", "sub_", "mul_", "zero_", "-=", "x[0]=", "fill_", "div_", "normal_", "uniform_"])
def test_in_place_on_a_leaf_that_requires_grad_is_refused(mutate, maybe_torch):
    x = leaf([1.0, 2.0])
    with pytest.raises(RuntimeError, match="leaf Variable that requires grad") as ours:
        mutate(x)
    assert "no_grad" in str(ours.value)  # says how to do it right
    assert x.tolist() == [1.0, 2.0]
    if maybe_torch is None:
        pytest.skip("PyTorch is not installed: the exception class was not compared")
    reference = maybe_torch.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(Exception) as theirs:
        mutate(reference)
    assert type(ours.value) is type(theirs.value)


def test_in_place_on_a_leaf_under_no_grad_updates_it_and_keeps_it_a_leaf():
    w = leaf([1.0, 2.0])
    (w * w).sum().backward()
    with ad.no_grad():
        w -= 0.5 * w.grad
    assert w.tolist() == [0.0, 0.0]
    assert w.is_leaf and w.requires_grad and w.grad_fn is None
    with ad.no_grad():
        w[1] = 3.0
        w.add_(1.0)
        w.mul_(2.0)
    assert w.tolist() == [2.0, 8.0] and w.is_leaf


def test_in_place_on_a_non_leaf_records_the_op(torch):
    def run(lib):
        x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        y = x * 1
        y.add_(1)
        names = [type(y.grad_fn).__name__]
        y.mul_(x)
        names.append(type(y.grad_fn).__name__)
        y -= 2
        names.append(type(y.grad_fn).__name__)
        y.sum().backward()
        return names, y.tolist(), x.grad.tolist()

    assert run(ad) == run(torch)


def test_overwriting_a_non_leaf_cuts_the_gradient_of_its_old_values(maybe_torch):
    def run(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        v = lib.tensor(4.0, requires_grad=True)
        a, b, c = x * 2, x * 3, x * 4
        a.zero_()
        b.fill_(7.0)
        c.fill_(v)
        (a + b + c + x).sum().backward()
        return [type(t.grad_fn).__name__ for t in (a, b, c)], x.grad.tolist(), v.grad.item()

    assert run(ad) == (["ZeroBackward0", "FillBackward2", "FillBackward3"], [1.0, 1.0], 2.0)
    if maybe_torch is not None:
        assert run(ad) == run(maybe_torch)


def test_item_assignment_on_a_non_leaf_passes_the_right_gradients():
    x = leaf([1.0, 2.0, 3.0])
    v = leaf(10.0)
    y = x * 2
    y[1] = v * 3
    assert y.tolist() == [2.0, 30.0, 6.0]
    y.sum().backward()
    assert x.grad.tolist() == [2.0, 0.0, 2.0]  # the overwritten element gets no gradient
    assert v.grad.item() == pytest.approx(3.0)


def test_views_share_memory_and_in_place_on_a_recorded_view_rewrites_its_base(maybe_torch):
    def run(lib):
        a = lib.zeros(3)
        b = a[0:2]
        b += 1  # no gradients involved: a view writes through to its base
        x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        y = x * 2
        v = y[0:2]
        v.add_(1)  # y's history gains the change (CopySlices); v is read from y again
        (v.sum() * 2 + y.sum()).backward()
        return (a.tolist(), y.tolist(), type(y.grad_fn).__name__, type(v.grad_fn).__name__,
                x.grad.tolist())

    assert run(ad) == ([1.0, 1.0, 0.0], [3.0, 5.0, 6.0], "CopySlices", "AsStridedBackward0",
                       [6.0, 6.0, 2.0])
    if maybe_torch is not None:
        assert run(ad) == run(maybe_torch)


def test_in_place_multiply_into_a_plain_tensor_uses_its_old_values():
    x = leaf([1.0, 2.0, 3.0])
    a = ad.ones(3) * 2
    a *= x
    assert a.tolist() == [2.0, 4.0, 6.0] and type(a.grad_fn).__name__ == "MulBackward0"
    a.sum().backward()
    assert x.grad.tolist() == [2.0, 2.0, 2.0]


@pytest.mark.parametrize("case", ["input", "output"])
def test_backward_refuses_values_changed_in_place_after_being_saved(case, maybe_torch):
    def run(lib):
        x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        if case == "input":
            b = x * 1
            out = b * b  # saves b
            b.add_(1)
        else:
            out = x.exp()  # saves its output
            out.add_(1)
        out.sum().backward()

    with pytest.raises(RuntimeError, match="modified by an inplace operation") as ours:
        run(ad)
    assert "out-of-place" in str(ours.value)
    if maybe_torch is not None:
        with pytest.raises(RuntimeError, match="modified by an inplace operation"):
            run(maybe_torch)


def test_in_place_change_under_no_grad_after_backward_is_fine():
    w = leaf([1.0, 2.0])
    for _ in range(3):  # a training loop: forward, backward, update in place
        loss = (w * w).sum()
        loss.backward()
        with ad.no_grad():
            w -= 0.25 * w.grad
        w.grad.zero_()
    assert np.allclose(w._array, [0.125, 0.25])


# ---------------------------------------------------------------------------------------------
# autograd.grad and higher derivatives


def test_autograd_grad_returns_gradients_without_touching_grad():
    x = leaf(2.0)
    y = leaf(3.0)
    z = x * y
    gx, gy = ad.autograd.grad(z, (x, y))
    assert (gx.item(), gy.item()) == (3.0, 2.0)
    assert x.grad is None and y.grad is None


def test_autograd_grad_with_grad_outputs_and_retain_graph():
    x = leaf([1.0, 2.0])
    y = x * x
    (g,) = ad.autograd.grad(y, x, grad_outputs=ad.tensor([1.0, 10.0]), retain_graph=True)
    assert g.tolist() == [2.0, 40.0]
    (g,) = ad.autograd.grad(y, x, grad_outputs=ad.ones(2))
    assert g.tolist() == [2.0, 4.0]
    with pytest.raises(RuntimeError, match="second time"):
        ad.autograd.grad(y, x, grad_outputs=ad.ones(2))


def test_autograd_grad_allow_unused():
    x = leaf(1.0)
    unused = leaf(1.0)
    y = x * 2
    with pytest.raises(RuntimeError, match="allow_unused=True"):
        ad.autograd.grad(y, (x, unused), retain_graph=True)
    gx, gu = ad.autograd.grad(y, (x, unused), allow_unused=True)
    assert gx.item() == 2.0 and gu is None


def run_grad_to_an_intermediate(lib):
    """grad(z, h) with h non-leaf, then grad(h, x) with no retain_graph; which backwards ran."""
    calls = []

    class Double(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            calls.append("Double")
            return grad * 2

    x = lib.tensor(3.0, requires_grad=True)
    h = (Double.apply(x)) ** 2          # PowBackward0 saves its input
    h.retain_grad()
    z = lib.log(h)
    (dz_dh,) = lib.autograd.grad(z, h)  # runs LogBackward0 only
    after_first = list(calls)
    (dh_dx,) = lib.autograd.grad(h, x)  # PowBackward0 was never run, so nothing was freed
    return dz_dh.item(), after_first, dh_dx.item(), calls, h.grad.item()


def test_autograd_grad_runs_only_the_nodes_between_output_and_inputs(torch):
    """As in PyTorch: nodes at or below an input are not run, so their saved tensors are kept
    and a custom Function's backward there is not called (lesson 2 relies on this)."""
    ours = run_grad_to_an_intermediate(ad)
    theirs = run_grad_to_an_intermediate(torch)
    assert ours[1] == theirs[1] == []
    assert ours[3] == theirs[3] == ["Double"]
    assert ours[0] == pytest.approx(theirs[0]) and ours[2] == pytest.approx(theirs[2])
    assert ours[4] == pytest.approx(theirs[4])  # retain_grad() still fills h.grad


def test_autograd_grad_runs_and_frees_a_node_that_leads_to_another_input(torch):
    for lib in (ad, torch):
        x = lib.tensor(3.0, requires_grad=True)
        a = x * 2
        b = a * 3
        c = lib.sin(b)
        lib.autograd.grad(c, [b, a])   # b's node runs to reach a, and frees what it saved
        with pytest.raises(RuntimeError, match="second time"):
            lib.autograd.grad(b, x)


def test_second_derivative_of_a_cube():
    x = leaf(2.0, dtype=ad.float64)
    y = x ** 3
    (dy,) = ad.autograd.grad(y, x, create_graph=True)
    assert dy.item() == pytest.approx(12.0) and dy.requires_grad  # 3x²
    (d2y,) = ad.autograd.grad(dy, x, create_graph=True)
    assert d2y.item() == pytest.approx(12.0)  # 6x
    (d3y,) = ad.autograd.grad(d2y, x)
    assert d3y.item() == pytest.approx(6.0)


def test_backward_with_create_graph_gives_a_differentiable_grad():
    x = leaf(3.0, dtype=ad.float64)
    (x ** 3).backward(create_graph=True)
    first = x.grad
    assert first.requires_grad and first.item() == pytest.approx(27.0)
    x.grad = None
    first.backward()
    assert x.grad.item() == pytest.approx(18.0)


def test_second_derivatives_match_pytorch(torch):
    def run(lib):
        x = lib.tensor([0.3, 0.7, 1.5], dtype=lib.float64, requires_grad=True)
        y = (lib.sin(x) * x.exp() / (1 + x * x)).sum()
        (g,) = lib.autograd.grad(y, x, create_graph=True)
        (h,) = lib.autograd.grad((g * g).sum(), x)
        return g.detach().numpy().copy(), h.numpy().copy()

    for a, b in zip(run(ad), run(torch)):
        np.testing.assert_allclose(a, b, rtol=1e-12)


# ---------------------------------------------------------------------------------------------
# Custom autograd.Function


class Cube(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * 3 * x ** 2


class WrongCube(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x ** 3

    @staticmethod
    def backward(ctx, grad):
        (x,) = ctx.saved_tensors
        return grad * 2 * x ** 2  # a slip a learner makes: the wrong factor


class ScaledProduct(Function):
    @staticmethod
    def forward(ctx, a, b, scale):
        ctx.save_for_backward(a, b)
        ctx.scale = scale
        return a * b * scale

    @staticmethod
    def backward(ctx, grad):
        a, b = ctx.saved_tensors
        return grad * b * ctx.scale, grad * a * ctx.scale, None


def test_custom_function_forward_backward_and_grad_fn():
    x = leaf([1.0, 2.0])
    y = Cube.apply(x)
    assert y.tolist() == [1.0, 8.0]
    assert type(y.grad_fn).__name__ == "CubeBackward"
    y.sum().backward()
    assert x.grad.tolist() == [3.0, 12.0]


def test_custom_function_grad_fn_name_matches_pytorch(torch):
    class Cube(torch.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x ** 3

        @staticmethod
        def backward(ctx, grad):
            return grad

    y = Cube.apply(torch.tensor([1.0], requires_grad=True))
    assert type(y.grad_fn).__name__ == type(globals()["Cube"].apply(leaf([1.0])).grad_fn).__name__


def test_gradcheck_passes_a_correct_custom_function():
    x = leaf([0.5, -1.2, 2.0], dtype=ad.float64)
    assert gradcheck(Cube.apply, (x,))
    a, b = leaf([1.0, 2.0], dtype=ad.float64), leaf([3.0, -1.0], dtype=ad.float64)
    assert gradcheck(lambda a, b: ScaledProduct.apply(a, b, 0.5), (a, b))


def test_gradcheck_catches_a_wrong_backward():
    x = leaf([0.5, -1.2, 2.0], dtype=ad.float64)
    with pytest.raises(GradcheckError, match="Jacobian mismatch") as error:
        gradcheck(WrongCube.apply, (x,))
    assert isinstance(error.value, RuntimeError)  # as PyTorch's GradcheckError
    assert gradcheck(WrongCube.apply, (x,), raise_exception=False) is False


def test_gradcheck_works_on_transposed_and_sliced_inputs():
    # A transposed or strided leaf is not contiguous; perturbing a flattened copy of it would leave
    # the input unchanged and make every correct gradient look wrong.
    transposed = ad.randn(3, 4, dtype=ad.float64).t().requires_grad_()
    strided = ad.randn(3, 4, dtype=ad.float64)[:, ::2].detach().requires_grad_()
    assert gradcheck(lambda a: (a * a.exp()).sum(dim=0), (transposed,))
    assert gradcheck(lambda a: a.tanh() * 3, (strided,))
    assert gradcheck(WrongCube.apply, (transposed,), raise_exception=False) is False


def test_custom_function_composes_with_ordinary_ops():
    x = leaf(2.0, dtype=ad.float64)
    y = ad.log(Cube.apply(x * 2) + 1)
    y.backward()
    assert x.grad.item() == pytest.approx(3 * 16 * 2 / (64 + 1))


# ---------------------------------------------------------------------------------------------
# Deep graphs and import cost


def test_a_chain_of_100000_ops_backpropagates_without_recursion_error():
    x = leaf(1.0, dtype=ad.float64)
    y = x
    for _ in range(100_000):
        y = y * 1.0
    y.backward()
    assert x.grad.item() == 1.0


def test_deep_graph_retain_graph_and_autograd_grad():
    x = leaf(0.5, dtype=ad.float64)
    y = x
    for _ in range(20_000):
        y = y + x * 0.0001
    (g,) = ad.autograd.grad(y, x)
    assert g.item() == pytest.approx(1 + 20_000 * 0.0001)


_IMPORT_PROBE = (
    "import sys\n"
    "import autodidact\n"
    "heavy = [m for m in ('matplotlib', 'ipywidgets', 'IPython', 'torch') if m in sys.modules]\n"
    "print(','.join(heavy))\n"
)


def test_import_loads_no_plotting_widget_or_torch_module():
    # How long the import takes is measured in benchmarks/bench_import.py, not here.
    result = subprocess.run([sys.executable, "-c", _IMPORT_PROBE], cwd=ROOT, capture_output=True,
                            text=True, check=True, env={"PYTHONPATH": str(ROOT), "PATH": ""})
    heavy = result.stdout.split()
    assert not heavy, f"import autodidact pulled in {heavy}; import them inside functions"


@pytest.mark.parametrize("returned", ["array", "number"])
def test_a_custom_backward_must_return_tensors_as_in_pytorch(returned):
    class Double(ad.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return (grad * 2).numpy() if returned == "array" else 2.0

    x = ad.tensor([1.0, 2.0], requires_grad=True)
    kind = "numpy.ndarray" if returned == "array" else "float"
    with pytest.raises(RuntimeError, match=rf"expected Variable or None \(got {kind}\).*Double.backward"):
        Double.apply(x).sum().backward()
