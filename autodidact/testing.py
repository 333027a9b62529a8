"""How to check every op of the table: one entry per op, read by the test suite.

For each op in ``autodidact.engine.ops.OPS`` the registry ``CHECKS`` says

* how to call it: ``check.call(lib, *tensors, **params)`` works with ``lib`` = ``autodidact`` and,
  through ``check.torch_call``, with ``lib`` = ``torch``, so the same inputs go through both;
* which inputs are valid: ``check.strategy()`` is a Hypothesis strategy that draws ``(arrays,
  params)``, float64 NumPy arrays inside the op's ``domain`` (positive for ``log``, values away from
  the kink for ``relu``, distinct values for ``max``...) and shapes that broadcast where the op does;
* which inputs get a gradient (``check.differentiable``).

Adding an op to the table without adding an entry here makes the test suite fail, so every op is
gradient-checked in float64, compared with PyTorch, and differentiated twice.

This module needs Hypothesis (``pip install autodidact[test]``); the engine itself does not.
"""
import math

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from .engine import Tensor, apply_op, ops
from .engine.ops.public import generated_specs

__all__ = ["OpCheck", "CHECKS", "values", "shapes", "tensors_for"]

# Small tensors: finite differences perturb every element, so size is paid for twice.
MAX_SIDE = 3
MAX_DIMS = 3


class OpCheck:
    """How to exercise one op of the table (see the module docstring)."""

    def __init__(self, name, call, arguments, *, torch_call=None, differentiable=None,
                 gradcheck_eps=1e-6, gradcheck_atol=1e-5, same_grad_fn=None, pytorch_twice=True):
        self.name = name
        self.call = call  # call(lib, *tensors, **params) -> the op's output
        self.torch_call = torch_call or call  # the same with lib=torch, when the spelling differs
        self.arguments = arguments  # arguments(draw) -> (arrays, params)
        self.differentiable = differentiable  # per array: gets a gradient? (default: float arrays)
        self.gradcheck_eps = gradcheck_eps
        self.gradcheck_atol = gradcheck_atol
        # same_grad_fn(arrays): False for inputs where PyTorch names its grad_fn differently on
        # purpose of ours (a documented difference); None means always the same.
        self.same_grad_fn = same_grad_fn or (lambda arrays: True)
        # False where PyTorch cannot differentiate the op's gradient (it raises); ours is checked
        # against finite differences only.
        self.pytorch_twice = pytorch_twice

    def __repr__(self):
        return f"<OpCheck {self.name}>"

    @property
    def op(self):
        return ops.OPS[self.name]

    def strategy(self):
        """A Hypothesis strategy drawing ``(arrays, params)`` valid for this op."""
        return st.composite(lambda draw: self.arguments(draw))()

    def requires_grad(self, arrays):
        if self.differentiable is not None:
            return tuple(self.differentiable)
        return tuple(a.dtype.kind == "f" for a in arrays)


def tensors_for(lib, check, arrays, dtype=None):
    """The arrays as ``lib`` tensors (copies), requiring grad where the op is differentiable.

    ``dtype`` (a ``lib`` dtype) converts the floating-point arrays, e.g. to float32.
    """
    tensors = []
    for array, needs_grad in zip(arrays, check.requires_grad(arrays)):
        t = lib.tensor(np.array(array, copy=True))
        if dtype is not None and array.dtype.kind == "f":
            t = t.to(dtype)
        if needs_grad:
            t.requires_grad_(True)
        tensors.append(t)
    return tensors


# ---------------------------------------------------------------------------------------------
# Input strategies by domain


def values(domain="any"):
    """Strategy for one float64 element inside ``domain`` (a name used by ``Op.domain``)."""
    if domain == "positive":
        return st.floats(0.5, 2.0)
    if domain == "nonzero":  # far enough from 0 that finite differences never cross it
        magnitude = st.floats(0.1, 2.0)
        return st.tuples(magnitude, st.booleans()).map(lambda p: -p[0] if p[1] else p[0])
    if domain == "probability":
        return st.floats(0.05, 0.95)
    if domain == "unit":
        return st.floats(0.0, 1.0)
    if domain == "above one":  # acosh: defined from 1 on
        return st.floats(1.1, 3.0)
    return st.floats(-2.0, 2.0)


def shapes(min_dims=0, max_dims=MAX_DIMS, min_side=1):
    return hnp.array_shapes(min_dims=min_dims, max_dims=max_dims, min_side=min_side,
                            max_side=MAX_SIDE)


def _array(draw, shape, domain="any"):
    return draw(hnp.arrays(np.float64, shape, elements=values(domain)))


def _distinct(draw, shape):
    """Values at least 0.5 apart, so that the largest element is unambiguous."""
    size = int(np.prod(shape, dtype=np.int64))
    order = draw(st.permutations(range(size)))
    return np.array(order, dtype=np.float64).reshape(shape) * 0.5 - size / 4


def _dims_subset(draw, ndim):
    dims = draw(st.lists(st.integers(-ndim, ndim - 1), min_size=1, max_size=ndim,
                         unique_by=lambda d: d % ndim))
    return tuple(dims)


# ---------------------------------------------------------------------------------------------
# Argument makers, one per kind of op


def unary(domain="any", min_dims=0, max_dims=MAX_DIMS):
    def arguments(draw):
        return (_array(draw, draw(shapes(min_dims, max_dims)), domain),), {}
    return arguments


def binary(domain_x="any", domain_y="any"):
    """Two arrays whose shapes broadcast together (including 0-d and size-1 dimensions)."""
    def arguments(draw):
        shape_x, shape_y = draw(hnp.mutually_broadcastable_shapes(
            num_shapes=2, min_dims=0, max_dims=MAX_DIMS, max_side=MAX_SIDE)).input_shapes
        return (_array(draw, shape_x, domain_x), _array(draw, shape_y, domain_y)), {}
    return arguments


def same_shape(domain_x="any", domain_y="any"):
    def arguments(draw):
        shape = draw(shapes())
        return (_array(draw, shape, domain_x), _array(draw, shape, domain_y)), {}
    return arguments


def _where_arguments(draw):
    shape_c, shape_x, shape_y = draw(hnp.mutually_broadcastable_shapes(
        num_shapes=3, min_dims=0, max_dims=MAX_DIMS, max_side=MAX_SIDE)).input_shapes
    condition = draw(hnp.arrays(np.bool_, shape_c))
    return (condition, _array(draw, shape_x), _array(draw, shape_y)), {}


def _pairwise_extreme_arguments(draw):
    # x on a grid of halves + 0.1, y on one of halves - 0.15: always at least 0.25 apart, so finite
    # differences never cross a tie. Ties are tested against PyTorch in test_tutorialops.
    shape_x, shape_y = draw(hnp.mutually_broadcastable_shapes(
        num_shapes=2, min_dims=0, max_dims=MAX_DIMS, max_side=MAX_SIDE)).input_shapes
    x = draw(hnp.arrays(np.float64, shape_x, elements=st.integers(-4, 4).map(lambda k: k / 2 + 0.1)))
    y = draw(hnp.arrays(np.float64, shape_y, elements=st.integers(-4, 4).map(lambda k: k / 2 - 0.15)))
    return (x, y), {}


def _domains(name):
    """Each input's domain, read from the op's spec."""
    spec = ops.OPS[name]
    return tuple(spec.domain_of(input_name) for input_name in spec.inputs)


def _engine_op(lib, name, *inputs, **params):
    """Call one op of the table directly (for ops no public function reaches alone)."""
    return apply_op(getattr(ops, name), *inputs, **params)


def _with_number(numbers, domain="any"):
    def arguments(draw):
        return (_array(draw, draw(shapes()), domain),), {"number": draw(st.sampled_from(numbers))}
    return arguments


def _remainder_arguments(draw):
    # x = y·(k + f) with f in [0.2, 0.8]: x % y stays away from its jumps (where x/y is a whole
    # number), so finite differences never straddle one. y's shape broadcasts to x's.
    shape_x = draw(shapes())
    lead = draw(st.integers(0, len(shape_x)))
    shape_y = tuple(1 if draw(st.booleans()) else n for n in shape_x[lead:])
    y = draw(hnp.arrays(np.float64, shape_y, elements=st.floats(0.5, 1.5)))
    k = draw(hnp.arrays(np.float64, shape_x, elements=st.integers(-2, 2).map(float)))
    f = draw(hnp.arrays(np.float64, shape_x, elements=st.floats(0.2, 0.8)))
    return (np.asarray((k + f) * y), y), {}


def _remainder_number_arguments(draw):
    number = draw(st.sampled_from([0.7, 1.5, -1.1]))
    shape = draw(shapes())
    k = draw(hnp.arrays(np.float64, shape, elements=st.integers(-2, 2).map(float)))
    f = draw(hnp.arrays(np.float64, shape, elements=st.floats(0.2, 0.8)))
    return (np.asarray((k + f) * number),), {"number": number}


def _clamp_arguments(draw):
    low = draw(st.sampled_from([-1.0, -0.5, None]))
    high = draw(st.sampled_from([0.5, 1.0] if low is None else [0.5, 1.0, None]))  # not both None
    gap = 0.05  # keep values away from the bounds, where the derivative jumps
    bounds = [b for b in (low, high) if b is not None]
    edges = [-2.0] + [e for b in bounds for e in (b - gap, b + gap)] + [2.0]
    pieces = [st.floats(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
    x = draw(hnp.arrays(np.float64, draw(shapes()), elements=st.one_of(*pieces)))
    return (x,), {"low": low, "high": high}


def _grid(draw, shape, offset):
    """Values k/2 + offset (k from -4 to 4): grids with offsets 0.1, -0.15 and 0.2 stay at least 0.1
    apart, so finite differences never cross a point where one value passes another."""
    return draw(hnp.arrays(np.float64, shape, elements=st.integers(-4, 4).map(lambda k: k / 2 + offset)))


def _tensor_bounds_arguments(bounds):
    """x and tensor bounds (``bounds`` names them; "either" draws min, max or both) that broadcast to
    x's shape. (Bounds that make the result larger than x are fine here; PyTorch 2.13's backward
    raises for them when both bounds are given, so they are tested apart, in test_clamp_tensor_bounds.)"""
    def arguments(draw):
        which = draw(st.sampled_from([("min",), ("max",), ("min", "max")])) if bounds == "either" else bounds
        shape = draw(shapes())
        bound_shapes = [tuple(1 if draw(st.booleans()) else n for n in shape[draw(st.integers(0, len(shape))):])
                        for _ in which]
        offsets = {"min": -0.15, "max": 0.2}
        arrays = [_grid(draw, shape, 0.1)] + [_grid(draw, bound_shape, offsets[name])
                                              for name, bound_shape in zip(which, bound_shapes)]
        return tuple(arrays), {"which": which}
    return arguments


def _clamp_by_tensors(lib, x, *bounds, which):
    return lib.clamp(x, **dict(zip(which, bounds)))


def _reduce_dim_arguments(distinct):
    def arguments(draw):
        shape = draw(shapes(min_dims=1))
        x = _distinct(draw, shape) if distinct else _array(draw, shape)
        ndim = len(shape)
        if distinct:
            return (x,), {"dim": draw(st.integers(-ndim, ndim - 1)), "keepdim": draw(st.booleans())}
        return (x,), {"dim": _dims_subset(draw, ndim), "keepdim": draw(st.booleans())}
    return arguments


def _distinct_arguments(draw):
    return (_distinct(draw, draw(shapes())),), {}


def _matrix_arguments(kind):
    def arguments(draw):
        n, k, m = (draw(st.integers(1, MAX_SIDE)) for _ in range(3))
        shape_x, shape_y = {"mm": ((n, k), (k, m)), "mv": ((n, k), (k,)), "dot": ((k,), (k,))}[kind]
        return (_array(draw, shape_x), _array(draw, shape_y)), {}
    return arguments


def _matmul_arguments(draw):
    # Batched and broadcast products: at least one operand has 3 or more dimensions.
    shape_x, shape_y = draw(hnp.mutually_broadcastable_shapes(
        signature="(m?,n),(n,p?)->(m?,p?)", max_dims=4, max_side=MAX_SIDE).filter(
            lambda s: max(len(shape) for shape in s.input_shapes) >= 3)).input_shapes
    return (_array(draw, shape_x), _array(draw, shape_y)), {}


def _hardtanh_arguments(draw):
    # Values at least 0.05 away from the two clipping points, so finite differences never cross one.
    low = draw(st.sampled_from([-1.0, 0.0, -0.5]))
    high = low + draw(st.sampled_from([1.0, 1.5, 6.0]))
    x = draw(hnp.arrays(np.float64, draw(shapes()), elements=st.floats(-2.0, 2.0).filter(
        lambda v: abs(v - low) > 0.05 and abs(v - high) > 0.05)))
    return (x,), {"low": low, "high": high}


def _with_approximate(draw):
    return (_array(draw, draw(shapes())),), {"approximate": draw(st.sampled_from(["none", "tanh"]))}


def _bmm_arguments(draw):
    b, n, k, m = (draw(st.integers(1, MAX_SIDE)) for _ in range(4))
    return (_array(draw, (b, n, k)), _array(draw, (b, k, m))), {}


def _addmm_arguments(draw):
    # A bias of any shape that broadcasts to the product's (n, m): a row, a full matrix, a number...
    n, k, m = (draw(st.integers(1, MAX_SIDE)) for _ in range(3))
    bias_shape = draw(st.sampled_from([(m,), (n, m), (1, m), (n, 1), ()]))
    return (_array(draw, bias_shape), _array(draw, (n, k)), _array(draw, (k, m))), {}


def _view_arguments(draw):
    shape = draw(shapes())
    size = int(np.prod(shape, dtype=np.int64))
    target = draw(st.sampled_from([(-1,), (size,), tuple(reversed(shape)), (1,) + shape,
                                   shape + (1,), (size, 1)]))
    return (_array(draw, shape),), {"shape": target}


def _transpose_arguments(draw):
    shape = draw(shapes(min_dims=2))
    ndim = len(shape)
    dims = draw(st.tuples(st.integers(-ndim, ndim - 1), st.integers(-ndim, ndim - 1)))
    return (_array(draw, shape),), {"dim0": dims[0], "dim1": dims[1]}


def _permute_arguments(draw):
    shape = draw(shapes(min_dims=1))
    return (_array(draw, shape),), {"dims": tuple(draw(st.permutations(range(len(shape)))))}


def _shape_with_ones(draw, min_dims=0):
    shape = draw(shapes(min_dims=min_dims))
    ones = draw(st.lists(st.booleans(), min_size=len(shape), max_size=len(shape)))
    return tuple(1 if one else side for side, one in zip(shape, ones))


def _squeeze_arguments(draw):
    return (_array(draw, _shape_with_ones(draw)),), {}


def _squeeze_dim_arguments(draw):
    shape = _shape_with_ones(draw, min_dims=1)
    return (_array(draw, shape),), {"dim": draw(st.integers(-len(shape), len(shape) - 1))}


def _squeeze_dims_arguments(draw):
    shape = _shape_with_ones(draw)
    dims = _dims_subset(draw, len(shape)) if shape else ()
    return (_array(draw, shape),), {"dims": dims}


def _vector_matrix_arguments(draw):
    rows, columns = draw(st.integers(1, MAX_SIDE)), draw(st.integers(1, MAX_SIDE))
    return (_array(draw, (rows,)), _array(draw, (rows, columns))), {}


def _unsqueeze_arguments(draw):
    shape = draw(shapes())
    return (_array(draw, shape),), {"dim": draw(st.integers(-len(shape) - 1, len(shape)))}


def _expand_arguments(draw):
    shape = _shape_with_ones(draw)
    lead = draw(st.lists(st.integers(1, MAX_SIDE), max_size=2))
    target = tuple(lead) + tuple(draw(st.integers(1, MAX_SIDE)) if side == 1 else side
                                 for side in shape)
    return (_array(draw, shape),), {"shape": target}


def _select_arguments(draw):
    shape = draw(shapes(min_dims=1))
    dim = draw(st.integers(0, len(shape) - 1))
    index = draw(st.integers(-shape[dim], shape[dim] - 1))
    return (_array(draw, shape),), {"key": (slice(None),) * dim + (index,)}


def _slice_arguments(draw):
    shape = draw(shapes(min_dims=1))
    dim = draw(st.integers(0, len(shape) - 1))
    start = draw(st.integers(-shape[dim], shape[dim]))
    stop = draw(st.integers(-shape[dim], shape[dim]))
    step = draw(st.integers(1, 2))
    # A slice that keeps everything (0:n) is not a slice for PyTorch but an alias (see "alias").
    whole = start in (None, 0) and stop >= shape[dim] and step == 1
    if whole:
        start = 1
    return (_array(draw, shape),), {"key": (slice(None),) * dim + (slice(start, stop, step),)}


def _alias_arguments(draw):
    shape = draw(shapes())
    keys = [(Ellipsis,)]
    if shape:
        # In a tuple: a bare t[:] is a real slice for PyTorch (SliceBackward0).
        keys += [(slice(None),), (slice(0, shape[0] + 1),), (Ellipsis, slice(None, shape[-1]))]
    return (_array(draw, shape),), {"key": draw(st.sampled_from(keys))}


def _index_unsqueeze_arguments(draw):
    """Keys like [None], [:, None], [0, None], [..., None]: a None comes last (after ints/slices)."""
    shape = draw(shapes())
    before = draw(st.lists(st.sampled_from(["int", "slice", "none"]), max_size=len(shape)))
    key = []
    dim = 0  # the input's dimension the next int or slice applies to (None uses none)
    for kind in before:
        if kind == "none":
            key.append(None)
            continue
        key.append(draw(st.integers(-shape[dim], shape[dim] - 1)) if kind == "int" else slice(None))
        dim += 1
    if draw(st.booleans()):
        key.append(Ellipsis)
    key.append(None)
    return (_array(draw, shape),), {"key": tuple(key)}


def _index_arguments(draw):
    shape = draw(shapes(min_dims=1))
    if draw(st.booleans()):  # a boolean mask over the leading dimension(s)
        mask_dims = draw(st.integers(1, len(shape)))
        key = draw(hnp.arrays(np.bool_, shape[:mask_dims]))
    else:  # integer positions, possibly repeated (their gradients add up)
        key = np.array(draw(st.lists(st.integers(-shape[0], shape[0] - 1), min_size=1, max_size=4)),
                       dtype=np.int64)
    return (_array(draw, shape),), {"key": key}


def _index_scatter_arguments(draw):
    shape = draw(shapes(min_dims=1))
    key = np.array(draw(st.lists(st.integers(0, shape[0] - 1), min_size=1, max_size=4)), dtype=np.int64)
    return (_array(draw, (len(key),) + shape[1:]),), {"shape": shape, "key": key}


def _setitem_arguments(advanced=False, everything=False):
    """``t[key] = v`` on a non-leaf: a basic key (ints, slices), a tensor key (mask, positions), or
    a key that covers everything (``...``, ``:``)."""
    def arguments(draw):
        shape = draw(shapes(min_dims=1))
        if everything:
            key = draw(st.sampled_from([Ellipsis, slice(None), (slice(None),), (slice(None), Ellipsis)]))
        elif advanced and draw(st.booleans()):
            key = draw(hnp.arrays(np.bool_, shape[:draw(st.integers(1, len(shape)))]))
        elif advanced:  # distinct positions: with repeats, which write wins is unspecified
            key = np.array(draw(st.lists(st.integers(0, shape[0] - 1), min_size=1, max_size=shape[0],
                                         unique=True)), dtype=np.int64)
        else:
            dim = draw(st.integers(0, len(shape) - 1))
            part = draw(st.one_of(st.integers(-shape[dim], shape[dim] - 1),
                                  st.builds(slice, st.integers(0, shape[dim] - 1),
                                            st.integers(1, shape[dim]))))
            if part == slice(0, shape[dim]):  # the whole dim: PyTorch makes that a copy ("copy")
                part = shape[dim] - 1
            key = (slice(None),) * dim + (part,)
        target = np.zeros(shape)[key].shape
        value_shape = draw(st.sampled_from([target, (), target[1:] if target else ()]))
        if everything and not value_shape:
            # t[...] = a 0-d tensor is a fill for PyTorch (FillBackward3); we call it a copy too.
            value_shape = target
        return (_array(draw, shape), _array(draw, value_shape)), {"key": key}
    return arguments


def _setitem(lib, x, value, key):
    y = x * 1  # a non-leaf: writing into a leaf that requires grad is refused
    y[lib.tensor(key) if isinstance(key, np.ndarray) else key] = value
    return y


def _zero(lib, x):
    y = x * 1
    return y.zero_()


def _fill(lib, x, number):
    y = x * 1
    return y.fill_(number)


def _fill_tensor(lib, x, value):
    y = x * 1
    return y.fill_(value)


def _fill_tensor_arguments(draw):
    return (_array(draw, draw(shapes())), _array(draw, ())), {}


def _join_arguments(stack):
    def arguments(draw):
        count = draw(st.integers(1, 3))
        shape = draw(shapes(min_dims=0 if stack else 1))
        ndim = len(shape)
        dim = draw(st.integers(-ndim - 1, ndim) if stack else st.integers(-ndim, ndim - 1))
        arrays = []
        for _ in range(count):
            own = list(shape)
            if not stack:
                own[dim] = draw(st.integers(1, MAX_SIDE))
            arrays.append(_array(draw, tuple(own)))
        return tuple(arrays), {"dim": dim}
    return arguments


def _reduction(draw):
    return {"reduction": draw(st.sampled_from(["mean", "sum", "none"]))}


def _mse_arguments(draw):
    shape = draw(shapes())
    return (_array(draw, shape), _array(draw, shape)), _reduction(draw)


def _bce_arguments(draw):
    shape = draw(shapes())
    return (_array(draw, shape, "probability"), _array(draw, shape, "unit")), _reduction(draw)


def _along_dim_arguments(draw):
    shape = draw(shapes(min_dims=1))
    return (_array(draw, shape),), {"dim": draw(st.integers(-len(shape), len(shape) - 1))}


def _nll_arguments(draw):
    # Log-probabilities of shape (N, C) or (C,), and a class per row; some rows may be ignored
    # (-100), but not all of them (the mean of no rows is nan).
    classes = draw(st.integers(1, MAX_SIDE + 1))
    shape = draw(st.sampled_from([(classes,), (draw(st.integers(1, MAX_SIDE + 1)), classes)]))
    logp = _array(draw, shape)
    rows = shape[0] if len(shape) == 2 else 1
    target = np.array(draw(st.lists(st.integers(0, classes - 1), min_size=rows, max_size=rows)))
    if rows > 1 and draw(st.booleans()):
        target[draw(st.integers(0, rows - 1))] = -100
    target = target.reshape(() if len(shape) == 1 else (rows,)).astype(np.int64)
    return (logp, target), {"reduction": draw(st.sampled_from(["mean", "sum", "none"]))}


def _embedding_arguments(draw):
    # A weight of R rows and D columns, and integer indices of any shape picking rows (repeats too).
    rows, columns = draw(st.integers(1, MAX_SIDE + 1)), draw(st.integers(1, MAX_SIDE))
    shape = draw(shapes(max_dims=2))
    indices = draw(hnp.arrays(np.int64, shape, elements=st.integers(0, rows - 1)))
    return (_array(draw, (rows, columns)), indices), {}


def _normalization_arguments(batch):
    """x with well-spread values (so its variance is not tiny), a weight and a bias; for batch
    norm the channels are dim 1, for layer norm the last ``dims`` dims."""
    def arguments(draw):
        if batch:
            shape = draw(st.sampled_from([(2, 3), (3, 2), (2, 2, 3), (4, 1)]))
            parameter_shape = (shape[1],)
            params = {}
        else:
            shape = draw(shapes(min_dims=1))
            dims = draw(st.integers(1, len(shape)))
            parameter_shape = shape[len(shape) - dims:]
            params = {"normalized_shape": parameter_shape}
        return (_distinct(draw, shape), _array(draw, parameter_shape), _array(draw, parameter_shape)), params
    return arguments


def _group_norm_arguments(draw):
    """x (N, C, *) with C split into groups of at least two values each, a weight and a bias per channel."""
    shape, groups = draw(st.sampled_from([((2, 4), 2), ((2, 4, 3), 2), ((1, 3, 2), 3), ((2, 2, 2, 2), 1)]))
    return (_distinct(draw, shape), _array(draw, shape[1:2]), _array(draw, shape[1:2])), {"num_groups": groups}


def _bce_logits_arguments(draw):
    shape = draw(shapes())
    return ((_array(draw, shape), _array(draw, shape, "unit")),
            {"reduction": draw(st.sampled_from(["mean", "sum", "none"]))})


def _away_from_jumps_arguments(draw):
    # k + f with f in [0.1, 0.4]: away from the whole numbers (floor, ceil) and the halves (round).
    shape = draw(shapes())
    k = draw(hnp.arrays(np.float64, shape, elements=st.integers(-2, 2).map(float)))
    f = draw(hnp.arrays(np.float64, shape, elements=st.floats(0.1, 0.4)))
    return (np.asarray(k + f),), {}


def _flip_arguments(draw):
    shape = draw(shapes(min_dims=1))
    return (_array(draw, shape),), {"dims": _dims_subset(draw, len(shape))}


def _repeat_arguments(draw):
    # Sometimes more sizes than dims: repeat then adds leading dims.
    shape = draw(shapes(max_dims=2))
    extra = draw(st.integers(0 if shape else 1, 2))  # torch's repeat() needs at least one size
    sizes = tuple(draw(st.lists(st.integers(1, 3), min_size=len(shape) + extra,
                                max_size=len(shape) + extra)))
    return (_array(draw, shape),), {"sizes": sizes}


def _one_dim_arguments(draw):
    shape = draw(shapes())
    return (_array(draw, shape),), {"dim": draw(st.integers(-max(len(shape), 1), max(len(shape), 1) - 1))}


def _sort_arguments(draw):
    # Distinct values: with ties, which of two equal elements goes first is a convention.
    shape = draw(shapes())
    ndim = max(len(shape), 1)
    return (_distinct(draw, shape),), {"dim": draw(st.integers(-ndim, ndim - 1)),
                                       "descending": draw(st.booleans())}


def _topk_arguments(draw):
    shape = draw(shapes())
    ndim = max(len(shape), 1)
    dim = draw(st.integers(-ndim, ndim - 1))
    size = shape[dim] if shape else 1
    return (_distinct(draw, shape),), {"k": draw(st.integers(0, size)), "dim": dim,
                                       "largest": draw(st.booleans())}


def _kthvalue_arguments(draw):
    shape = draw(shapes())
    ndim = max(len(shape), 1)
    dim = draw(st.integers(-ndim, ndim - 1))
    size = shape[dim] if shape else 1
    return (_distinct(draw, shape),), {"k": draw(st.integers(1, max(size, 1))), "dim": dim,
                                       "keepdim": draw(st.booleans())}


def _split_arguments(with_sizes):
    def arguments(draw):
        shape = draw(shapes(min_dims=1))
        dim = draw(st.integers(-len(shape), len(shape) - 1))
        length = shape[dim]
        if with_sizes:
            cut = sorted(draw(st.lists(st.integers(0, length), max_size=2)))
            sizes = [b - a for a, b in zip([0] + cut, cut + [length])]
            index = draw(st.integers(0, len(sizes) - 1))
            return (_array(draw, shape),), {"split": sizes, "dim": dim, "index": index}
        size = draw(st.integers(1, length))
        index = draw(st.integers(0, -(-length // size) - 1))
        return (_array(draw, shape),), {"split": size, "dim": dim, "index": index}
    return arguments


def _spread_arguments(distinct):
    # At least 2 elements per result (N - correction > 0); std needs distinct values (std > 0).
    def arguments(draw):
        shape = draw(shapes(min_dims=1).filter(lambda s: max(s) >= 2))
        ndim = len(shape)
        x = _distinct(draw, shape) if distinct else _array(draw, shape)
        dims = draw(st.one_of(st.none(), st.just(shape.index(max(shape)))))
        if dims is None and draw(st.booleans()):
            dims = tuple(d for d in range(ndim) if shape[d] >= 2)
        return (x,), {"dim": dims, "correction": draw(st.sampled_from([0, 1])),
                      "keepdim": draw(st.booleans())}
    return arguments


def _prod_dim_arguments(draw):
    shape = draw(shapes(min_dims=1))
    return (_array(draw, shape, "nonzero"),), {"dim": draw(st.integers(-len(shape), len(shape) - 1)),
                                    "keepdim": draw(st.booleans())}


def _norm_arguments(draw):
    shape = draw(shapes())
    ord = draw(st.sampled_from([2, 1, 3, 1.5, 0.5, math.inf, -math.inf]))
    x = _distinct_magnitudes(draw, shape) if math.isinf(ord) else _array(draw, shape, "nonzero")
    if shape and draw(st.booleans()):
        return (x,), {"p": ord, "dim": draw(st.integers(-len(shape), len(shape) - 1)), "keepdim": draw(st.booleans())}
    return (x,), {"p": ord, "dim": None, "keepdim": False}


def _pairwise_distance_arguments(draw):
    """Two batches whose difference (plus eps) stays away from 0, where the norm has a kink."""
    shape = draw(shapes(min_dims=1))
    x2 = _array(draw, shape)
    return (x2 + _array(draw, shape, "nonzero"), x2), {"p": draw(st.sampled_from([2, 1, 3, 1.5])),
                                                          "keepdim": draw(st.booleans())}


def _index_add_arguments(draw):
    shape = draw(shapes(min_dims=1))
    dim = draw(st.integers(0, len(shape) - 1))
    index = draw(hnp.arrays(np.int64, (draw(st.integers(0, 4)),), elements=st.integers(0, shape[dim] - 1)))
    source_shape = shape[:dim] + (len(index),) + shape[dim + 1:]
    return (_array(draw, shape), _array(draw, source_shape)), {
        "dim": dim, "index": index, "alpha": draw(st.sampled_from([1, 2.5, -1]))}


def _triangle_arguments(draw):
    return (_array(draw, draw(shapes(min_dims=2))),), {"diagonal": draw(st.integers(-2, 2))}


def _diag_arguments(draw):
    return (_array(draw, draw(shapes(min_dims=1, max_dims=1))),), {"diagonal": draw(st.integers(-2, 2))}


def _diagonal_arguments(draw):
    return (_array(draw, draw(shapes(min_dims=2, max_dims=2))),), {"diagonal": draw(st.integers(-1, 1))}


def _diagonal_view_arguments(draw):
    shape = draw(shapes(min_dims=2, max_dims=3))
    dim1, dim2 = draw(st.permutations(range(len(shape))))[:2]
    return (_array(draw, shape),), {"offset": draw(st.integers(-1, 1)), "dim1": dim1, "dim2": dim2}


def _unfold_arguments(draw):
    shape = draw(shapes(min_dims=1, max_dims=3))
    dimension = draw(st.integers(0, len(shape) - 1))
    size = draw(st.integers(1, shape[dimension]))
    return (_array(draw, shape),), {"dimension": dimension, "size": size, "step": draw(st.integers(1, 2))}


def _matrix_batch(draw):
    return draw(st.sampled_from([(), (), (2,)]))


def _invertible_arguments(right_side=False):
    """Square matrices far from singular (a strong diagonal), and for solve a right side: a vector,
    a matrix, or a batch of them that broadcasts against A."""
    def arguments(draw):
        n = draw(st.integers(1, 3))
        batch = _matrix_batch(draw)
        A = _array(draw, batch + (n, n)) + 5 * np.eye(n) * draw(st.sampled_from([1, -1]))
        if not right_side:
            return (A,), {}
        B_shape = draw(st.sampled_from([(n,), (n, 2), (2, n, 1)] if not batch else [batch + (n,), batch + (n, 2), (n, 2)]))
        return (A, _array(draw, B_shape)), {}
    return arguments


def _full_rank_arguments(right_side):
    """Tall (or, for pinv, also wide) matrices of full rank, and a right side for lstsq."""
    def arguments(draw):
        n = draw(st.integers(1, 3))
        m = n + draw(st.integers(0, 2))
        # 3 on the diagonal and entries within ±0.5 around it: the top n×n block is strictly
        # diagonally dominant (2.5 > 2 × 0.5), so A has full rank (±1 entries made [[2,-1,-1],...] singular).
        A = _array(draw, (m, n)) * 0.25 + 3 * np.eye(m, n)
        if not right_side:
            return (A.T.copy() if draw(st.booleans()) else A,), {}
        return (A, _array(draw, draw(st.sampled_from([(m,), (m, 2)])))), {}
    return arguments


def _cholesky_arguments(draw):
    n = draw(st.integers(1, 3))
    return (_array(draw, _matrix_batch(draw) + (n, n)),), {"upper": draw(st.booleans())}


def _svd_arguments():
    """A matrix plus ``gaps``: singular values about 3 apart, and not a diagonal matrix."""
    def arguments(draw):
        n = draw(st.integers(1, 3))
        m = n + draw(st.integers(0, 2))
        rows, columns = (m, n) if draw(st.booleans()) else (n, m)
        gaps = np.eye(rows, columns) * (3.0 * np.arange(1, columns + 1)) + 0.5
        return (_array(draw, _matrix_batch(draw) + (rows, columns)) * 0.25,), {"gaps": gaps}
    return arguments


def _torch_svd_signed(torch, A):
    """PyTorch's reduced U and Vh with autodidact's sign choice (each column of U has its largest
    entry positive): singular vectors are defined up to a sign, which LAPACK builds choose differently."""
    from .engine.ops.decompositions import largest_entry_signs

    U, S, Vh = torch.linalg.svd(A, full_matrices=False)
    signs = torch.tensor(largest_entry_signs(U.detach().numpy(), S.shape[-1]))
    return U * signs, Vh * signs.mT


def _eigh_arguments(draw):
    n = draw(st.integers(1, 3))
    # Eigenvalues 10 apart, and no diagonal matrix (where LAPACK may flip an eigenvector's sign
    # under the tiny change finite differences make): A + A.mT has off-diagonal entries within
    # [-1, 1], so with the 1.5 of ``gaps`` they stay at least 0.5 from 0.
    return (_array(draw, _matrix_batch(draw) + (n, n)) * 0.25,), {"gaps": np.diag(np.arange(n) * 10.0) + 1.5}


def _trace_arguments(draw):
    return (_array(draw, draw(shapes(min_dims=2, max_dims=2))),), {}


def _distinct_magnitudes(draw, shape):
    """Values whose sizes |x| are at least 0.5 apart (and not 0), with any signs."""
    size = int(np.prod(shape, dtype=np.int64))
    order = np.array(draw(st.permutations(range(size))), dtype=np.float64) + 1
    signs = np.array(draw(st.lists(st.sampled_from([-1.0, 1.0]), min_size=size, max_size=size)))
    return (order * signs * 0.5).reshape(shape)


def _reduce_dims_arguments(draw):
    """amax/amin: distinct values, a tuple of dims (or () for all), keepdim."""
    shape = draw(shapes())
    dims = _dims_subset(draw, len(shape)) if shape and draw(st.booleans()) else ()
    return (_distinct(draw, shape),), {"dim": dims, "keepdim": draw(st.booleans())}


def _along_index(draw, shape, dim, *, distinct=False, larger=False):
    """An index for gather/scatter along ``dim``: no larger than ``shape`` in the other dims; with
    ``distinct``, no position twice in one line (a repeated write has no defined winner)."""
    sizes = tuple(draw(st.integers(1, n)) if d != dim else n for d, n in enumerate(shape))
    if not distinct:
        along = draw(st.integers(1, shape[dim] + 1 if larger else shape[dim]))
        sizes = sizes[:dim] + (along,) + sizes[dim + 1:]
        return draw(hnp.arrays(np.int64, sizes, elements=st.integers(0, shape[dim] - 1)))
    along = draw(st.integers(1, shape[dim]))
    lines = int(np.prod(sizes, dtype=np.int64)) // shape[dim]
    picks = [draw(st.permutations(range(shape[dim])))[:along] for _ in range(lines)]
    moved = np.array(picks, dtype=np.int64).reshape(sizes[:dim] + sizes[dim + 1:] + (along,))
    return np.moveaxis(moved, -1, dim)


def _gather_arguments(draw):
    shape = draw(shapes(min_dims=1))
    dim = draw(st.integers(0, len(shape) - 1))
    return (_array(draw, shape),), {"dim": dim, "index": _along_index(draw, shape, dim, larger=True)}


def _scatter_arguments(kind):
    def arguments(draw):
        shape = draw(shapes(min_dims=1))
        dim = draw(st.integers(0, len(shape) - 1))
        index = _along_index(draw, shape, dim, distinct=kind != "add")
        if kind == "value":
            return (_array(draw, shape),), {"dim": dim, "index": index,
                                            "value": draw(st.sampled_from([0.0, 1.5, -2.0]))}
        # (The source may be larger than the index in PyTorch's forward, but not in its backward.)
        return (_array(draw, shape), _array(draw, index.shape)), {"dim": dim, "index": index}
    return arguments


def _index_select_arguments(draw):
    shape = draw(shapes(min_dims=1))
    dim = draw(st.integers(-len(shape), len(shape) - 1))
    index = draw(hnp.arrays(np.int64, (draw(st.integers(0, 4)),), elements=st.integers(0, shape[dim] - 1)))
    return (_array(draw, shape),), {"dim": dim, "index": index}


def _take_arguments(draw):
    shape = draw(shapes())
    n = int(np.prod(shape, dtype=np.int64))
    index = draw(hnp.arrays(np.int64, draw(shapes(max_dims=2)), elements=st.integers(-n, n - 1)))
    return (_array(draw, shape),), {"index": index}


def _masked_fill_arguments(with_tensor):
    def arguments(draw):
        shape = draw(shapes())
        mask = draw(hnp.arrays(np.bool_, shape[draw(st.integers(0, len(shape))):]))  # broadcasts to x
        if with_tensor:
            return (_array(draw, shape), mask, _array(draw, ())), {}
        return (_array(draw, shape), mask), {"value": draw(st.sampled_from([0.0, -1.5, 3.0]))}
    return arguments


def _unbind_arguments(draw):
    shape = draw(shapes(min_dims=1))
    dim = draw(st.integers(-len(shape), len(shape) - 1))
    return (_array(draw, shape),), {"dim": dim, "position": draw(st.integers(0, shape[dim] - 1))}


# ---------------------------------------------------------------------------------------------
# Calls that differ between autodidact and torch


def _ad_op(name):
    """Call the op ``name`` of the table directly (it has no public function of its own)."""
    return lambda lib, *tensors, **params: apply_op(ops.OPS[name], *tensors, **params)


def _with_threshold(draw):
    shape = draw(shapes())
    return (_array(draw, shape), _array(draw, shape, "nonzero")), {"threshold": 0.0}


def _with_slope(draw):
    shape = draw(shapes())
    return ((_array(draw, shape), _array(draw, shape, "nonzero")),
            {"negative_slope": draw(st.sampled_from([0.01, 0.2]))})


def _elu_backward_arguments(draw):
    shape = draw(shapes())
    return (_array(draw, shape), _array(draw, shape, "nonzero")), {"alpha": draw(st.sampled_from([1.0, 0.5]))}


def _gelu_backward_arguments(draw):
    shape = draw(shapes())
    return (_array(draw, shape), _array(draw, shape)), {"approximate": draw(st.sampled_from(["none", "tanh"]))}


def _hardtanh_backward_arguments(draw):
    (x,), limits = _hardtanh_arguments(draw)
    return (_array(draw, x.shape), x), {"min_val": limits["low"], "max_val": limits["high"]}


def _softplus_backward_arguments(draw):
    shape = draw(shapes())
    return (_array(draw, shape), _array(draw, shape, "nonzero")), {"beta": 1.0, "threshold": 20.0}


def _same_shape_along_dim(draw):
    shape = draw(shapes(min_dims=1))
    return ((_array(draw, shape), _array(draw, shape)),
            {"dim": draw(st.integers(-len(shape), len(shape) - 1))})


def _mse_backward_arguments(draw):
    shape = draw(shapes())
    reduction = _reduction(draw)
    grad_shape = shape if reduction["reduction"] == "none" else ()
    return (_array(draw, grad_shape), _array(draw, shape), _array(draw, shape)), reduction


def _view_written_in_place(x):
    """A row of a non-leaf changed in place: it is read again from its base (AsStridedBackward0)."""
    h = x * 1
    row = h[0]
    row.mul_(2)
    return row


def _wide_matrix_arguments(draw):
    return (_array(draw, draw(shapes(min_dims=2, max_dims=2, min_side=2))),), {}


def _torch_index_scatter(lib, v, shape, key):
    zeros = lib.zeros(shape, dtype=v.dtype)
    return zeros.index_put((lib.tensor(key),), v, accumulate=True)


def _ad_index_scatter(lib, v, shape, key):
    return apply_op(ops.INDEX_SCATTER, v, shape=shape, key=key)


def _index(lib, x, key):
    return x[lib.tensor(key)]


def _max_dim(lib, x, dim, keepdim):
    return x.max(dim=dim, keepdim=keepdim).values


def _min_dim(lib, x, dim, keepdim):
    return x.min(dim=dim, keepdim=keepdim).values


def _away_from_kinks(draw, shape, kinks, gap=0.1):
    """Differences whose size stays ``gap`` away from each kink (where a loss's slope jumps)."""
    edges = [-2.5] + [e for k in sorted(kinks + [-k for k in kinks]) for e in (k - gap, k + gap)] + [2.5]
    pieces = [st.floats(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
    return draw(hnp.arrays(np.float64, shape, elements=st.one_of(*pieces)))


def _huber_arguments(draw):
    shape = draw(shapes())
    delta = draw(st.sampled_from([0.5, 1.0, 1.5]))
    target = _array(draw, shape)
    return (target + _away_from_kinks(draw, shape, [delta]), target), {**_reduction(draw), "delta": delta}


def _smooth_l1_arguments(draw):
    shape = draw(shapes())
    beta = draw(st.sampled_from([0.5, 1.0, 2.0]))
    target = _array(draw, shape)
    return (target + _away_from_kinks(draw, shape, [beta]), target), {**_reduction(draw), "beta": beta}


def _bound_arguments(name):
    def arguments(draw):
        bound = draw(st.sampled_from([-1.0, 0.0, 0.5]))
        return (_away_from_kinks(draw, draw(shapes()), [bound]) if bound else
                _array(draw, draw(shapes()), "nonzero"),), {name: bound}
    return arguments


def _image_geometry(draw):
    """A small batch of images and a conv/pool geometry that fits it."""
    batch, channels = draw(st.integers(1, 2)), draw(st.integers(1, 2))
    height, width = draw(st.integers(3, 5)), draw(st.integers(3, 5))
    kernel = (draw(st.integers(1, 3)), draw(st.integers(1, 3)))
    stride = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    dilation = (draw(st.integers(1, 2)), draw(st.integers(1, 2)))
    spans = [d * (k - 1) + 1 for k, d in zip(kernel, dilation)]
    padding = tuple(draw(st.integers(0, min(span // 2, k // 2))) for span, k in zip(spans, kernel))  # ≤ half a window
    if any(span > n + 2 * p for span, n, p in zip(spans, (height, width), padding)):
        dilation, spans = (1, 1), list(kernel)
    return (batch, channels, height, width), kernel, stride, padding, dilation


def _conv_arguments(draw):
    shape, kernel, stride, padding, dilation = _image_geometry(draw)
    weight = (draw(st.integers(1, 2)), shape[1]) + kernel
    arrays = (_array(draw, shape), _array(draw, weight), _array(draw, weight[:1]))
    return arrays, {"stride": stride, "padding": padding, "dilation": dilation}


def _conv1d_arguments(draw):
    """conv2d's geometry along the width only: sequences (N, C, L)."""
    (batch, channels, _, length), kernel, stride, padding, dilation = _image_geometry(draw)
    weight = (draw(st.integers(1, 2)), channels, kernel[1])
    arrays = (_array(draw, (batch, channels, length)), _array(draw, weight), _array(draw, weight[:1]))
    return arrays, {"stride": stride[1], "padding": padding[1], "dilation": dilation[1]}


def _conv_output_shape(shape, weight_shape, stride, padding, dilation):
    return (shape[0], weight_shape[0]) + tuple(
        (n + 2 * p - d * (k - 1) - 1) // s + 1
        for n, p, d, k, s in zip(shape[2:], padding, dilation, weight_shape[2:], stride))


def _conv_input_grad_arguments(draw):
    (x, weight, _), params = _conv_arguments(draw)
    grad = _array(draw, _conv_output_shape(x.shape, weight.shape, **params))
    return (grad, weight), {**params, "input_shape": x.shape}


def _conv_weight_grad_arguments(draw):
    (x, weight, _), params = _conv_arguments(draw)
    grad = _array(draw, _conv_output_shape(x.shape, weight.shape, **params))
    return (grad, x), {**params, "weight_shape": weight.shape}


def _padding_pairs(padding):
    return tuple((p, p) for p in padding)


def _ad_conv_grad(name):
    def call(lib, grad, other, stride, padding, dilation, **shape):
        return _engine_op(lib, name, grad, other, stride=stride, padding=_padding_pairs(padding),
                          dilation=dilation, **shape)
    return call


def _max_pool_arguments(draw):
    shape, kernel, stride, padding, dilation = _image_geometry(draw)
    return (_distinct(draw, shape),), {"kernel_size": kernel, "stride": stride, "padding": padding,
                                       "dilation": dilation}


def _avg_pool_arguments(draw):
    shape, kernel, stride, padding, _ = _image_geometry(draw)
    return (_array(draw, shape),), {"kernel_size": kernel, "stride": stride, "padding": padding,
                                    "count_include_pad": draw(st.booleans())}


# -- Padding, class weights, losses over positions (nn helper) ---------------------------------


def _weights_or_none(draw, shape, domain="positive"):
    """A constant weight array of ``shape`` (not differentiable, as in PyTorch), or None."""
    return _array(draw, shape, domain) if draw(st.booleans()) else None


def _as_tensor_or_none(lib, array):
    return None if array is None else lib.tensor(array)


def _weighted_bce_arguments(draw):
    (p, y), params = _bce_arguments(draw)
    shape = p.shape[draw(st.integers(0, p.ndim)):]  # a weight that broadcasts to the input's shape
    return (p, y), {**params, "weight": _weights_or_none(draw, shape)}


def _weighted_bce_logits_arguments(draw):
    (x, y), params = _bce_logits_arguments(draw)
    last = x.shape[-1:] if x.ndim else ()
    return (x, y), {**params, "weight": _weights_or_none(draw, x.shape[draw(st.integers(0, x.ndim)):]),
                    "pos_weight": _weights_or_none(draw, last)}


def _positions_nll_arguments(draw):
    """Log-probabilities (N, C, d1, ...) with 3 to 5 dims and a class per position (some ignored),
    optionally class weights; "none" only for 4 dims (other shapes end in a view, as PyTorch's)."""
    ndim = draw(st.integers(3, 5))
    reduction = draw(st.sampled_from(["mean", "sum", "none"])) if ndim == 4 else draw(st.sampled_from(["mean", "sum"]))
    classes = draw(st.integers(1, MAX_SIDE))
    shape = (draw(st.integers(1, 2)), classes) + tuple(draw(st.integers(1, 2)) for _ in range(ndim - 2))
    target_shape = (shape[0],) + shape[2:]
    target = draw(hnp.arrays(np.int64, target_shape, elements=st.integers(0, classes - 1)))
    if target.size > 1 and draw(st.booleans()):
        target.flat[draw(st.integers(0, target.size - 1))] = -100
    return (_array(draw, shape), target), {"reduction": reduction,
                                           "weight": _weights_or_none(draw, (classes,))}


def _weighted_nll_arguments(draw):
    arrays, params = _nll_arguments(draw)
    return arrays, {**params, "weight": _weights_or_none(draw, (arrays[0].shape[-1],))}


def _pad_arguments(mode, padded_dims):
    """An input with a batch and/or channel dim before ``padded_dims`` padded dims, and widths
    that PyTorch accepts for ``mode`` (reflect: smaller than the size; negative ones crop)."""
    def arguments(draw):
        lead = draw(st.integers(1, 2))
        shape = tuple(draw(st.integers(1, 2)) for _ in range(lead)) + tuple(
            draw(st.integers(2, MAX_SIDE if padded_dims < 3 else 2)) for _ in range(padded_dims))
        pad = []
        for n in reversed(shape[lead:]):
            largest = n - 1 if mode == "reflect" else n + 1
            before = draw(st.integers(-1, largest))
            after = draw(st.integers(max(-1, 1 - n - before), largest))  # keep at least one element
            pad += [before, after]
        return (_array(draw, shape),), {"pad": tuple(pad), "mode": mode}
    return arguments


def _constant_pad_arguments(draw):
    shape = draw(shapes(min_dims=1))
    pad = []
    for n in reversed(shape[len(shape) - draw(st.integers(1, len(shape))):]):
        before = draw(st.integers(-(n - 1), 2))
        pad += [before, draw(st.integers(-(n - 1 + min(before, 0)), 2))]
    return (_array(draw, shape),), {"pad": tuple(pad), "mode": "constant",
                                    "value": draw(st.sampled_from([0.0, -1.5]))}


def _pad(lib, x, **params):
    return lib.nn.functional.pad(x, **params)


def _cumprod_arguments(draw):
    """Values along one dim, sometimes with exact zeros (whose gradient needs the products of the
    other factors, not a division). Nonzero values are at least 0.1 in size: tiny products underflow
    to 0 in PyTorch's second derivative (as for prod)."""
    (x,), params = _one_dim_arguments(draw)
    x = _array(draw, x.shape, "nonzero")
    if x.size and draw(st.booleans()):
        x.flat[draw(st.integers(0, x.size - 1))] = 0.0
        if x.size > 1 and draw(st.booleans()):
            x.flat[draw(st.integers(0, x.size - 1))] = 0.0
    return (x,), params


def _roll_arguments(draw):
    shape = draw(shapes())
    shift = st.integers(-4, 4)
    if not shape or draw(st.booleans()):
        return (_array(draw, shape),), {"shifts": draw(shift), "dims": None}
    dims = _dims_subset(draw, len(shape))
    return (_array(draw, shape),), {"shifts": tuple(draw(shift) for _ in dims), "dims": dims}


def _away_from(kinks, spread=4.5):
    """Values in [-spread, spread] at least 0.1 from each of ``kinks`` (where a slope jumps)."""
    def arguments(draw):
        edges = [-spread] + [e for k in sorted(kinks) for e in (k - 0.1, k + 0.1)] + [spread]
        pieces = [st.floats(edges[i], edges[i + 1]) for i in range(0, len(edges), 2)]
        return (draw(hnp.arrays(np.float64, draw(shapes()), elements=st.one_of(*pieces))),), {}
    return arguments


def _shrink_arguments(draw):
    lambd = draw(st.sampled_from([0.5, 1.0]))
    (x,), _ = _away_from([-lambd, lambd], 2.5)(draw)
    return (x,), {"lambd": lambd}


def _threshold_arguments(draw):
    threshold = draw(st.sampled_from([-0.5, 0.1, 1.0]))
    (x,), _ = _away_from([threshold], 2.5)(draw)
    return (x,), {"threshold": threshold, "value": draw(st.sampled_from([0.0, 20.0, -1.5]))}


def _glu_arguments(draw):
    shape = list(draw(shapes(min_dims=1)))
    dim = draw(st.integers(0, len(shape) - 1))
    shape[dim] = 2 * draw(st.integers(1, 2))
    return (_array(draw, tuple(shape)),), {"dim": dim}


def _prelu_arguments(draw):
    shape = draw(shapes())
    channels = shape[1] if len(shape) >= 2 and draw(st.booleans()) else 1
    return (_array(draw, shape, "nonzero"), _array(draw, (channels,), "positive")), {}


# ---------------------------------------------------------------------------------------------
# The registry: op name -> how to check it

_checks = [
    # Arithmetic
    OpCheck("add", lambda lib, x, y: x + y, binary()),
    OpCheck("sub", lambda lib, x, y: x - y, binary()),
    OpCheck("rsub", lambda lib, x, number: number - x, _with_number([1, 2.5, -3])),
    OpCheck("mul", lambda lib, x, y: x * y, binary()),
    OpCheck("remainder", lambda lib, x, number: x % number, _remainder_number_arguments),
    OpCheck("remainder_tensor", lambda lib, x, y: x % y, _remainder_arguments),
    OpCheck("fmod", lambda lib, x, number: lib.fmod(x, number), _remainder_number_arguments),
    OpCheck("fmod_tensor", lambda lib, x, y: lib.fmod(x, y), _remainder_arguments),
    OpCheck("div_rounded", lambda lib, x, y: lib.div(x, y, rounding_mode="trunc"), _remainder_arguments),
    OpCheck("div", lambda lib, x, y: x / y, binary(*_domains("div"))),
    # PyTorch reaches DivBackward1 only from C++ (cross_entropy's mean); from Python t / 2.0 is DIV.
    OpCheck("div_number", lambda lib, x, number: _engine_op(lib, "DIV_NUMBER", x, other=number),
            _with_number([2, 0.5, -3.0]), torch_call=lambda lib, x, number: x / number,
            same_grad_fn=lambda arrays: False),
    OpCheck("neg", lambda lib, x: -x, unary()),
    OpCheck("reciprocal", lambda lib, x: lib.reciprocal(x), unary(*_domains("reciprocal"))),
    OpCheck("pow", lambda lib, x, number: x ** number,
            _with_number([2, 3, 0.5, -0.5, -1, -2, 1.5, -1.5, 1, 0], "positive")),
    # Exponent 0 is left out: there PyTorch's rule (which we copy) masks the derivative with
    # where(y == 0, 0, ...), so the second derivative in y is 0 instead of 1/x.
    OpCheck("pow_tensor", lambda lib, x, y: x ** y, binary(*_domains("pow_tensor"))),
    OpCheck("rpow", lambda lib, x, number: number ** x, _with_number([2, 2.5, 0.5, math.e])),
    # Elementwise functions
    OpCheck("relu", lambda lib, x: lib.relu(x), unary(*_domains("relu"))),
    OpCheck("abs", lambda lib, x: lib.abs(x), unary(*_domains("abs"))),
    OpCheck("clamp", lambda lib, x, low, high: lib.clamp(x, min=low, max=high), _clamp_arguments),
    OpCheck("clamp_tensor", _clamp_by_tensors, _tensor_bounds_arguments("either")),
    OpCheck("clamp_min_tensor", lambda lib, x, min, which: lib.clamp_min(x, min), _tensor_bounds_arguments(("min",))),
    OpCheck("clamp_max_tensor", lambda lib, x, max, which: x.clamp_max(max), _tensor_bounds_arguments(("max",))),
    OpCheck("where", lambda lib, c, x, y: lib.where(c, x, y), _where_arguments),
    OpCheck("maximum", lambda lib, x, y: lib.maximum(x, y), _pairwise_extreme_arguments),
    OpCheck("minimum", lambda lib, x, y: lib.minimum(x, y), _pairwise_extreme_arguments),
    OpCheck("clone", lambda lib, x: x.clone(), unary()),
    # float64 -> float32 rounds, so finite differences need a larger step and tolerance.
    OpCheck("to", lambda lib, x: x.to(lib.float32), unary(), gradcheck_eps=1e-3, gradcheck_atol=1e-3),
    # Reductions
    OpCheck("sum", lambda lib, x: x.sum(), unary()),
    OpCheck("sum_dim", lambda lib, x, dim, keepdim: x.sum(dim=dim, keepdim=keepdim),
            _reduce_dim_arguments(distinct=False)),
    OpCheck("mean", lambda lib, x: x.mean(), unary()),
    OpCheck("mean_dim", lambda lib, x, dim, keepdim: x.mean(dim=dim, keepdim=keepdim),
            _reduce_dim_arguments(distinct=False)),
    OpCheck("max", lambda lib, x: x.max(), _distinct_arguments),
    OpCheck("min", lambda lib, x: x.min(), _distinct_arguments),
    OpCheck("max_dim", _max_dim, _reduce_dim_arguments(distinct=True)),
    OpCheck("min_dim", _min_dim, _reduce_dim_arguments(distinct=True)),
    # Linear algebra
    OpCheck("mm", lambda lib, x, y: lib.mm(x, y), _matrix_arguments("mm")),
    OpCheck("mv", lambda lib, x, y: lib.mv(x, y), _matrix_arguments("mv")),
    OpCheck("dot", lambda lib, x, y: lib.dot(x, y), _matrix_arguments("dot")),
    OpCheck("addmm", lambda lib, b, x, y: lib.addmm(b, x, y), _addmm_arguments),
    OpCheck("bmm", lambda lib, x, y: lib.bmm(x, y), _bmm_arguments),
    # A batch @ a matrix or vector is UnsafeViewBackward0 in PyTorch, as here. For other batched
    # shapes PyTorch picks UnsafeView, Transpose or CloneBackward0 by an internal strategy (which
    # operand it can fold into a matrix without copying); we do not imitate that (documented).
    OpCheck("matmul", lambda lib, x, y: x @ y, _matmul_arguments,
            same_grad_fn=lambda arrays: arrays[0].ndim >= 3 and arrays[1].ndim <= 2),
    # Shapes and indexing
    OpCheck("view", lambda lib, x, shape: x.reshape(shape), _view_arguments),
    OpCheck("transpose", lambda lib, x, dim0, dim1: x.transpose(dim0, dim1), _transpose_arguments),
    OpCheck("t", lambda lib, x: x.t(), unary(max_dims=2)),
    OpCheck("permute", lambda lib, x, dims: x.permute(*dims), _permute_arguments),
    OpCheck("squeeze", lambda lib, x: x.squeeze(), _squeeze_arguments),
    OpCheck("squeeze_dim", lambda lib, x, dim: x.squeeze(dim), _squeeze_dim_arguments),
    OpCheck("squeeze_dims", lambda lib, x, dims: x.squeeze(dims), _squeeze_dims_arguments),
    OpCheck("squeeze_dim_", lambda lib, v, m: v @ m, _vector_matrix_arguments),
    OpCheck("unsqueeze", lambda lib, x, dim: x.unsqueeze(dim), _unsqueeze_arguments),
    OpCheck("expand", lambda lib, x, shape: x.expand(shape), _expand_arguments),
    OpCheck("select", lambda lib, x, key: x[key], _select_arguments),
    OpCheck("slice", lambda lib, x, key: x[key], _slice_arguments),
    OpCheck("index", _index, _index_arguments),
    OpCheck("index_unsqueeze", lambda lib, x, key: x[key], _index_unsqueeze_arguments),
    OpCheck("alias", lambda lib, x, key: x[key], _alias_arguments),
    OpCheck("index_put", _setitem, _setitem_arguments(advanced=False)),
    OpCheck("index_put_tensor", _setitem, _setitem_arguments(advanced=True)),
    OpCheck("copy", _setitem, _setitem_arguments(everything=True)),
    OpCheck("zero", _zero, unary()),
    OpCheck("fill", _fill, _with_number([0, 1.5, -2])),
    OpCheck("fill_tensor", _fill_tensor, _fill_tensor_arguments),
    OpCheck("index_scatter", _ad_index_scatter, _index_scatter_arguments,
            torch_call=_torch_index_scatter),
    OpCheck("cat", lambda lib, *xs, dim: lib.cat(list(xs), dim=dim), _join_arguments(stack=False)),
    OpCheck("stack", lambda lib, *xs, dim: lib.stack(list(xs), dim=dim), _join_arguments(stack=True)),
    # Two nodes of the recurrent layers, named after PyTorch's kernels: an in-place transpose_ and
    # a float32 LSTM layer (PyTorch's stack has its own name, StackBackward0).
    OpCheck("rnn_batch_first", lambda lib, x, dim0, dim1: ops.RNN_BATCH_FIRST(x, dim0=dim0 % x.ndim, dim1=dim1 % x.ndim),
            _transpose_arguments, torch_call=lambda lib, x, dim0, dim1: x.clone().transpose_(dim0, dim1)),
    OpCheck("lstm_layer_output", lambda lib, *xs, dim: ops.LSTM_LAYER_OUTPUT(*xs, dim=dim % (xs[0].ndim + 1)),
            _join_arguments(stack=True), torch_call=lambda lib, *xs, dim: lib.stack(list(xs), dim=dim),
            same_grad_fn=lambda arrays: False),
    # Ops from common tutorials
    OpCheck("softmax", lambda lib, x, dim: lib.softmax(x, dim), _along_dim_arguments),
    OpCheck("log_softmax", lambda lib, x, dim: lib.log_softmax(x, dim), _along_dim_arguments),
    OpCheck("nll_loss", lambda lib, x, target, reduction, weight: lib.nn.functional.nll_loss(
        x, target, weight=_as_tensor_or_none(lib, weight), reduction=reduction), _weighted_nll_arguments),
    OpCheck("binary_cross_entropy_with_logits", lambda lib, x, y, reduction, weight, pos_weight:
            lib.nn.functional.binary_cross_entropy_with_logits(
                x, y, weight=_as_tensor_or_none(lib, weight), pos_weight=_as_tensor_or_none(lib, pos_weight),
                reduction=reduction), _weighted_bce_logits_arguments),
    OpCheck("leaky_relu", lambda lib, x, number: lib.nn.functional.leaky_relu(x, number),
            _with_number([0.01, 0.2], "nonzero")),
    OpCheck("softplus", lambda lib, x, number: lib.nn.functional.softplus(x, beta=number),
            _with_number([1.0, 2.0])),
    OpCheck("elu", lambda lib, x, number: lib.nn.functional.elu(x, number), _with_number([1.0, 0.5], "nonzero")),
    OpCheck("gelu", lambda lib, x, approximate: lib.nn.functional.gelu(x, approximate=approximate),
            _with_approximate),
    OpCheck("elu_", lambda lib, x, number: lib.nn.functional.elu(x * 1, number, inplace=True),
            _with_number([1.0, 0.5], "nonzero")),
    OpCheck("silu", lambda lib, x: lib.nn.functional.silu(x), unary()),
    OpCheck("mish", lambda lib, x: lib.nn.functional.mish(x), unary()),
    OpCheck("hardtanh", lambda lib, x, low, high: lib.nn.functional.hardtanh(x, low, high), _hardtanh_arguments),
    OpCheck("floor", lambda lib, x: lib.floor(x), _away_from_jumps_arguments),
    OpCheck("trunc", lambda lib, x: lib.trunc(x), _away_from_jumps_arguments),
    OpCheck("ceil", lambda lib, x: lib.ceil(x), _away_from_jumps_arguments),
    OpCheck("round", lambda lib, x: lib.round(x), _away_from_jumps_arguments),
    OpCheck("sign", lambda lib, x: lib.sign(x), unary(*_domains("sign"))),
    OpCheck("flip", lambda lib, x, dims: lib.flip(x, dims), _flip_arguments),
    OpCheck("tril", lambda lib, x, diagonal: lib.tril(x, diagonal), _triangle_arguments),
    OpCheck("triu", lambda lib, x, diagonal: x.triu(diagonal=diagonal), _triangle_arguments),
    OpCheck("repeat", lambda lib, x, sizes: x.repeat(*sizes), _repeat_arguments),
    OpCheck("cumsum", lambda lib, x, dim: lib.cumsum(x, dim), _one_dim_arguments),
    # NaN inputs (which get no gradient) are compared with PyTorch in tests/test_breadth_ops.py.
    OpCheck("nansum", lambda lib, x, dim, keepdim: x.nansum(dim=dim, keepdim=keepdim),
            _reduce_dim_arguments(distinct=False)),
    OpCheck("logsumexp", lambda lib, x, dim, keepdim: lib.logsumexp(x, dim, keepdim=keepdim),
            _reduce_dim_arguments(distinct=False)),
    OpCheck("sort", lambda lib, x, dim, descending: x.sort(dim=dim, descending=descending).values,
            _sort_arguments),
    OpCheck("topk", lambda lib, x, k, dim, largest: lib.topk(x, k, dim=dim, largest=largest).values,
            _topk_arguments),
    OpCheck("kthvalue", lambda lib, x, k, dim, keepdim: lib.kthvalue(x, k, dim, keepdim).values,
            _kthvalue_arguments),
    OpCheck("split", lambda lib, x, split, dim, index: x.split(split, dim)[index],
            _split_arguments(with_sizes=False)),
    OpCheck("split_with_sizes", lambda lib, x, split, dim, index: x.split(split, dim)[index],
            _split_arguments(with_sizes=True)),
    OpCheck("var", lambda lib, x, dim, correction, keepdim: x.var(dim=dim, correction=correction,
                                                                    keepdim=keepdim),
            _spread_arguments(distinct=False)),
    OpCheck("std", lambda lib, x, dim, correction, keepdim: x.std(dim=dim, correction=correction,
                                                                    keepdim=keepdim),
            _spread_arguments(distinct=True)),
    # Magnitudes of 0.1 and more: with tiny values the product underflows to 0 and PyTorch's second
    # derivative (computed from the product) becomes 0 too. Zeros are tested in test_tutorialops.
    OpCheck("prod", lambda lib, x: x.prod(), unary("nonzero")),
    OpCheck("prod_dim", lambda lib, x, dim, keepdim: x.prod(dim=dim, keepdim=keepdim), _prod_dim_arguments),
    OpCheck("norm", lambda lib, x, p, dim, keepdim: x.norm(p=p, dim=dim, keepdim=keepdim), _norm_arguments),
    OpCheck("norm_scalar", lambda lib, x1, x2, p, keepdim: lib.nn.functional.pairwise_distance(
        x1, x2, p=p, keepdim=keepdim), _pairwise_distance_arguments),
    # Layers that are one op in PyTorch
    OpCheck("embedding", lambda lib, weight, indices: lib.nn.functional.embedding(indices, weight),
            _embedding_arguments),
    OpCheck("layer_norm", lambda lib, x, w, b, normalized_shape: lib.nn.functional.layer_norm(
        x, normalized_shape, w, b), _normalization_arguments(batch=False)),
    OpCheck("batch_norm", lambda lib, x, w, b: lib.nn.functional.batch_norm(x, None, None, w, b, training=True),
            _normalization_arguments(batch=True)),
    OpCheck("group_norm", lambda lib, x, w, b, num_groups: lib.nn.functional.group_norm(x, num_groups, w, b),
            _group_norm_arguments),
    # Losses
    OpCheck("mse_loss", lambda lib, x, y, reduction: lib.nn.functional.mse_loss(x, y, reduction=reduction),
            _mse_arguments),
    OpCheck("binary_cross_entropy", lambda lib, p, y, reduction, weight: lib.nn.functional.binary_cross_entropy(
        p, y, weight=_as_tensor_or_none(lib, weight), reduction=reduction), _weighted_bce_arguments),
    OpCheck("huber_loss", lambda lib, x, y, reduction, delta: lib.nn.functional.huber_loss(
        x, y, reduction=reduction, delta=delta), _huber_arguments),
    OpCheck("smooth_l1_loss", lambda lib, x, y, reduction, beta: lib.nn.functional.smooth_l1_loss(
        x, y, reduction=reduction, beta=beta), _smooth_l1_arguments),
    OpCheck("clamp_min", lambda lib, x, min: lib.clamp_min(x, min), _bound_arguments("min")),
    OpCheck("clamp_max", lambda lib, x, max: x.clamp_max(max), _bound_arguments("max")),
    OpCheck("leaky_relu_", lambda lib, x, number: lib.nn.functional.leaky_relu(x * 1, number, inplace=True),
            _with_number([0.01, 0.2], "nonzero")),
    # Images
    OpCheck("conv1d", lambda lib, x, w, b, stride, padding, dilation: lib.nn.functional.conv1d(
        x, w, b, stride=stride, padding=padding, dilation=dilation), _conv1d_arguments),
    OpCheck("conv2d", lambda lib, x, w, b, stride, padding, dilation: lib.nn.functional.conv2d(
        x, w, b, stride=stride, padding=padding, dilation=dilation), _conv_arguments),
    OpCheck("conv2d_input_grad", _ad_conv_grad("CONV2D_INPUT_GRAD"), _conv_input_grad_arguments,
            torch_call=lambda lib, grad, w, stride, padding, dilation, input_shape: lib.nn.grad.conv2d_input(
                input_shape, w, grad, stride=stride, padding=padding, dilation=dilation)),
    OpCheck("conv2d_weight_grad", _ad_conv_grad("CONV2D_WEIGHT_GRAD"), _conv_weight_grad_arguments,
            torch_call=lambda lib, grad, x, stride, padding, dilation, weight_shape: lib.nn.grad.conv2d_weight(
                x, weight_shape, grad, stride=stride, padding=padding, dilation=dilation)),
    OpCheck("max_pool2d", lambda lib, x, **geometry: lib.nn.functional.max_pool2d(x, **geometry),
            _max_pool_arguments),
    OpCheck("avg_pool2d", lambda lib, x, **geometry: lib.nn.functional.avg_pool2d(x, **geometry),
            _avg_pool_arguments),
    # The gradients of tanh, relu, softmax, mse... as ops of their own (what create_graph records);
    # PyTorch's are torch.ops.aten.tanh_backward and the like.
    OpCheck("tanh_backward", _ad_op("tanh_backward"), same_shape(),
            torch_call=lambda lib, g, y: lib.ops.aten.tanh_backward(g, y)),
    OpCheck("sigmoid_backward", _ad_op("sigmoid_backward"), same_shape(),
            torch_call=lambda lib, g, y: lib.ops.aten.sigmoid_backward(g, y)),
    OpCheck("threshold_backward", _ad_op("threshold_backward"), _with_threshold,
            torch_call=lambda lib, g, x, threshold: lib.ops.aten.threshold_backward(g, x, threshold)),
    OpCheck("leaky_relu_backward", _ad_op("leaky_relu_backward"), _with_slope,
            torch_call=lambda lib, g, x, negative_slope: lib.ops.aten.leaky_relu_backward(
                g, x, negative_slope, False)),
    OpCheck("elu_backward", _ad_op("elu_backward"), _elu_backward_arguments,
            torch_call=lambda lib, g, x, alpha: lib.ops.aten.elu_backward(g, alpha, 1, 1, False, x)),
    OpCheck("gelu_backward", _ad_op("gelu_backward"), _gelu_backward_arguments,
            torch_call=lambda lib, g, x, approximate: lib.ops.aten.gelu_backward(g, x, approximate=approximate)),
    OpCheck("hardtanh_backward", _ad_op("hardtanh_backward"), _hardtanh_backward_arguments,
            torch_call=lambda lib, g, x, min_val, max_val: lib.ops.aten.hardtanh_backward(g, x, min_val, max_val)),
    OpCheck("softplus_backward", _ad_op("softplus_backward"), _softplus_backward_arguments,
            torch_call=lambda lib, g, x, beta, threshold: lib.ops.aten.softplus_backward(g, x, beta, threshold)),
    OpCheck("softmax_backward", _ad_op("softmax_backward"), _same_shape_along_dim,
            torch_call=lambda lib, g, y, dim: lib.ops.aten._softmax_backward_data(g, y, dim, y.dtype)),
    OpCheck("log_softmax_backward", _ad_op("log_softmax_backward"), _same_shape_along_dim,
            torch_call=lambda lib, g, y, dim: lib.ops.aten._log_softmax_backward_data(g, y, dim, y.dtype)),
    OpCheck("mse_loss_backward", _ad_op("mse_loss_backward"), _mse_backward_arguments,
            torch_call=lambda lib, g, x, y, reduction: lib.ops.aten.mse_loss_backward(
                g, x, y, {"none": 0, "mean": 1, "sum": 2}[reduction])),
    # reshape is a view (ViewBackward0), an alias of a non-contiguous tensor, or a copy (UnsafeView)
    OpCheck("reshape_alias", lambda lib, x: x.t().reshape(x.shape[1], x.shape[0]), _wide_matrix_arguments),
    OpCheck("unsafe_view", lambda lib, x: x.t().reshape(-1), _wide_matrix_arguments),
    OpCheck("as_strided", lambda lib, x: _view_written_in_place(x), _wide_matrix_arguments),
    # Picking and writing along a dim
    OpCheck("gather", lambda lib, x, dim, index: lib.gather(x, dim, lib.tensor(index)), _gather_arguments),
    OpCheck("scatter", lambda lib, x, src, dim, index: x.scatter(dim, lib.tensor(index), src),
            _scatter_arguments("tensor")),
    OpCheck("scatter_value", lambda lib, x, dim, index, value: lib.scatter(x, dim, lib.tensor(index), value),
            _scatter_arguments("value")),
    OpCheck("scatter_add", lambda lib, x, src, dim, index: x.scatter_add(dim, lib.tensor(index), src),
            _scatter_arguments("add")),
    OpCheck("index_select", lambda lib, x, dim, index: x.index_select(dim, lib.tensor(index)),
            _index_select_arguments),
    OpCheck("take", lambda lib, x, index: lib.take(x, lib.tensor(index)), _take_arguments),
    OpCheck("masked_fill", lambda lib, x, mask, value: x.masked_fill(mask, value), _masked_fill_arguments(False)),
    OpCheck("masked_fill_tensor", lambda lib, x, mask, value: lib.masked_fill(x, mask, value),
            _masked_fill_arguments(True)),
    OpCheck("unbind", lambda lib, x, dim, position: x.unbind(dim)[position], _unbind_arguments),
    OpCheck("amax", lambda lib, x, dim, keepdim: lib.amax(x, dim, keepdim), _reduce_dims_arguments),
    OpCheck("amin", lambda lib, x, dim, keepdim: x.amin(dim=dim, keepdim=keepdim), _reduce_dims_arguments),
    OpCheck("index_add", lambda lib, x, source, dim, index, alpha: x.index_add(dim, lib.tensor(index), source,
                                                                              alpha=alpha), _index_add_arguments),
    OpCheck("trace", lambda lib, x: x.trace(), _trace_arguments),
    OpCheck("diag_embed", lambda lib, x, diagonal: lib.diag(x, diagonal), _diag_arguments),
    OpCheck("diagonal_copy", lambda lib, x, diagonal: lib.diag(x, diagonal), _diagonal_arguments),
    OpCheck("diagonal", lambda lib, x, offset, dim1, dim2: x.diagonal(offset, dim1, dim2), _diagonal_view_arguments),
    OpCheck("unfold", lambda lib, x, dimension, size, step: x.unfold(dimension, size, step), _unfold_arguments),
    # Linear algebra (engine/ops/decompositions.py), on well-conditioned matrices
    OpCheck("linalg_inv_ex", lambda lib, A: lib.linalg.inv(A), _invertible_arguments()),
    OpCheck("linalg_solve_ex", lambda lib, A, B: lib.linalg.solve(A, B), _invertible_arguments(right_side=True)),
    OpCheck("linalg_det", lambda lib, A: lib.linalg.det(A), _invertible_arguments()),
    OpCheck("linalg_slogdet", lambda lib, A: lib.linalg.slogdet(A).logabsdet, _invertible_arguments()),
    OpCheck("linalg_pinv", lambda lib, A: lib.linalg.pinv(A), _full_rank_arguments(False)),
    OpCheck("linalg_lstsq", lambda lib, A, B: lib.linalg.lstsq(A, B).solution, _full_rank_arguments(True)),
    # Cholesky and eigh read one triangle: the input is made symmetric first, so that finite differences
    # see the same function as the (symmetric) gradient.
    OpCheck("linalg_cholesky_ex", lambda lib, A, upper: lib.linalg.cholesky(
        A @ A.mT + A.shape[-1] * lib.eye(A.shape[-1], dtype=A.dtype), upper=upper), _cholesky_arguments),
    OpCheck("linalg_eigh_values", lambda lib, A, gaps: lib.linalg.eigh(A + A.mT + lib.tensor(gaps)).eigenvalues,
            _eigh_arguments),
    # Singular vectors of tall or square matrices (for wide ones LAPACK may pick other signs than PyTorch's)
    OpCheck("linalg_svd_U", lambda lib, A, gaps: lib.linalg.svd(A + lib.tensor(gaps), full_matrices=False).U,
            _svd_arguments(), torch_call=lambda lib, A, gaps: _torch_svd_signed(lib, A + lib.tensor(gaps))[0],
            same_grad_fn=lambda arrays: False),
    OpCheck("linalg_svd_S", lambda lib, A, gaps: lib.linalg.svdvals(A + lib.tensor(gaps)), _svd_arguments()),
    OpCheck("linalg_svd_Vh", lambda lib, A, gaps: lib.linalg.svd(A + lib.tensor(gaps), full_matrices=False).Vh,
            _svd_arguments(), torch_call=lambda lib, A, gaps: _torch_svd_signed(lib, A + lib.tensor(gaps))[1],
            same_grad_fn=lambda arrays: False),
    OpCheck("linalg_eigh_vectors", lambda lib, A, gaps: lib.linalg.eigh(A + A.mT + lib.tensor(gaps)).eigenvectors,
            _eigh_arguments),
]



_checks += [
    OpCheck("log_sigmoid", lambda lib, x: lib.nn.functional.logsigmoid(x), unary()),
    OpCheck("celu", lambda lib, x, number: lib.nn.functional.celu(x, number), _with_number([1.0, 0.5], "nonzero")),
    OpCheck("celu_", lambda lib, x, number: lib.nn.functional.celu(x * 1, number, inplace=True),
            _with_number([1.0, 0.5], "nonzero")),
    OpCheck("selu", lambda lib, x: lib.nn.functional.selu(x), unary("nonzero")),
    OpCheck("selu_", lambda lib, x: lib.nn.functional.selu(x * 1, inplace=True), unary("nonzero")),
    OpCheck("hardsigmoid", lambda lib, x: lib.nn.functional.hardsigmoid(x), _away_from([-3.0, 3.0]),
            pytorch_twice=False),
    OpCheck("hardswish", lambda lib, x: lib.nn.functional.hardswish(x), _away_from([-3.0, 3.0])),
    OpCheck("threshold", lambda lib, x, threshold, value: lib.nn.functional.threshold(x, threshold, value),
            _threshold_arguments),
    OpCheck("threshold_", lambda lib, x, threshold, value: lib.nn.functional.threshold(
        x * 1, threshold, value, inplace=True), _threshold_arguments),
    OpCheck("hardshrink", lambda lib, x, lambd: lib.nn.functional.hardshrink(x, lambd), _shrink_arguments),
    OpCheck("softshrink", lambda lib, x, lambd: lib.nn.functional.softshrink(x, lambd), _shrink_arguments),
    OpCheck("glu", lambda lib, x, dim: lib.nn.functional.glu(x, dim), _glu_arguments),
    OpCheck("prelu", lambda lib, x, w: lib.nn.functional.prelu(x, w), _prelu_arguments),
    OpCheck("median", lambda lib, x: x.median(), _distinct_arguments),
    OpCheck("nanmedian", lambda lib, x: lib.nanmedian(x), _distinct_arguments),
    OpCheck("median_dim", lambda lib, x, dim, keepdim: x.median(dim=dim, keepdim=keepdim).values,
            _reduce_dim_arguments(distinct=True)),
    OpCheck("nanmedian_dim", lambda lib, x, dim, keepdim: lib.nanmedian(x, dim, keepdim).values,
            _reduce_dim_arguments(distinct=True)),
    # Distinct values: every value is as frequent, so the mode is the smallest (no tie to break).
    OpCheck("mode", lambda lib, x, dim, keepdim: lib.mode(x, dim, keepdim).values, _reduce_dim_arguments(distinct=True)),
    OpCheck("cumprod", lambda lib, x, dim: x.cumprod(dim), _cumprod_arguments),
    OpCheck("roll", lambda lib, x, shifts, dims: lib.roll(x, shifts, dims), _roll_arguments),
    # PyTorch reaches MulBackward1 only from C++ (label smoothing); from Python t * 0.5 is MUL.
    OpCheck("mul_number", lambda lib, x, number: _engine_op(lib, "MUL_NUMBER", x, other=number),
            _with_number([2, 0.5, -3.0]), torch_call=lambda lib, x, number: x * number,
            same_grad_fn=lambda arrays: False),
    OpCheck("constant_pad_nd", _pad, _constant_pad_arguments),
    *(OpCheck(f"{name}{d}d", _pad, _pad_arguments(mode, d))
      for name, mode in (("reflection_pad", "reflect"), ("replication_pad", "replicate")) for d in (1, 2, 3)),
    OpCheck("nll_loss2d", lambda lib, x, target, reduction, weight: lib.nn.functional.nll_loss(
        x, target, weight=_as_tensor_or_none(lib, weight), reduction=reduction), _positions_nll_arguments),
]

# ---------------------------------------------------------------------------------------------
# engine/ops/shape_extra.py: rot90, cummax, cross, block_diag, aminmax, index_copy, renorm...


def _rot90_arguments(draw):
    shape = draw(shapes(min_dims=2))
    first, second = draw(st.permutations(range(len(shape))))[:2]
    return (_array(draw, shape),), {"k": draw(st.integers(-4, 4)), "dims": (first, second)}


def _running_extreme_arguments(draw):
    shape = draw(shapes())
    ndim = max(len(shape), 1)
    return (_distinct(draw, shape),), {"dim": draw(st.integers(-ndim, ndim - 1))}


def _cross_arguments(draw):
    shape_x, shape_y = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=1, max_dims=MAX_DIMS,
                                                              max_side=MAX_SIDE)).input_shapes
    ndim = max(len(shape_x), len(shape_y))
    shape_x, shape_y = (1,) * (ndim - len(shape_x)) + shape_x, (1,) * (ndim - len(shape_y)) + shape_y
    dim = draw(st.integers(0, ndim - 1))
    shape_x, shape_y = (tuple(3 if d == dim else n for d, n in enumerate(s)) for s in (shape_x, shape_y))
    return (_array(draw, shape_x), _array(draw, shape_y)), {"dim": dim}


def _block_diag_arguments(draw):
    return tuple(_array(draw, draw(shapes(max_dims=2))) for _ in range(draw(st.integers(1, 3)))), {}


def _aminmax_arguments(draw):
    shape = draw(shapes())
    dim = draw(st.integers(-len(shape), len(shape) - 1)) if shape and draw(st.booleans()) else None
    return (_distinct(draw, shape),), {"dim": dim, "keepdim": draw(st.booleans())}


def _diag_embed_arguments(draw):
    shape = draw(shapes(min_dims=1, max_dims=2))
    dim1, dim2 = draw(st.permutations(range(len(shape) + 1)))[:2]
    return (_array(draw, shape),), {"offset": draw(st.integers(-2, 2)), "dim1": dim1, "dim2": dim2}


def _index_copy_arguments(with_source):
    def arguments(draw):
        shape = draw(shapes(min_dims=1))
        dim = draw(st.integers(0, len(shape) - 1))
        if with_source:  # distinct positions: two slices copied to one place have no defined winner
            index = np.array(draw(st.permutations(range(shape[dim])))[:draw(st.integers(0, shape[dim]))],
                             dtype=np.int64)
            source_shape = shape[:dim] + (len(index),) + shape[dim + 1:]
            return (_array(draw, shape), _array(draw, source_shape)), {"dim": dim, "index": index}
        index = draw(hnp.arrays(np.int64, (draw(st.integers(0, 3)),), elements=st.integers(0, shape[dim] - 1)))
        if with_source is None:  # a 0-d tensor value
            return (_array(draw, shape), _array(draw, ())), {"dim": dim, "index": index}
        return (_array(draw, shape),), {"dim": dim, "index": index, "value": draw(st.sampled_from([0.0, -1.5]))}
    return arguments


def _masked_select_arguments(draw):
    shape_x, shape_mask = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=MAX_DIMS,
                                                                 max_side=MAX_SIDE)).input_shapes
    return (_array(draw, shape_x),), {"mask": draw(hnp.arrays(np.bool_, shape_mask))}


def _masked_scatter_arguments(draw):
    shape = draw(shapes())
    mask = draw(hnp.arrays(np.bool_, shape[draw(st.integers(0, len(shape))):]))
    size = int(np.broadcast_to(mask, shape).sum()) + draw(st.integers(0, 2))
    return (_array(draw, shape), _array(draw, (size,))), {"mask": mask}


def _renorm_arguments(draw):
    # maxnorm kept at least 0.1 from every slice's norm: there the factor min(1, m/norm) has a kink.
    shape = draw(shapes(min_dims=2))
    dim = draw(st.integers(0, len(shape) - 1))
    p = draw(st.sampled_from([1, 2, 3]))
    x = _array(draw, shape, "nonzero")
    norms = np.sort(np.linalg.norm(np.moveaxis(x, dim, 0).reshape(shape[dim], -1), ord=p, axis=1))
    candidates = [norms[0] * 0.7, norms[-1] * 1.3] + [(a + b) / 2 for a, b in zip(norms, norms[1:]) if b - a > 0.2]
    return (x,), {"p": p, "dim": dim, "maxnorm": float(draw(st.sampled_from(candidates)))}


def _spread_mean(function, position):
    return lambda lib, x, dim, correction, keepdim: getattr(lib, function)(
        x, dim=dim, correction=correction, keepdim=keepdim)[position]


_checks += [
    OpCheck("rot90", lambda lib, x, k, dims: lib.rot90(x, k, dims), _rot90_arguments),
    OpCheck("cummax", lambda lib, x, dim: lib.cummax(x, dim).values, _running_extreme_arguments),
    OpCheck("cummin", lambda lib, x, dim: x.cummin(dim).values, _running_extreme_arguments),
    OpCheck("logcumsumexp", lambda lib, x, dim: lib.logcumsumexp(x, dim), _one_dim_arguments),
    OpCheck("linalg_cross", lambda lib, x, y, dim: lib.linalg.cross(x, y, dim=dim), _cross_arguments),
    OpCheck("block_diag", lambda lib, *tensors: lib.block_diag(*tensors), _block_diag_arguments),
    OpCheck("aminmax_min", lambda lib, x, dim, keepdim: lib.aminmax(x, dim=dim, keepdim=keepdim).min,
            _aminmax_arguments),
    OpCheck("aminmax_max", lambda lib, x, dim, keepdim: x.aminmax(dim=dim, keepdim=keepdim).max,
            _aminmax_arguments),
    OpCheck("std_mean_std", _spread_mean("std_mean", 0), _spread_arguments(distinct=True)),
    OpCheck("std_mean_mean", _spread_mean("std_mean", 1), _spread_arguments(distinct=True)),
    OpCheck("var_mean_var", _spread_mean("var_mean", 0), _spread_arguments(distinct=False)),
    OpCheck("var_mean_mean", _spread_mean("var_mean", 1), _spread_arguments(distinct=False)),
    OpCheck("diag_embed_dims", lambda lib, x, offset, dim1, dim2: lib.diag_embed(x, offset, dim1, dim2),
            _diag_embed_arguments),
    OpCheck("index_copy", lambda lib, x, source, dim, index: x.index_copy(dim, lib.tensor(index), source),
            _index_copy_arguments(with_source=True)),
    OpCheck("index_fill", lambda lib, x, dim, index, value: lib.index_fill(x, dim, lib.tensor(index), value),
            _index_copy_arguments(with_source=False)),
    OpCheck("index_fill_tensor", lambda lib, x, value, dim, index: x.index_fill(dim, lib.tensor(index), value),
            _index_copy_arguments(with_source=None)),
    OpCheck("masked_select", lambda lib, x, mask: lib.masked_select(x, lib.tensor(mask)), _masked_select_arguments),
    OpCheck("masked_scatter", lambda lib, x, source, mask: x.masked_scatter(lib.tensor(mask), source),
            _masked_scatter_arguments),
    OpCheck("renorm", lambda lib, x, p, dim, maxnorm: lib.renorm(x, p, dim, maxnorm), _renorm_arguments),
]


# -- Resizing: interpolate and adaptive average pooling (nn helper) -----------------------------

_RESIZE_MODES = {"upsample_nearest1d": ("nearest", 1), "upsample_nearest2d": ("nearest", 2),
                 "upsample_nearest_exact1d": ("nearest-exact", 1), "upsample_nearest_exact2d": ("nearest-exact", 2),
                 "upsample_linear1d": ("linear", 1), "upsample_bilinear2d": ("bilinear", 2),
                 "adaptive_avg_pool2d": ("area", 2)}


def _resize_arguments(name):
    """A small batch, and an output size (or a scale factor) to resize it to."""
    mode, dims = _RESIZE_MODES[name]

    def arguments(draw):
        shape = (draw(st.integers(1, 2)), draw(st.integers(1, 2))) + tuple(draw(st.integers(1, 4)) for _ in range(dims))
        params = {"mode": mode, "align_corners": draw(st.booleans()) if mode in ("linear", "bilinear") else None}
        if mode != "area" and draw(st.booleans()):
            params.update(size=None, scale_factor=tuple(draw(st.sampled_from([0.6, 1.0, 1.5, 2.0, 2.5])) for _ in range(dims)))
            if any(int(n * f) == 0 for n, f in zip(shape[2:], params["scale_factor"])):
                params["scale_factor"] = (2.0,) * dims
        else:
            params.update(size=tuple(draw(st.integers(2 if mode == "area" else 1, 5)) for _ in range(dims)),
                          scale_factor=None)
        return (_array(draw, shape),), params
    return arguments


def _resize(lib, x, mode, **sizes):
    return lib.nn.functional.interpolate(x, mode=mode, **sizes)


def _resize_backward_arguments(name):
    def arguments(draw):
        (x,), params = _resize_arguments(name)(draw)
        sizes = params["size"] or tuple(int(n * f) for n, f in zip(x.shape[2:], params["scale_factor"]))
        grad = _array(draw, x.shape[:2] + tuple(sizes))
        return (grad,), {"input_size": x.shape, "output_size": sizes, "align_corners": params["align_corners"]}
    return arguments


def _ad_resize_backward(name):
    mode, dims = _RESIZE_MODES[name]
    kind = {"bilinear": "linear"}.get(mode, mode)

    def call(lib, grad, input_size, output_size, align_corners):
        make = ops.averaging_matrix if mode == "area" else (
            lambda n, out: ops.interpolation_matrix(n, out, kind, align_corners))
        matrices = [make(n, out) for n, out in zip(input_size[2:], output_size)]
        rows, cols = (None, matrices[0]) if dims == 1 else matrices
        return apply_op(ops.UPSAMPLE_BACKWARD[kind, dims], grad, rows=rows, cols=cols)
    return call


def _torch_resize_backward(name):
    mode, dims = _RESIZE_MODES[name]

    def call(lib, grad, input_size, output_size, align_corners):
        aten = lib.ops.aten
        if mode == "area":
            return aten._adaptive_avg_pool2d_backward(grad, lib.zeros(input_size, dtype=grad.dtype))
        if mode in ("linear", "bilinear"):
            return getattr(aten, f"{name}_backward")(grad, list(output_size), list(input_size), align_corners)
        function = getattr(aten, f"{'_' if 'exact' in name else ''}{name}_backward")
        return function(grad, list(output_size), list(input_size))
    return call


_checks += [OpCheck(name, _resize if name != "adaptive_avg_pool2d" else
                    lambda lib, x, mode, size, **_: lib.nn.functional.adaptive_avg_pool2d(x, size),
                    _resize_arguments(name)) for name in _RESIZE_MODES]
_checks += [OpCheck(f"{name}_backward", _ad_resize_backward(name), _resize_backward_arguments(name),
                    torch_call=_torch_resize_backward(name)) for name in _RESIZE_MODES]


# The elementwise functions of engine/ops/elementwise_extra.py that take numbers or three tensors
# (the others are checked as generated ones, below).
def _three_arguments(domains=("any", "any", "any"), numbers=None):
    """Three arrays that broadcast together; with ``numbers``, a ``value`` drawn from them."""
    def arguments(draw):
        shape_list = draw(hnp.mutually_broadcastable_shapes(
            num_shapes=3, min_dims=0, max_dims=MAX_DIMS, max_side=MAX_SIDE)).input_shapes
        arrays = tuple(_array(draw, shape, domain) for shape, domain in zip(shape_list, domains))
        return arrays, ({"value": draw(st.sampled_from(numbers))} if numbers else {})
    return arguments


def _binary_with_number(name, numbers, domains=("any", "any")):
    def arguments(draw):
        arrays, _ = binary(*domains)(draw)
        return arrays, {name: draw(st.sampled_from(numbers))}
    return arguments


def _logit_arguments(draw):
    # With eps = 0.2, values stay 0.02 away from the clamp's ends (0.2 and 0.8), where the slope jumps.
    eps = draw(st.sampled_from([None, 0.2]))
    pieces = st.one_of(st.floats(0.05, 0.18), st.floats(0.22, 0.78), st.floats(0.82, 0.95))
    return (draw(hnp.arrays(np.float64, draw(shapes()), elements=pieces)),), {"eps": eps}


def _round_decimals_arguments(draw):
    # Away from the jumps at every half of the last kept place: (k + f)·10^-d with f in [0.1, 0.4].
    decimals = draw(st.sampled_from([0, 1, 2, -1]))
    (x,), _ = _away_from_jumps_arguments(draw)
    return (x / 10.0 ** decimals,), {"decimals": decimals}


_checks += [
    OpCheck("polygamma", lambda lib, x, number: lib.polygamma(number, x), _with_number([0, 1, 2, 3], "positive")),
    OpCheck("round_decimals", lambda lib, x, decimals: lib.round(x, decimals=decimals), _round_decimals_arguments),
    OpCheck("ldexp", lambda lib, x, y: lib.ldexp(x, y), binary()),
    OpCheck("addcmul", lambda lib, x, a, b, value: lib.addcmul(x, a, b, value=value),
            _three_arguments(numbers=[1, 0.5, -2])),
    OpCheck("addcdiv", lambda lib, x, a, b, value: x.addcdiv(a, b, value=value),
            _three_arguments(("any", "any", "nonzero"), numbers=[1, 0.5, -2])),
    # Weights below and above 0.5: lerp computes from either end.
    OpCheck("lerp", lambda lib, x, y, weight: lib.lerp(x, y, weight),
            _binary_with_number("weight", [0.3, 0.5, 0.8, -0.2, 1.5])),
    OpCheck("lerp_tensor", lambda lib, x, y, w: x.lerp(y, w), _three_arguments()),
    OpCheck("hypot", lambda lib, x, y: lib.hypot(x, y), binary(*_domains("hypot"))),
    OpCheck("atan2", lambda lib, x, y: lib.atan2(x, y), binary(*_domains("atan2"))),
    OpCheck("xlogy", lambda lib, x, y: lib.xlogy(x, y), binary(*_domains("xlogy"))),
    OpCheck("xlogy_number_self", lambda lib, y, number: lib.xlogy(number, y), _with_number([2.0, 0.5, -1.5], "positive")),
    OpCheck("xlogy_number_other", lambda lib, x, number: lib.xlogy(x, number), _with_number([2.0, 0.5, 3])),
    OpCheck("copysign", lambda lib, x, y: lib.copysign(x, y), binary(*_domains("copysign"))),
    OpCheck("copysign_number", lambda lib, x, number: x.copysign(number), _with_number([-1.0, 2.0, 0.0, -0.0], "nonzero")),
    OpCheck("fmax", lambda lib, x, y: lib.fmax(x, y), _pairwise_extreme_arguments),
    OpCheck("fmin", lambda lib, x, y: x.fmin(y), _pairwise_extreme_arguments),
    OpCheck("logaddexp2", lambda lib, x, y: lib.logaddexp2(x, y), binary()),
    OpCheck("logit", lambda lib, x, eps: lib.logit(x, eps), _logit_arguments),
    OpCheck("nan_to_num", lambda lib, x: lib.nan_to_num(x, nan=1.0), unary()),
    OpCheck("frac", lambda lib, x: lib.frac(x), _away_from_jumps_arguments),
    OpCheck("sgn", lambda lib, x: x.sgn(), unary(*_domains("sgn"))),
    OpCheck("entr", lambda lib, x: lib.special.entr(x), unary(*_domains("entr"))),
]


# -- Transposed convolution (nn helper) ---------------------------------------------------------

def _conv_transpose_arguments(draw):
    """conv2d's geometry, read backwards: input (N, C_in, H, W), weight (C_in, C_out, kH, kW), and
    an output_padding smaller than the stride or the dilation."""
    (batch, channels, height, width), kernel, stride, padding, dilation = _image_geometry(draw)
    height, width = height - 2, width - 2  # smaller inputs: the output is the larger one
    output_padding = tuple(draw(st.integers(0, max(s, d) - 1)) for s, d in zip(stride, dilation))
    if any((n - 1) * s - 2 * p + d * (k - 1) + 1 < 1 for n, s, p, d, k in zip(
            (height, width), stride, padding, dilation, kernel)):
        padding = (0, 0)  # the padding would crop everything
    weight = (channels, draw(st.integers(1, 2))) + kernel
    arrays = (_array(draw, (batch, channels, height, width)), _array(draw, weight), _array(draw, weight[1:2]))
    return arrays, {"stride": stride, "padding": padding, "output_padding": output_padding, "dilation": dilation}


def _conv_transpose1d_arguments(draw):
    (x, weight, bias), params = _conv_transpose_arguments(draw)
    return (x[:, :, 0], weight[:, :, 0], bias), {name: value[1] for name, value in params.items()}


_checks += [
    OpCheck("conv_transpose2d", lambda lib, x, w, b, **geometry: lib.nn.functional.conv_transpose2d(x, w, b, **geometry),
            _conv_transpose_arguments),
    OpCheck("conv_transpose1d", lambda lib, x, w, b, **geometry: lib.nn.functional.conv_transpose1d(x, w, b, **geometry),
            _conv_transpose1d_arguments),
]


def _added_product_arguments(kind):
    # beta * input + alpha * product; the input broadcasts to the product's shape
    def arguments(draw):
        n, m, p, b = (draw(st.integers(1, MAX_SIDE)) for _ in range(4))
        first, second, shape = {"addmv": ((n, m), (m,), (n,)), "addr": ((n,), (m,), (n, m)),
                                "baddbmm": ((b, n, m), (b, m, p), (b, n, p)),
                                "addbmm": ((b, n, m), (b, m, p), (n, p))}[kind]
        input_shape = shape[draw(st.integers(0, len(shape))):]
        input_shape = tuple(1 if draw(st.booleans()) else k for k in input_shape)
        return (_array(draw, input_shape), _array(draw, first), _array(draw, second)), {
            "beta": draw(st.sampled_from([1, 0.5, 0])), "alpha": draw(st.sampled_from([1, -2.0]))}
    return arguments


def _vdot_arguments(draw):
    n = draw(st.integers(1, MAX_SIDE))
    return (_array(draw, (n,)), _array(draw, (n,))), {}


def _select_scatter_arguments(draw):
    shape = draw(shapes(min_dims=1))
    dim = draw(st.integers(-len(shape), len(shape) - 1))
    return (_array(draw, shape), _array(draw, shape[:dim % len(shape)] + shape[dim % len(shape) + 1:])), {
        "dim": dim, "index": draw(st.integers(-shape[dim], shape[dim] - 1))}


def _slice_scatter_arguments(draw):
    shape = draw(shapes(min_dims=1))
    dim = draw(st.integers(0, len(shape) - 1))
    start, step = draw(st.integers(0, shape[dim])), draw(st.integers(1, 2))
    end = draw(st.integers(start, shape[dim]))
    picked = len(range(start, end, step))
    return (_array(draw, shape), _array(draw, shape[:dim] + (picked,) + shape[dim + 1:])), {
        "dim": dim, "start": start, "end": end, "step": step}


def _diagonal_scatter_arguments(draw):
    shape = draw(shapes(min_dims=2))
    dim1, dim2 = draw(st.permutations(range(len(shape))))[:2]
    offset = draw(st.integers(-1, 1))
    src_shape = np.diagonal(np.empty(shape), offset, dim1, dim2).shape
    return (_array(draw, shape), _array(draw, src_shape)), {"offset": offset, "dim1": dim1, "dim2": dim2}


def _narrow_arguments(draw):
    shape = draw(shapes(min_dims=1))
    dim = draw(st.integers(0, len(shape) - 1))
    start = draw(st.integers(0, shape[dim]))
    return (_array(draw, shape),), {"dim": dim, "start": start, "length": draw(st.integers(0, shape[dim] - start))}


_checks += [
    *(OpCheck(kind, lambda lib, x, a, b, beta, alpha, kind=kind: getattr(lib, kind)(x, a, b, beta=beta, alpha=alpha),
              _added_product_arguments(kind)) for kind in ("addmv", "addr", "baddbmm", "addbmm")),
    OpCheck("vdot", lambda lib, x, y: lib.vdot(x, y), _vdot_arguments),
    OpCheck("select_scatter", lambda lib, x, src, dim, index: lib.select_scatter(x, src, dim, index),
            _select_scatter_arguments),
    OpCheck("slice_scatter", lambda lib, x, src, **where: x.slice_scatter(src, **where), _slice_scatter_arguments),
    OpCheck("diagonal_scatter", lambda lib, x, src, **where: lib.diagonal_scatter(x, src, **where),
            _diagonal_scatter_arguments),
    OpCheck("narrow_copy", lambda lib, x, dim, start, length: x.narrow_copy(dim, start, length), _narrow_arguments),
]


# -- Packing sequences (nn helper) ----------------------------------------------------------------

def _pack_arguments(draw):
    """A padded batch (longest, batch, features), or batch first, and decreasing lengths."""
    batch, longest = draw(st.integers(1, 3)), draw(st.integers(1, 4))
    lengths = sorted((draw(st.integers(1, longest)) for _ in range(batch)), reverse=True)
    lengths[0] = longest
    batch_first = draw(st.booleans())
    shape = (batch, longest, 2) if batch_first else (longest, batch, 2)
    return (_array(draw, shape),), {"lengths": lengths, "batch_first": batch_first}


_checks.append(OpCheck("pack_padded_sequence", lambda lib, x, lengths, batch_first: lib.nn.utils.rnn.pack_padded_sequence(
    x, lengths, batch_first=batch_first).data, _pack_arguments))


def _generated_checks():
    """One check per op whose public function is generated from its spec (one or two tensors, no
    parameters): called as ``lib.<name>(*tensors)``, inputs drawn inside the spec's domain."""
    for spec in generated_specs():
        arguments = unary(*_domains(spec.name)) if len(spec.inputs) == 1 else binary(*_domains(spec.name))
        yield OpCheck(spec.name, lambda lib, *tensors, name=spec.name: getattr(lib, name)(*tensors), arguments)


CHECKS = {check.name: check for check in [*_checks, *_generated_checks()]}
