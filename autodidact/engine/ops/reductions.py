"""Reductions (sum, mean, max, var, prod...), running sums, sorting, softmax.

These ops have structured arguments (dims, keepdim): their public functions are written by hand,
at the end of this file, and call the specs declared here.
"""
import builtins
import math
import warnings

import numpy as np

from ...parity.correctly_rounded import rounded
from ...parity.float32_order import torch_sum
from ...parity import dtypes
from ..spec import op
from .public import public
from ..arguments import (dim_arg, dims_arg, float_kernel, needs_float, return_type, return_types_max, return_types_min,
                         return_types_sort, return_types_topk)
from ..graph import _grad_mode
from . import helpers
from .arithmetic_more import maximum, minimum
from .helpers import (Tensor, sign, along_dim_key, constant, exp, expand, flip, reshape, scatter,
                      sum_keepdim, sum_over, swap, unsqueeze_dims, where)


def _count(shape, dims):
    return math.prod(shape[d] for d in dims)


def _sum_dim_rule(grad, self_shape, dim, keepdim):
    if not keepdim:
        grad = unsqueeze_dims(grad, dim)
    return expand(grad, self_shape)


SUM = op("sum", grad_fn="SumBackward0", forward=lambda self: torch_sum(self),
         vjp={"self": lambda grad, self_shape: expand(grad, self_shape)},
         local={"self": ("1", "1")}, shows_as="{self}.sum()",
         explain="every element receives the upstream gradient (it is copied to the input's shape)")
SUM_DIM = op("sum_dim", grad_fn="SumBackward1",
             forward=lambda self, dim, keepdim: torch_sum(self, dim, keepdims=keepdim),
             vjp={"self": _sum_dim_rule}, local={"self": ("1", "1")}, shows_as="{self}.sum(dim={dim})",
             explain="each element receives the upstream gradient of the sum it went into")
MEAN = op("mean", grad_fn="MeanBackward0", forward=lambda self: torch_sum(self) / self.dtype.type(self.size),
          vjp={"self": lambda grad, self_shape: expand(grad, self_shape) / math.prod(self_shape)},
          local={"self": ("1/N", r"\frac{1}{N}")}, shows_as="{self}.mean()",
          explain="every element receives the upstream gradient divided by N, the number of elements")
MEAN_DIM = op("mean_dim", grad_fn="MeanBackward1",
              forward=lambda self, dim, keepdim: (torch_sum(self, dim, keepdims=keepdim)
                                                  / self.dtype.type(_count(self.shape, dim))),
              vjp={"self": lambda grad, self_shape, dim, keepdim:
                   _sum_dim_rule(grad, self_shape, dim, keepdim) / _count(self_shape, dim)},
              local={"self": ("1/N", r"\frac{1}{N}")}, shows_as="{self}.mean(dim={dim})",
              explain="each element receives the upstream gradient of its mean divided by N")


def _evenly_distribute(grad, self, result):
    # max() of a whole tensor: ties share the gradient equally, as in PyTorch.
    mask = self == result
    return where(mask, grad / mask.sum(), 0.0)


def _max_dim_rule(grad, self_shape, dim, keepdim, indices):
    # Only the winning entry of each row gets the gradient (its index was kept).
    if not keepdim:
        grad = unsqueeze_dims(grad, (dim,))
    return scatter(grad, self_shape, along_dim_key(indices, dim, self_shape))


MAX = op("max", grad_fn="MaxBackward1", forward=np.max, vjp={"self": _evenly_distribute},
         local={"self": ("1 at the maximum, 0 elsewhere", r"\mathbb{1}[{self} = \max]")},
         shows_as="{self}.max()", domain="distinct",
         explain="only the largest element receives the upstream gradient")
MIN = op("min", grad_fn="MinBackward1", forward=np.min, vjp={"self": _evenly_distribute},
         local={"self": ("1 at the minimum, 0 elsewhere", r"\mathbb{1}[{self} = \min]")},
         shows_as="{self}.min()", domain="distinct",
         explain="only the smallest element receives the upstream gradient")
MAX_DIM = op("max_dim", grad_fn="MaxBackward0",
             forward=lambda self, dim, keepdim, indices: np.max(self, axis=dim, keepdims=keepdim),
             vjp={"self": _max_dim_rule},
             local={"self": ("1 at the row's maximum, 0 elsewhere", r"\mathbb{1}[{self} = \max_{dim}]")},
             shows_as="{self}.max(dim={dim})", domain="distinct",
             explain="along the dim, only the largest element receives the upstream gradient")
MIN_DIM = op("min_dim", grad_fn="MinBackward0",
             forward=lambda self, dim, keepdim, indices: np.min(self, axis=dim, keepdims=keepdim),
             vjp={"self": _max_dim_rule},
             local={"self": ("1 at the row's minimum, 0 elsewhere", r"\mathbb{1}[{self} = \min_{dim}]")},
             shows_as="{self}.min(dim={dim})", domain="distinct",
             explain="along the dim, only the smallest element receives the upstream gradient")


def _var_forward(self, dim, correction, keepdim):
    if self.dtype == np.float16:  # PyTorch computes in float32 and rounds the result once
        return _var_forward(self.astype(np.float32), dim, correction, keepdim).astype(np.float16)
    mean = torch_sum(self, dim, keepdims=True) / self.dtype.type(_count(self.shape, dim))
    squares = torch_sum((self - mean) * (self - mean), dim, keepdims=keepdim)
    with np.errstate(divide="ignore", invalid="ignore"):  # one element with correction 1: nan
        return squares / self.dtype.type(builtins.max(_count(self.shape, dim) - correction, 0))


def _deviation(self, dim, correction):
    """self - mean(self) over the reduced dims, and the divisor N - correction."""
    n = _count(tuple(self.shape), dim)
    return self - sum_keepdim(self, dim) / n, builtins.max(n - correction, 0)


def _var_rule(grad, self, dim, correction, keepdim):
    deviation, divisor = _deviation(self, dim, correction)
    if not keepdim:
        grad = unsqueeze_dims(grad, dim)
    return grad * (2 * deviation) / divisor


def _std_rule(grad, self, result, dim, correction, keepdim):
    deviation, divisor = _deviation(self, dim, correction)
    if not keepdim:
        grad, result = unsqueeze_dims(grad, dim), unsqueeze_dims(result, dim)
    # Where the std is 0 (all values equal) the formula is 0/0; PyTorch passes 0 there, not nan.
    return where(result == 0, 0.0, grad * deviation / (divisor * result))


VAR = op("var", grad_fn="VarBackward0", forward=_var_forward, vjp={"self": _var_rule},
         local={"self": ("2·({self} - mean)/(N - correction)", r"\frac{2({self} - \bar{x})}{N - c}")},
         shows_as="{self}.var(dim={dim})",
         explain="each element receives G·2(x - mean)/(N - correction)")
STD = op("std", grad_fn="StdBackward0",
         forward=lambda self, dim, correction, keepdim: np.sqrt(_var_forward(self, dim, correction, keepdim)),
         vjp={"self": _std_rule},
         local={"self": ("({self} - mean)/((N - correction)·std)", r"\frac{{self} - \bar{x}}{(N - c)\,\sigma}")},
         shows_as="{self}.std(dim={dim})",
         explain="each element receives G·(x - mean)/((N - correction)·std)")


def _products_of_the_others(x, dim):
    """Along ``dim``, each element's product of all the *other* elements: the derivative of a
    product with respect to one factor. Computed without dividing by it, so zeros are fine."""
    if not isinstance(x, Tensor):
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
    grid = where(Tensor._wrap(np.eye(n, dtype=bool)), 1.0, grid)
    return swap(grid.prod(dim=-1), dim, -1)


def _prod_rule(grad, self):
    flat = reshape(self, (-1,))
    return grad * reshape(_products_of_the_others(flat, 0), tuple(self.shape))


def _prod_dim_rule(grad, self, dim, keepdim):
    if not keepdim:
        grad = unsqueeze_dims(grad, (dim,))
    return grad * _products_of_the_others(self, dim)


PROD = op("prod", grad_fn="ProdBackward0", forward=lambda self: np.asarray(np.prod(self, dtype=self.dtype)),
          vjp={"self": _prod_rule},
          local={"self": ("product of the other elements", r"\prod_{j \ne i} {self}_j")},
          shows_as="{self}.prod()",
          explain="each element receives G times the product of all the other elements")
PROD_DIM = op("prod_dim", grad_fn="ProdBackward1",
              forward=lambda self, dim, keepdim: np.prod(self, axis=dim, keepdims=keepdim, dtype=self.dtype),
              vjp={"self": _prod_dim_rule},
              local={"self": ("product of the other elements along the dim", r"\prod_{j \ne i} {self}_j")},
              shows_as="{self}.prod(dim={dim})",
              explain="each element receives G times the product of the other elements of its slice "
                      "along the dim")


def _cumsum_forward(self, dim):
    return self.copy() if self.ndim == 0 else np.cumsum(self, axis=dim, dtype=self.dtype)


def _cumsum_rule(grad, self_shape, dim):
    # x_i appears in every running sum out_j with j >= i, so its gradient is the sum of g_j over
    # j >= i: a cumulative sum taken from the end, i.e. flip, cumsum, flip back.
    if len(self_shape) == 0:
        return grad
    return flip(helpers.cumsum(flip(grad, (dim,)), dim), (dim,))


CUMSUM = op("cumsum", grad_fn="CumsumBackward0", forward=_cumsum_forward, vjp={"self": _cumsum_rule},
            local={"self": ("1 for each running sum that includes it", r"\mathbb{1}[j \ge i]")},
            shows_as="{self}.cumsum({dim})",
            explain="each element receives the sum of the upstream gradient over its own position and "
                    "every later one along the dim")


def _logsumexp_forward(self, dim, keepdim):
    if not dim:  # a 0-d tensor: log(exp(x)) is x
        return self.copy()
    # Subtract the largest value first so that exp never overflows: log Σ e^x = m + log Σ e^(x-m).
    # An infinite maximum is not subtracted (inf - inf would be nan); exp and log then give ±inf.
    largest = np.max(self, axis=dim, keepdims=True, initial=-np.inf)  # of nothing: -inf, as log(0)
    shift = np.where(np.isfinite(largest), largest, self.dtype.type(0))
    with np.errstate(divide="ignore"):  # every element -inf: log(0) = -inf, as in PyTorch
        out = np.log(torch_sum(np.exp(self - shift), dim, keepdims=True)) + shift
    return out if keepdim else np.squeeze(out, axis=dim)


def _logsumexp_rule(grad, self, result, dim, keepdim):
    # d/dx_i log Σ_j e^(x_j) = e^(x_i) / Σ_j e^(x_j) = e^(x_i - out): the softmax of x.
    if not keepdim:
        grad, result = unsqueeze_dims(grad, dim), unsqueeze_dims(result, dim)
    return grad * exp(self - result)


LOGSUMEXP = op("logsumexp", grad_fn="LogsumexpBackward0", forward=_logsumexp_forward,
               vjp={"self": _logsumexp_rule},
               local={"self": ("exp({self} - {result})", r"e^{{self} - {result}}")},
               shows_as="{self}.logsumexp({dim})",
               explain="each element receives G times its softmax weight e^(x - out) within its slice "
                       "along the dims")


def _gather_forward(self, dim, indices, **options):
    """The elements at ``indices`` along ``dim``: sort and topk, once the indices are chosen."""
    return self.copy() if self.ndim == 0 else np.take_along_axis(self, indices, axis=dim)


def _gather_rule(grad, self_shape, dim, indices):
    # Each output element is one input element moved to a new place: its gradient goes back to
    # where it came from (the kept index), and elements topk left out get 0.
    if len(self_shape) == 0:
        return grad
    return scatter(grad, self_shape, along_dim_key(indices, dim, self_shape))


SORT = op("sort", grad_fn="SortBackward0", forward=_gather_forward, vjp={"self": _gather_rule},
          local={"self": ("1 at the element's new place", "1")},
          shows_as="{self}.sort(dim={dim}, descending={descending})",
          explain="each element receives the upstream gradient of the place it was sorted to")
TOPK = op("topk", grad_fn="TopkBackward0", forward=_gather_forward, vjp={"self": _gather_rule},
          local={"self": ("1 if among the k kept, else 0", r"\mathbb{1}[{self} \in \text{top } {k}]")},
          shows_as="{self}.topk({k}, dim={dim}, largest={largest})",
          explain="the k kept elements receive the upstream gradient of their place in the result; "
                  "the others receive 0")


def _largest(self, dim):
    """The maximum along ``dim``, kept as a size-1 dim (-inf along an empty dim: nothing to shift)."""
    return np.max(self, axis=dim, keepdims=True, initial=-np.inf) if self.size == 0 else \
        np.max(self, axis=dim, keepdims=True)


def _softmax_forward(self, dim):
    # Subtracting the row's maximum first changes nothing mathematically (it cancels in the ratio)
    # but keeps exp from overflowing for large scores.
    e = rounded(np.exp)(self - _largest(self, dim))
    return e * (1 / torch_sum(e, dim, keepdims=True))  # times the reciprocal, as PyTorch's kernel


def _log_softmax_forward(self, dim):
    shifted = self - _largest(self, dim)
    return shifted - rounded(np.log)(torch_sum(rounded(np.exp)(shifted), dim, keepdims=True))


# The gradients of softmax and log_softmax are ops of their own in PyTorch (named ..DataBackward0
# when differentiated again under create_graph): these are they.
SOFTMAX_BACKWARD = op(
    "softmax_backward", grad_fn="SoftmaxBackwardDataBackward0",
    forward=lambda grad_output, output, dim: output * (grad_output - torch_sum(grad_output * output, dim,
                                                                              keepdims=True)),
    vjp={"grad_output": lambda grad, output, dim: softmax_backward(grad, output, dim),
         "output": lambda grad, grad_output, output, dim: (
             grad_output * grad - sum_keepdim(output * grad_output, dim) * grad
             - grad_output * sum_keepdim(output * grad, dim))},
    local={"grad_output": ("s·(1 - s) on the diagonal, -s_i·s_j off it", r"\operatorname{diag}(s) - s s^\top"),
           "output": ("G·U - Σ(s·G)·U - G·Σ(s·U) (U: upstream)", r"G U - \textstyle\sum (sG)\,U - G \sum (sU)")},
    shows_as="softmax_backward({grad_output}, {output}, dim={dim})",
    explain="the gradient of softmax, s·(G - Σ G·s), differentiated again: G receives the same map of "
            "its upstream, s receives the second-order terms")
LOG_SOFTMAX_BACKWARD = op(
    "log_softmax_backward", grad_fn="LogSoftmaxBackwardDataBackward0",
    forward=lambda grad_output, output, dim: grad_output - rounded(np.exp)(output) * torch_sum(
        grad_output, dim, keepdims=True),
    vjp={"grad_output": lambda grad, output, dim: grad - sum_keepdim(grad * exp(output), dim),
         "output": lambda grad, grad_output, output, dim: -sum_keepdim(grad_output, dim) * exp(output) * grad},
    local={"grad_output": ("1 on the diagonal minus softmax", r"I - \mathbf{1}\,s^\top"),
           "output": ("-e^{output}·ΣG", r"-e^{{output}}\sum G")},
    shows_as="log_softmax_backward({grad_output}, {output}, dim={dim})",
    explain="the gradient of log_softmax, G - e^out·ΣG, differentiated again: G receives its upstream "
            "minus Σ(upstream·e^out), out receives -ΣG·e^out·upstream")


def softmax_backward(grad, output, dim):
    return SOFTMAX_BACKWARD(grad, output, dim=dim) if isinstance(grad, Tensor) else \
        SOFTMAX_BACKWARD.forward(grad, output, dim)


def log_softmax_backward(grad, output, dim):
    return LOG_SOFTMAX_BACKWARD(grad, output, dim=dim) if isinstance(grad, Tensor) else \
        LOG_SOFTMAX_BACKWARD.forward(grad, output, dim)


SOFTMAX = op("softmax", grad_fn="SoftmaxBackward0", forward=_softmax_forward,
             vjp={"self": lambda grad, result, dim: softmax_backward(grad, result, dim)},
             local={"self": ("s·(1 - s) on the diagonal, -s_i·s_j off it (s = softmax({self}))",
                             r"\operatorname{diag}(s) - s s^\top")},
             shows_as="softmax({self}, dim={dim})",
             explain="each score receives s·(G - Σ G·s) along the dim, where s is the softmax and G the "
                     "upstream gradient")
LOG_SOFTMAX = op("log_softmax", grad_fn="LogSoftmaxBackward0", forward=_log_softmax_forward,
                 vjp={"self": lambda grad, result, dim: log_softmax_backward(grad, result, dim)},
                 local={"self": ("1 on the diagonal minus softmax({self})",
                                 r"I - \mathbf{1}\,\operatorname{softmax}({self})^\top")},
                 shows_as="log_softmax({self}, dim={dim})",
                 explain="each score receives G - softmax·ΣG along the dim, where G is the upstream "
                         "gradient")


# -- Sums and means that skip NaN (missing values, e.g. read from a CSV file) --------------------
def _not_nan(v):
    return ~v.isnan() if isinstance(v, Tensor) else ~np.isnan(v)


def _nansum_rule(grad, self, dim, keepdim):
    # As sum's rule, except that the NaN elements, which were skipped, get no gradient.
    if not keepdim:
        grad = unsqueeze_dims(grad, dim)
    return where(_not_nan(self), expand(grad, tuple(self.shape)), 0.0)


NANSUM = op("nansum", grad_fn="NansumBackward0",
            forward=lambda self, dim, keepdim: torch_sum(np.where(np.isnan(self), self.dtype.type(0), self),
                                                        dim, keepdims=keepdim),
            vjp={"self": _nansum_rule}, local={"self": ("0 if {self} is nan else 1", r"\mathbb{1}[{self} \ne \mathrm{nan}]")},
            shows_as="{self}.nansum(dim={dim})",
            explain="each element that is not NaN receives the upstream gradient of the sum it went into")


def nansum(input, dim=None, keepdim=False, *, dtype=None):
    """The sum of the elements that are not NaN (all of them, or along ``dim``)."""
    if dtype is not None:
        input = input.to(dtype)
    if not input.dtype.is_floating_point:
        return input.sum(dim=dim, keepdim=keepdim, dtype=dtype) if dim is not None else input.sum(dtype=dtype)
    return NANSUM(input, dim=_reduced_dims(input, dim), keepdim=keepdim)


def nanmean(input, dim=None, keepdim=False):
    """The mean of the elements that are not NaN: their sum divided by how many there are."""
    if not input.dtype.is_floating_point:
        raise RuntimeError(f"nanmean(): expected input to have floating point or complex dtype but got "
                           f"{input.dtype.name.capitalize() if input.dtype.name != 'int64' else 'Long'}. "
                           "Convert it first, e.g. t.float().")
    counted = ~input.isnan()
    count = counted.sum(dim=dim, keepdim=keepdim) if dim is not None else counted.sum()
    return nansum(input, dim, keepdim) / count


public("function", "method")(nansum)
public("function", "method")(nanmean)


def argsort(input, dim=-1, descending=False, stable=False):
    """The indices that would sort ``input`` along ``dim`` (what ``sort`` returns as ``indices``)."""
    return input.sort(dim=dim, descending=descending, stable=stable).indices


public("function", "method")(argsort)

# ---------------------------------------------------------------------------------------------
# amax/amin and vector norms of any order


def _spread_over_ties(grad, self, result, dim, keepdim):
    """amax/amin: the gradient goes to the elements equal to the result, split evenly among ties
    (PyTorch's rule; max() of a whole tensor does the same)."""
    if not keepdim:
        grad, result = unsqueeze_dims(grad, dim), unsqueeze_dims(result, dim)
    ties = where(self == result, 1.0, 0.0)
    return ties * (grad / sum_keepdim(ties, dim))


AMAX = op("amax", grad_fn="AmaxBackward0",
          forward=lambda self, dim, keepdim: np.amax(self, axis=dim, keepdims=keepdim),
          vjp={"self": _spread_over_ties},
          local={"self": ("1/k at the k largest (tied) elements, 0 elsewhere", r"\frac{1}{k}\mathbb{1}[{self} = \max]")},
          shows_as="{self}.amax(dim={dim})", domain="distinct",
          explain="the largest elements share the upstream gradient equally; the rest get 0")
AMIN = op("amin", grad_fn="AminBackward0",
          forward=lambda self, dim, keepdim: np.amin(self, axis=dim, keepdims=keepdim),
          vjp={"self": _spread_over_ties},
          local={"self": ("1/k at the k smallest (tied) elements, 0 elsewhere", r"\frac{1}{k}\mathbb{1}[{self} = \min]")},
          shows_as="{self}.amin(dim={dim})", domain="distinct",
          explain="the smallest elements share the upstream gradient equally; the rest get 0")


def _vector_norm_forward(self, ord, dim, keepdim):
    size = np.abs(self)
    if ord == 2:
        return np.sqrt(torch_sum(self * self, dim, keepdims=keepdim))
    if ord == math.inf:
        return np.amax(size, axis=dim, keepdims=keepdim)
    if ord == -math.inf:
        return np.amin(size, axis=dim, keepdims=keepdim)
    if ord == 0:  # how many elements are not 0
        return torch_sum((size != 0).astype(self.dtype), dim, keepdims=keepdim)
    if ord == 1:
        return torch_sum(size, dim, keepdims=keepdim)
    with np.errstate(all="ignore"):
        return torch_sum(size ** ord, dim, keepdims=keepdim) ** (1 / ord)


def _abs(v):
    return v.abs() if isinstance(v, Tensor) else np.abs(v)


def _vector_norm_rule(grad, self, result, ord, dim, keepdim):
    """PyTorch's gradient of ‖x‖_p: sign(x)·|x|^(p-1) / ‖x‖^(p-1), with 0 where the norm is 0
    (x/‖x‖ for p=2, sign(x) for p=1, split among the largest for p=inf, none for p=0)."""
    if not keepdim:
        grad, result = unsqueeze_dims(grad, dim), unsqueeze_dims(result, dim)
    with np.errstate(all="ignore"):  # the inf and nan below are masked out
        if ord == 0:
            return self * 0.0
        if ord == 1:
            return sign(self) * grad
        if ord == 2:
            return where(result == 0, 0.0, grad * self / where(result == 0, 1.0, result))
        if math.isinf(ord):
            return sign(self) * _spread_over_ties(grad, _abs(self), result, dim, True)
        scale = where(result == 0, 0.0, grad / result ** (ord - 1))
        if ord < 1:
            return sign(self) * where(self == 0, 0.0, _abs(self) ** (ord - 1)) * grad * result ** (1 - ord)
        if ord < 2:
            return sign(self) * _abs(self) ** (ord - 1) * scale
        return self * _abs(self) ** (ord - 2) * scale


NORM = op("norm", grad_fn="LinalgVectorNormBackward0", forward=_vector_norm_forward,
          vjp={"self": _vector_norm_rule},
          local={"self": ("sign({self})·|{self}|^(p-1)/‖{self}‖^(p-1)",
                          r"\frac{\operatorname{sign}({self})\,|{self}|^{p-1}}{\lVert {self} \rVert_p^{p-1}}")},
          shows_as="{self}.norm(p={ord}, dim={dim})", domain="nonzero",
          explain="each element receives G·sign(x)·|x|^(p-1)/‖x‖^(p-1): G·x/‖x‖ for p=2, G·sign(x) for "
                  "p=1, a share of G at the largest |x| for p=inf (0 where the norm is 0)")

# at::norm(x, p, dim, keepdim): the same norm under its older name, which PyTorch's own composite
# functions still call (F.pairwise_distance ends in NormBackward1).
NORM_SCALAR = op("norm_scalar", grad_fn="NormBackward1", forward=_vector_norm_forward,
                 vjp={"self": _vector_norm_rule}, local=NORM.local, shows_as=NORM.shows_as, domain="nonzero",
                 explain=NORM.explain)


def norm_scalar(input, p, dim, keepdim=False):
    """``input``'s ``p``-norm along the one dim ``dim`` (NormBackward1), for nn.functional."""
    return NORM_SCALAR(input, ord=float(p), dim=(dim_arg(dim, input.ndim),) if input.ndim else (), keepdim=keepdim)


def _reduced_dims(input, dim):
    """``dim`` (None, an int or a tuple; None or () meaning all, as in PyTorch's sum, mean, var...)
    as a sorted tuple of dims."""
    if dim is None or (isinstance(dim, (tuple, list)) and not dim):
        return tuple(range(input.ndim))
    return dims_arg(dim, input.ndim)


@public("function", "method", tensors=("input",))
def amax(input, dim=(), keepdim=False):
    """The largest elements along ``dim`` (all dims by default; a tuple for several). Unlike max,
    ties share the gradient equally (AmaxBackward0)."""
    dims = _reduced_dims(input, dim)
    _check_reducible("amax", input, dims, dim)
    return AMAX(input, dim=dims, keepdim=keepdim)


@public("function", "method", tensors=("input",))
def amin(input, dim=(), keepdim=False):
    """The smallest elements along ``dim`` (all dims by default; a tuple for several); ties share the
    gradient equally (AminBackward0)."""
    dims = _reduced_dims(input, dim)
    _check_reducible("amin", input, dims, dim)
    return AMIN(input, dim=dims, keepdim=keepdim)


def _check_reducible(name, input, dims, dim):
    if input._array.size == 0 and (dim is None or (isinstance(dim, (tuple, list)) and not dim)):
        raise RuntimeError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
                           "Specify the reduction dim with the 'dim' argument.")
    for d in dims or range(input.ndim):
        if input.shape[d] == 0:
            raise IndexError(f"{name}(): Expected reduction dim {d} to have non-zero size: the tensor is "
                             f"empty along it, so there is no largest or smallest element.")


def vector_norm(x, ord=2, dim=None, keepdim=False, *, dtype=None):
    """‖x‖_ord over ``dim`` (all elements by default): ord=2 the Euclidean length, 1 the sum of
    absolute values, inf the largest absolute value, 0 the count of nonzeros, any other p
    (Σ|x|^p)^(1/p). LinalgVectorNormBackward0."""
    if isinstance(ord, str):
        raise RuntimeError(f"linalg.vector_norm: ord must be a number, not {ord!r}; for 'fro' or 'nuc' "
                           "use torch.linalg.matrix_norm.")
    if not x.dtype.is_floating_point:
        raise RuntimeError(f"linalg.vector_norm: Expected a floating point or complex tensor as input. "
                           f"Got {dtypes.TYPE_NAMES_SHORT[x.dtype.name]}. Convert it first, e.g. x.float().")
    if dtype is not None:
        x = x.to(dtype)
    dims = _reduced_dims(x, dim)
    if ord < 0 and x.numel() == 0:
        raise RuntimeError(f"linalg.vector_norm cannot compute the {ord} norm on an empty tensor because "
                           "the operation does not have an identity")
    return NORM(x, ord=float(ord), dim=dims, keepdim=keepdim)


@public("function", "method", tensors=("input",))
def norm(input, p="fro", dim=None, keepdim=False, dtype=None):
    """The norm of ``input``: ``p`` is 'fro' or 2 (the Euclidean length, the default), 1, inf, -inf,
    0 or any number, over ``dim`` (all elements by default). As in PyTorch this is
    torch.linalg.vector_norm (LinalgVectorNormBackward0); for 'nuc' use torch.linalg.matrix_norm."""
    if isinstance(dim, int):
        dim = (dim,)
    if isinstance(p, str):
        if p == "nuc":
            raise NotImplementedError("norm with p='nuc' (the nuclear norm, a sum of singular values) is not "
                                      "part of autodidact's Tensor.norm; use torch.linalg.matrix_norm(x, "
                                      "ord='nuc'), which computes it from the singular values.")
        if p != "fro":
            raise RuntimeError(f"linalg.vector_norm: ord must be a number, 'fro' or 'nuc', got {p!r}")
        if dim is not None and len(dim) > 2:
            raise RuntimeError(f"norm with p='fro' takes at most 2 dims (got {len(dim)}); use p=2 for more")
        p = 2
    return vector_norm(input, p, dim, keepdim, dtype=dtype)


def _truth_reduction(name, logical, input, dim, keepdim):
    array = input._array
    dims = None if dim is None else dims_arg(dim, input.ndim)
    result = np.asarray(logical(array, axis=dims, keepdims=keepdim))
    # uint8 in, uint8 out (an old PyTorch convention); everything else gives bool
    return Tensor._wrap(result.astype(np.uint8) if array.dtype == np.uint8 else result)


# Registered as "all" and "any", named otherwise here so that the builtins keep their meaning in
# this module.
@public("function", "method", name="all", tensors=("input",))
def all_nonzero(input, dim=None, keepdim=False):
    """True where every element (along ``dim``, an int or a tuple; all by default) is nonzero."""
    return _truth_reduction("all", np.all, input, dim, keepdim)


@public("function", "method", name="any", tensors=("input",))
def any_nonzero(input, dim=None, keepdim=False):
    """True where some element (along ``dim``, an int or a tuple; all by default) is nonzero."""
    return _truth_reduction("any", np.any, input, dim, keepdim)


all_nonzero.__name__ = all_nonzero.__qualname__ = "all"
any_nonzero.__name__ = any_nonzero.__qualname__ = "any"

# ---------------------------------------------------------------------------------------------
# The public functions: hand-written argument makers (dims, dtypes, checks and PyTorch's errors),
# each calling the specs above. @public makes them autodidact.<name> and Tensor methods.


@public("function", "method")
def bincount(input, weights=None, minlength=0):
    """How often each value 0, 1, 2... occurs in ``input`` (1-D, non-negative integers); with
    ``weights``, the sum of the weights at each value's places instead. Not differentiable."""
    if input.dtype.is_floating_point or input.dtype is dtypes.bool_:
        raise NotImplementedError(f'"bincount_cpu" not implemented for \'{dtypes.TYPE_NAMES_SHORT[input.dtype.name]}\'')
    values = input._array
    if values.ndim != 1 or (values.size and values.min() < 0):
        raise RuntimeError("bincount only supports 1-d non-negative integral inputs.")
    if minlength < 0:
        raise RuntimeError("minlength should be >= 0")
    if weights is None:
        return Tensor._wrap(np.bincount(values, minlength=minlength).astype(np.int64))
    if weights.ndim != 1 or weights.shape[0] != values.shape[0]:
        raise RuntimeError("weights should be 1-d and have the same length as input")
    if weights.requires_grad and _grad_mode.enabled:
        raise NotImplementedError("the derivative for bincount is not implemented (as in PyTorch): pass "
                                  "weights.detach().")
    dtype = np.float32 if weights.dtype is dtypes.float32 else np.float64  # as PyTorch: float64 otherwise
    return Tensor._wrap(np.bincount(values, weights._array, minlength=minlength).astype(dtype))


class _NotGiven:
    """A default PyTorch tells apart from a given value: ``x.sum(keepdim=True)`` is a TypeError there
    (keepdim needs a dim), while ``x.sum(dim=None, keepdim=True)`` reduces everything and keeps the dims.
    It shows as the value it stands for."""

    def __init__(self, shown):
        self.shown = shown

    def __repr__(self):
        return repr(self.shown)


DIM_NOT_GIVEN, KEEPDIM_NOT_GIVEN = _NotGiven(None), _NotGiven(False)


def _whole_or_dims(name, dim, keepdim):
    """``(dim, keepdim)`` with the defaults filled in; PyTorch's TypeError for keepdim without dim."""
    if dim is DIM_NOT_GIVEN:
        if keepdim is not KEEPDIM_NOT_GIVEN:
            raise TypeError(f"{name}() received an invalid combination of arguments - got (keepdim=bool, ), but "
                            f"expected one of:\n * (*, torch.dtype dtype = None)\n * (tuple of ints dim, bool "
                            f"keepdim = False, *, torch.dtype dtype = None)\nkeepdim needs dim: "
                            f"x.{name}(dim=0, keepdim=True), or x.{name}(dim=None, keepdim=True) for all of them.")
        dim = None
    return dim, (False if keepdim is KEEPDIM_NOT_GIVEN else keepdim)


@public("function", "method", tensors=("input",))
def sum(t, dim=DIM_NOT_GIVEN, keepdim=KEEPDIM_NOT_GIVEN, dtype=None):
    """Add up all elements, or along ``dim`` (SumBackward0 / SumBackward1)."""
    dim, keepdim = _whole_or_dims("sum", dim, keepdim)
    if dtype is not None:
        t = t.to(dtype)
    elif not t.dtype.is_floating_point:
        t = t.to(dtypes.int64)  # as in PyTorch: sums of bools and of integers of any size are int64
    if dim is None and not keepdim:
        return SUM(t)
    if dim is None:  # every dim, each kept with size 1
        dim = ()
    return SUM_DIM(t, dim=_reduced_dims(t, dim), keepdim=keepdim)


@public("function", "method", tensors=("input",))
def mean(t, dim=DIM_NOT_GIVEN, keepdim=KEEPDIM_NOT_GIVEN, *, dtype=None):
    """The average of all elements, or along ``dim`` (MeanBackward0 / MeanBackward1); ``dtype``
    casts the input first."""
    dim, keepdim = _whole_or_dims("mean", dim, keepdim)
    if dtype is not None:
        t = t.to(dtype)
    if t._array.dtype.kind != "f" and not t.dtype.is_floating_point:  # (the first test is quicker)
        raise RuntimeError(
            f"mean(): could not infer output dtype. Input dtype must be either a floating point or "
            f"complex dtype. Got: {dtypes.TYPE_NAMES_SHORT[t.dtype.name]}. Convert first, e.g. t.float().mean()."
        )
    if dim is None and not keepdim:  # the mean of nothing is nan, without NumPy's warning (on silences it)
        return MEAN.on((t._array,), (t,))
    if dim is None:  # every dim, each kept with size 1
        dim = ()
    return MEAN_DIM(t, dim=_reduced_dims(t, dim), keepdim=keepdim)


def _extreme(t, dim, keepdim, whole_op, dim_op, arg, result_type):
    if dim is None:
        if t._array.size == 0:
            raise RuntimeError(
                f"{whole_op.name}(): Expected reduction dim to be specified for input.numel() == 0. "
                "The tensor is empty, so it has no largest or smallest element."
            )
        return whole_op(t)
    dim = _nonempty_dim(whole_op.name, t, dim)
    if t.ndim == 0:  # a 0-d tensor along its dim 0: the value itself, at position 0
        return result_type(dim_op(t.reshape(1), dim=0, keepdim=False, indices=np.zeros((), np.int64)),
                           Tensor._wrap(np.zeros((), np.int64)))
    indices = arg(t._array, axis=dim)
    values = dim_op(t, dim=dim, keepdim=keepdim, indices=indices)
    indices_tensor = Tensor._wrap(np.expand_dims(indices, dim) if keepdim else np.asarray(indices))
    return result_type(values, indices_tensor.long())


@public("function", "method", tensors=("input",))
def max(t, dim=None, keepdim=KEEPDIM_NOT_GIVEN):
    """The largest element, or ``(values, indices)`` along ``dim``; also elementwise max of two tensors."""
    if isinstance(dim, Tensor):
        return maximum(t, dim)
    dim, keepdim = _whole_or_dims("max", DIM_NOT_GIVEN if dim is None else dim, keepdim)
    return _extreme(t, dim, keepdim, MAX, MAX_DIM, np.argmax, return_types_max)


@public("function", "method", tensors=("input",))
def min(t, dim=None, keepdim=KEEPDIM_NOT_GIVEN):
    if isinstance(dim, Tensor):
        return minimum(t, dim)
    dim, keepdim = _whole_or_dims("min", DIM_NOT_GIVEN if dim is None else dim, keepdim)
    return _extreme(t, dim, keepdim, MIN, MIN_DIM, np.argmin, return_types_min)


def _nonempty_dim(name, t, dim):
    """``dim`` made non-negative; PyTorch's IndexError when the tensor is empty along it."""
    dim = dim_arg(dim, t.ndim)
    if t.ndim and t.shape[dim] == 0:
        raise IndexError(f"{name}(): Expected reduction dim {dim} to have non-zero size: the tensor is empty "
                         "along it, so there is no largest or smallest element.")
    return dim


def _check_arg_extreme(name, t, dim):
    if t.dtype is dtypes.bool_:
        raise RuntimeError(f"{name}(): does not support bool input. Convert it first, e.g. t.long().")
    if dim is None and t._array.size == 0:
        raise IndexError(f"{name}(): Expected reduction dim to be specified for input.numel() == 0. "
                         "The tensor is empty, so it has no largest or smallest element.")
    if dim is None:
        return None
    dim = _nonempty_dim(name, t, dim)
    return dim if t.ndim else None  # a 0-d tensor: its one element, as for no dim


@public("function", "method", tensors=("input",))
def argmax(t, dim=None, keepdim=False):
    dim = _check_arg_extreme("argmax", t, dim)
    if dim is None:  # the position in the flattened tensor (with keepdim: of shape (1, 1, ...))
        position = np.asarray(np.argmax(t._array), dtype=np.int64)
        return Tensor._wrap(position.reshape((1,) * t.ndim) if keepdim else position)
    return Tensor._wrap(np.asarray(np.argmax(t._array, axis=dim_arg(dim, t.ndim), keepdims=keepdim),
                                   dtype=np.int64))


@public("function", "method", tensors=("input",))
def argmin(t, dim=None, keepdim=False):
    dim = _check_arg_extreme("argmin", t, dim)
    if dim is None:  # the position in the flattened tensor (with keepdim: of shape (1, 1, ...))
        position = np.asarray(np.argmin(t._array), dtype=np.int64)
        return Tensor._wrap(position.reshape((1,) * t.ndim) if keepdim else position)
    return Tensor._wrap(np.asarray(np.argmin(t._array, axis=dim_arg(dim, t.ndim), keepdims=keepdim),
                                   dtype=np.int64))


@public("function", "method", tensors=("input",))
def softmax(t, dim, dtype=None):
    """``exp(t) / exp(t).sum(dim)``: each slice along ``dim`` becomes probabilities (SoftmaxBackward0).
    ``dtype`` casts the input first (float64 for more precision)."""
    t = _float_input(t, dim, dtype, "softmax")
    return SOFTMAX(t, dim=dim_arg(dim, t.ndim))


@public("function", "method", tensors=("input",))
def log_softmax(t, dim, dtype=None):
    """``log(softmax(t, dim))``, computed without overflow or log(0) (LogSoftmaxBackward0).
    ``dtype`` casts the input first."""
    t = _float_input(t, dim, dtype, "log_softmax")
    return LOG_SOFTMAX(t, dim=dim_arg(dim, t.ndim))


def _float_input(t, dim, dtype, name):
    """softmax of integers is PyTorch's NotImplementedError (its kernel for the last dim or another
    one), unless ``dtype=`` casts them first."""
    if dtype is not None:
        return t.to(dtype)
    last = t.ndim == 0 or dim_arg(dim, t.ndim) == t.ndim - 1
    float_kernel(t.dtype, f"{name}_lastdim_kernel_impl" if last else f"{name}_kernel_impl")
    return t


def _spread(name, op, t, dim, unbiased, keepdim, correction):
    if isinstance(dim, builtins.bool):  # the old spelling t.std(False): dim is "unbiased"
        dim, unbiased = None, dim
    if not t.dtype.is_floating_point:
        raise RuntimeError(f"{name}(): input dtype should be either floating point or complex dtypes. "
                           f"Got {dtypes.TYPE_NAMES_SHORT[t.dtype.name]} instead. Convert first, e.g. t.float().")
    if correction is None:
        correction = 0 if unbiased is False else 1
    dims = _reduced_dims(t, dim)
    if int(np.prod([t._array.shape[d] for d in dims])) - correction <= 0:  # nan (or inf), as PyTorch warns
        warnings.warn(f"{name}(): degrees of freedom is <= 0. Correction should be strictly less than the "
                      "reduction factor (input numel divided by output numel).", UserWarning, stacklevel=3)
    return op(t, dim=dims, correction=correction, keepdim=keepdim)


@public("function", "method")
def var(t, dim=None, unbiased=None, keepdim=False, *, correction=None):
    """The variance: the mean squared distance from the mean, dividing by N - 1 by default
    (``correction=1``, Bessel's correction for a sample); ``correction=0`` divides by N."""
    return _spread("var", VAR, t, dim, unbiased, keepdim, correction)


@public("function", "method")
def std(t, dim=None, unbiased=None, keepdim=False, *, correction=None):
    """The standard deviation, ``sqrt(var)``, with the same ``dim``/``correction`` as ``var``."""
    return _spread("std", STD, t, dim, unbiased, keepdim, correction)


@public("function", "method", tensors=("input",))
def prod(t, dim=None, keepdim=KEEPDIM_NOT_GIVEN, *, dtype=None):
    """Multiply all elements, or along ``dim`` (ProdBackward0 / ProdBackward1). Integer and bool
    tensors give int64, as in PyTorch, unless ``dtype`` says otherwise."""
    dim, keepdim = _whole_or_dims("prod", DIM_NOT_GIVEN if dim is None else dim, keepdim)
    if dtype is not None:
        t = t.to(dtype)
    elif not t.dtype.is_floating_point:
        t = t.to(dtypes.int64)
    if dim is None:
        return PROD(t)
    return PROD_DIM(t, dim=dim_arg(dim, t.ndim), keepdim=keepdim)


@public("function", "method", tensors=("input",))
def cumsum(t, dim, *, dtype=None):
    """Running totals along ``dim``: ``out[i] = t[0] + ... + t[i]`` (CumsumBackward0). Integer and
    bool tensors give int64, as in PyTorch, unless ``dtype`` says otherwise."""
    if dtype is not None:
        t = t.to(dtype)
    elif not t.dtype.is_floating_point:
        t = t.to(dtypes.int64)
    return CUMSUM(t, dim=dim_arg(dim, t.ndim))


@public("function", "method", tensors=("input",))
def logsumexp(t, dim, keepdim=False):
    """``log(exp(t).sum(dim))`` without overflow: the largest value is taken out before ``exp``
    (LogsumexpBackward0). Its gradient is the softmax of ``t`` along ``dim``."""
    t = needs_float(t)
    return LOGSUMEXP(t, dim=_reduced_dims(t, dim), keepdim=keepdim)


def _order(array, dim, descending):
    """Indices that sort ``array`` along ``dim``; equal values keep their order (a stable sort)."""
    if array.ndim == 0:
        return np.zeros((), dtype=np.int64)
    if not descending:
        return np.argsort(array, axis=dim, kind="stable").astype(np.int64)
    # Largest first, equal values still in their original order: sort the reversed array stably
    # and reverse the result. NaN, sorted last, then comes first, as in PyTorch.
    reversed_order = np.argsort(np.flip(array, dim), axis=dim, kind="stable")
    return (array.shape[dim] - 1 - np.flip(reversed_order, dim)).astype(np.int64)


@public("function", "method", tensors=("input",))
def sort(t, dim=-1, descending=False, *, stable=False):
    """``(values, indices)``: the elements along ``dim`` in increasing order (SortBackward0).

    Equal values always keep their original order. PyTorch's default sort does that too for up to
    16 elements; for longer rows only ``stable=True`` promises it, so the indices of ties can
    differ from PyTorch's there (the values never do)."""
    dim = dim_arg(dim, t.ndim)
    indices = _order(t._array, dim, descending)
    values = SORT(t, dim=dim, descending=descending, indices=indices)
    return return_types_sort(values, Tensor._wrap(indices))


@public("function", "method", tensors=("input",))
def topk(t, k, dim=-1, largest=True, sorted=True):
    """``(values, indices)`` of the ``k`` largest elements along ``dim`` (``largest=False``: the
    smallest), largest first (TopkBackward0). Among equal values the first ones are taken;
    PyTorch's choice among ties depends on its selection algorithm and can differ."""
    dim = dim_arg(dim, t.ndim)
    size = t.shape[dim] if t.ndim else 1
    if not 0 <= k <= size:
        raise RuntimeError(f"selected index k out of range: k={k}, but dim {dim} has {size} elements. "
                           f"Choose k between 0 and {size}.")
    kept = (slice(None),) * dim + (slice(0, k),)
    order = _order(t._array, dim, largest)
    indices = order[kept] if t.ndim else order
    values = TOPK(t, dim=dim, k=k, largest=largest, indices=indices)
    return return_types_topk(values, Tensor._wrap(indices))


__all__ = ['NANSUM', 'SOFTMAX_BACKWARD', 'LOG_SOFTMAX_BACKWARD', 'SUM', 'SUM_DIM', 'MEAN', 'MEAN_DIM', 'MAX', 'MIN', 'MAX_DIM', 'MIN_DIM', 'VAR', 'STD', 'NORM', 'PROD', 'PROD_DIM', 'CUMSUM', 'LOGSUMEXP', 'SORT', 'TOPK', 'SOFTMAX', 'LOG_SOFTMAX', 'AMAX', 'AMIN']


# ---------------------------------------------------------------------------------------------
# median, nanmedian, mode, cumprod: values picked or multiplied along a dim (nn helper)

return_types_median = return_type("median")
return_types_nanmedian = return_type("nanmedian")
return_types_mode = return_type("mode")


def _lower_median(array, skip_nan):
    """The middle element of the sorted values (the lower one of the two middle ones for an even
    count, as PyTorch: no averaging). NaN wins unless ``skip_nan``."""
    flat = np.reshape(array, (-1,))
    nans = np.isnan(flat) if flat.dtype.kind == "f" else np.zeros(flat.shape, bool)
    if skip_nan:
        flat = flat[~nans]
    elif nans.any() or flat.size == 0:
        return np.asarray(np.nan, dtype=array.dtype)
    if flat.size == 0:
        return np.asarray(np.nan, dtype=array.dtype)
    return np.asarray(np.sort(flat)[(flat.size - 1) // 2])


def _median_positions(array, dim, skip_nan):
    """Along ``dim``, the index of the lower median. Among equal values the order is the stable
    sort's (PyTorch's kernel does not promise which of several equal elements it names). A NaN
    wins (its first place) unless ``skip_nan``; a slice of only NaN gives its first place."""
    if array.ndim == 0:
        return np.zeros((), dtype=np.int64)
    order = np.argsort(array, axis=dim, kind="stable")  # NaN sorts last
    nans = np.isnan(array) if array.dtype.kind == "f" else np.zeros(array.shape, bool)
    counted = array.shape[dim] - nans.sum(axis=dim, keepdims=True) if skip_nan else array.shape[dim]
    middle = np.maximum((counted - 1) // 2, 0) * np.ones(np.sum(array, axis=dim, keepdims=True).shape, np.int64)
    positions = np.take_along_axis(order, middle, axis=dim)
    if not skip_nan:
        first_nan = np.argmax(nans, axis=dim, keepdims=True)
        positions = np.where(nans.any(axis=dim, keepdims=True), first_nan, positions)
    return np.squeeze(positions, axis=dim).astype(np.int64)


def _pick_along(self, dim, keepdim, indices):
    """The elements at ``indices`` along ``dim`` (one per slice)."""
    if self.ndim == 0:
        return self.copy()
    picked = np.take_along_axis(self, np.expand_dims(indices, dim), axis=dim)
    return picked if keepdim else np.squeeze(picked, axis=dim)


_MEDIAN_LOCAL = {"self": ("1 at the median (shared among equal ones), 0 elsewhere",
                          r"\mathbb{1}[{self} = \mathrm{median}]")}
_PICKED_LOCAL = {"self": ("1 at the picked element of the slice, 0 elsewhere", r"\mathbb{1}[\text{picked}]")}

MEDIAN = op("median", grad_fn="MedianBackward0", forward=lambda self: _lower_median(self, False),
            vjp={"self": _evenly_distribute}, local=_MEDIAN_LOCAL, shows_as="{self}.median()", domain="distinct",
            explain="the median element receives the upstream gradient (equal elements share it)")
NANMEDIAN = op("nanmedian", grad_fn="NanmedianBackward0", forward=lambda self: _lower_median(self, True),
               vjp={"self": _evenly_distribute}, local=_MEDIAN_LOCAL, shows_as="{self}.nanmedian()",
               domain="distinct",
               explain="the median of the elements that are not NaN receives the upstream gradient")
MEDIAN_DIM = op("median_dim", grad_fn="MedianBackward1", forward=_pick_along, vjp={"self": _max_dim_rule},
                local=_PICKED_LOCAL, shows_as="{self}.median(dim={dim})", domain="distinct",
                explain="along the dim, only the median element (the one whose index is returned) receives "
                        "the upstream gradient")
NANMEDIAN_DIM = op("nanmedian_dim", grad_fn="NanmedianBackward1", forward=_pick_along,
                   vjp={"self": _max_dim_rule}, local=_PICKED_LOCAL, shows_as="{self}.nanmedian(dim={dim})",
                   domain="distinct",
                   explain="along the dim, only the median of the elements that are not NaN receives the "
                           "upstream gradient")
MODE = op("mode", grad_fn="ModeBackward0", forward=_pick_along, vjp={"self": _max_dim_rule},
          local=_PICKED_LOCAL, shows_as="{self}.mode(dim={dim})",
          explain="along the dim, only the element whose index is returned receives the upstream gradient")


def _check_reduction_dim(name, input, dim):
    if input.ndim and input.shape[dim] == 0:
        raise IndexError(f"{name}(): Expected reduction dim {dim} to have non-zero size: the tensor is empty "
                         "along it.")


def _median(name, whole_op, dim_op, result_type, skip_nan, input, dim, keepdim):
    if input.dtype.name == "bool":
        raise NotImplementedError(f'"{name}_cpu" not implemented for \'Bool\'')
    if dim is None:
        return whole_op(input)
    dim = dim_arg(dim, input.ndim)
    _check_reduction_dim(name, input, dim)
    indices = _median_positions(input._array, dim, skip_nan)
    values = dim_op(input, dim=dim, keepdim=keepdim, indices=indices)
    kept = np.expand_dims(indices, dim) if keepdim and input.ndim else indices
    return result_type(values, Tensor._wrap(np.asarray(kept, dtype=np.int64)))


@public("function", "method", tensors=("input",))
def median(input, dim=None, keepdim=False):
    """The middle value: of all elements (the lower of the two middle ones for an even count, no
    averaging; MedianBackward0), or ``(values, indices)`` along ``dim`` (MedianBackward1). A NaN
    makes the median NaN; ``nanmedian`` skips them."""
    return _median("median", MEDIAN, MEDIAN_DIM, return_types_median, False, input, dim, keepdim)


@public("function", "method", tensors=("input",))
def nanmedian(input, dim=None, keepdim=False):
    """``median`` of the elements that are not NaN (NaN only where every element is NaN)."""
    return _median("nanmedian", NANMEDIAN, NANMEDIAN_DIM, return_types_nanmedian, True, input, dim, keepdim)


def _mode_positions(array, dim):
    """Along ``dim``: the most frequent value (the smallest one among equally frequent values) and
    the index of its last occurrence, as PyTorch returns them."""
    moved = np.moveaxis(array, dim, -1)
    rows = moved.reshape(-1, moved.shape[-1])
    positions = np.empty(len(rows), dtype=np.int64)
    for r, row in enumerate(rows):
        values, counts = np.unique(row, return_counts=True)  # sorted: argmax takes the smallest of ties
        positions[r] = np.flatnonzero(row == values[np.argmax(counts)])[-1]
    return positions.reshape(moved.shape[:-1])


@public("function", "method", tensors=("input",))
def mode(input, dim=-1, keepdim=False):
    """``(values, indices)``: the most frequent value along ``dim`` (the smallest one if several
    are equally frequent) and where it occurs last (ModeBackward0)."""
    if input.ndim == 0:
        dim_arg(dim, 0)
        return return_types_mode(MODE(input, dim=0, keepdim=keepdim, indices=np.zeros((), np.int64)),
                                 Tensor._wrap(np.zeros((), np.int64)))
    dim = dim_arg(dim, input.ndim)
    _check_reduction_dim("mode", input, dim)
    indices = _mode_positions(input._array, dim)
    values = MODE(input, dim=dim, keepdim=keepdim, indices=indices)
    return return_types_mode(values, Tensor._wrap(np.expand_dims(indices, dim) if keepdim else indices))


def _cumprod_forward(self, dim):
    return self.copy() if self.ndim == 0 else np.cumprod(self, axis=dim, dtype=self.dtype)


def _cumprod_rule(grad, self, result, dim):
    """x_i is a factor of every running product out_j with j >= i, so its gradient is
    Σ_{j>=i} g_j·out_j/x_i. Without dividing by x_i (which may be 0): before_i · Σ_{j>=i} g_j·Π_{i<k<=j} x_k,
    with before_i = Π_{k<i} x_k, from an n×n grid of the factors."""
    if len(self.shape) == 0:
        return grad
    if not isinstance(self, Tensor) and np.all(self != 0):  # no zero: the quick formula
        return np.flip(np.cumsum(np.flip(grad * result, dim), axis=dim), dim) / self
    n = self.shape[dim]
    rows, columns = np.arange(n)[:, None], np.arange(n)[None, :]  # grid position [i, j]
    x, g = swap(self, dim, -1), swap(grad, dim, -1)
    grid = expand(unsqueeze_dims(x, (len(x.shape) - 1,)), tuple(x.shape[:-1]) + (n, n))  # grid[..., i, j] = x_j
    after = _cumprod_last(where(constant(columns > rows, grid), grid, 1.0))  # Π_{i<k<=j} x_k (1 for j <= i)
    after = where(constant(columns >= rows, grid), after, 0.0)  # only the products out_j with j >= i
    before = _prod_last(where(constant(columns < rows, grid), grid, 1.0))  # Π_{k<i} x_k
    return swap(before * sum_over(after * unsqueeze_dims(g, (len(g.shape) - 1,)), -1), dim, -1)


def _cumprod_last(v):
    return v.cumprod(-1) if isinstance(v, Tensor) else np.cumprod(v, axis=-1)


def _prod_last(v):
    return v.prod(dim=-1) if isinstance(v, Tensor) else np.prod(v, axis=-1)


CUMPROD = op("cumprod", grad_fn="CumprodBackward0", forward=_cumprod_forward, vjp={"self": _cumprod_rule},
             local={"self": ("the product of the other factors of each running product that includes it",
                             r"\prod_{k \le j,\, k \ne i} x_k")},
             shows_as="{self}.cumprod({dim})",
             explain="each element receives Σ over the later running products of G times the product of "
                     "their other factors")


@public("function", "method", tensors=("input",))
def cumprod(input, dim, *, dtype=None):
    """Running products along ``dim``: ``out[i] = t[0]·t[1]·...·t[i]`` (CumprodBackward0). Integer
    and bool tensors give int64, as in PyTorch."""
    if dtype is not None:
        input = input.to(dtype)
    elif not input.dtype.is_floating_point:
        input = input.to(dtypes.int64)
    return CUMPROD(input, dim=dim_arg(dim, input.ndim))


# -- unique values (no gradient) -----------------------------------------------------------------


def _unique_result(values, inverse, counts, return_inverse, return_counts):
    result = (Tensor._wrap(values),)
    if return_inverse:
        result += (Tensor._wrap(inverse.astype(np.int64)),)
    if return_counts:
        result += (Tensor._wrap(counts.astype(np.int64)),)
    return result if len(result) > 1 else result[0]


@public("function", "method", tensors=("input",))
def unique(input, sorted=True, return_inverse=False, return_counts=False, dim=None):
    """The distinct values, in increasing order (NaNs each count once, as in PyTorch); with
    ``return_inverse`` where each element's value is in them, with ``return_counts`` how often each
    occurs. With ``dim``, the distinct slices along it. Not differentiable: the result never
    requires grad (PyTorch records a node that refuses backward)."""
    array = input._array
    if dim is None:
        values, inverse, counts = np.unique(array, return_inverse=True, return_counts=True, equal_nan=False)
        return _unique_result(values, np.reshape(inverse, array.shape), counts, return_inverse, return_counts)
    dim = dim_arg(dim, input.ndim)
    values, inverse, counts = np.unique(array, return_inverse=True, return_counts=True, axis=dim, equal_nan=False)
    return _unique_result(values, np.reshape(inverse, (-1,)), counts, return_inverse, return_counts)


@public("function", "method", tensors=("input",))
def unique_consecutive(input, return_inverse=False, return_counts=False, dim=None):
    """Each run of equal consecutive values (or slices along ``dim``) collapsed to one: [1, 1, 2, 1]
    gives [1, 2, 1]. ``return_inverse`` and ``return_counts`` as for ``unique``."""
    array = input._array
    if dim is None:
        moved = np.reshape(array, (-1,))
    else:
        moved = np.moveaxis(array, dim_arg(dim, input.ndim), 0)
    if len(moved) == 0:
        starts = np.zeros(0, dtype=bool)
    else:
        different = (moved[1:] != moved[:-1]).reshape(len(moved) - 1, -1).any(axis=1)
        starts = np.concatenate([[True], different])
    values = moved[starts]
    if dim is not None:
        values = np.moveaxis(values, 0, dim_arg(dim, input.ndim))
    inverse = np.cumsum(starts) - 1
    counts = np.diff(np.append(np.flatnonzero(starts), len(moved)))
    if dim is None:
        inverse = np.reshape(inverse, array.shape)
    return _unique_result(values, inverse, counts, return_inverse, return_counts)


__all__ += ["MEDIAN", "NANMEDIAN", "MEDIAN_DIM", "NANMEDIAN_DIM", "MODE", "CUMPROD"]
__all__ += ["NORM_SCALAR", "norm_scalar"]
