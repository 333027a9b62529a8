"""``vmap``: run a function written for one example on a whole batch.

    vmap(f)(xs)                          torch.stack([f(x) for x in xs])
    vmap(f, in_dims=(0, None))(xs, w)    w is shared: torch.stack([f(x, w) for x in xs])
    vmap(grad(loss))(xs)                 one gradient per example (per-sample gradients)

PyTorch's vmap runs f once, on "batched tensors" whose ops process every example at once. Here
vmap is what its definition says: a Python loop over the mapped dimension that calls f on each
slice and stacks the results. The values, shapes and errors are PyTorch's, and it composes with
grad, vjp, jacrev, jacfwd and with itself (``vmap(vmap(f))``); it is as fast as that loop.
Differences: f sees ordinary tensors, so ``.item()`` and data-dependent Python ``if`` work here
(PyTorch refuses them), and f runs once per example.
"""
import functools

from ..engine import Tensor
from ..engine.generator import default_generator
from ..engine.tensor import stack
from .pytree import broadcast_prefix, flatten, unflatten

RANDOMNESS = ("error", "different", "same")


def _name(func):
    return getattr(func, "__name__", repr(func))


def _is_dim(value):
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


def _mapped_dims(func, in_dims, args, leaves, structure):
    """One in_dim (int or None) per leaf of ``args``, checked as PyTorch checks them."""
    where = f"vmap({_name(func)}, in_dims={in_dims}, ...)(<inputs>)"
    if not (isinstance(in_dims, tuple) or (isinstance(in_dims, int) and not isinstance(in_dims, bool))):
        raise ValueError(f"{where}: expected `in_dims` to be int or a (potentially nested) tuple matching the "
                         f"structure of inputs, got: {type(in_dims)}.")
    if not args:
        raise ValueError(f"vmap({_name(func)})(<inputs>): got no inputs. Maybe you forgot to add inputs, or you are "
                         "trying to vmap over a function with no inputs. The latter is unsupported.")
    dims = broadcast_prefix(in_dims, structure, _is_dim)
    if dims is None:
        _, dims_structure = flatten(in_dims)
        raise ValueError(f"{where}: in_dims is not compatible with the structure of `inputs`. in_dims has structure "
                         f"{dims_structure} but inputs has structure {structure}.")
    for leaf, dim in zip(leaves, dims):
        if dim is None:
            continue
        if not isinstance(leaf, Tensor):
            raise ValueError(f"{where}: Got in_dim={dim} for an input but the input is of type {type(leaf)}. We cannot "
                             "vmap over non-Tensor arguments, please use None as the respective in_dim")
        if not -leaf.dim() <= dim < leaf.dim():
            raise ValueError(f"{where}: Got in_dim={dim} for some input, but that input is a Tensor of dimensionality "
                             f"{leaf.dim()} so expected in_dim to satisfy -{leaf.dim()} <= in_dim < {leaf.dim()}.")
    if all(dim is None for dim in dims):
        raise ValueError("vmap: Expected at least one Tensor to vmap over")
    return dims


def _batch_size(leaves, dims):
    sizes = [leaf.shape[dim] for leaf, dim in zip(leaves, dims) if dim is not None]
    if len(set(sizes)) > 1:
        raise ValueError("vmap: Expected all tensors to have the same size in the mapped dimension, got sizes "
                         f"{sizes} for the mapped dimension")
    return sizes[0]


class _RandomnessGuard:
    """Random ops inside vmap: 'error' refuses them (PyTorch's default), 'same' gives every example
    the same draws, 'different' lets each example draw its own (what a loop does anyway).
    A random op is seen by the default generator's state changing."""

    def __init__(self, randomness):
        self.randomness = randomness
        self.start = self._state()

    @staticmethod
    def _state():
        return default_generator.numpy, default_generator.numpy.bit_generator.state

    def before_example(self):
        if self.randomness == "same":
            generator, state = self.start
            default_generator.numpy = generator
            generator.bit_generator.state = state

    def after_example(self):
        if self.randomness == "error":
            generator, state = self._state()
            if generator is not self.start[0] or state != self.start[1]:
                raise RuntimeError("vmap: called random operation while in randomness error mode. Please either use "
                                   "the 'same' or 'different' randomness flags on vmap or perform the randomness "
                                   "operation out of vmap")


def vmap(func, in_dims=0, out_dims=0, randomness="error", *, chunk_size=None):
    """``vmap(f)``: f mapped over dimension 0 of its inputs (``in_dims`` per argument: an int, or None
    for an argument shared by every example), results stacked along ``out_dims``. This version
    loops over the examples (see the module docstring); ``chunk_size`` is accepted and changes nothing."""
    if randomness not in RANDOMNESS:
        raise RuntimeError(f"Only allowed values for randomness are 'error', 'different', or 'same'. Got {randomness}")

    @functools.wraps(func)
    def vmapped(*args, **kwargs):
        leaves, structure = flatten(args)
        dims = _mapped_dims(func, in_dims, args, leaves, structure)
        size = _batch_size(leaves, dims)
        guard = _RandomnessGuard(randomness)
        results = []
        for index in range(size):
            example = [leaf.select(dim, index) if dim is not None else leaf for leaf, dim in zip(leaves, dims)]
            guard.before_example()
            results.append(func(*unflatten(example, structure), **kwargs))
            guard.after_example()
        if size == 0:  # no example to run: f runs once on zeros, for the structure and shapes of its output
            example = [leaf.new_zeros(leaf.shape[:dim] + leaf.shape[dim + 1:]) if dim is not None else leaf
                       for leaf, dim in zip(leaves, dims)]
            results.append(func(*unflatten(example, structure), **kwargs))
        return _stacked(func, results, out_dims, size)

    return vmapped


def _stacked(func, results, out_dims, size):
    """The per-example outputs stacked along out_dims, in the structure of one output."""
    flat, structure = zip(*(flatten(result) for result in results))
    structure = structure[0]
    where = f"vmap({_name(func)}, ...)"
    dims = broadcast_prefix(out_dims, structure, _is_dim)
    if dims is None:
        _, dims_structure = flatten(out_dims)
        raise ValueError(f"{where}: out_dims is not compatible with the structure of `outputs`. out_dims has "
                         f"structure {dims_structure} but outputs has structure {structure}.")
    stacked = []
    for position, dim in enumerate(dims):
        per_example = [leaves[position] for leaves in flat]
        if dim is None:  # not mapped: every example must give the same output (PyTorch: must not depend on it)
            first = per_example[0]
            if isinstance(first, Tensor) and not all(first.shape == value.shape and bool((first == value).all())
                                                     for value in per_example[1:]):
                raise ValueError(f"{where}: `{_name(func)}` can not return a BatchedTensor when out_dim is None")
            stacked.append(first)
            continue
        if not all(isinstance(value, Tensor) for value in per_example):
            bad = next(type(value) for value in per_example if not isinstance(value, Tensor))
            raise ValueError(f"{where}: `{_name(func)}` must only return Tensors, got type {bad}. Did you mean to "
                             "set out_dims= to None for output?")
        batched = stack(per_example, dim=dim)  # also checks dim against the example's dimensions
        if size == 0:  # the one output came from zeros: keep its shape, with no example in it
            batched = batched.narrow(dim, 0, 0)
        stacked.append(batched)
    return unflatten(stacked, structure)

