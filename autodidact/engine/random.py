"""Random tensors: ``rand``, ``randn``, ``randint``, ``randperm``, ``normal``, ``multinomial``,
``bernoulli`` and their ``_like`` forms.

Each draws from ``generator=`` when given one (``torch.Generator().manual_seed(n)``), else from the
default generator that ``torch.manual_seed`` seeds. The numbers are NumPy's, not PyTorch's: the same
seed gives the same tensors on every run, but not the ones PyTorch would print.
"""
import builtins
import numbers

import numpy as np

from ..parity import devices, dtypes
from ..parity.aliases import numpy_names
from . import grad_mode
from .generator import initial_seed, manual_seed, numpy_generator, seed  # noqa: F401  (torch.random.*)
from .arguments import check_broadcast
from .tensor import Tensor

__all__ = ["rand", "randn", "randint", "randperm", "normal", "rand_like", "randn_like", "randint_like",
           "multinomial", "bernoulli", "manual_seed", "initial_seed", "seed"]


def _size(function, size):
    """``f(2, 3)``, ``f((2, 3))`` and ``f([2, 3])`` alike, as a tuple of ints."""
    if not size and function in ("rand", "randn"):
        raise TypeError(f"{function}() needs a size, e.g. torch.{function}(3) or torch.{function}(2, 3); "
                        f"for a single number use torch.{function}(()).")
    if len(size) == 1 and isinstance(size[0], (tuple, list)):
        size = size[0]
    for n in size:
        if not isinstance(n, numbers.Integral) or isinstance(n, builtins.bool):
            raise TypeError(f"{function}(): argument 'size' must be tuple of ints, but found element of type "
                            f"{type(n).__name__}")
    if builtins.any(n < 0 for n in size):
        raise RuntimeError(f"Trying to create tensor with negative dimension {builtins.min(size)}: {list(size)}")
    return tuple(int(n) for n in size)


def _float_type(function_kernel, dtype):
    """The float dtype to draw in; PyTorch has no kernel for integer or bool random floats."""
    dtype = dtype or dtypes.DEFAULT_FLOAT
    if not dtype.is_floating_point:
        raise NotImplementedError(f'"{function_kernel}" not implemented for '
                                  f"'{dtypes.TYPE_NAMES_SHORT[dtype.name]}'")
    return dtype


def _new(array, dtype, requires_grad):
    result = Tensor._wrap(np.asarray(array).astype(dtype.numpy, copy=False))
    if requires_grad:
        result.requires_grad_(True)  # raises, as PyTorch, for integer dtypes
    return result


@numpy_names
def rand(*size, generator=None, dtype=None, requires_grad=False, device=None):
    """Uniform random numbers in [0, 1)."""
    devices.check_creation_device(device)
    dtype = _float_type("check_uniform_bounds", dtype)
    return _new(numpy_generator(generator, "rand").random(_size("rand", size)), dtype, requires_grad)


@numpy_names
def randn(*size, generator=None, dtype=None, requires_grad=False, device=None):
    """Standard normal random numbers (mean 0, standard deviation 1)."""
    devices.check_creation_device(device)
    dtype = _float_type("normal_kernel_cpu", dtype)
    return _new(numpy_generator(generator, "randn").standard_normal(_size("randn", size)), dtype, requires_grad)


def _integer_bound(function, name, value):
    if not isinstance(value, numbers.Integral) or isinstance(value, builtins.bool):
        raise TypeError(f"{function}(): argument '{name}' must be int, not {type(value).__name__}")
    return int(value)


def _random_integers(function, low, high, size, generator, dtype):
    low, high = _integer_bound(function, "low", low), _integer_bound(function, "high", high)
    if low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}")
    if dtype is dtypes.bool_ and high > 2:
        raise RuntimeError("to - 1 is out of bounds for bool")
    return numpy_generator(generator, function).integers(low, high, size=size)


def randint(*args, size=None, low=None, high=None, generator=None, dtype=None, requires_grad=False,
            device=None):
    """Random integers from ``low`` (0 if left out) up to, not including, ``high``:
    ``randint(10, (3,))`` or ``randint(1, 7, size=(2, 2))``."""
    devices.check_creation_device(device)
    args = list(args)
    if size is None and args and isinstance(args[-1], (tuple, list)):
        size = args.pop()
    if high is None and args:
        high = args.pop()
    if low is None:
        low = args.pop() if args else 0
    if args or high is None or size is None:
        raise TypeError("randint() takes (high, size) or (low, high, size), e.g. torch.randint(10, (3,)) "
                        "or torch.randint(0, 10, size=(3,)); size must be a tuple of ints")
    if not isinstance(size, (tuple, list)):
        raise TypeError(f"randint(): argument 'size' must be tuple of ints, not {type(size).__name__}")
    dtype = dtype or dtypes.int64
    values = _random_integers("randint", low, high, _size("randint", size), generator, dtype)
    return _new(values, dtype, requires_grad)


def randperm(n, *, generator=None, dtype=None, requires_grad=False, device=None):
    """0, 1, ..., n-1 in a random order."""
    devices.check_creation_device(device)
    n = _integer_bound("randperm", "n", n)
    if n < 0:
        raise RuntimeError(f"n must be non-negative, got{n}")
    return _new(numpy_generator(generator, "randperm").permutation(n), dtype or dtypes.int64, requires_grad)


def normal(mean=0.0, std=1.0, size=None, *, generator=None, dtype=None, requires_grad=False, device=None):
    """Normal random numbers: ``normal(0., 1., size=(3,))``, or one per element of a ``mean`` and/or
    ``std`` tensor (broadcast together): ``normal(torch.zeros(3), 2.)``."""
    devices.check_creation_device(device)
    mean_is_tensor, std_is_tensor = isinstance(mean, Tensor), isinstance(std, Tensor)
    if not (mean_is_tensor or std_is_tensor):
        if size is None:
            raise TypeError("normal() with a number mean and a number std needs a size, e.g. "
                            "torch.normal(0., 1., size=(3,)); or give mean or std as a tensor.")
        _check_std(std)
        dtype = _float_type("normal_kernel_cpu", dtype)
        values = numpy_generator(generator, "normal").normal(mean, std, _size("normal", (size,)))
        return _new(values, dtype, requires_grad)
    if size is not None or dtype is not None:
        raise TypeError("normal(): size= and dtype= go with a number mean and std only; with a tensor "
                        "mean or std, the result takes its shape and dtype from them.")
    for name, value in (("mean", mean), ("std", std)):
        if isinstance(value, Tensor) and value.requires_grad and grad_mode.is_grad_enabled():
            raise NotImplementedError(
                f"torch.normal with a {name} that requires grad is not supported by autodidact (PyTorch "
                "records a NormalBackward node whose gradient is zero). Pass "
                f"{name}.detach(), or write mean + std * torch.randn_like(mean) to differentiate.")
    if std_is_tensor:
        if np.any(std._array < 0):
            raise RuntimeError("normal expects all elements of std >= 0.0")
    else:
        _check_std(std)
    tensors = [v for v in (mean, std) if isinstance(v, Tensor)]
    result_dtype = tensors[0].dtype if len(tensors) == 1 else dtypes.promote_types(mean.dtype, std.dtype)
    _float_type("normal_kernel_cpu", result_dtype)
    mean_values = mean._array if mean_is_tensor else mean
    std_values = std._array if std_is_tensor else std
    check_broadcast(np.shape(mean_values), np.shape(std_values))
    shape = np.broadcast_shapes(np.shape(mean_values), np.shape(std_values))
    values = numpy_generator(generator, "normal").normal(mean_values, std_values, shape)
    return _new(values, result_dtype, requires_grad)


def _check_std(std):
    if std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std}")


def _like(function, input, dtype):
    if not isinstance(input, Tensor):
        raise TypeError(f"{function}(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}")
    return input.shape, dtype or input.dtype


def rand_like(input, *, generator=None, dtype=None, requires_grad=False, device=None):
    """Uniform random numbers in [0, 1) with ``input``'s shape and dtype."""
    shape, dtype = _like("rand_like", input, dtype)
    return rand(*shape, generator=generator, dtype=dtype, requires_grad=requires_grad, device=device)


def randn_like(input, *, generator=None, dtype=None, requires_grad=False, device=None):
    """Standard normal random numbers with ``input``'s shape and dtype."""
    shape, dtype = _like("randn_like", input, dtype)
    return randn(*shape, generator=generator, dtype=dtype, requires_grad=requires_grad, device=device)


def randint_like(input, low=0, high=None, *, generator=None, dtype=None, requires_grad=False, device=None):
    """Random integers in [low, high) with ``input``'s shape and dtype (a float input gives floats)."""
    devices.check_creation_device(device)
    shape, dtype = _like("randint_like", input, dtype)
    if high is None:
        low, high = 0, low
    values = _random_integers("randint_like", low, high, shape, generator, dtype)
    return _new(values, dtype, requires_grad)


def multinomial(input, num_samples, replacement=False, *, generator=None):
    """Draw ``num_samples`` category indices from each row of ``input``, a 1-D or 2-D tensor of
    non-negative weights (they need not add up to 1). Without ``replacement`` an index is drawn at
    most once per row."""
    if not isinstance(input, Tensor):
        raise TypeError(f"multinomial(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}")
    num_samples = _integer_bound("multinomial", "num_samples", num_samples)
    if not input.dtype.is_floating_point:
        raise RuntimeError(f"multinomial only supports floating-point dtypes for input, got: "
                           f"{dtypes.TYPE_NAMES_SHORT[input.dtype.name]}")
    if input.ndim not in (1, 2):
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    if num_samples <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")
    weights = np.atleast_2d(input._array).astype(np.float64)
    categories = weights.shape[1]
    if not replacement and num_samples > categories:
        raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
    if not np.all(np.isfinite(weights)) or np.any(weights < 0):
        raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
    totals = weights.sum(axis=1)
    if np.any(totals <= 0):
        raise RuntimeError("invalid multinomial distribution (sum of probabilities <= 0)")
    rng = numpy_generator(generator, "multinomial")
    if replacement:
        # Inverse of the cumulative distribution: a uniform number falls in category i with
        # probability weights[i] / total (a zero weight is an empty interval, never drawn).
        cumulative = np.cumsum(weights, axis=1)
        targets = rng.random((weights.shape[0], num_samples)) * cumulative[:, -1:]
        samples = np.stack([np.searchsorted(row, t, side="right") for row, t in zip(cumulative, targets)])
        samples = np.minimum(samples, categories - 1)
    else:
        # The largest weight / Exp(1) keys, as PyTorch does it: the same law as drawing one by one
        # and removing what was drawn.
        with np.errstate(divide="ignore"):
            keys = weights / rng.exponential(size=weights.shape)
        samples = np.argsort(-keys, axis=1, kind="stable")[:, :num_samples]
    if input.ndim == 1:
        samples = samples[0]
    return Tensor._wrap(samples.astype(np.int64))


def bernoulli(input, p=None, *, generator=None):
    """1 with probability ``input`` (elementwise; or ``p`` for every element when given), else 0,
    in ``input``'s dtype."""
    if not isinstance(input, Tensor):
        raise TypeError(f"bernoulli(): argument 'input' (position 1) must be Tensor, not {type(input).__name__}")
    if not input.dtype.is_floating_point:
        raise NotImplementedError(f"\"bernoulli_tensor_cpu_p_\" not implemented for "
                                  f"'{dtypes.TYPE_NAMES_SHORT[input.dtype.name]}'")
    if input.requires_grad and grad_mode.is_grad_enabled():
        raise NotImplementedError(
            "torch.bernoulli of a tensor that requires grad is not supported by autodidact (PyTorch "
            "records a BernoulliBackward0 node whose gradient is zero). Pass input.detach().")
    probabilities = input._array if p is None else np.full(input.shape, p, dtype=np.float64)
    if np.any(~((probabilities >= 0) & (probabilities <= 1))):
        raise RuntimeError("Expected p_in >= 0 && p_in <= 1 to be true, but got false. (bernoulli takes "
                           "probabilities: every element must be between 0 and 1)")
    draws = numpy_generator(generator, "bernoulli").random(input.shape) < probabilities
    return Tensor._wrap(draws.astype(input._array.dtype))


def _bernoulli_in_place(self, p=0.5, *, generator=None):
    """``t.bernoulli_(p)``: overwrite ``t`` with 1s (probability ``p``, a number or a tensor of
    probabilities) and 0s."""
    probabilities = p if isinstance(p, Tensor) else Tensor._wrap(np.full(self.shape, p, dtype=np.float64))
    draws = bernoulli(probabilities.detach().to(dtypes.float64).expand(*self.shape), generator=generator)
    return self._overwrite_randomly("bernoulli_", lambda rng: draws._array, None)


# The Tensor methods of these functions: p.multinomial(2), p.bernoulli(), t.bernoulli_(0.5).
Tensor.multinomial = multinomial
Tensor.bernoulli = bernoulli
Tensor.bernoulli_ = _bernoulli_in_place
