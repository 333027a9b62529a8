"""Matrix products: mm, mv, dot, matmul and addmm (bias + mat1 @ mat2, as nn.Linear computes it)."""
import numpy as np

from ...parity import dtypes
from ...parity.float32_order import torch_matmul
from ..spec import op, public
from .helpers import matmul, outer, reshape, swap, unsqueeze_dims
from .public import check_tensors


def _matmul_grads(grad, self, other):
    """Gradients of a general matmul: vectors are treated as 1-row or 1-column matrices, and batch
    dimensions that were broadcast are summed away."""
    from ..spec import sum_to_shape

    x, y = self, other
    x2 = reshape(x, (1,) + tuple(x.shape)) if x.ndim == 1 else x
    y2 = reshape(y, tuple(y.shape) + (1,)) if y.ndim == 1 else y
    g2 = grad
    if x.ndim == 1:
        g2 = unsqueeze_dims(g2, (g2.ndim - 1 if y.ndim > 1 else g2.ndim,))
    if y.ndim == 1:
        g2 = unsqueeze_dims(g2, (g2.ndim,))
    gx = reshape(sum_to_shape(matmul(g2, swap(y2, -1, -2)), x2.shape), x.shape)
    gy = reshape(sum_to_shape(matmul(swap(x2, -1, -2), g2), y2.shape), y.shape)
    return gx, gy


MM = op("mm", grad_fn="MmBackward0", forward=torch_matmul,
        vjp={"self": lambda grad, mat2: matmul(grad, swap(mat2, -1, -2)),
             "mat2": lambda grad, self: matmul(swap(self, -1, -2), grad)},
        local={"self": ("{mat2}ᵀ (on the right)", r"{mat2}^\top"),
               "mat2": ("{self}ᵀ (on the left)", r"{self}^\top")},
        shows_as="{self} @ {mat2}",
        explain="∂L/∂X = G·Yᵀ and ∂L/∂Y = Xᵀ·G, where G is the upstream gradient")
MV = op("mv", grad_fn="MvBackward0", forward=torch_matmul,
        vjp={"self": lambda grad, vec: outer(grad, vec),
             "vec": lambda grad, self: matmul(swap(self, 0, 1), grad)},
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
                "mat1": lambda grad, mat2: matmul(grad, swap(mat2, 0, 1)),
                "mat2": lambda grad, mat1: matmul(swap(mat1, 0, 1), grad)},
           local={"self": ("1 (summed over the rows)", "1"),
                  "mat1": ("{mat2}ᵀ (on the right)", r"{mat2}^\top"),
                  "mat2": ("{mat1}ᵀ (on the left)", r"{mat1}^\top")},
           shows_as="addmm({self}, {mat1}, {mat2})",
           explain="bias + mat1·mat2: the bias receives G summed over the rows, ∂L/∂mat1 = G·mat2ᵀ "
                   "and ∂L/∂mat2 = mat1ᵀ·G, where G is the upstream gradient")

# A batch of matrix products, one per leading index: (b, n, m) @ (b, m, p) -> (b, n, p).
BMM = op("bmm", grad_fn="BmmBackward0", forward=torch_matmul,
         vjp={"self": lambda grad, mat2: matmul(grad, swap(mat2, -1, -2)),
              "mat2": lambda grad, self: matmul(swap(self, -1, -2), grad)},
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

__all__ = ['BMM', 'MM', 'MV', 'DOT', 'MATMUL', 'ADDMM']
