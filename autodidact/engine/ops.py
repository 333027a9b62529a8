"""The op table: every differentiable operation, in one place.

Each entry says how to compute the op (``forward``, on NumPy arrays), how to send a gradient back to
each input (``rules``: the vector-Jacobian products), PyTorch's name for its backward node
(``grad_fn``), and the local derivative as a learner would write it (``local`` as plain text,
``latex`` for notebooks). The engine, the tracer, the documentation and the gradient checks all read
the same entry, so an explanation can never drift from the computation.

How to read a rule. ``g`` is the upstream gradient (∂out/∂out times everything above), shaped like
the output. ``c`` holds what the forward pass saved: ``c.x`` and ``c.y`` are the inputs, ``c.out``
the output, and parameters such as ``c.dim`` or ``c.n``. A rule returns ``g`` times the local
derivative, e.g. ``log``: ``g / c.x`` because d/dx ln(x) = 1/x.

Rules are written once and run in two modes. Normally ``g`` and ``c.x`` are NumPy arrays (fast).
With ``create_graph=True`` they are Tensors, so the same lines record a new graph and a gradient can
be differentiated again (second derivatives). That is why rules call the helpers below (``cos``,
``where``, ``expand``…), which work on both, rather than NumPy directly.

Broadcasting is undone in one place, ``Op.backward_step``: a rule may return a gradient in the
broadcast shape, and it is summed back to the input's shape there (``sum_to_shape``).

Templates in ``local``/``latex`` name the inputs ``{x}`` and ``{y}``, the output ``{out}``, and
parameters by name; the tracer fills them in with the learner's names or with numbers.
"""
import math
import re

import numpy as np

from ..parity.float32_order import rounded, sequential_sum, torch_matmul, torch_sum

_T = None  # the _tensor module; set when it is imported (it imports this module first)


def _is_tensor(value):
    return isinstance(value, _T.Tensor)


# ---------------------------------------------------------------------------------------------
# Helpers that work on NumPy arrays and on Tensors alike (see "two modes" above)


def cos(v):
    return v.cos() if _is_tensor(v) else np.cos(v)


def sin(v):
    return v.sin() if _is_tensor(v) else np.sin(v)


def log(v):
    return v.log() if _is_tensor(v) else np.log(v)


def sign(v):
    return v.sign() if _is_tensor(v) else np.sign(v)


def floor(v):
    # floor's derivative is 0 wherever it exists, so a tensor's floor can be a constant in the graph.
    return _T.Tensor._wrap(np.floor(v._array)) if _is_tensor(v) else np.floor(v)


def where(condition, a, b):
    if _is_tensor(condition) or _is_tensor(a) or _is_tensor(b):
        return _T.where(condition, a, b)
    return np.where(condition, a, b)


def expand(v, shape):
    if _is_tensor(v):
        return v.expand(shape)
    out = np.empty(shape, dtype=v.dtype)  # a real copy: cheaper than np.broadcast_to for small arrays
    out[...] = v
    return out


def reshape(v, shape):
    return v.reshape(shape) if _is_tensor(v) else np.reshape(v, shape)


def swap(v, dim0, dim1):
    return v.transpose(dim0, dim1) if _is_tensor(v) else np.swapaxes(v, dim0, dim1)


def permute(v, dims):
    return v.permute(*dims) if _is_tensor(v) else np.transpose(v, dims)


def exp(v):
    return v.exp() if _is_tensor(v) else np.exp(v)


def sigmoid(v):
    if _is_tensor(v):
        return v.sigmoid()
    with np.errstate(over="ignore"):  # e^-x overflows to inf for x < -88 (float32): σ is then 0
        return 1 / (1 + np.exp(-v))


def flip(v, dims):
    return v.flip(dims) if _is_tensor(v) else np.flip(v, dims)


def cumsum(v, dim):
    return v.cumsum(dim) if _is_tensor(v) else _cumsum_forward(v, dim)


def sum_keepdim(v, dims):
    """Sum over ``dims`` (an int or a tuple), keeping them as size-1 dims so the result broadcasts."""
    if _is_tensor(v):
        return v.sum(dim=dims, keepdim=True)
    return torch_sum(v, dims, keepdims=True)


def dtype_of(v):
    """The NumPy dtype of an array or of a Tensor's storage."""
    return v._array.dtype if _is_tensor(v) else v.dtype


def matmul(a, b):
    if _is_tensor(a) or _is_tensor(b):
        return _T.matmul(a, b)
    return torch_matmul(a, b)


def outer(a, b):
    if _is_tensor(a) or _is_tensor(b):
        return _T.outer(a, b)
    return np.multiply.outer(a, b)


def index(v, key):
    return v[key]


def scatter(v, shape, key):
    """Zeros of ``shape`` with ``v`` added at ``key``: the backward of indexing."""
    if _is_tensor(v):
        return _T._apply(INDEX_SCATTER, v, shape=shape, key=key)
    return _scatter_forward(v, shape=shape, key=key)


def unsqueeze_dims(v, dims):
    """Put back reduced dimensions (size 1) at ``dims`` so that ``v`` broadcasts again."""
    shape = list(v.shape)
    for dim in sorted(dims):
        shape.insert(dim, 1)
    return reshape(v, tuple(shape))


def sum_to_shape(v, shape):
    """Sum a broadcast gradient back down to ``shape``: the one place broadcasting is undone."""
    shape = tuple(shape)
    if v.shape == shape:
        return v
    lead = len(v.shape) - len(shape)
    dims = tuple(range(lead)) + tuple(
        lead + i for i, size in enumerate(shape) if size == 1 and v.shape[lead + i] != 1
    )
    if _is_tensor(v):
        summed = v.sum(dim=dims, keepdim=True) if dims else v
    else:
        summed = torch_sum(v, dims, keepdims=True) if dims else v
    return reshape(summed, shape)


def reduced_dims(shape, result_shape):
    """Which dims broadcasting added or stretched to go from ``shape`` to ``result_shape``."""
    lead = len(result_shape) - len(shape)
    return tuple(range(lead)) + tuple(
        lead + i for i, size in enumerate(shape) if size == 1 and result_shape[lead + i] != 1
    )


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template, values):
    """Put names or numbers into a formula template: ``fill("1/{x}", {"x": "h"})`` gives ``1/h``.

    Only ``{name}`` with a known name is replaced, so LaTeX braces (``\\frac{1}{{x}}``) survive.
    """
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0),
                            template)


# ---------------------------------------------------------------------------------------------
# The entry type


class Saved:
    """What a rule sees: inputs ``x``, ``y`` (and ``inputs``), the output ``out``, and parameters."""

    __slots__ = ("inputs", "x", "y", "out", "params")

    def __init__(self, inputs, out, params):
        self.inputs = inputs
        self.x = inputs[0] if inputs else None
        self.y = inputs[1] if len(inputs) > 1 else None
        self.out = out
        self.params = params

    def __getattr__(self, name):  # parameters read as attributes: c.dim, c.n, c.keepdim
        try:
            return self.params[name]
        except (KeyError, TypeError):
            raise AttributeError(name) from None


class Op:
    """One row of the table. See the module docstring for what each field means."""

    def __init__(self, name, grad_fn, forward, rules, local, latex, *, saves=True, uses_out=False,
                 domain="any", explain=None):
        self.name = name
        self.grad_fn = grad_fn
        self.forward = forward
        self.rules = rules  # tuple, one rule per input; or one rule (g, c, i) for any number of inputs
        self.local = local  # tuple of text templates, one per input (or one shared)
        self.latex = latex
        self.saves = saves  # needs input values in backward: freed afterwards, second backward fails
        self.uses_out = uses_out
        self.domain = domain  # inputs where the op is differentiable, for the gradient checks
        self.explain = explain  # for shape ops: the vector-Jacobian product in words

    def __repr__(self):
        return f"<op {self.name}: {self.grad_fn}>"

    def rule_for(self, i):
        if isinstance(self.rules, tuple):
            return self.rules[i]
        return lambda g, c: self.rules(g, c, i)

    def local_for(self, i):
        return self.local[i] if isinstance(self.local, tuple) and i < len(self.local) else (
            self.local if isinstance(self.local, str) else self.local[-1])

    def latex_for(self, i):
        return self.latex[i] if isinstance(self.latex, tuple) and i < len(self.latex) else (
            self.latex if isinstance(self.latex, str) else self.latex[-1])

    def saved(self, node, create_graph):
        if create_graph:
            inputs = node.inputs
            out = _T.Tensor._from_node(node) if self.uses_out else None
        else:
            Tensor = _T.Tensor
            inputs = [v._array if isinstance(v, Tensor) else v for v in node.inputs]
            out = node.out
        return Saved(inputs, out, node.params)

    def backward_step(self, node, grad, create_graph):
        """Each input's gradient (None where no edge): the rule's result, summed back to the input's
        shape (broadcasting undone, in this one place) and cast to the input's dtype.

        ``grad`` and the results are NumPy arrays, or Tensors when ``create_graph`` is True."""
        c = self.saved(node, create_graph)
        grads = []
        for i, (edge, value) in enumerate(zip(node.edges, node.inputs)):
            if edge is None:
                grads.append(None)
                continue
            g = self.rule_for(i)(grad, c)
            target = value if create_graph else value._array
            if g.shape != target.shape:
                g = sum_to_shape(g, target.shape)
            if g.dtype != target.dtype:
                g = g.to(target.dtype) if create_graph else g.astype(target.dtype)
            grads.append(g)
        return grads


# ---------------------------------------------------------------------------------------------
# Forward functions that need more than one NumPy call


def _pow_forward(x, n):
    # PyTorch computes these exponents with dedicated kernels; matching them keeps float32 results
    # identical to PyTorch's to the last bit.
    if n == 2:
        return x * x
    if n == 3:
        return x * x * x
    if n == 0.5:
        return np.sqrt(x)
    if n == -0.5:
        return 1 / np.sqrt(x)
    if n == -1:
        return 1 / x
    if n == -2:
        return 1 / (x * x)
    return np.power(x, np.asarray(n, dtype=x.dtype) if x.dtype.kind == "f" else n)


def _bce_terms(p, y):
    """Each element's binary cross-entropy, written as PyTorch's kernel writes it (log1p for the
    ln(1 - p) term, each log clamped at -100), so float32 losses match to the last bit."""
    one = p.dtype.type(1)
    return ((y - one) * np.maximum(rounded(np.log1p)(-p), p.dtype.type(-100))
            - y * np.maximum(rounded(np.log)(p), p.dtype.type(-100)))


def _remainder_forward(x, y):
    """Python's ``%`` (the sign of the divisor), computed as PyTorch does: from ``fmod``, so an exact
    multiple keeps fmod's sign (``-2. % 2`` is ``-0.``, where NumPy's remainder gives ``0.``)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        mod = np.fmod(x, y)
        if np.asarray(mod).dtype.kind != "f":
            return np.remainder(x, y)
        fix = (mod != 0) & ((np.asarray(y) < 0) != (mod < 0))
        return np.where(fix, mod + y, mod).astype(np.asarray(mod).dtype, copy=False)


def _sigmoid_forward(x):
    return 1 / (1 + np.exp(-x))


def _index_put_forward(x, value, key):
    out = x.copy()
    out[key] = value
    return out


def _kept(shape, key):
    """True where ``t[key] = v`` leaves ``t`` as it was."""
    mask = np.ones(shape, dtype=bool)
    mask[key] = False
    return mask


def _scatter_forward(v, shape, key):
    out = np.zeros(shape, dtype=v.dtype)
    np.add.at(out, key, v)
    return out


def _max_dim_rule(g, c):
    # Only the winning entry of each row gets the gradient (its index was saved).
    if not c.keepdim:
        g = unsqueeze_dims(g, (c.dim,))
    return scatter(g, c.x.shape, _along_dim_key(c.indices, c.dim, c.x.shape))


def _along_dim_key(indices, dim, shape):
    """An index that picks ``indices`` along ``dim`` and every position along the other dims."""
    kept = np.expand_dims(indices, dim) if indices.ndim < len(shape) else indices
    grids = np.ogrid[tuple(slice(0, n) for n in kept.shape)]
    return tuple(kept if d == dim else grids[d] for d in range(len(shape)))


def _evenly_distribute(g, c):
    # max() of a whole tensor: ties share the gradient equally, as in PyTorch.
    mask = c.x == c.out
    count = mask.sum()
    return where(mask, g / count, 0.0)


def _sum_dim_rule(g, c):
    if not c.keepdim:
        g = unsqueeze_dims(g, c.dims)
    return expand(g, c.x.shape)


def _mean_rule(g, c):
    return expand(g, c.x.shape) / _size(c.x)


def _mean_dim_rule(g, c):
    count = int(np.prod([c.x.shape[d] for d in c.dims]))
    return _sum_dim_rule(g, c) / count


def _cat_rule(g, c, i):
    start = sum(v.shape[c.dim] for v in c.inputs[:i])
    key = (slice(None),) * c.dim + (slice(start, start + c.inputs[i].shape[c.dim]),)
    return g[key]


def _stack_rule(g, c, i):
    return g[(slice(None),) * c.dim + (i,)]


def _mm_x(g, c):
    return matmul(g, swap(c.y, -1, -2))


def _mm_y(g, c):
    return matmul(swap(c.x, -1, -2), g)


def _matmul_grads(g, c):
    """Gradients of a general matmul: vectors are treated as 1-row or 1-column matrices, and batch
    dimensions that were broadcast are summed away."""
    x, y = c.x, c.y
    x2 = reshape(x, (1,) + tuple(x.shape)) if x.ndim == 1 else x
    y2 = reshape(y, tuple(y.shape) + (1,)) if y.ndim == 1 else y
    g2 = g
    if x.ndim == 1:
        g2 = unsqueeze_dims(g2, (g2.ndim - 1 if y.ndim > 1 else g2.ndim,))
    if y.ndim == 1:
        g2 = unsqueeze_dims(g2, (g2.ndim,))
    gx = reshape(sum_to_shape(matmul(g2, swap(y2, -1, -2)), x2.shape), x.shape)
    gy = reshape(sum_to_shape(matmul(swap(x2, -1, -2), g2), y2.shape), y.shape)
    return gx, gy


def _index_forward(x, key):
    return x[key]


def _inverse(permutation):
    return tuple(np.argsort(permutation))


# ---------------------------------------------------------------------------------------------
# The table

OPS = {}


def _add(op):
    OPS[op.name] = op
    return op


# Arithmetic ---------------------------------------------------------------------------------
ADD = _add(Op("add", "AddBackward0", np.add,
              (lambda g, c: g, lambda g, c: g),
              ("1", "1"), ("1", "1"), saves=False))
SUB = _add(Op("sub", "SubBackward0", np.subtract,
              (lambda g, c: g, lambda g, c: -g),
              ("1", "-1"), ("1", "-1"), saves=False))
RSUB = _add(Op("rsub", "RsubBackward1", lambda x, y: y - x,  # number - tensor
               (lambda g, c: -g, None),
               ("-1",), ("-1",), saves=False))
MUL = _add(Op("mul", "MulBackward0", np.multiply,
              (lambda g, c: g * c.y, lambda g, c: g * c.x),
              ("{y}", "{x}"), ("{y}", "{x}")))
DIV = _add(Op("div", "DivBackward0", np.true_divide,
              (lambda g, c: g / c.y, lambda g, c: -g * ((c.x / c.y) / c.y)),
              ("1/{y}", "-{x}/{y}²"), (r"\frac{1}{{y}}", r"-\frac{{x}}{{y}^2}"),
              domain="y nonzero"))
# A tensor divided by a plain number inside PyTorch's own C++ code (e.g. the mean of cross_entropy
# with probability targets). From Python, t / 2.0 wraps the number in a tensor: DIV above.
DIV_NUMBER = _add(Op("div_number", "DivBackward1", lambda x, number: x / x.dtype.type(number),
                     (lambda g, c: g / c.number,), ("1/{number}",), (r"\frac{1}{{number}}",), saves=False))
REMAINDER = _add(Op("remainder", "RemainderBackward0", _remainder_forward,  # tensor % number
                    (lambda g, c: g, None), ("1",), ("1",), saves=False, domain="away from jumps"))
REMAINDER_TENSOR = _add(Op("remainder_tensor", "RemainderBackward1", _remainder_forward,  # tensor % tensor
                    (lambda g, c: g, lambda g, c: -g * floor(c.x / c.y)),
                    ("1", "-floor({x}/{y})"), ("1", r"-\left\lfloor {x}/{y} \right\rfloor"),
                    domain="away from jumps"))
NEG = _add(Op("neg", "NegBackward0", np.negative,
              (lambda g, c: -g,), ("-1",), ("-1",), saves=False))
RECIPROCAL = _add(Op("reciprocal", "ReciprocalBackward0", lambda x: 1 / x,
                     (lambda g, c: -g * (c.out * c.out),),
                     ("-1/{x}²",), (r"-\frac{1}{{x}^2}",), uses_out=True, domain="nonzero"))
POW = _add(Op("pow", "PowBackward0", _pow_forward,  # tensor ** number
              (lambda g, c: g * 0.0 if c.n == 0 else g * (c.n * c.x ** (c.n - 1)),),
              ("{n}·{x}^({n}-1)",), (r"{n}\,{x}^{{n}-1}",), domain="positive"))
POW_TENSOR = _add(Op("pow_tensor", "PowBackward1", np.power,  # tensor ** tensor
                     (lambda g, c: where(c.y == 0, 0.0, g * (c.y * c.x ** (c.y - 1))),
                      lambda g, c: g * where((c.x == 0) & (c.y >= 0), 0.0, c.out * log(c.x))),
                     ("{y}·{x}^({y}-1)", "{out}·ln({x})"),
                     (r"{y}\,{x}^{{y}-1}", r"{out}\,\ln {x}"), uses_out=True, domain="positive"))
RPOW = _add(Op("rpow", "PowBackward2", lambda x, base: np.power(np.asarray(base, x.dtype), x),  # number ** tensor
               (lambda g, c: g * (c.out * float(np.log(c.base))),),
               ("{out}·ln({base})",), (r"{out}\,\ln {base}",), uses_out=True))

# Elementwise functions --------------------------------------------------------------------------
EXP = _add(Op("exp", "ExpBackward0", rounded(np.exp), (lambda g, c: g * c.out,),
              ("e^{x}",), (r"e^{{x}}",), uses_out=True))
LOG = _add(Op("log", "LogBackward0", rounded(np.log), (lambda g, c: g / c.x,),
              ("1/{x}",), (r"\frac{1}{{x}}",), domain="positive"))
SQRT = _add(Op("sqrt", "SqrtBackward0", np.sqrt, (lambda g, c: g / (2 * c.out),),
               ("1/(2·√{x})",), (r"\frac{1}{2\sqrt{{x}}}",), uses_out=True, domain="positive"))
SIN = _add(Op("sin", "SinBackward0", rounded(np.sin), (lambda g, c: g * cos(c.x),),
              ("cos({x})",), (r"\cos {x}",)))
COS = _add(Op("cos", "CosBackward0", rounded(np.cos), (lambda g, c: g * -sin(c.x),),
              ("-sin({x})",), (r"-\sin {x}",)))
TANH = _add(Op("tanh", "TanhBackward0", rounded(np.tanh), (lambda g, c: g * (1 - c.out * c.out),),
               ("1 - tanh²({x})",), (r"1 - \tanh^2 {x}",), uses_out=True))
SIGMOID = _add(Op("sigmoid", "SigmoidBackward0", _sigmoid_forward,
                  (lambda g, c: g * (1 - c.out) * c.out,),
                  ("σ({x})·(1 - σ({x}))",), (r"\sigma({x})\,(1-\sigma({x}))",), uses_out=True))
# relu keeps x unless x < 0, as PyTorch does: relu(-0.0) prints -0. there (np.maximum would give 0.)
RELU = _add(Op("relu", "ReluBackward0", lambda x: np.where(x < 0, x.dtype.type(0), x),
               (lambda g, c: where(c.out <= 0, 0.0, g),),
               ("1 if {x} > 0 else 0",), (r"\mathbb{1}[{x} > 0]",), uses_out=True, domain="nonzero"))
ABS = _add(Op("abs", "AbsBackward0", np.abs, (lambda g, c: g * sign(c.x),),
              ("sign({x})",), (r"\operatorname{sign}({x})",), domain="nonzero"))
CLAMP = _add(Op("clamp", "ClampBackward1",
                lambda x, low, high: np.clip(x, low, high).astype(x.dtype, copy=False),
                (lambda g, c: where(_inside(c.x, c.low, c.high), g, 0.0),),
                ("1 if {low} ≤ {x} ≤ {high} else 0",), (r"\mathbb{1}[{low} \le {x} \le {high}]",),
                domain="away from bounds"))
# The larger (smaller) of two tensors, elementwise. At a tie each input gets half the gradient,
# as in PyTorch; nan wins (it is the result), so the nan input gets the gradient.
MAXIMUM = _add(Op("maximum", "MaximumBackward0", np.maximum,
                  (lambda g, c: where(c.x < c.y, 0.0, where(c.x == c.y, g / 2, g)),
                   lambda g, c: where(c.x > c.y, 0.0, where(c.x == c.y, g / 2, g))),
                  ("1 if {x} > {y}, ½ if equal, else 0", "1 if {y} > {x}, ½ if equal, else 0"),
                  (r"\mathbb{1}[{x} > {y}] + \tfrac{1}{2}\mathbb{1}[{x} = {y}]",
                   r"\mathbb{1}[{y} > {x}] + \tfrac{1}{2}\mathbb{1}[{x} = {y}]")))
MINIMUM = _add(Op("minimum", "MinimumBackward0", np.minimum,
                  (lambda g, c: where(c.x > c.y, 0.0, where(c.x == c.y, g / 2, g)),
                   lambda g, c: where(c.x < c.y, 0.0, where(c.x == c.y, g / 2, g))),
                  ("1 if {x} < {y}, ½ if equal, else 0", "1 if {y} < {x}, ½ if equal, else 0"),
                  (r"\mathbb{1}[{x} < {y}] + \tfrac{1}{2}\mathbb{1}[{x} = {y}]",
                   r"\mathbb{1}[{y} < {x}] + \tfrac{1}{2}\mathbb{1}[{x} = {y}]")))


def _inside(x, low, high):
    inside = True
    if low is not None:
        inside = x >= low
    if high is not None:
        inside = (x <= high) if inside is True else inside & (x <= high)
    return inside


WHERE = _add(Op("where", "WhereBackward0", np.where,
                (None, lambda g, c: where(c.x, g, 0.0), lambda g, c: where(c.x, 0.0, g)),
                ("", "1 where cond else 0", "0 where cond else 1"),
                ("", r"\mathbb{1}[\text{cond}]", r"\mathbb{1}[\lnot\text{cond}]")))
CLONE = _add(Op("clone", "CloneBackward0", lambda x: x.copy(), (lambda g, c: g,), ("1",), ("1",),
                saves=False))
TO_DTYPE = _add(Op("to", "ToCopyBackward0", lambda x, dtype: x.astype(dtype.numpy),
                   (lambda g, c: g,), ("1",), ("1",), saves=False))

# Reductions -------------------------------------------------------------------------------------
SUM = _add(Op("sum", "SumBackward0", lambda x: torch_sum(x),
              (lambda g, c: expand(g, c.x.shape),), ("1",), ("1",), saves=False,
              explain="every element receives the upstream gradient (it is copied to the input's shape)"))
SUM_DIM = _add(Op("sum_dim", "SumBackward1",
                  lambda x, dims, keepdim: torch_sum(x, dims, keepdims=keepdim),
                  (_sum_dim_rule,), ("1",), ("1",), saves=False,
                  explain="each element receives the upstream gradient of the sum it went into"))
MEAN = _add(Op("mean", "MeanBackward0", lambda x: torch_sum(x) / x.dtype.type(x.size),
               (_mean_rule,), ("1/N",), (r"\frac{1}{N}",), saves=False,
               explain="every element receives the upstream gradient divided by N, the number of elements"))
MEAN_DIM = _add(Op("mean_dim", "MeanBackward1",
                   lambda x, dims, keepdim: (torch_sum(x, dims, keepdims=keepdim)
                                             / x.dtype.type(np.prod([x.shape[d] for d in dims]))),
                   (_mean_dim_rule,), ("1/N",), (r"\frac{1}{N}",), saves=False,
                   explain="each element receives the upstream gradient of its mean divided by N"))
MAX = _add(Op("max", "MaxBackward1", np.max, (_evenly_distribute,),
              ("1 at the maximum, 0 elsewhere",), (r"\mathbb{1}[{x} = \max]",), uses_out=True,
              domain="distinct", explain="only the largest element receives the upstream gradient"))
MIN = _add(Op("min", "MinBackward1", np.min, (_evenly_distribute,),
              ("1 at the minimum, 0 elsewhere",), (r"\mathbb{1}[{x} = \min]",), uses_out=True,
              domain="distinct", explain="only the smallest element receives the upstream gradient"))
MAX_DIM = _add(Op("max_dim", "MaxBackward0",
                  lambda x, dim, keepdim, indices: np.max(x, axis=dim, keepdims=keepdim),
                  (_max_dim_rule,), ("1 at the row's maximum, 0 elsewhere",),
                  (r"\mathbb{1}[{x} = \max_{dim}]",), domain="distinct",
                  explain="along the dim, only the largest element receives the upstream gradient"))
MIN_DIM = _add(Op("min_dim", "MinBackward0",
                  lambda x, dim, keepdim, indices: np.min(x, axis=dim, keepdims=keepdim), (_max_dim_rule,),
                  ("1 at the row's minimum, 0 elsewhere",), (r"\mathbb{1}[{x} = \min_{dim}]",),
                  domain="distinct",
                  explain="along the dim, only the smallest element receives the upstream gradient"))

# Linear algebra ---------------------------------------------------------------------------------
MM = _add(Op("mm", "MmBackward0", torch_matmul, (_mm_x, _mm_y),
             ("{y}ᵀ (on the right)", "{x}ᵀ (on the left)"), (r"{y}^\top", r"{x}^\top"),
             explain="∂L/∂X = G·Yᵀ and ∂L/∂Y = Xᵀ·G, where G is the upstream gradient"))
MV = _add(Op("mv", "MvBackward0", torch_matmul,
             (lambda g, c: outer(g, c.y), lambda g, c: matmul(swap(c.x, 0, 1), g)),
             ("{y}ᵀ (outer product with G)", "{x}ᵀ"), (r"{y}^\top", r"{x}^\top"),
             explain="∂L/∂M = g·vᵀ (an outer product) and ∂L/∂v = Mᵀ·g"))
DOT = _add(Op("dot", "DotBackward0", np.dot,
              (lambda g, c: g * c.y, lambda g, c: g * c.x),
              ("{y}", "{x}"), ("{y}", "{x}"),
              explain="∂(u·w)/∂u = w and ∂(u·w)/∂w = u, each scaled by the upstream gradient"))
# PyTorch's matmul of 3-D (or more) operands ends with a reshape of the batched product, so its
# grad_fn is named UnsafeViewBackward0; we keep that name so printed results match.
MATMUL = _add(Op("matmul", "UnsafeViewBackward0", torch_matmul, (lambda g, c: _matmul_grads(g, c)[0], lambda g, c: _matmul_grads(g, c)[1]),
                 ("{y}ᵀ (on the right)", "{x}ᵀ (on the left)"), (r"{y}^\top", r"{x}^\top"),
                 explain="∂L/∂X = G·Yᵀ and ∂L/∂Y = Xᵀ·G, summed over batch dimensions"))
# bias + mat1 @ mat2 in one op, as nn.Linear computes it (PyTorch's AddmmBackward0). Inputs: the bias
# ({x}, broadcast over the rows), mat1 ({y}) and mat2 (the third input, usually the weight's transpose).
ADDMM = _add(Op("addmm", "AddmmBackward0",
                lambda bias, mat1, mat2: torch_matmul(mat1, mat2) + bias,
                (lambda g, c: g,
                 lambda g, c: matmul(g, swap(c.inputs[2], 0, 1)),
                 lambda g, c: matmul(swap(c.inputs[1], 0, 1), g)),
                ("1 (summed over the rows)", "mat2ᵀ (on the right)", "{y}ᵀ (on the left)"),
                ("1", r"\mathrm{mat2}^\top", r"{y}^\top"),
                explain="bias + mat1·mat2: the bias receives G summed over the rows, ∂L/∂mat1 = G·mat2ᵀ "
                        "and ∂L/∂mat2 = mat1ᵀ·G, where G is the upstream gradient"))

# Shapes and indexing: no arithmetic, the gradient is only moved back into place ------------------
VIEW = _add(Op("view", "ViewBackward0", lambda x, shape: x.reshape(shape),
               (lambda g, c: reshape(g, c.x.shape),), ("1 (reshaped back)",), ("1",), saves=False,
               explain="the gradient is reshaped back to the input's shape"))
TRANSPOSE = _add(Op("transpose", "TransposeBackward0", lambda x, dim0, dim1: np.swapaxes(x, dim0, dim1),
                    (lambda g, c: swap(g, c.dim0, c.dim1),), ("1 (transposed back)",), ("1",),
                    saves=False, explain="the gradient is transposed back"))
T = _add(Op("t", "TBackward0", lambda x: x.T, (lambda g, c: permute(g, tuple(range(g.ndim))[::-1]),),
            ("1 (transposed back)",), ("1",), saves=False, explain="the gradient is transposed back"))
PERMUTE = _add(Op("permute", "PermuteBackward0", lambda x, dims: np.transpose(x, dims),
                  (lambda g, c: permute(g, _inverse(c.dims)),), ("1 (dims put back)",), ("1",),
                  saves=False, explain="the gradient's dimensions are put back in their first order"))
SQUEEZE = _add(Op("squeeze", "SqueezeBackward0", lambda x: np.squeeze(x),
                  (lambda g, c: reshape(g, c.x.shape),), ("1 (size-1 dims put back)",), ("1",),
                  saves=False, explain="the removed size-1 dimensions are put back"))
SQUEEZE_DIM = _add(Op("squeeze_dim", "SqueezeBackward1",
                      lambda x, dim: np.squeeze(x, dim) if x.shape[dim] == 1 else x,
                      (lambda g, c: reshape(g, c.x.shape),), ("1 (size-1 dim put back)",), ("1",),
                      saves=False, explain="the removed size-1 dimension is put back"))
SQUEEZE_DIMS = _add(Op("squeeze_dims", "SqueezeBackward2",  # t.squeeze((0, 2)): only the size-1 ones go
                       lambda x, dims: np.squeeze(x, tuple(d for d in dims if x.shape[d] == 1)),
                       (lambda g, c: reshape(g, c.x.shape),), ("1 (size-1 dims put back)",), ("1",),
                       saves=False, explain="the removed size-1 dimensions are put back"))
# vector @ matrix: PyTorch multiplies the vector as a 1-row matrix, then removes that row with an
# in-place squeeze_(dim), whose node is SqueezeBackward4.
SQUEEZE_DIM_ = _add(Op("squeeze_dim_", "SqueezeBackward4", SQUEEZE_DIM.forward, SQUEEZE_DIM.rules,
                       SQUEEZE_DIM.local, SQUEEZE_DIM.latex, saves=False,
                       explain="the removed size-1 dimension is put back"))
UNSQUEEZE = _add(Op("unsqueeze", "UnsqueezeBackward0", lambda x, dim: np.expand_dims(x, dim),
                    (lambda g, c: reshape(g, c.x.shape),), ("1 (extra dim removed)",), ("1",),
                    saves=False, explain="the added dimension is removed again"))
EXPAND = _add(Op("expand", "ExpandBackward0", lambda x, shape: np.broadcast_to(x, shape),
                 (lambda g, c: g,), ("1 (summed over the copies)",), ("1",), saves=False,
                 explain="the gradients of all copies are summed"))
SELECT = _add(Op("select", "SelectBackward0", _index_forward,
                 (lambda g, c: scatter(g, c.x.shape, c.key),), ("1 at the picked place, 0 elsewhere",),
                 ("1",), saves=False, explain="the gradient goes to the picked elements; the rest get 0"))
SLICE = _add(Op("slice", "SliceBackward0", _index_forward, SELECT.rules, SELECT.local, SELECT.latex,
                saves=False, explain="the gradient goes to the sliced elements; the rest get 0"))
INDEX = _add(Op("index", "IndexBackward0", _index_forward, SELECT.rules, SELECT.local, SELECT.latex,
                saves=False, explain="the gradient goes to the picked elements (added up where an "
                                     "element was picked twice); the rest get 0"))
# Indexing that only adds size-1 dims (t[None], t[:, None]) or changes nothing (t[...], t[:]):
# PyTorch names these after the last step it took, an unsqueeze, or an alias of the same tensor.
INDEX_UNSQUEEZE = _add(Op("index_unsqueeze", "UnsqueezeBackward0", _index_forward, SELECT.rules,
                          ("1 (extra dim removed)",), ("1",), saves=False,
                          explain="the added size-1 dimensions are removed again (and the gradient "
                                  "goes back to the picked elements)"))
ALIAS = _add(Op("alias", "AliasBackward0", _index_forward, (lambda g, c: g,), ("1",), ("1",),
                saves=False, explain="the same tensor again: the gradient passes through unchanged"))
INDEX_PUT = _add(Op("index_put", "CopySlices", lambda x, value, key: _index_put_forward(x, value, key),
                    (lambda g, c: where(_kept(c.x.shape, c.key), g, 0.0), lambda g, c: g[c.key]),
                    ("1 where not overwritten, 0 where overwritten", "1 at the places it was written"),
                    (r"\mathbb{1}[\text{not overwritten}]", "1"), saves=False,
                    explain="t[key] = v: the overwritten elements of t get no gradient; v receives the "
                            "gradient of the places it was written to (summed where it was broadcast)"))
INDEX_PUT_TENSOR = _add(Op("index_put_tensor", "IndexPutBackward0", INDEX_PUT.forward, INDEX_PUT.rules,
                           INDEX_PUT.local, INDEX_PUT.latex, saves=False,
                           explain="t[mask] = v or t[positions] = v: " + INDEX_PUT.explain[len("t[key] = v: "):]))
COPY = _add(Op("copy", "CopyBackwards", INDEX_PUT.forward, INDEX_PUT.rules, ("0 (overwritten)", "1"),
               ("0", "1"), saves=False,
               explain="t[...] = v overwrites all of t: t gets no gradient, v gets all of it (summed "
                       "where it was broadcast)"))
# Overwriting every element in place (t.zero_(), t.fill_(v)): the old values get no gradient.
ZERO = _add(Op("zero", "ZeroBackward0", np.zeros_like, (lambda g, c: g * 0.0,), ("0 (overwritten)",),
               ("0",), saves=False, explain="zero_() overwrites every element: no gradient flows back"))
FILL = _add(Op("fill", "FillBackward2", lambda x, value: np.full_like(x, value), (lambda g, c: g * 0.0,),
               ("0 (overwritten)",), ("0",), saves=False,
               explain="fill_(number) overwrites every element: no gradient flows back"))
FILL_TENSOR = _add(Op("fill_tensor", "FillBackward3", lambda x, value: np.full_like(x, value),
                      (lambda g, c: g * 0.0, lambda g, c: g), ("0 (overwritten)", "1 (summed over copies)"),
                      ("0", "1"), saves=False,
                      explain="fill_(v) copies v everywhere: v receives the sum of the gradient; the "
                              "overwritten values get none"))
INDEX_SCATTER = _add(Op("index_scatter", "IndexPutBackward0", _scatter_forward,
                        (lambda g, c: g[c.key],), ("1 at the picked place",), ("1",), saves=False,
                        explain="the gradient at the picked places is read back"))
CAT = _add(Op("cat", "CatBackward0", lambda *xs, dim: np.concatenate(xs, axis=dim), _cat_rule,
              "1 (its own slice)", "1", saves=False,
              explain="each input receives its own slice of the gradient"))
STACK = _add(Op("stack", "StackBackward0", lambda *xs, dim: np.stack(xs, axis=dim), _stack_rule,
                "1 (its own slice)", "1", saves=False,
                explain="each input receives its own slice of the gradient"))

# Losses (used by autodidact.nn) -----------------------------------------------------------------
def _mse_forward(x, y, reduction):
    squares = (x - y) * (x - y)
    if reduction == "none":
        return squares
    total = torch_sum(squares)
    return total if reduction == "sum" else total / x.dtype.type(x.size)


def _mse_rule(sign):
    # PyTorch's kernel: (2/N)·(x - y)·g, with 2/N rounded to the input's dtype first (2 for "sum"
    # and "none"); the same order keeps float32 gradients identical to PyTorch's.
    def rule(g, c):
        norm = 2 / _size(c.x) if c.reduction == "mean" else 2
        scale = float(dtype_of(c.x).type(sign * norm))
        return scale * (c.x - c.y) * g
    return rule


def _bce_forward(p, y, reduction):
    terms = _bce_terms(p, y)
    if reduction == "none":
        return terms
    total = torch_sum(terms)
    return total if reduction == "sum" else total / p.dtype.type(p.size)


MSE_LOSS = _add(Op("mse_loss", "MseLossBackward0", _mse_forward, (_mse_rule(1), _mse_rule(-1)),
                   ("2·({x} - {y})/N (N = 1 unless the mean)", "-2·({x} - {y})/N (N = 1 unless the mean)"),
                   (r"\frac{2({x}-{y})}{N}", r"-\frac{2({x}-{y})}{N}")))
BCE_LOSS = _add(Op("binary_cross_entropy", "BinaryCrossEntropyBackward0", _bce_forward,
                   (lambda g, c: g * (c.x - c.y) / _clamp_min(c.x * (1 - c.x), 1e-12) / _per_element(c),
                    # The target can require grad too (as in PyTorch): d/dy = (ln(1-p) - ln p) / N.
                    lambda g, c: g * (_clamp_min(log(1 - c.x), -100) - _clamp_min(log(c.x), -100))
                    / _per_element(c)),
                   ("({x} - {y}) / ({x}(1 - {x}) N) (N = 1 unless the mean)",
                    "(ln(1 - {x}) - ln({x})) / N (N = 1 unless the mean)"),
                   (r"\frac{{x}-{y}}{{x}(1-{x})N}", r"\frac{\ln(1-{x}) - \ln {x}}{N}"),
                   domain="probability"))


def _size(v):
    return v.numel() if _is_tensor(v) else v.size


def _clamp_min(v, low):
    return v.clamp(min=low) if _is_tensor(v) else np.maximum(v, low)


def _no_derivative(name):
    def rule(g, c):
        raise RuntimeError(f"derivative for aten::{name} is not implemented: the result of {name} is a "
                           "step function of its inputs, so autograd has no gradient to pass back. "
                           "Compute it under torch.no_grad() or from .detach()ed tensors.")
    return rule


# Not in the table: an op PyTorch records but cannot differentiate (its grad_fn prints NotImplemented).
FLOOR_DIVIDE = Op("floor_divide", "NotImplemented", np.floor_divide,
                  (_no_derivative("floor_divide"), _no_derivative("floor_divide")),
                  ("no derivative", "no derivative"), (r"\text{none}", r"\text{none}"), saves=False)


# ---------------------------------------------------------------------------------------------
# Ops from common tutorials: softmax and its losses, more elementwise functions, spreads, splits


def _softmax_forward(x, dim):
    # Subtracting the row's maximum first changes nothing mathematically (it cancels in the ratio)
    # but keeps exp from overflowing for large scores.
    e = rounded(np.exp)(x - np.max(x, axis=dim, keepdims=True))
    return e * (1 / torch_sum(e, dim, keepdims=True))  # times the reciprocal, as PyTorch's kernel


def _log_softmax_forward(x, dim):
    shifted = x - np.max(x, axis=dim, keepdims=True)
    return shifted - rounded(np.log)(torch_sum(rounded(np.exp)(shifted), dim, keepdims=True))


SOFTMAX = _add(Op("softmax", "SoftmaxBackward0", _softmax_forward,
                  (lambda g, c: c.out * (g - sum_keepdim(g * c.out, c.dim)),),
                  ("s·(1 - s) on the diagonal, -s_i·s_j off it (s = softmax({x}))",),
                  (r"\operatorname{diag}(s) - s s^\top",), saves=False, uses_out=True,
                  explain="each score receives s·(G - Σ G·s) along the dim, where s is the softmax "
                          "and G the upstream gradient"))
LOG_SOFTMAX = _add(Op("log_softmax", "LogSoftmaxBackward0", _log_softmax_forward,
                      (lambda g, c: g - exp(c.out) * sum_keepdim(g, c.dim),),
                      ("1 on the diagonal minus softmax({x})",), (r"I - \mathbf{1}\,\operatorname{softmax}({x})^\top",),
                      saves=False, uses_out=True,
                      explain="each score receives G - softmax·ΣG along the dim, where G is the upstream "
                              "gradient"))


def _nll_weights(shape, dtype, target, reduction, ignore_index):
    """d loss / d log-probability: -1 at each row's target class (0 for ignored rows), divided by
    the number of counted rows for reduction="mean"."""
    weights = np.zeros(shape, dtype=dtype)
    counted = target != ignore_index
    if len(shape) == 1:
        if counted:
            weights[target] = -1
    else:
        rows = np.nonzero(counted)[0]
        weights[rows, target[rows]] = -1
    if reduction == "mean":
        weights /= dtype.type(np.count_nonzero(counted))
    return weights


def _nll_forward(logp, target, reduction, ignore_index):
    counted = target != ignore_index
    if logp.ndim == 1:
        losses = -logp[target] if counted else logp.dtype.type(0)
        losses = np.asarray(losses, dtype=logp.dtype)
    else:
        rows = np.arange(len(logp))
        losses = np.where(counted, -logp[rows, np.where(counted, target, 0)], logp.dtype.type(0))
    if reduction == "none":
        return losses
    total = sequential_sum(np.reshape(losses, (-1,)))
    if reduction == "sum":
        return total
    with np.errstate(invalid="ignore", divide="ignore"):  # no counted row: nan, as in PyTorch
        return np.asarray(total / logp.dtype.type(np.count_nonzero(counted)))


def _nll_rule(g, c):
    weights = _nll_weights(tuple(c.x.shape), dtype_of(c.x), c.target, c.reduction, c.ignore_index)
    if c.reduction == "none" and len(c.x.shape) == 2:
        g = unsqueeze_dims(g, (1,))
    return g * (_T.Tensor._wrap(weights) if _is_tensor(g) else weights)  # constants of the graph


NLL_LOSS = _add(Op("nll_loss", "NllLossBackward0", _nll_forward, (_nll_rule,),
                   ("-1 at the target class (÷N for the mean), 0 elsewhere",),
                   (r"-\mathbb{1}[j = y_i] / N",), saves=False,
                   explain="each row's log-probability of its target class receives -G (÷N for the "
                           "mean); the other classes get 0"))


def _bce_logits_forward(x, y, reduction):
    # (1 - y)·x - log σ(x), with log σ(x) = min(x, 0) - log(1 + e^-|x|): stable for any x.
    log_sigmoid = np.minimum(x, 0) - rounded(np.log1p)(rounded(np.exp)(-np.abs(x)))
    losses = (1 - y) * x - log_sigmoid
    if reduction == "none":
        return losses
    total = torch_sum(losses)
    return total if reduction == "sum" else total / x.dtype.type(x.size)


def _per_element(c):
    return _size(c.x) if c.reduction == "mean" else 1


BCE_WITH_LOGITS = _add(Op("binary_cross_entropy_with_logits", "BinaryCrossEntropyWithLogitsBackward0",
                          _bce_logits_forward,
                          (lambda g, c: g * (sigmoid(c.x) - c.y) / _per_element(c),
                           lambda g, c: -(g * c.x) / _per_element(c)),
                          ("(σ({x}) - {y}) / N", "-{x} / N"),
                          (r"\frac{\sigma({x}) - {y}}{N}", r"-\frac{{x}}{N}")))

LEAKY_RELU = _add(Op("leaky_relu", "LeakyReluBackward0",
                     lambda x, slope: np.where(x > 0, x, x * x.dtype.type(slope)),
                     (lambda g, c: where(c.x > 0, g, g * c.slope),),
                     ("1 if {x} > 0 else {slope}",), (r"1 \text{ if } {x} > 0 \text{ else } {slope}",),
                     domain="nonzero"))


def _softplus_forward(x, beta, threshold):
    # Above the threshold softplus(x) equals x to within rounding, and exp would overflow.
    with np.errstate(over="ignore"):
        curve = rounded(np.log1p)(rounded(np.exp)(x * x.dtype.type(beta))) / x.dtype.type(beta)
    return np.where(x * beta > threshold, x, curve)


SOFTPLUS = _add(Op("softplus", "SoftplusBackward0", _softplus_forward,
                   (lambda g, c: where(c.x * c.beta > c.threshold, g, g * sigmoid(c.x * c.beta)),),
                   ("σ({beta}·{x})",), (r"\sigma({beta}\,{x})",)))
LOG1P = _add(Op("log1p", "Log1PBackward0", rounded(np.log1p), (lambda g, c: g / (1 + c.x),),
                ("1/(1 + {x})",), (r"\frac{1}{1 + {x}}",), domain="positive"))
LOG2 = _add(Op("log2", "Log2Backward0", rounded(np.log2), (lambda g, c: g / (c.x * math.log(2)),),
               ("1/({x}·ln 2)",), (r"\frac{1}{{x} \ln 2}",), domain="positive"))
LOG10 = _add(Op("log10", "Log10Backward0", rounded(np.log10), (lambda g, c: g / (c.x * math.log(10)),),
                ("1/({x}·ln 10)",), (r"\frac{1}{{x} \ln 10}",), domain="positive"))
RSQRT = _add(Op("rsqrt", "RsqrtBackward0", lambda x: 1 / np.sqrt(x),
                (lambda g, c: -0.5 * g * c.out * c.out * c.out,),
                ("-1/(2·{x}^1.5)",), (r"-\frac{1}{2 {x}^{3/2}}",), saves=False, uses_out=True,
                domain="positive"))
# Step functions: flat between the jumps, so the derivative is 0 (PyTorch passes zeros back).
FLOOR = _add(Op("floor", "FloorBackward0", np.floor, (lambda g, c: g * 0.0,), ("0",), ("0",),
                saves=False, domain="away from jumps"))
CEIL = _add(Op("ceil", "CeilBackward0", np.ceil, (lambda g, c: g * 0.0,), ("0",), ("0",),
               saves=False, domain="away from jumps"))
ROUND = _add(Op("round", "RoundBackward0", np.round, (lambda g, c: g * 0.0,), ("0",), ("0",),
                saves=False, domain="away from jumps"))
# sign is -1, 0 or 1 (0 for nan and for -0., as in PyTorch): flat on each side of 0.
SIGN = _add(Op("sign", "SignBackward0", lambda x: (x > 0).astype(x.dtype) - (x < 0).astype(x.dtype),
               (lambda g, c: g * 0.0,), ("0",), ("0",), saves=False, domain="nonzero"))
FLIP = _add(Op("flip", "FlipBackward0", lambda x, dims: np.flip(x, dims).copy(),
               (lambda g, c: flip(g, c.dims),), ("1 (flipped back)",), ("1",), saves=False,
               explain="the gradient is flipped back along the same dims"))
# Each piece of chunk()/split() is its own node here (PyTorch shares one node among the pieces);
# the name and the gradients are the same.
SPLIT = _add(Op("split", "SplitBackward0", _index_forward, SELECT.rules, ("1 in its own piece",), ("1",),
                saves=False, explain="each piece's gradient goes back to its place; the rest get 0"))
SPLIT_WITH_SIZES = _add(Op("split_with_sizes", "SplitWithSizesBackward0", _index_forward, SELECT.rules,
                           ("1 in its own piece",), ("1",), saves=False,
                           explain="each piece's gradient goes back to its place; the rest get 0"))


def _count(shape, dims):
    return math.prod(shape[d] for d in dims)


def _var_forward(x, dims, correction, keepdim):
    mean = torch_sum(x, dims, keepdims=True) / x.dtype.type(_count(x.shape, dims))
    squares = torch_sum((x - mean) * (x - mean), dims, keepdims=keepdim)
    with np.errstate(divide="ignore", invalid="ignore"):  # one element with correction 1: nan
        return squares / x.dtype.type(max(_count(x.shape, dims) - correction, 0))


def _deviation(c):
    """x - mean(x) over the reduced dims, and the divisor N - correction."""
    n = _count(tuple(c.x.shape), c.dims)
    return c.x - sum_keepdim(c.x, c.dims) / n, max(n - c.correction, 0)


def _var_rule(g, c):
    deviation, divisor = _deviation(c)
    if not c.keepdim:
        g = unsqueeze_dims(g, c.dims)
    return g * (2 * deviation) / divisor


def _std_rule(g, c):
    deviation, divisor = _deviation(c)
    out = c.out
    if not c.keepdim:
        g, out = unsqueeze_dims(g, c.dims), unsqueeze_dims(out, c.dims)
    return g * deviation / (divisor * out)


VAR = _add(Op("var", "VarBackward0", _var_forward, (_var_rule,),
              ("2·({x} - mean)/(N - correction)",), (r"\frac{2({x} - \bar{x})}{N - c}",),
              explain="each element receives G·2(x - mean)/(N - correction)"))
STD = _add(Op("std", "StdBackward0",
              lambda x, dims, correction, keepdim: np.sqrt(_var_forward(x, dims, correction, keepdim)),
              (_std_rule,), ("({x} - mean)/((N - correction)·std)",),
              (r"\frac{{x} - \bar{x}}{(N - c)\,\sigma}",), uses_out=True,
              explain="each element receives G·(x - mean)/((N - correction)·std)"))


def _norm_forward(x, dims, keepdim):
    return np.sqrt(torch_sum(x * x, dims, keepdims=keepdim))


def _norm_rule(g, c):
    out = c.out
    if not c.keepdim:
        g, out = unsqueeze_dims(g, c.dims), unsqueeze_dims(out, c.dims)
    # At a zero vector the norm has no gradient; PyTorch passes 0 there (not 0/0 = nan).
    return where(out == 0, 0.0, g * c.x / where(out == 0, 1.0, out))


NORM = _add(Op("norm", "LinalgVectorNormBackward0", _norm_forward, (_norm_rule,),
               ("{x}/‖{x}‖",), (r"\frac{{x}}{\lVert {x} \rVert}",), uses_out=True,
               explain="each element receives G·x/‖x‖ (0 where the norm is 0)"))


def _products_of_the_others(x, dim):
    """Along ``dim``, each element's product of all the *other* elements: the derivative of a
    product with respect to one factor. Computed without dividing by it, so zeros are fine."""
    if not _is_tensor(x):
        moved = np.moveaxis(x, dim, -1)
        ones = np.ones_like(moved[..., :1])
        before = np.cumprod(np.concatenate([ones, moved[..., :-1]], axis=-1), axis=-1)
        after = np.cumprod(np.concatenate([ones, moved[..., :0:-1]], axis=-1), axis=-1)[..., ::-1]
        return np.moveaxis(before * after, -1, dim)
    # On tensors (create_graph=True): row i of an n×n grid holds the elements with the i-th
    # replaced by 1, so the grid's row products are the products of the others, as a graph.
    n = x.shape[dim]
    moved = swap(x, dim, -1)
    grid = moved.unsqueeze(-2).expand(tuple(moved.shape[:-1]) + (n, n))
    grid = where(_T.Tensor._wrap(np.eye(n, dtype=bool)), 1.0, grid)
    return swap(grid.prod(dim=-1), dim, -1)


def _prod_rule(g, c):
    flat = reshape(c.x, (-1,))
    return g * reshape(_products_of_the_others(flat, 0), tuple(c.x.shape))


def _prod_dim_rule(g, c):
    if not c.keepdim:
        g = unsqueeze_dims(g, (c.dim,))
    return g * _products_of_the_others(c.x, c.dim)


PROD = _add(Op("prod", "ProdBackward0", lambda x: np.asarray(np.prod(x)), (_prod_rule,),
               ("product of the other elements",), (r"\prod_{j \ne i} {x}_j",),
               explain="each element receives G times the product of all the other elements"))
PROD_DIM = _add(Op("prod_dim", "ProdBackward1",
                   lambda x, dim, keepdim: np.prod(x, axis=dim, keepdims=keepdim), (_prod_dim_rule,),
                   ("product of the other elements along the dim",), (r"\prod_{j \ne i} {x}_j",),
                   explain="each element receives G times the product of the other elements of its "
                           "slice along the dim"))


# Shape ops from tutorials ------------------------------------------------------------------------


def _padded_shape(shape, count):
    """``shape`` with leading 1s up to ``count`` dims: how repeat sees a tensor with fewer dims."""
    return (1,) * (count - len(shape)) + tuple(shape)


def _repeat_forward(x, sizes):
    return np.tile(x.reshape(_padded_shape(x.shape, len(sizes))), sizes)


def _repeat_rule(g, c):
    # The output holds sizes[d] copies of x along each dim d. Splitting every dim into
    # (copy number, position in x) puts the copies on their own axes; summing those axes adds up
    # the gradient of every copy of each element.
    shape = _padded_shape(c.x.shape, len(c.sizes))
    split = tuple(n for pair in zip(c.sizes, shape) for n in pair)
    copies = tuple(range(0, 2 * len(shape), 2))
    summed = sum_keepdim(reshape(g, split), copies) if copies else g
    return reshape(summed, tuple(c.x.shape))


REPEAT = _add(Op("repeat", "RepeatBackward0", _repeat_forward, (_repeat_rule,),
                 ("1 for each copy",), ("1",), saves=False,
                 explain="each element receives the sum of the upstream gradient over all its copies"))


def _cumsum_forward(x, dim):
    return x.copy() if x.ndim == 0 else np.cumsum(x, axis=dim)


def _cumsum_rule(g, c):
    # x_i appears in every running sum out_j with j >= i, so its gradient is the sum of g_j over
    # j >= i: a cumulative sum taken from the end, i.e. flip, cumsum, flip back.
    if len(c.x.shape) == 0:
        return g
    return flip(cumsum(flip(g, (c.dim,)), c.dim), (c.dim,))


CUMSUM = _add(Op("cumsum", "CumsumBackward0", _cumsum_forward, (_cumsum_rule,),
                 ("1 for each running sum that includes it",), (r"\mathbb{1}[j \ge i]",), saves=False,
                 explain="each element receives the sum of the upstream gradient over its own position "
                         "and every later one along the dim"))


def _logsumexp_forward(x, dims, keepdim):
    if not dims:  # a 0-d tensor: log(exp(x)) is x
        return x.copy()
    # Subtract the largest value first so that exp never overflows: log Σ e^x = m + log Σ e^(x-m).
    # An infinite maximum is not subtracted (inf - inf would be nan); exp and log then give ±inf.
    largest = np.max(x, axis=dims, keepdims=True)
    shift = np.where(np.isfinite(largest), largest, x.dtype.type(0))
    with np.errstate(divide="ignore"):  # every element -inf: log(0) = -inf, as in PyTorch
        out = np.log(torch_sum(np.exp(x - shift), dims, keepdims=True)) + shift
    return out if keepdim else np.squeeze(out, axis=dims)


def _logsumexp_rule(g, c):
    # d/dx_i log Σ_j e^(x_j) = e^(x_i) / Σ_j e^(x_j) = e^(x_i - out): the softmax of x.
    out = c.out
    if not c.keepdim:
        g, out = unsqueeze_dims(g, c.dims), unsqueeze_dims(out, c.dims)
    return g * exp(c.x - out)


LOGSUMEXP = _add(Op("logsumexp", "LogsumexpBackward0", _logsumexp_forward, (_logsumexp_rule,),
                    ("exp({x} - {out})",), (r"e^{{x} - {out}}",), uses_out=True,
                    explain="each element receives G times its softmax weight e^(x - out) within its "
                            "slice along the dims"))


def _gather_forward(x, dim, indices, **options):
    """The elements at ``indices`` along ``dim``: sort and topk, once the indices are chosen."""
    return x.copy() if x.ndim == 0 else np.take_along_axis(x, indices, axis=dim)


def _gather_rule(g, c):
    # Each output element is one input element moved to a new place: its gradient goes back to
    # where it came from (the saved index), and elements topk left out get 0.
    if len(c.x.shape) == 0:
        return g
    return scatter(g, c.x.shape, _along_dim_key(c.indices, c.dim, c.x.shape))


SORT = _add(Op("sort", "SortBackward0", _gather_forward, (_gather_rule,),
               ("1 at the element's new place",), ("1",), saves=False,
               explain="each element receives the upstream gradient of the place it was sorted to"))
TOPK = _add(Op("topk", "TopkBackward0", _gather_forward, (_gather_rule,),
               ("1 if among the k kept, else 0",), (r"\mathbb{1}[{x} \in \text{top } {k}]",), saves=False,
               explain="the k kept elements receive the upstream gradient of their place in the result; "
                       "the others receive 0"))


# ---------------------------------------------------------------------------------------------
# Layers that PyTorch computes as one op: Embedding, LayerNorm, BatchNorm (one backward node each)


def _mean_keep(v, axes):
    return v.mean(dim=axes, keepdim=True) if _is_tensor(v) else v.mean(axis=axes, keepdims=True)


def _sum_over(v, axes):
    return v.sum(dim=axes) if _is_tensor(v) else v.sum(axis=axes)


def _embedding_forward(weight, indices, padding_idx):
    return weight[indices]


def _embedding_rule(g, c):
    # Row r of the weight was copied to every place where indices == r: its gradient is the sum of
    # the upstream gradients of those places. The padding row learns nothing.
    rows = c.x.shape[0]
    keep = c.indices != c.padding_idx if c.padding_idx is not None else np.ones(c.indices.shape, bool)
    picks = np.zeros((rows, c.indices.size), dtype=np.float64)
    picks[c.indices.reshape(-1), np.arange(c.indices.size)] = keep.reshape(-1)
    flat = reshape(g, (c.indices.size, g.shape[-1]))
    if _is_tensor(flat):
        return _T.Tensor._wrap(picks.astype(flat._array.dtype)) @ flat
    return picks.astype(flat.dtype) @ flat


EMBEDDING = _add(Op("embedding", "EmbeddingBackward0", _embedding_forward, (_embedding_rule,),
                    ("1 at each row the indices pick (summed over repeats)",),
                    (r"\mathbb{1}[\text{row picked}]",), saves=False, domain="any",
                    explain="each row of the weight receives the sum of the upstream gradients of every "
                            "place it was picked; the padding row receives 0"))


def _normalize(x, axes, eps, statistics=None):
    """(x̂, 1/√(var + eps)): x standardized over ``axes`` (the biased variance, as PyTorch), or with
    given (mean, var) ``statistics``."""
    if statistics is None:
        mean = _mean_keep(x, axes)
        centered = x - mean
        variance = _mean_keep(centered * centered, axes)
    else:
        mean, variance = statistics
        centered = x - mean
    inverse_std = (variance + eps) ** -0.5
    return centered * inverse_std, inverse_std


def _affine(x_hat, weight, bias, shape):
    if weight is not None:
        x_hat = x_hat * reshape(weight, shape)
    if bias is not None:
        x_hat = x_hat + reshape(bias, shape)
    return x_hat


def _norm_pieces(inputs, has_weight, has_bias):
    x = inputs[0]
    weight = inputs[1] if has_weight else None
    bias = inputs[1 + has_weight] if has_bias else None
    return x, weight, bias


def _layer_norm_axes(ndim, dims):
    return tuple(range(ndim - dims, ndim))


def _layer_norm_forward(*inputs, dims, eps, has_weight, has_bias):
    x, weight, bias = _norm_pieces(inputs, has_weight, has_bias)
    axes = _layer_norm_axes(x.ndim, dims)
    x_hat, _ = _normalize(x.astype(np.float64), axes, eps)
    return _affine(x_hat, weight, bias, x.shape[x.ndim - dims:]).astype(x.dtype)


def _standardized_rule(g, c, i, axes, other_axes, param_shape, statistics=None):
    """The gradient of ``x̂·w + b`` (x̂ standardized over ``axes``) for input i: x, weight or bias.

    For x this is PyTorch's formula: with gw = g·w, dx = (gw - mean(gw) - x̂·mean(gw·x̂)) / √(var + eps),
    means over the standardized axes; given statistics (evaluation) it is just gw / √(var + eps).
    """
    x, weight, _ = _norm_pieces(c.inputs, c.has_weight, c.has_bias)
    x_hat, inverse_std = _normalize(x, axes, c.eps, statistics)
    role = ("x", "weight", "bias")[i if c.has_weight or i == 0 else 2]
    if role == "bias":
        return _sum_over(g, other_axes)
    if role == "weight":
        return _sum_over(g * x_hat, other_axes)
    g_w = g * reshape(weight, param_shape) if weight is not None else g
    if statistics is not None:
        return g_w * inverse_std
    return (g_w - _mean_keep(g_w, axes) - x_hat * _mean_keep(g_w * x_hat, axes)) * inverse_std


def _layer_norm_rule(g, c, i):
    ndim = len(c.x.shape)
    axes = _layer_norm_axes(ndim, c.dims)
    return _standardized_rule(g, c, i, axes, tuple(range(ndim - c.dims)), tuple(c.x.shape[ndim - c.dims:]))


LAYER_NORM = _add(Op("layer_norm", "NativeLayerNormBackward0", _layer_norm_forward, _layer_norm_rule,
                     ("(gw - mean(gw) - x̂·mean(gw·x̂)) / √(var + eps), gw = g·weight", "x̂", "1"),
                     (r"\frac{1}{\sigma}\left(g_w - \overline{g_w} - \hat{{x}}\,\overline{g_w \hat{{x}}}\right)",
                      r"\hat{{x}}", "1"),
                     explain="x receives the upstream gradient times the weight, with its mean and its "
                             "component along x̂ removed, divided by the standard deviation; the weight "
                             "receives the sum of G·x̂, the bias the sum of G"))


def _batch_axes(ndim):
    return (0,) + tuple(range(2, ndim))


def _channel_shape(ndim, channels):
    return (1, channels) + (1,) * (ndim - 2)


def _batch_norm_forward(*inputs, statistics, eps, has_weight, has_bias):
    x, weight, bias = _norm_pieces(inputs, has_weight, has_bias)
    shape = _channel_shape(x.ndim, x.shape[1])
    if statistics is not None:
        statistics = tuple(s.astype(np.float64).reshape(shape) for s in statistics)
    x_hat, _ = _normalize(x.astype(np.float64), _batch_axes(x.ndim), eps, statistics)
    return _affine(x_hat, weight, bias, shape).astype(x.dtype)


def _batch_norm_rule(g, c, i):
    ndim = len(c.x.shape)
    shape = _channel_shape(ndim, c.x.shape[1])
    statistics = None
    if c.statistics is not None:
        statistics = tuple(s.reshape(shape) for s in c.statistics)
        if _is_tensor(g):
            statistics = tuple(_T.Tensor._wrap(s) for s in statistics)
    axes = _batch_axes(ndim)
    return _standardized_rule(g, c, i, axes, axes, shape, statistics)


BATCH_NORM = _add(Op("batch_norm", "NativeBatchNormBackward0", _batch_norm_forward, _batch_norm_rule,
                     ("(gw - mean(gw) - x̂·mean(gw·x̂)) / √(var + eps) over the batch, gw = g·weight", "x̂", "1"),
                     (r"\frac{1}{\sigma}\left(g_w - \overline{g_w} - \hat{{x}}\,\overline{g_w \hat{{x}}}\right)",
                      r"\hat{{x}}", "1"),
                     explain="like layer_norm, with means over the batch (and length) for each channel; in "
                             "evaluation mode x receives G·weight/√(running var + eps)"))
