"""Matrix products (mm, mv, dot, matmul, addmm: bias + mat1 @ mat2, as nn.Linear computes it), einsum,
and the matrix ops trace, diag."""
import builtins
import math
import string

import numpy as np

from ...parity import dtypes
from ...parity.float32_order import torch_matmul
from ..arguments import check_broadcast
from ..creation import arange, tensor_of
from ..spec import Tensor, op
from .public import public
from . import helpers
from .helpers import reshape, scatter, swap, unsqueeze_dims
from .public import check_tensors
from .shape import SQUEEZE_DIM_


def _matmul_grads(grad, self, other):
    """Gradients of a general matmul: vectors are treated as 1-row or 1-column matrices, and batch
    dimensions that were broadcast are summed away."""
    from ..broadcast import sum_to_shape

    x, y = self, other
    x2 = reshape(x, (1,) + tuple(x.shape)) if x.ndim == 1 else x
    y2 = reshape(y, tuple(y.shape) + (1,)) if y.ndim == 1 else y
    g2 = grad
    if x.ndim == 1:
        g2 = unsqueeze_dims(g2, (g2.ndim - 1 if y.ndim > 1 else g2.ndim,))
    if y.ndim == 1:
        g2 = unsqueeze_dims(g2, (g2.ndim,))
    gx = reshape(sum_to_shape(helpers.matmul(g2, swap(y2, -1, -2)), x2.shape), x.shape)
    gy = reshape(sum_to_shape(helpers.matmul(swap(x2, -1, -2), g2), y2.shape), y.shape)
    return gx, gy


MM = op("mm", grad_fn="MmBackward0", forward=torch_matmul,
        vjp={"self": lambda grad, mat2: helpers.matmul(grad, swap(mat2, -1, -2)),
             "mat2": lambda grad, self: helpers.matmul(swap(self, -1, -2), grad)},
        local={"self": ("{mat2}ᵀ (on the right)", r"{mat2}^\top"),
               "mat2": ("{self}ᵀ (on the left)", r"{self}^\top")},
        shows_as="{self} @ {mat2}",
        explain="∂L/∂X = G·Yᵀ and ∂L/∂Y = Xᵀ·G, where G is the upstream gradient")
MV = op("mv", grad_fn="MvBackward0", forward=torch_matmul,
        vjp={"self": lambda grad, vec: helpers.outer(grad, vec),
             "vec": lambda grad, self: helpers.matmul(swap(self, 0, 1), grad)},
        local={"self": ("{vec}ᵀ (outer product with G)", r"{vec}^\top"), "vec": ("{self}ᵀ", r"{self}^\top")},
        shows_as="{self} @ {vec}",
        explain="∂L/∂M = g·vᵀ (an outer product) and ∂L/∂v = Mᵀ·g")
DOT = op("dot", grad_fn="DotBackward0", forward=np.dot,
         vjp={"self": lambda grad, tensor: grad * tensor, "tensor": lambda grad, self: grad * self},
         local={"self": ("{tensor}", "{tensor}"), "tensor": ("{self}", "{self}")},
         shows_as="{self} @ {tensor}",
         explain="∂(u·w)/∂u = w and ∂(u·w)/∂w = u, each scaled by the upstream gradient")
# PyTorch's matmul of 3-D (or more) operands ends with a reshape of the batched product, so its
# grad_fn is named UnsafeViewBackward0; we keep that name so printed results match.
MATMUL = op("matmul", grad_fn="UnsafeViewBackward0", forward=torch_matmul,
            vjp={"self": lambda grad, self, other: _matmul_grads(grad, self, other)[0],
                 "other": lambda grad, self, other: _matmul_grads(grad, self, other)[1]},
            local={"self": ("{other}ᵀ (on the right)", r"{other}^\top"),
                   "other": ("{self}ᵀ (on the left)", r"{self}^\top")},
            shows_as="{self} @ {other}",
            explain="∂L/∂X = G·Yᵀ and ∂L/∂Y = Xᵀ·G, summed over batch dimensions")
# bias + mat1 @ mat2 in one op, as nn.Linear computes it (PyTorch's AddmmBackward0). ``self`` is the
# bias, broadcast over the rows; mat2 is usually the weight's transpose.
ADDMM = op("addmm", grad_fn="AddmmBackward0",
           forward=lambda self, mat1, mat2: torch_matmul(mat1, mat2) + self,
           vjp={"self": lambda grad: grad,
                "mat1": lambda grad, mat2: helpers.matmul(grad, swap(mat2, 0, 1)),
                "mat2": lambda grad, mat1: helpers.matmul(swap(mat1, 0, 1), grad)},
           local={"self": ("1 (summed over the rows)", "1"),
                  "mat1": ("{mat2}ᵀ (on the right)", r"{mat2}^\top"),
                  "mat2": ("{mat1}ᵀ (on the left)", r"{mat1}^\top")},
           shows_as="addmm({self}, {mat1}, {mat2})",
           explain="bias + mat1·mat2: the bias receives G summed over the rows, ∂L/∂mat1 = G·mat2ᵀ "
                   "and ∂L/∂mat2 = mat1ᵀ·G, where G is the upstream gradient")

# A batch of matrix products, one per leading index: (b, n, m) @ (b, m, p) -> (b, n, p).
BMM = op("bmm", grad_fn="BmmBackward0", forward=torch_matmul,
         vjp={"self": lambda grad, mat2: helpers.matmul(grad, swap(mat2, -1, -2)),
              "mat2": lambda grad, self: helpers.matmul(swap(self, -1, -2), grad)},
         local={"self": ("{mat2}ᵀ (on the right, per batch)", r"{mat2}^\top"),
                "mat2": ("{self}ᵀ (on the left, per batch)", r"{self}^\top")},
         shows_as="bmm({self}, {mat2})",
         explain="for each batch index b: ∂L/∂X[b] = G[b]·Y[b]ᵀ and ∂L/∂Y[b] = X[b]ᵀ·G[b]")


def bmm(input, mat2):
    """Batched matrix product of two 3-D tensors: ``out[b] = input[b] @ mat2[b]`` (no broadcasting;
    ``@`` broadcasts)."""
    for name, t in (("batch1", input), ("batch2", mat2)):
        if t.ndim != 3:
            raise RuntimeError(f"{name} must be a 3D tensor (got shape {tuple(t.shape)}). bmm multiplies "
                               "batches of matrices (b, n, m) and (b, m, p); for other shapes use @.")
    b, _, m = input.shape
    if tuple(mat2.shape[:2]) != (b, m):
        raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: [{b}, {m}] but got: "
                           f"[{mat2.shape[0]}, {mat2.shape[1]}].")
    if input.dtype is not mat2.dtype:
        names = dtypes.TYPE_NAMES_SHORT
        raise RuntimeError(f"expected scalar type {names[input.dtype.name]} but found {names[mat2.dtype.name]}. "
                           "Convert one of them, e.g. with .float().")
    return BMM(input, mat2)


public("function", "method")(check_tensors(bmm, ("input", "mat2")))


# ---------------------------------------------------------------------------------------------
# einsum, built from differentiable ops as PyTorch builds it (so its gradients, and gradients of
# gradients, come from those ops): each operand is permuted into one shared order of labels, then
# the operands are multiplied pair by pair, summing each label as soon as no later operand needs it.
# The last node is PyTorch's: PermuteBackward0 or SumBackward1 for one operand, MulBackward0 or
# ViewBackward0 for several.

_LETTERS = string.ascii_uppercase + string.ascii_lowercase


def _einsum_arguments(args):
    """(equation, operands) from einsum('ij,jk->ik', a, b), einsum('ij,jk', [a, b]) or the sublist
    form einsum(a, [0, 1], b, [1, 2], [0, 2])."""
    if args and isinstance(args[0], str):
        equation, operands = args[0], list(args[1:])
        if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
            operands = list(operands[0])
        return equation.replace(" ", ""), operands
    if not args or not isinstance(args[0], Tensor):
        raise TypeError("einsum(): expected an equation string first, e.g. einsum('ij,jk->ik', a, b)")
    if len(args) % 2:  # the last sublist is the output's
        operands, subscripts, output = args[0:-1:2], args[1:-1:2], args[-1]
    else:
        operands, subscripts, output = args[0::2], args[1::2], None

    def letters(sublist):
        return "".join("..." if s is Ellipsis else _LETTERS[s] if isinstance(s, int) and 0 <= s < 52
                       else _bad_sublist(s) for s in sublist)

    equation = ",".join(letters(s) for s in subscripts) + ("" if output is None else "->" + letters(output))
    return equation, list(operands)


def _bad_sublist(value):
    raise ValueError(f"einsum(): subscript in subscript list is not within the valid range [0, 52): {value!r}")


def _einsum_labels(equation, operands):
    """Each operand's labels and the output's, with '...' spelled out as letters the equation does not
    use (lower-case labels stay as they are)."""
    for position, character in enumerate(equation):
        if not (character.isascii() and character.isalpha()) and character not in ",.->":
            raise RuntimeError(f"einsum(): invalid subscript given at index {position} in the equation "
                               "string, subscripts must be in [a-zA-Z]")
    lhs, arrow, rhs = equation.partition("->")
    terms = lhs.split(",")
    if len(terms) < len(operands):
        raise RuntimeError("einsum(): more operands were provided than specified in the equation")
    if len(terms) > len(operands):
        raise RuntimeError("einsum(): fewer operands were provided than specified in the equation")
    spare = [c for c in _LETTERS if c not in equation]
    ellipsis_dims = 0
    for k, (term, operand) in enumerate(zip(terms, operands)):
        named = len(term.replace("...", ""))
        if "..." in term:
            ellipsis_dims = builtins.max(ellipsis_dims, operand.ndim - named)
        elif named != operand.ndim:
            raise RuntimeError(f"einsum(): the number of subscripts in the equation ({named}) does not match "
                               f"the number of dimensions ({operand.ndim}) for operand {k} and no ellipsis "
                               "was given")
    broadcast = "".join(spare[:ellipsis_dims])
    inputs = [term.replace("...", broadcast[ellipsis_dims - (operand.ndim - len(term.replace("...", ""))):])
              for term, operand in zip(terms, operands)]
    sizes = {}
    for k, (labels, operand) in enumerate(zip(inputs, operands)):
        for d, (label, n) in enumerate(zip(labels, operand.shape)):
            first = labels.index(label)
            if first < d and operand.shape[first] != n:
                raise RuntimeError(f"einsum(): subscript {label} is repeated for operand {k} but the sizes "
                                   f"don't match, {operand.shape[first]} != {n}")
            seen = sizes.setdefault(label, n)
            if n != seen and 1 not in (n, seen):
                raise RuntimeError(f"einsum(): subscript {label} has size {n} for operand {k} which does not "
                                   f"broadcast with previously seen size {seen}")
            sizes[label] = builtins.max(n, seen)
    if arrow:
        output = rhs.replace("...", broadcast)
        for label in output:
            if output.count(label) > 1:
                raise RuntimeError(f"einsum(): output subscript {label} appears more than once in the output")
            if not builtins.any(label in term for term in inputs):
                raise RuntimeError(f"einsum(): output subscript {label} does not appear in the equation for "
                                   "any input operand")
    else:  # implicit output: the broadcast dims, then the labels used once, in alphabetical order
        counts = "".join(inputs).replace(broadcast, "") if broadcast else "".join(inputs)
        output = broadcast + "".join(sorted(c for c in set(counts) if counts.count(c) == 1 and c not in broadcast))
    return inputs, output


def _diagonals(operand, labels):
    """Take the diagonal for each label an operand repeats ('ii' reads t[i, i])."""
    while len(set(labels)) < len(labels):
        label = next(c for c in labels if labels.count(c) > 1)
        first = labels.index(label)
        second = labels.index(label, first + 1)
        others = [d for d in range(len(labels)) if d not in (first, second)]
        operand = operand.permute(*others, first, second)
        positions = arange(operand.shape[-1])
        operand = operand[..., positions, positions]
        labels = "".join(labels[d] for d in others) + label
    return operand, labels


def _into_order(operand, labels, order):
    """``operand`` with one dim per label of ``order``: its own in that order, size 1 for the rest."""
    missing = [c for c in order if c not in labels]
    if missing:
        operand = operand.reshape(*operand.shape, *([1] * len(missing)))
        labels = labels + "".join(missing)
    return operand.permute(*(labels.index(c) for c in order))


def _sum_product(left, right, summed):
    """Multiply ``left`` and ``right`` (same number of dims, broadcasting) and sum the dims ``summed``
    (kept, as size 1), with one batched matrix product."""
    dims = range(left.ndim)
    big_l = [left.shape[d] != 1 for d in dims]
    big_r = [right.shape[d] != 1 for d in dims]
    both = [d for d in dims if d not in summed and big_l[d] and big_r[d]]
    only_left = [d for d in dims if d not in summed and big_l[d] and not big_r[d]]
    only_right = [d for d in dims if d not in summed and big_r[d] and not big_l[d]]
    rest = [d for d in dims if d not in summed and not big_l[d] and not big_r[d]]

    def size(ds, t):
        return math.prod(t.shape[d] for d in ds)

    a = left.permute(*both, *only_left, *summed, *only_right, *rest).reshape(
        size(both, left), size(only_left, left), size(summed, left))
    b = right.permute(*both, *summed, *only_right, *only_left, *rest).reshape(
        size(both, right), size(summed, right), size(only_right, right))
    product = a.matmul(b).reshape(*(left.shape[d] for d in both), *(left.shape[d] for d in only_left),
                                  *(right.shape[d] for d in only_right), *([1] * (len(summed) + len(rest))))
    now = both + only_left + only_right + list(summed) + rest
    return product.permute(*(now.index(d) for d in dims))


@public("function")
def einsum(*args):
    """Einstein summation: 'ij,jk->ik' multiplies matrices, 'ii' is the trace, 'bi,bi->b' row-wise dot
    products, 'i,j->ij' the outer product. Labels in the inputs but not after '->' are summed."""
    equation, operands = _einsum_arguments(args)
    for k, operand in enumerate(operands):
        if not isinstance(operand, Tensor):
            raise TypeError(f"einsum(): operand {k} must be a Tensor, not {type(operand).__name__}")
    inputs, output = _einsum_labels(equation, operands)
    contracted = sorted({c for term in inputs for c in term} - set(output))
    order = output + "".join(contracted)
    arranged = []
    for operand, labels in zip(operands, inputs):
        operand, labels = _diagonals(operand, labels)
        arranged.append(_into_order(operand, labels, order))
    out_dims = len(output)
    if len(arranged) == 1:
        result = arranged[0]
        return result.sum(dim=tuple(range(out_dims, len(order)))) if contracted else result
    # How many operands still have each summed label (size > 1): it is summed once only one is left.
    remaining = {d: builtins.sum(1 for t in arranged if t.shape[d] != 1) for d in range(out_dims, len(order))}
    result = arranged[0]
    for other in arranged[1:]:
        summed = []
        for d in range(out_dims, len(order)):
            if result.shape[d] != 1 and other.shape[d] != 1:
                remaining[d] -= 1
                if remaining[d] == 1:
                    summed.append(d)
                    remaining[d] = 0
            elif remaining[d] == 1:
                if result.shape[d] != 1:
                    result = result.sum(d, keepdim=True)
                    remaining[d] = 0
                elif other.shape[d] != 1:
                    other = other.sum(d, keepdim=True)
                    remaining[d] = 0
        result = _sum_product(result, other, summed) if summed else result * other
    if contracted:
        result = result.reshape(*result.shape[:out_dims])  # the summed dims, now of size 1, go
    return result



TRACE = op("trace", grad_fn="TraceBackward0", forward=lambda self: np.asarray(np.trace(self)),
           vjp={"self": lambda grad, self_shape: grad * _eye_like(grad, self_shape)},
           local={"self": ("1 on the diagonal, 0 elsewhere", r"\delta_{ij}")},
           shows_as="{self}.trace()", explain="each diagonal element receives the upstream gradient")


def _eye_like(v, shape):
    eye = np.eye(*shape)
    return Tensor._wrap(eye.astype(v._array.dtype)) if isinstance(v, Tensor) else eye.astype(v.dtype)


def _diagonal_key(shape, offset):
    """The NumPy key of the ``offset``-th diagonal of a matrix (above the main one when positive)."""
    rows = np.arange(max(0, -offset), min(shape[0], shape[1] - offset) if shape[1] - offset > 0 else 0)
    return rows, rows + offset


def _diag_embed_forward(self, offset):
    n = self.shape[0] + abs(offset)
    out = np.zeros((n, n), dtype=self.dtype)
    out[_diagonal_key((n, n), offset)] = self
    return out


DIAG_EMBED = op("diag_embed", grad_fn="DiagEmbedBackward0", forward=_diag_embed_forward,
                vjp={"self": lambda grad, offset: grad[_diagonal_key(tuple(grad.shape), offset)]},
                local={"self": ("1 at its place on the diagonal", "1")},
                shows_as="diag({self}, {offset})",
                explain="each element receives the gradient of its place on the diagonal")


# Only as a method, t.trace(): autodidact.trace is the course's tracer (``with autodidact.trace():``).
@public("method", tensors=("input",))
def trace(input):
    """The sum of the diagonal of a matrix (TraceBackward0)."""
    if input.ndim != 2:
        raise RuntimeError(f"trace: expected a matrix, but got tensor with dim {input.ndim}")
    return TRACE(input)


# PyTorch 2.13 names the node of diag(matrix) DiagonalBackward0_copy (diagonal, then a copy).
DIAGONAL = op("diagonal_copy", grad_fn="DiagonalBackward0_copy",
              forward=lambda self, offset: self[_diagonal_key(self.shape, offset)],
              vjp={"self": lambda grad, self_shape, offset:
                   scatter(grad, self_shape, _diagonal_key(self_shape, offset))},
              local={"self": ("1 on the diagonal, 0 elsewhere", "1")},
              shows_as="diag({self}, {offset})",
              explain="each element of the diagonal receives the gradient of its place in the vector; "
                      "the rest get 0")


@public("function", "method", tensors=("input",))
def diag(input, diagonal=0):
    """A vector's square matrix with it on the ``diagonal``-th diagonal (DiagEmbedBackward0), or a
    matrix's ``diagonal``-th diagonal as a vector."""
    if input.ndim == 1:
        return DIAG_EMBED(input, offset=diagonal)
    if input.ndim == 2:
        return DIAGONAL(input, offset=diagonal)
    raise RuntimeError(f"diag(): Supports 1D or 2D tensors. Got {input.ndim}D")

# ---------------------------------------------------------------------------------------------
# The public functions: hand-written argument makers (dims, dtypes, checks and PyTorch's errors),
# each calling the specs above. @public makes them autodidact.<name> and Tensor methods.


def _matmul_check(a, b, name):
    if a.dtype is not b.dtype:
        raise RuntimeError(
            f"expected m1 and m2 to have the same dtype, but got: {dtypes.TYPE_NAMES_SHORT[a.dtype.name].lower()} "
            f"!= {dtypes.TYPE_NAMES_SHORT[b.dtype.name].lower()}. Convert one of them, e.g. with .float()."
        )
    if a.ndim == 0 or b.ndim == 0:
        raise RuntimeError(
            f"both arguments to {name} need to be at least 1D, but they are {a.ndim}D and {b.ndim}D. "
            "Use * to multiply by a scalar."
        )


def _shape_mismatch(a, b, a_cols, b_rows):
    return RuntimeError(
        f"mat1 and mat2 shapes cannot be multiplied ({'x'.join(map(str, a.shape)) or 'scalar'} and "
        f"{'x'.join(map(str, b.shape))}): the left operand has {a_cols} columns but the right one has "
        f"{b_rows} rows. For A @ B, A's last size must equal B's first (second-to-last) size; "
        "transpose one of them (.T) if you meant the other orientation."
    )


@public("function", "method", tensors=("input", "other"))
def matmul(a, b):
    """Matrix product, like ``a @ b``: picks mm, mv or dot by the operands' dimensions."""
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        x, y = a._array, b._array
        if x.ndim == 2 and y.ndim == 2 and x.dtype == y.dtype and x.shape[1] == y.shape[0]:
            return MM.on((x, y), (a, b))  # the common case, checked in one go (x, y: their arrays)
    a, b = tensor_of(a), tensor_of(b)
    _matmul_check(a, b, "matmul")
    a_cols = a._array.shape[-1]
    b_rows = b._array.shape[-2] if b.ndim > 1 else b._array.shape[0]
    if a_cols != b_rows:
        raise _shape_mismatch(a, b, a_cols, b_rows)
    if a.ndim == 2 and b.ndim == 2:
        return MM(a, b)
    if a.ndim == 2 and b.ndim == 1:
        return MV(a, b)
    if a.ndim == 1 and b.ndim == 1:
        return DOT(a, b)
    if a.ndim == 1 and b.ndim == 2:  # PyTorch: a row vector times the matrix, then squeeze_(0)
        return SQUEEZE_DIM_(MM(a.unsqueeze(0), b), dim=0)
    _check_batch_dims(a._array.shape[:-2], b._array.shape[:-2])
    return MATMUL(a, b)


def _check_batch_dims(a_batch, b_batch):
    """The batch dimensions of a batched matmul broadcast; PyTorch's RuntimeError where they cannot."""
    ndim = builtins.max(len(a_batch), len(b_batch))
    for a_size, b_size, dim in zip(reversed(a_batch), reversed(b_batch), range(ndim - 1, -1, -1)):
        if a_size != b_size and 1 not in (a_size, b_size):
            raise RuntimeError(
                f"The size of tensor a ({a_size}) must match the size of tensor b ({b_size}) at non-singleton "
                f"dimension {dim}: the batch dimensions of a batched matmul (all but the last two) must broadcast.")


@public("function", "method", tensors=("input",))
def addmm(input, mat1, mat2, *, beta=1, alpha=1):
    """``beta * input + alpha * (mat1 @ mat2)`` in one op (AddmmBackward0): what ``nn.Linear``
    computes on a batch.

    ``mat1`` and ``mat2`` are matrices; ``input`` (the bias) broadcasts to the product's shape.
    With ``beta=0`` the input is ignored (its nan and inf do not spread), as in PyTorch.
    """
    input, mat1, mat2 = tensor_of(input), tensor_of(mat1), tensor_of(mat2)
    _matmul_check(mat1, mat2, "addmm")
    if mat1.ndim != 2 or mat2.ndim != 2:
        raise RuntimeError(f"mat1 must be a matrix, got {mat1.ndim}-D tensor" if mat1.ndim != 2 else
                           f"mat2 must be a matrix, got {mat2.ndim}-D tensor")
    if mat1._array.shape[1] != mat2._array.shape[0]:
        raise _shape_mismatch(mat1, mat2, mat1._array.shape[1], mat2._array.shape[0])
    if input.dtype is not mat1.dtype:
        raise RuntimeError(
            f"self and mat2 must have the same dtype, but got {dtypes.TYPE_NAMES_SHORT[input.dtype.name]} and "
            f"{dtypes.TYPE_NAMES_SHORT[mat2.dtype.name]}. Convert the bias, e.g. with .to(mat1.dtype).")
    product_shape = (mat1._array.shape[0], mat2._array.shape[1])
    check_broadcast(input._array.shape, product_shape)
    if np.broadcast_shapes(input._array.shape, product_shape) != product_shape:
        raise RuntimeError(f"The expanded size of the tensor ({list(product_shape)}) must match: the "
                           f"bias of shape {list(input.shape)} must broadcast to the product's shape "
                           f"{list(product_shape)}")
    if beta != 1:
        # beta=0 drops the input's values (nan too) but still passes it a zero gradient, as PyTorch does
        input = input * beta if beta != 0 else input.masked_fill(input.new_ones(input.shape, dtype=bool), 0)
    return ADDMM(input, mat1 * alpha if alpha != 1 else mat1, mat2)


@public("function", "method", tensors=("input", "mat2"))
def mm(a, b):
    _matmul_check(a, b, "mm")
    if a.ndim != 2 or b.ndim != 2:
        raise RuntimeError(f"mm expects two matrices (2-D), got {a.ndim}-D and {b.ndim}-D; use matmul or @")
    if a._array.shape[1] != b._array.shape[0]:
        raise _shape_mismatch(a, b, a._array.shape[1], b._array.shape[0])
    return MM(a, b)


@public("function", "method", tensors=("input", "vec"))
def mv(a, b):
    _matmul_check(a, b, "mv")
    if a.ndim != 2 or b.ndim != 1 or a._array.shape[1] != b._array.shape[0]:
        raise RuntimeError(f"size mismatch in mv: got a matrix of shape {list(a.shape)} and a vector of "
                           f"shape {list(b.shape)}; the matrix needs as many columns as the vector has entries")
    return MV(a, b)


@public("function", "method", tensors=("input", "tensor"))
def dot(a, b):
    _matmul_check(a, b, "dot")
    if a.ndim != 1 or b.ndim != 1:
        raise RuntimeError(f"1D tensors expected, but got {a.ndim}D and {b.ndim}D tensors")
    if a._array.shape != b._array.shape:
        raise RuntimeError(
            f"inconsistent tensor size, expected tensor [{a._array.shape[0]}] and src [{b._array.shape[0]}] "
            "to have the same number of elements, but got "
            f"{a._array.shape[0]} and {b._array.shape[0]} elements respectively"
        )
    return DOT(a, b)


@public("function", tensors=("input", "vec2"))
def outer(a, b):
    return a.reshape(-1, 1) * b.reshape(1, -1)


ger = outer


__all__ = ['BMM', 'MM', 'MV', 'DOT', 'MATMUL', 'ADDMM', 'TRACE', 'DIAG_EMBED', 'DIAGONAL']
