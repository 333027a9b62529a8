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


# ---------------------------------------------------------------------------------------------
# 5. NumPy scalars keep their dtype

@expect({
    "np.float64(0.5)": "tensor(0.5000, dtype=torch.float64)",
    "np.float32(0.5)": "tensor(0.5000)",
    "np.int64(3)": "tensor(3)",
    "np.int32(3)": "tensor(3, dtype=torch.int32)",
    "np.bool_(True)": "tensor(True)",
    "[np.float64(0.5), np.float64(1.5)]": "tensor([0.5000, 1.5000], dtype=torch.float64)",
    "[np.float64(0.5), 1.5]": "tensor([0.5000, 1.5000], dtype=torch.float64)",
    "[np.float32(0.5), 1.5]": "tensor([0.5000, 1.5000])",
    "[np.int32(1), np.int32(2)]": "tensor([1, 2], dtype=torch.int32)",
    "[np.int32(1), 2]": "tensor([1, 2])",
    "[np.int32(1), 2.5]": "tensor([1.0000, 2.5000])",
    "[np.float64(1), 2]": "tensor([1., 2.], dtype=torch.float64)",
    "[[np.bool_(True)], [False]]": "tensor([[ True],\n        [False]])",
    "[np.array([1.0, 2.0]), np.array([3.0, 4.0])]": "tensor([[1., 2.],\n        [3., 4.]], dtype=torch.float64)",
    "[torch.tensor(1.0, dtype=torch.float64), 2.0]": "tensor([1., 2.], dtype=torch.float64)",
    "[0.5, 1.5]": "tensor([0.5000, 1.5000])",
    "np.array(1.5)": "tensor(1.5000, dtype=torch.float64)",
    "torch.ones(2, dtype=torch.int64) * np.float64(0.5)": "tensor([0.5000, 0.5000])",
    "torch.ones(2) * np.float64(0.5)": "tensor([0.5000, 0.5000])",
    "np.float64(0.5) * torch.ones(2)": "tensor([0.5000, 0.5000])",
    "torch.ones(2) * np.ones(2)": "tensor([1., 1.], dtype=torch.float64)",
})
def numpy_scalars_keep_their_dtype(torch):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a list of arrays is slow, PyTorch says
        return {source: repr(eval(source if "*" in source else f"torch.tensor({source})",
                                  {"np": np, "torch": torch}))
                for source in numpy_scalars_keep_their_dtype.expected}


test_numpy_scalars, test_numpy_scalars_is_pytorchs = both(numpy_scalars_keep_their_dtype)


# ---------------------------------------------------------------------------------------------
# 5. Warnings PyTorch gives once per process are given once; the others every time

ONCE_SCRIPT = """
import collections, sys, warnings
import numpy as np
torch = __import__(sys.argv[1])
x = torch.tensor([1.0, 2.0], requires_grad=True)
h = x * 2
actions = [
    lambda: h.grad,
    lambda: (x * x).sum().backward(create_graph=True),
    lambda: x.T,
    lambda: torch.tensor(1.0).T,
    lambda: torch.tensor(torch.ones(2)),
    lambda: float(x[0]),
    lambda: torch.tensor([np.ones(2), np.ones(2)]),
    lambda: torch.from_numpy(np.broadcast_to(np.ones(2), (2,))),
]
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for _ in range(3):
        for action in actions:
            action()
print(sorted(collections.Counter(str(w.message)[:40] for w in caught).items()))
"""


def warnings_given(module):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", ONCE_SCRIPT, module], capture_output=True, text=True,
                            check=True)
    return result.stdout.strip()


ONCE_EXPECTED = str(sorted({
    "The .grad attribute of a Tensor that is ": 3,  # every time
    "Using backward() with create_graph=True ": 1,
    "The use of `x.T` on tensors of dimension": 1,
    "Tensor.T is deprecated on 0-D tensors. T": 1,
    "To copy construct from a tensor, it is r": 3,  # every time
    "Converting a tensor with requires_grad=T": 1,
    "Creating a tensor from a list of numpy.n": 1,
    "The given NumPy array is not writable, a": 1,
}.items()))


def test_warnings_given_once_as_in_pytorch():
    assert warnings_given("autodidact") == ONCE_EXPECTED


def test_warnings_given_once_is_pytorchs(torch):
    assert warnings_given("torch") == ONCE_EXPECTED


# ---------------------------------------------------------------------------------------------
# 5. arange, linspace and logspace: PyTorch's float32 values, bit for bit

@expect({
    "linspace(0, 1, 7)": [0.0, 0.1666666716337204, 0.3333333432674408, 0.5, 0.6666666269302368,
                          0.8333333134651184, 1.0],
    "linspace(0.001, 5.7, 50)[-2]": 5.583693504333496,
    "linspace(-5, 5, 7, dtype=torch.int64)": [-5, -3, -1, 0, 1, 3, 5],
    "arange(-1.2143343475852433, 34.51834735472016, 0.1)[:13]": [
        -1.2143343687057495, -1.1143343448638916, -1.0143343210220337, -0.9143343567848206,
        -0.8143343925476074, -0.7143343687057495, -0.6143343448638916, -0.5143343806266785,
        -0.41433435678482056, -0.31433436274528503, -0.21433435380458832, -0.1143343597650528,
        -0.014334356412291527],
    "arange(0, 1, 0.1, dtype=torch.float64)": [0.0, 0.1, 0.2, 0.30000000000000004, 0.4, 0.5,
                                               0.6000000000000001, 0.7000000000000001, 0.8, 0.9],
    "logspace(-2, 2, 9)": [0.009999999776482582, 0.03162277489900589, 0.10000000149011612,
                           0.3162277638912201, 1.0, 3.1622776985168457, 10.0, 31.62277603149414, 100.0],
    "logspace(0, 3, 4, base=2)": [1.0, 2.0, 4.0, 8.0],
})
def range_values(torch):
    return {source: eval(f"torch.{source}", {"torch": torch}).tolist() for source in range_values.expected}


@expect(("RuntimeError", "step must be nonzero", "RuntimeError",
         "upper bound and lower bound inconsistent with step sign", "tensor([], dtype=torch.int64)"))
def impossible_ranges(torch):
    seen = []
    for arguments in ((0, 1, 0), (1, 0)):
        try:
            torch.arange(*arguments)
        except RuntimeError as error:
            seen += [type(error).__name__, str(error)]
    return (*seen, repr(torch.arange(0, 0, 1)))


test_range_values, test_range_values_are_pytorchs = both(range_values)
test_impossible_ranges, test_impossible_ranges_are_pytorchs = both(impossible_ranges)


def test_random_ranges_match_pytorch_bit_for_bit(torch):
    rng = np.random.default_rng(10)
    for _ in range(300):
        start, end = rng.uniform(-100, 100, 2) * rng.choice([1, 0.01])
        steps = int(rng.integers(0, 300))
        for ours, theirs, ends in ((autodidact.float32, torch.float32, (start, end)),
                                   (autodidact.int64, torch.int64, (int(start), int(end)))):
            np.testing.assert_array_equal(autodidact.linspace(*ends, steps, dtype=ours).numpy(),
                                          torch.linspace(*ends, steps, dtype=theirs).numpy())
        step = float(rng.choice([0.1, 0.01, 0.3, 0.05, rng.uniform(0.001, 2), -0.7]))
        low = float(rng.uniform(-50, 50))
        high = low + np.copysign(rng.uniform(0, 40), step)
        np.testing.assert_array_equal(autodidact.arange(low, high, step).numpy(),
                                      torch.arange(low, high, step).numpy())
        base = float(rng.choice([10.0, 2.0, np.e]))
        np.testing.assert_array_equal(autodidact.logspace(start / 30, end / 30, steps, base).numpy(),
                                      torch.logspace(start / 30, end / 30, steps, base).numpy())
        # float64: the fused multiply-add is emulated in long double; a rare last bit may differ
        np.testing.assert_array_max_ulp(autodidact.linspace(start, end, steps, dtype=autodidact.float64).numpy(),
                                        torch.linspace(start, end, steps, dtype=torch.float64).numpy(), 1)
        np.testing.assert_array_max_ulp(autodidact.arange(low, high, step, dtype=autodidact.float64).numpy(),
                                        torch.arange(low, high, step, dtype=torch.float64).numpy(), 1)


# ---------------------------------------------------------------------------------------------
# 4. Tensors made in inference_mode

INFERENCE_SAVED = ("RuntimeError", "Inference tensors cannot be saved for backward. Please do not use Tensors "
                   "created in inference mode in computation tracked by autograd. To work around this, you "
                   "can make a clone to get a normal tensor and use it in autograd, or use `torch.no_grad()` "
                   "instead of `torch.inference_mode()`.")
INFERENCE_WRITE = ("RuntimeError", "Inplace update to inference tensor outside InferenceMode is not allowed.You "
                   "can make a clone to get a normal tensor before doing inplace update.See "
                   "https://github.com/pytorch/rfcs/pull/17 for more details.")


@expect({
    "made inside": (True, True, False), "made outside": False, "detach": True, ".data": True,
    "clone": False, "result outside": False, "inference_mode(False)": False,
    "add_": INFERENCE_WRITE, "mul_": INFERENCE_WRITE, "t[0] = 5.0": INFERENCE_WRITE, "zero_": INFERENCE_WRITE,
    "fill_": INFERENCE_WRITE, "uniform_": INFERENCE_WRITE, "add_ under no_grad": INFERENCE_WRITE,
    "requires_grad_": ("RuntimeError", "Setting requires_grad=True on inference tensor outside InferenceMode "
                                       "is not allowed."),
    "add_ inside": "tensor([4., 5.])", "w + t": "tensor([4., 6.], grad_fn=<AddBackward0>)",
    "values after add_": "tensor([4., 5.])", "values after fill_": "tensor([1., 1.])",
    "w * t": INFERENCE_SAVED, "w @ t": INFERENCE_SAVED, "mse_loss(w, t)": INFERENCE_SAVED,
})
def inference_tensors(torch):
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    with torch.inference_mode():
        t = torch.tensor([3.0, 4.0])
        u = w * 2
        seen = {"made inside": (t.is_inference(), u.is_inference(), u.requires_grad)}
        with torch.inference_mode(False):
            seen["inference_mode(False)"] = torch.ones(2).is_inference()
    seen.update({"made outside": w.is_inference(), "detach": t.detach().is_inference(),
                 ".data": t.data.is_inference(), "clone": t.clone().is_inference(),
                 "result outside": (t * 3).is_inference(), "w + t": repr(w + t)})

    def refused(label, change):
        try:
            change()
            seen[label] = "changed"
        except RuntimeError as error:
            seen[label] = (type(error).__name__, str(error))

    refused("w * t", lambda: w * t)  # mul keeps t for w's gradient
    refused("w @ t", lambda: w @ t)
    refused("mse_loss(w, t)", lambda: torch.nn.functional.mse_loss(w, t))
    refused("add_", lambda: t.add_(1))
    seen["values after add_"] = repr(t)  # PyTorch writes, then refuses (when it counts the change)
    refused("mul_", lambda: t.mul_(2))
    refused("t[0] = 5.0", lambda: t.__setitem__(0, 5.0))
    refused("zero_", lambda: t.zero_())
    refused("fill_", lambda: t.fill_(1.0))
    seen["values after fill_"] = repr(t)
    refused("uniform_", lambda: t.uniform_())
    refused("requires_grad_", lambda: t.requires_grad_())
    with torch.no_grad():
        refused("add_ under no_grad", lambda: t.add_(1))
    t = t.clone()
    with torch.inference_mode():
        s = torch.tensor([3.0, 4.0])
        seen["add_ inside"] = repr(s.add_(1))
    return seen


test_inference_tensors, test_inference_tensors_is_pytorchs = both(inference_tensors)


# ---------------------------------------------------------------------------------------------
# 5. The gradient of tanh, sigmoid, relu, softmax, mse... is one op in PyTorch, with its own node

SECOND_ORDER = {
    "tanh": lambda torch, x: x.tanh(),
    "sigmoid": lambda torch, x: torch.sigmoid(x),
    "relu": lambda torch, x: x.relu(),
    "F.relu": lambda torch, x: torch.nn.functional.relu(x),
    "leaky_relu": lambda torch, x: torch.nn.functional.leaky_relu(x, 0.1),
    "softplus": lambda torch, x: torch.nn.functional.softplus(x),
    "softmax": lambda torch, x: x.softmax(0),
    "log_softmax": lambda torch, x: x.log_softmax(0),
    "mse_loss": lambda torch, x: torch.nn.functional.mse_loss(x, torch.tensor([1.0, 0.0, 1.0])),
    "exp": lambda torch, x: x.exp(),
    "log": lambda torch, x: (x * x).log(),
    "pow": lambda torch, x: x ** 3,
}


@expect({
    "tanh": ("TanhBackwardBackward0", "tensor([0.7864, 0.1807, 0.0707], grad_fn=<TanhBackwardBackward0>)"),
    "sigmoid": ("SigmoidBackwardBackward0", "tensor([0.2350, 0.1491, 0.1050], grad_fn=<SigmoidBackwardBackward0>)"),
    "relu": ("ThresholdBackwardBackward0", "tensor([1., 0., 1.], grad_fn=<ThresholdBackwardBackward0>)"),
    "F.relu": ("ThresholdBackwardBackward0", "tensor([1., 0., 1.], grad_fn=<ThresholdBackwardBackward0>)"),
    "leaky_relu": ("LeakyReluBackwardBackward0",
                   "tensor([1.0000, 0.1000, 1.0000], grad_fn=<LeakyReluBackwardBackward0>)"),
    "softplus": ("SoftplusBackwardBackward0",
                 "tensor([0.6225, 0.1824, 0.8808], grad_fn=<SoftplusBackwardBackward0>)"),
    "softmax": ("SoftmaxBackwardDataBackward0",
                "tensor([0., 0., 0.], grad_fn=<SoftmaxBackwardDataBackward0>)"),
    "log_softmax": ("LogSoftmaxBackwardDataBackward0",
                    "tensor([ 0.4659,  0.9277, -1.3936], grad_fn=<LogSoftmaxBackwardDataBackward0>)"),
    "mse_loss": ("MseLossBackwardBackward0",
                 "tensor([-0.3333, -1.0000,  0.6667], grad_fn=<MseLossBackwardBackward0>)"),
    "exp": ("MulBackward0", "tensor([1.6487, 0.2231, 7.3891], grad_fn=<MulBackward0>)"),
    "log": ("AddBackward0", "tensor([ 4.0000, -1.3333,  1.0000], grad_fn=<AddBackward0>)"),
    "pow": ("MulBackward0", "tensor([ 0.7500,  6.7500, 12.0000], grad_fn=<MulBackward0>)"),
})
def gradient_grad_fn_names(torch):
    seen = {}
    for name, f in SECOND_ORDER.items():
        x = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
        (gradient,) = torch.autograd.grad(f(torch, x).sum(), x, create_graph=True)
        seen[name] = (type(gradient.grad_fn).__name__, repr(gradient))
    return seen


test_gradient_grad_fn_names, test_gradient_grad_fn_names_are_pytorchs = both(gradient_grad_fn_names)


def test_second_and_third_derivatives_through_those_ops_match_pytorch(torch):
    rng = np.random.default_rng(0)
    x0, v, w, u, target = (rng.standard_normal((3, 4)) for _ in range(5))

    def derivatives(module, name):
        F = module.nn.functional
        t = module.tensor(target, dtype=module.float64)
        f = {"tanh": lambda x: x.tanh(), "sigmoid": lambda x: x.sigmoid(), "relu": lambda x: x.relu() * x,
             "leaky_relu": lambda x: F.leaky_relu(x, 0.1) * x,
             "softplus": lambda x: F.softplus(x, beta=2.0, threshold=1.0) * x,
             "softmax": lambda x: x.softmax(1), "log_softmax": lambda x: x.log_softmax(0) * x,
             "mse_loss": lambda x: F.mse_loss(x * x, t), "mse_loss target": lambda x: F.mse_loss(t, x.exp()),
             "mse_loss sum": lambda x: F.mse_loss(x.sin(), t, reduction="sum"),
             "cross_entropy": lambda x: F.cross_entropy(x * x, module.tensor([0, 3, 1]))}[name]
        x = module.tensor(x0, dtype=module.float64, requires_grad=True)
        y = f(x)
        weights = module.tensor(v if tuple(y.shape) == (3, 4) else np.ones(tuple(y.shape)), dtype=module.float64)
        (first,) = module.autograd.grad((y * weights).sum(), x, create_graph=True)
        (second,) = module.autograd.grad((first * module.tensor(w, dtype=module.float64)).sum(), x,
                                         create_graph=True)
        (third,) = module.autograd.grad((second * module.tensor(u, dtype=module.float64)).sum(), x)
        return [g.detach().numpy() for g in (first, second, third)]

    for name in ("tanh", "sigmoid", "relu", "leaky_relu", "softplus", "softmax", "log_softmax", "mse_loss",
                 "mse_loss target", "mse_loss sum", "cross_entropy"):
        for ours, theirs in zip(derivatives(autodidact, name), derivatives(torch, name)):
            np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12, err_msg=name)


@expect(["ViewBackward0", "ReshapeAliasBackward0", "UnsafeViewBackward0", "UnsafeViewBackward0",
         "UnsafeViewBackward0", "ReshapeAliasBackward0", "UnsafeViewBackward0", "ViewBackward0",
         "UnsafeViewBackward0", "SelectBackward0", "IndexBackward0"])
def reshape_and_index_grad_fn_names(torch):
    x = torch.arange(24.0).reshape(2, 3, 4).requires_grad_()
    y = x * 1
    made = [y.reshape(6, 4), y.transpose(0, 1).reshape(3, 2, 4), y.transpose(0, 1).reshape(3, 8),
            y[:, 1].reshape(8), y.expand(2, 2, 3, 4).reshape(4, 3, 4), y[:, :, ::2].reshape(12),
            y.transpose(0, 1).flatten(), y.flatten(), y.permute(2, 1, 0).reshape(-1),
            y[torch.tensor(1)], y[torch.tensor([1])]]
    return [type(t.grad_fn).__name__ for t in made]


test_reshape_names, test_reshape_names_are_pytorchs = both(reshape_and_index_grad_fn_names)


# ---------------------------------------------------------------------------------------------
# 5. Tensor functions refuse Python numbers and NumPy arrays with PyTorch's TypeError

NOT_A_TENSOR = {
    "torch.log(2.0)": "log(): argument 'input' (position 1) must be Tensor, not float",
    "torch.exp(2)": "exp(): argument 'input' (position 1) must be Tensor, not int",
    "torch.log(np.ones(2))": "log(): argument 'input' (position 1) must be Tensor, not numpy.ndarray",
    "torch.sum([1, 2])": "sum(): argument 'input' (position 1) must be Tensor, not list",
    "torch.tanh(1.0)": "tanh(): argument 'input' (position 1) must be Tensor, not float",
    "torch.sigmoid(1.0)": "sigmoid(): argument 'input' (position 1) must be Tensor, not float",
    "torch.mean(1.0)": "mean(): argument 'input' (position 1) must be Tensor, not float",
    "torch.abs(-1.0)": "abs(): argument 'input' (position 1) must be Tensor, not float",
    "torch.sin(np.float64(1.0))": "sin(): argument 'input' (position 1) must be Tensor, not numpy.float64",
    "torch.relu(1.0)": "relu(): argument 'input' (position 1) must be Tensor, not float",
    "torch.sqrt(4.0)": "sqrt(): argument 'input' (position 1) must be Tensor, not float",
    "torch.square(3)": "square(): argument 'input' (position 1) must be Tensor, not int",
    "torch.max(1.0)": "max(): argument 'input' (position 1) must be Tensor, not float",
    "torch.softmax([1.0, 2.0], 0)": "softmax(): argument 'input' (position 1) must be Tensor, not list",
    "torch.matmul(np.ones((2, 2)), torch.ones(2, 2))":
        "matmul(): argument 'input' (position 1) must be Tensor, not numpy.ndarray",
    "torch.nn.functional.relu(1.0)": "relu(): argument 'input' (position 1) must be Tensor, not float",
    "torch.zeros_like(np.ones(2))": "zeros_like(): argument 'input' (position 1) must be Tensor, not numpy.ndarray",
    "torch.ones_like(1.0)": "ones_like(): argument 'input' (position 1) must be Tensor, not float",
    "torch.cat([1.0, 2.0])": "expected Tensor as element 0 in argument 0, but got float",
    "torch.stack([np.ones(2)])": "expected Tensor as element 0 in argument 0, but got numpy.ndarray",
    "torch.maximum(torch.tensor(1.0), 2.0)": "maximum(): argument 'other' (position 2) must be Tensor, not float",
    "torch.numel(np.ones(2))": "numel(): argument 'input' (position 1) must be Tensor, not numpy.ndarray",
    "torch.flatten([1])": "flatten(): argument 'input' (position 1) must be Tensor, not list",
    "torch.allclose(1.0, torch.tensor(1.0))": "allclose(): argument 'input' (position 1) must be Tensor, not float",
}


def refusals(torch):
    found = {}
    for call in NOT_A_TENSOR:
        try:
            eval(call, {"torch": torch, "np": np})
            found[call] = None
        except TypeError as error:
            found[call] = str(error)
    return found


def test_tensor_functions_refuse_numbers_as_pytorch():
    # The message starts with PyTorch's; it may go on with a hint (use math.log for a number).
    for call, message in refusals(autodidact).items():
        assert message is not None and message.startswith(NOT_A_TENSOR[call]), (call, message)


def test_tensor_functions_refuse_numbers_is_pytorchs(torch):
    assert refusals(torch) == NOT_A_TENSOR


# ---------------------------------------------------------------------------------------------
# 5. NumPy's RuntimeWarnings never reach the learner (PyTorch gives inf and nan silently)

def _edge_values(torch):
    return torch.tensor([0.0, -1.0, 1.0, 100.0, -100.0, float("inf"), float("-inf"), float("nan")],
                        requires_grad=True)


SILENT = {
    "log(0)": lambda torch, z: z.log(), "log2": lambda torch, z: z.log2(), "log10": lambda torch, z: z.log10(),
    "log1p": lambda torch, z: z.log1p(), "sqrt(-1)": lambda torch, z: z.sqrt(), "rsqrt": lambda torch, z: z.rsqrt(),
    "0 ** -1": lambda torch, z: z ** -1, "z ** 0.5": lambda torch, z: z ** 0.5, "z ** -0.5": lambda torch, z: z ** -0.5,
    "z ** z": lambda torch, z: z ** z, "0.0 ** z": lambda torch, z: 0.0 ** z, "2.0 ** z": lambda torch, z: 2.0 ** z,
    "exp overflow": lambda torch, z: z.exp(), "z / 0": lambda torch, z: z / 0, "0 / 0": lambda torch, z: z / z,
    "1 / z": lambda torch, z: 1 / z, "reciprocal": lambda torch, z: z.reciprocal(),
    "mul overflow": lambda torch, z: z * 1e38 * 1e38, "square overflow": lambda torch, z: (z * 1e30).square(),
    "add overflow": lambda torch, z: (z * 3e38) + (z * 3e38), "inf - inf": lambda torch, z: z - z,
    "tanh": lambda torch, z: z.tanh(), "sigmoid": lambda torch, z: z.sigmoid(), "softmax": lambda torch, z: z.softmax(0),
    "log_softmax": lambda torch, z: z.log_softmax(0), "logsumexp": lambda torch, z: z.logsumexp(0),
    "prod overflow": lambda torch, z: (z * 1e30).prod(), "sum overflow": lambda torch, z: (z * 3e38).sum(),
    "mean overflow": lambda torch, z: (z * 3e38).mean(), "norm overflow": lambda torch, z: (z * 1e30).norm(),
    "matmul inf": lambda torch, z: z @ z, "abs": lambda torch, z: z.abs(), "clamp": lambda torch, z: z.clamp(0, 1),
    "max": lambda torch, z: z.max(), "maximum": lambda torch, z: torch.maximum(z, z * 0),
    "var": lambda torch, z: z.var(), "std": lambda torch, z: z.std(), "cumsum": lambda torch, z: (z * 3e38).cumsum(0),
    "mse overflow": lambda torch, z: torch.nn.functional.mse_loss(z * 1e30, torch.zeros(8)),
    "bce at 0 and 1": lambda torch, z: torch.nn.functional.binary_cross_entropy(
        z[:3].clamp(0, 1), torch.ones(3)),
    "cross_entropy": lambda torch, z: torch.nn.functional.cross_entropy(z[:3].unsqueeze(0) * 1e30, torch.tensor([1])),
    "to int": lambda torch, z: z.long(), "print": lambda torch, z: repr(z * 1e38 * 10),
}


def test_no_numpy_warning_reaches_the_learner():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name, compute in SILENT.items():
            z = _edge_values(autodidact)
            result = compute(autodidact, z)  # forward
            if isinstance(result, autodidact.Tensor) and result.requires_grad:
                (first,) = autodidact.autograd.grad(result.sum(), z, create_graph=True)  # backward
                if first.requires_grad:
                    autodidact.autograd.grad(first.sum(), z, allow_unused=True)  # double backward


def test_those_cases_are_silent_in_pytorch(torch):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name, compute in SILENT.items():
            z = _edge_values(torch)
            result = compute(torch, z)
            if isinstance(result, torch.Tensor) and result.requires_grad:
                (first,) = torch.autograd.grad(result.sum(), z, create_graph=True)
                if first.requires_grad:
                    torch.autograd.grad(first.sum(), z, allow_unused=True)


def test_var_and_std_warn_about_no_degrees_of_freedom_every_time_as_pytorch():
    for name in ("var", "std"):
        with pytest.warns(UserWarning, match=rf"^{name}\(\): degrees of freedom is <= 0") as caught:
            values = [getattr(autodidact.tensor([1.0]), name)() for _ in range(2)]
        assert len(caught) == 2 and all(np.isnan(v.item()) for v in values)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        autodidact.ones(3).var()  # three values, one degree of freedom used: no warning


# ---------------------------------------------------------------------------------------------
# 5. Writing into a view (v = h[0]; v[1] = 5, h[:, 1] += 1) changes the base's history: CopySlices

@expect({
    "v = h[0]; v[1] = 5.0": ("CopySlices", "AsStridedBackward0", "tensor([[0., 5., 2.],\n        [3., 4., 5.]])"),
    "h[:, 1] += 1": ("CopySlices", "tensor([[0., 2., 2.],\n        [3., 5., 5.]])"),
    "h[0] *= 2": ("CopySlices", "tensor([[ 0.,  4.,  8.],\n        [ 6.,  8., 10.]])"),
    "x.grad": "tensor([[ 1., 36., 69.],\n        [31., 43., 51.]])",
    "r = b[1]; r += w": ("CopySlices", "AsStridedBackward0", "tensor([1., 1.])"),
    "views of views": ("CopySlices", "AsStridedBackward0", "AsStridedBackward0",
                       "tensor([ 1., 13.,  3.], grad_fn=<CopySlices>)", "tensor([1., 3., 3.])"),
    "view of a leaf": ("RuntimeError", "a view of a leaf Variable that requires grad is being used in an "
                                       "in-place operation."),
    "saved view changed": "RuntimeError",
})
def writes_through_views(torch):
    def name(t):
        return type(t.grad_fn).__name__

    seen = {}
    x = torch.arange(6.0).reshape(2, 3).requires_grad_()
    h = x * 1
    v = h[0]
    v[1] = 5.0
    seen["v = h[0]; v[1] = 5.0"] = (name(h), name(v), repr(h.detach()))
    h2 = x * 1
    h2[:, 1] += 1
    seen["h[:, 1] += 1"] = (name(h2), repr(h2.detach()))
    h3 = x * 2
    h3[0] *= 2
    seen["h[0] *= 2"] = (name(h3), repr(h3.detach()))
    (h.sum() + (h2 * h2).sum() + (h3 ** 2).sum()).backward()
    seen["x.grad"] = repr(x.grad)
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    b = torch.zeros(2, 2)
    r = b[1]
    r += w
    b.sum().backward()
    seen["r = b[1]; r += w"] = (name(b), name(r), repr(w.grad))
    q0 = torch.ones(3, requires_grad=True)
    q = q0 * 1
    s = q[1:]
    s.mul_(3)
    t = s[0]
    t += 10
    q.sum().backward()
    seen["views of views"] = (name(q), name(s), name(t), repr(q), repr(q0.grad))
    leaf = torch.ones(3, requires_grad=True)
    try:
        leaf[0:2] += 1
    except RuntimeError as error:
        seen["view of a leaf"] = (type(error).__name__, str(error)[:str(error).index(".") + 1])
    h4 = x * 2
    h4[0] *= h4[1]  # mul keeps h4[1], a view of h4, which the write then changes
    try:
        (h4 ** 2).sum().backward()
        seen["saved view changed"] = "no error"
    except RuntimeError as error:
        seen["saved view changed"] = type(error).__name__
    return seen


test_writes_through_views, test_writes_through_views_are_pytorchs = both(writes_through_views)


# ---------------------------------------------------------------------------------------------
# A view and detach() share their base's version counter: a change through an alias is seen


def _backward_or_error(torch, y, x):
    try:
        y.sum().backward()
    except RuntimeError as error:
        return "RuntimeError" if "modified by an inplace operation" in str(error) else str(error)
    return repr(x.grad)


@expect(("RuntimeError", "RuntimeError", "RuntimeError", "RuntimeError", "tensor([3.7183, 8.3891])"))
def changes_through_aliases_are_seen_by_backward(torch):
    results = []
    for change in ("detach", "detach_setitem", "slice_no_grad", "view_no_grad", "data"):
        x = torch.tensor([1.0, 2.0], requires_grad=True)
        y = x.exp()  # exp keeps its result, so changing y in place breaks its backward
        if change == "detach":
            y.detach().add_(1)
        elif change == "detach_setitem":
            y.detach()[0] = 10
        elif change == "slice_no_grad":
            with torch.no_grad():
                y[0:1].add_(1)
        elif change == "view_no_grad":
            with torch.no_grad():
                y.view(2).mul_(2)
        else:  # .data is the alias autograd does not see: backward uses the changed result
            y.data.add_(1)
        results.append(_backward_or_error(torch, y, x))
    return tuple(results)


@expect((1, 1, 0, "tensor([2., 4.])"))
def a_view_counts_its_base_changes(torch):
    w = torch.tensor([1.0, 2.0], requires_grad=True)
    v = w.view(2)
    d = w.detach()
    with torch.no_grad():
        w.add_(1)
    c = w.clone()  # a copy keeps its own count
    y = w * 1
    return v._version, d._version, c._version, repr(torch.autograd.grad(y.sum() * 0 + (w * w).sum(), w)[0] - 2)


test_alias_changes_seen, test_alias_changes_seen_is_pytorchs = both(changes_through_aliases_are_seen_by_backward)
test_view_counts_base_changes, test_view_counts_base_changes_is_pytorchs = both(a_view_counts_its_base_changes)


@pytest.mark.parametrize("expression", [
    "lib.tensor([3]) // lib.tensor([0])", "lib.tensor([3, 4]) % lib.tensor([2, 0])", "lib.tensor([3]) // 0",
    "lib.tensor([3]) % 0", "5 // lib.tensor([0])", "5 % lib.tensor([0, 1])",
    "lib.floor_divide(lib.tensor([3], dtype=lib.int32), lib.tensor([0], dtype=lib.int32))",
    "lib.remainder(lib.tensor([3]), 0)",
])
def test_integer_division_by_zero_raises_as_in_pytorch(expression, torch):
    """Integers have no inf: PyTorch raises RuntimeError('ZeroDivisionError'); NumPy gave 0 silently."""
    for lib in (autodidact, torch):
        with pytest.raises(RuntimeError, match="ZeroDivisionError"):
            eval(expression, {"lib": lib})


def test_float_division_by_zero_still_gives_inf_and_nan(torch):
    for lib in (autodidact, torch):
        assert repr(lib.tensor([3.0, -1.0]) // 0) == "tensor([inf, -inf])"
        assert repr(lib.tensor([3.0]) % 0) == "tensor([nan])"


@pytest.mark.parametrize("expression", [
    "lib.tensor([1, 5, 9]).clamp(2.5)", "lib.clamp(lib.tensor([1, 5, 9]), 2.5, 6)", "lib.tensor([1, 5, 9]).clamp(max=6.5)",
    "lib.tensor([1, 5, 9]).clamp_min(2.5)", "lib.tensor([1, 5, 9]).clamp_max(2.5)", "lib.tensor([1, 5, 9]).clamp(2, 6)",
    "lib.tensor([True, False]).clamp(0.5)", "lib.tensor([1., 2.]).clamp(lib.tensor(1, dtype=lib.float64))",
    "lib.tensor([1, 2], dtype=lib.int32).clamp(1.5, 2)",
])
def test_clamp_promotes_integers_to_float_bounds_as_pytorch(expression, torch):
    """An integer tensor clamped to 2.5 is float in PyTorch; it used to stay integer (2) silently."""
    assert repr(eval(expression, {"lib": autodidact})) == repr(eval(expression, {"lib": torch}))


def test_in_place_clamp_of_integers_to_a_float_bound_raises(torch):
    for lib in (autodidact, torch):
        with pytest.raises(RuntimeError, match="result type Float can't be cast"):
            lib.tensor([1, 5]).clamp_(2.5)


@pytest.mark.parametrize("shapes", [((2, 1, 3), (4, 3, 2)), ((2, 2, 3), (3, 3, 1)), ((5, 2, 1, 3), (4, 3, 2))])
def test_batched_matmul_with_batch_dims_that_do_not_broadcast_raises_runtime_error(shapes, torch):
    for lib in (autodidact, torch):
        with pytest.raises(RuntimeError, match=r"The size of tensor a \(\d\) must match the size of tensor b"):
            lib.matmul(lib.ones(*shapes[0]), lib.ones(*shapes[1]))


def _gradients_of_flat_functions(lib):
    """Functions whose derivative is 0 pass back zeros, not upstream × 0 (which is -0. for a negative
    upstream gradient and nan for an infinite one): PyTorch prints tensor([0., 0.])."""
    flat = [lambda x: x ** 0, lambda x: x.floor(), lambda x: x.ceil(), lambda x: x.round(),
            lambda x: x.trunc(), lambda x: x.sign(), lambda x: lib.div(x, 2.0, rounding_mode="floor")]
    shown = []
    for function in flat:
        x = lib.tensor([2.5, -1.5], requires_grad=True)
        (function(x) * lib.tensor([-1.0, float("inf")])).sum().backward()
        shown.append(repr(x.grad))
    return shown


def test_flat_functions_pass_back_zeros_as_pytorch(torch):
    assert _gradients_of_flat_functions(autodidact) == _gradients_of_flat_functions(torch)
