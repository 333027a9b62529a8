"""Linear algebra beyond products: inverse, solve, determinants, least squares, pseudo-inverse,
Cholesky and symmetric eigendecomposition, with PyTorch's gradients (derivatives.yaml) and
grad_fn names. NumPy's ``linalg`` computes the values; every function takes batches of matrices
(``(..., n, n)``), as PyTorch's do.

PyTorch computes an op with several outputs (``eigh``'s eigenvalues and eigenvectors) in one node.
Here each output is an op of its own with the same grad_fn name, and each rule gives the part of
the gradient that flows through its output; backward adds the parts, which is the same sum.
``autodidact.linalg`` (the API layer) gives these ops PyTorch's ``torch.linalg`` names.
"""
from collections import namedtuple

import numpy as np

from ...parity import dtypes
from ..spec import Tensor, op
from .public import public
from .helpers import _is_tensor, matmul, swap


class LinAlgError(RuntimeError):
    """A matrix that cannot be inverted or factored (PyTorch's ``torch.linalg.LinAlgError``)."""


def _mT(v):
    return swap(v, -1, -2)


def _eye_of(v):
    """The identity matrix of ``v``'s last dims: a constant tensor in a graph (an array next to arrays)."""
    if _is_tensor(v):
        return Tensor._wrap(np.eye(v.shape[-1], dtype=v._array.dtype))
    return np.eye(v.shape[-1], dtype=v.dtype)


def _outer_rows(a, b):
    """``a[..., :, None] * b[..., None, :]``: a batch of outer products, for arrays and Tensors."""
    return a.unsqueeze(-1) * b.unsqueeze(-2) if _is_tensor(a) else a[..., :, None] * b[..., None, :]


def _column(v):
    return v.unsqueeze(-1) if _is_tensor(v) else v[..., None]


def _row(v):
    return v.unsqueeze(-2) if _is_tensor(v) else v[..., None, :]


def _uncolumn(v):
    return v.squeeze(-1) if _is_tensor(v) else v[..., 0]


def _refusing_singular(function, name):
    def forward(*args, **params):
        try:
            return function(*args, **params)
        except np.linalg.LinAlgError:
            raise LinAlgError(f"{name}: The input matrix is singular (or not positive-definite), so it "
                               "cannot be inverted or factored. Check its rows and columns for linear "
                               "dependence, or use torch.linalg.pinv / lstsq.") from None
    return forward


# -- inverse and solve -------------------------------------------------------------------------------

INV = op("linalg_inv_ex", grad_fn="LinalgInvExBackward0", inputs=("A",),
         forward=_refusing_singular(lambda A: np.linalg.inv(A), "linalg.inv"),
         vjp={"A": lambda grad, result: -matmul(matmul(_mT(result), grad), _mT(result))},
         local={"A": ("-inv(A)ᵀ · G · inv(A)ᵀ (as a product, not elementwise)", r"-A^{-\top} G A^{-\top}")},
         shows_as="linalg.inv({A})",
         explain="the upstream gradient is multiplied by minus the transposed inverse on both sides")


def inverse_of(v):
    return INV(v) if _is_tensor(v) else np.linalg.inv(v)


def _solve_forward(A, B, vector):
    solve = _refusing_singular(np.linalg.solve, "linalg.solve")
    return solve(A, B[..., None])[..., 0] if vector else solve(A, B)


def solved(A, B, vector):
    return SOLVE(A, B, vector=vector) if _is_tensor(A) or _is_tensor(B) else _solve_forward(A, B, vector)


def _solve_rule_B(grad, A, vector):
    return solved(_mT(A), grad, vector)


def _solve_rule_A(grad, A, result, vector):
    grad_B = solved(_mT(A), grad, vector)
    return -(_outer_rows(grad_B, result) if vector else matmul(grad_B, _mT(result)))


SOLVE = op("linalg_solve_ex", grad_fn="LinalgSolveExBackward0", inputs=("A", "B"), forward=_solve_forward,
           vjp={"A": _solve_rule_A, "B": _solve_rule_B},
           local={"A": ("-(Aᵀ \\ G) · Xᵀ", r"-(A^{-\top} G) X^\top"), "B": ("Aᵀ \\ G", r"A^{-\top} G")},
           shows_as="linalg.solve({A}, {B})",
           explain="B's gradient solves the transposed system for the upstream gradient; A's is minus "
                   "that times the solution transposed")


# -- determinants ------------------------------------------------------------------------------------

def _cofactors(A):
    """det(A) · inv(A)ᵀ, also for singular A: from the SVD A = U S Vᵀ it is det(U) det(V) U
    diag(product of the other singular values) Vᵀ."""
    U, S, Vh = np.linalg.svd(A)
    others = np.stack([np.prod(np.delete(S, i, axis=-1), axis=-1) for i in range(S.shape[-1])], axis=-1)
    signs = np.linalg.det(U) * np.linalg.det(Vh)
    return signs[..., None, None] * matmul(U * others[..., None, :], Vh)


def _det_rule(grad, A, result):
    if _is_tensor(A):  # differentiable again: det · inv(A)ᵀ
        return _column(_column(grad * result)) * _mT(inverse_of(A))
    return grad[..., None, None] * _cofactors(A)


DET = op("linalg_det", grad_fn="LinalgDetBackward0", inputs=("A",), forward=lambda A: np.asarray(np.linalg.det(A)),
         vjp={"A": _det_rule}, local={"A": ("det(A) · inv(A)ᵀ (the cofactor matrix)", r"\det(A) A^{-\top}")},
         shows_as="linalg.det({A})",
         explain="each entry receives the upstream gradient times its cofactor, det(A) inv(A)ᵀ")

SLOGDET = op("linalg_slogdet", grad_fn="LinalgSlogdetBackward0", inputs=("A",),
             forward=lambda A: np.asarray(np.linalg.slogdet(A)[1]),
             vjp={"A": lambda grad, A: _column(_column(grad)) * _mT(inverse_of(A))},
             local={"A": ("inv(A)ᵀ", r"A^{-\top}")}, shows_as="linalg.slogdet({A}).logabsdet",
             explain="each entry receives the upstream gradient times the transposed inverse")


# -- pseudo-inverse and least squares ----------------------------------------------------------------

def pinv_forward(A, hermitian=False):
    return np.linalg.pinv(A, hermitian=hermitian)


def _pinv_rule(grad, A, result):
    # With X = pinv(A) (full rank): dX = -X dA X + X Xᵀ dAᵀ (I - A X) + (I - X A) dAᵀ Xᵀ X;
    # reading off the coefficient of dA gives this (PyTorch's pinv_backward).
    X, G = result, grad
    left = _eye_of(matmul(A, X)) - matmul(A, X)
    right = _eye_of(matmul(X, A)) - matmul(X, A)
    return (-matmul(matmul(_mT(X), G), _mT(X)) + matmul(matmul(left, _mT(G)), matmul(X, _mT(X)))
            + matmul(matmul(_mT(X), X), matmul(_mT(G), right)))


PINV = op("linalg_pinv", grad_fn="LinalgPinvBackward0", inputs=("A",), forward=pinv_forward,
          vjp={"A": _pinv_rule},
          local={"A": ("-Xᵀ G Xᵀ + (I - A X) Gᵀ X Xᵀ + Xᵀ X Gᵀ (I - X A), X = pinv(A)",
                       r"-X^\top G X^\top + (I - AX) G^\top X X^\top + X^\top X G^\top (I - XA)")},
          shows_as="linalg.pinv({A})",
          explain="the derivative of the pseudo-inverse (full rank), applied to the upstream gradient")


def pinv_of(v):
    return PINV(v) if _is_tensor(v) else pinv_forward(v)


def _lstsq_forward(A, B, vector):
    if vector:
        return _lstsq_forward(A, B[..., None], False)[..., 0]
    batch = np.broadcast_shapes(A.shape[:-2], B.shape[:-2])
    A = np.broadcast_to(A, batch + A.shape[-2:])
    B = np.broadcast_to(B, batch + B.shape[-2:])
    out = np.empty(batch + (A.shape[-1], B.shape[-1]), dtype=np.result_type(A, B))
    for index in np.ndindex(*batch):
        out[index] = np.linalg.lstsq(A[index], B[index], rcond=None)[0]
    return out


def _lstsq_rule_A(grad, A, B, vector):
    # The solution is pinv(A) @ B, so A's gradient is pinv's for the gradient G Bᵀ (PyTorch's rule).
    pinv_grad = _outer_rows(grad, B) if vector else matmul(grad, _mT(B))
    return _pinv_rule(pinv_grad, A, pinv_of(A))


def _lstsq_rule_B(grad, A, vector):
    pinv_t = _mT(pinv_of(A))
    return _uncolumn(matmul(pinv_t, _column(grad))) if vector else matmul(pinv_t, grad)


LSTSQ = op("linalg_lstsq", grad_fn="LinalgLstsqBackward0", inputs=("A", "B"), forward=_lstsq_forward,
           vjp={"A": _lstsq_rule_A, "B": _lstsq_rule_B},
           local={"A": ("pinv's derivative applied to G Bᵀ", r"\partial\,\mathrm{pinv}(A)[G B^\top]"),
                  "B": ("pinv(A)ᵀ G", r"A^{+\top} G")},
           shows_as="linalg.lstsq({A}, {B}).solution",
           explain="the solution is pinv(A) B: B's gradient is pinv(A)ᵀ G, A's is pinv's for G Bᵀ")


# -- Cholesky and eigh -------------------------------------------------------------------------------

def _cholesky_forward(A, upper):
    L = _refusing_singular(np.linalg.cholesky, "linalg.cholesky")(A)
    return np.swapaxes(L, -1, -2).copy() if upper else L


def _tril(v):
    return v.tril() if _is_tensor(v) else np.tril(v)


def _cholesky_rule(grad, result, upper):
    # Iain Murray (2016), as PyTorch: Φ(Lᵀ G) keeps the lower triangle with the diagonal halved;
    # the gradient is L⁻ᵀ Φ L⁻¹, made symmetric.
    L, G = (_mT(result), _mT(grad)) if upper else (result, grad)
    L_inverse = inverse_of(L)
    phi = _tril(matmul(_mT(L), G))
    phi = phi - 0.5 * phi * _eye_of(phi)
    gA = matmul(matmul(_mT(L_inverse), phi), L_inverse)
    return 0.5 * (gA + _mT(gA))


CHOLESKY = op("linalg_cholesky_ex", grad_fn="LinalgCholeskyExBackward0", inputs=("A",), forward=_cholesky_forward,
              vjp={"A": _cholesky_rule},
              local={"A": ("L⁻ᵀ Φ(Lᵀ G) L⁻¹, symmetrized", r"\mathrm{sym}(L^{-\top} \Phi(L^\top G) L^{-1})")},
              shows_as="linalg.cholesky({A})",
              explain="Murray's rule: the lower triangle of Lᵀ G (half on the diagonal), moved through L's "
                      "inverse on both sides and made symmetric")


def _eigh_forward(A, UPLO, part):
    return np.linalg.eigh(A, UPLO=UPLO)[part]


def eigh_parts(A, UPLO):
    if _is_tensor(A):
        return EIGH_VALUES(A, UPLO=UPLO, part=0), EIGH_VECTORS(A, UPLO=UPLO, part=1)
    return np.linalg.eigh(A, UPLO=UPLO)


def _eigh_values_rule(grad, A, UPLO):
    _, V = eigh_parts(A, UPLO)
    return matmul(V * _row(grad), _mT(V))


def _eigh_vectors_rule(grad, A, UPLO):
    # PyTorch's linalg_eig_backward for a symmetric matrix: the skew part of Vᵀ G, divided entry by
    # entry by the gaps between eigenvalues (λ_j - λ_i), moved back with V on both sides.
    L, V = eigh_parts(A, UPLO)
    VtG = matmul(_mT(V), grad)
    skew = 0.5 * (VtG - _mT(VtG))
    gaps = _outer_rows(L * 0 + 1, L) - _outer_rows(L, L * 0 + 1) + _eye_of(skew)
    return matmul(matmul(V, skew / gaps), _mT(V))


EIGH_VALUES = op("linalg_eigh_values", grad_fn="LinalgEighBackward0", inputs=("A",), forward=_eigh_forward,
                 vjp={"A": _eigh_values_rule}, local={"A": ("V diag(G) Vᵀ", r"V \operatorname{diag}(G) V^\top")},
                 shows_as="linalg.eigh({A}).eigenvalues",
                 explain="each eigenvalue's gradient is spread back along its eigenvector: V diag(G) Vᵀ")
EIGH_VECTORS = op("linalg_eigh_vectors", grad_fn="LinalgEighBackward0", inputs=("A",), forward=_eigh_forward,
                  vjp={"A": _eigh_vectors_rule},
                  local={"A": ("V (skew(Vᵀ G) / (λⱼ - λᵢ)) Vᵀ", r"V \frac{\mathrm{skew}(V^\top G)}{\lambda_j - \lambda_i} V^\top")},
                  shows_as="linalg.eigh({A}).eigenvectors",
                  explain="the skew part of Vᵀ G, divided by the gaps between eigenvalues, moved back with V")


# -- singular value decomposition --------------------------------------------------------------------
# A = U diag(S) Vh with k = min(m, n) singular values, descending. Each of the three outputs is its own
# op (all named LinalgSvdBackward0, as PyTorch's one node); the rules are PyTorch's svd_backward split
# by output, for the reduced factors (with full_matrices=True the extra columns get no gradient, as in
# PyTorch).

def largest_entry_signs(U, count):
    """+1 or -1 per column of U (the first ``count``): the sign of the column's largest entry."""
    columns = U[..., :count]
    picked = np.take_along_axis(columns, np.abs(columns).argmax(axis=-2)[..., None, :], axis=-2)
    return np.where(picked < 0, -1.0, 1.0).astype(U.dtype)


def _svd_forward(A, full_matrices, part):
    U, S, Vh = np.linalg.svd(A, full_matrices=full_matrices)
    # A pair of singular vectors can flip sign together; fix the sign so that the largest entry of
    # each column of U is positive (LAPACK builds differ here, PyTorch's included).
    k = S.shape[-1]
    signs = largest_entry_signs(U, k)
    U[..., :k] *= signs
    Vh[..., :k, :] *= np.swapaxes(signs, -1, -2)
    return (U, S, Vh)[part]


def svd_parts(A):
    """The reduced U, S, Vh of A (differentiable again when A is a Tensor)."""
    if _is_tensor(A):
        return tuple(SVD_PARTS[part](A, full_matrices=False, part=part) for part in range(3))
    return tuple(_svd_forward(A, False, part) for part in range(3))


def _singular_gaps(S):
    """S_k² - S_j² off the diagonal, 1 on it: how far apart the singular values are."""
    squares = S * S
    return _outer_rows(squares * 0 + 1, squares) - _outer_rows(squares, squares * 0 + 1) + _eye_of(_outer_rows(S, S))


def _svd_values_rule(grad, A):
    U, _, Vh = svd_parts(A)
    return matmul(U * _row(grad), Vh)


def _narrowed(grad, count, columns):
    """The first ``count`` columns (or rows) of a gradient for full_matrices=True factors."""
    if columns:
        return grad[..., :count] if grad.shape[-1] != count else grad
    return grad[..., :count, :] if grad.shape[-2] != count else grad


def _svd_U_rule(grad, A):
    U, S, Vh = svd_parts(A)
    gU = _narrowed(grad, S.shape[-1], columns=True)
    UtgU = matmul(_mT(U), gU)
    inner = matmul(U, ((UtgU - _mT(UtgU)) * _row(S)) / _singular_gaps(S))
    # the part of gU outside U's columns (only when A has more rows than singular values)
    gU_over_S = gU / _row(S)
    outside = gU_over_S - matmul(U, matmul(_mT(U), gU_over_S))
    return matmul(inner + outside, Vh)


def _svd_Vh_rule(grad, A):
    U, S, Vh = svd_parts(A)
    gV = _mT(_narrowed(grad, S.shape[-1], columns=False))
    V = _mT(Vh)
    VtgV = matmul(_mT(V), gV)
    inner = matmul((_column(S) * (VtgV - _mT(VtgV))) / _singular_gaps(S), Vh)
    S_inv_gVt = _mT(gV) / _column(S)
    outside = S_inv_gVt - matmul(matmul(S_inv_gVt, V), Vh)
    return matmul(U, inner + outside)


SVD_PARTS = tuple(
    op(f"linalg_svd_{name}", grad_fn="LinalgSvdBackward0", inputs=("A",), forward=_svd_forward,
       vjp={"A": rule}, local={"A": (text, latex)}, shows_as=f"linalg.svd({{A}}).{name}",
       explain=explain)
    for name, rule, text, latex, explain in (
        ("U", _svd_U_rule, "U (skew(Uᵀ G) S / (Sₖ² - Sⱼ²)) Vh + (I - U Uᵀ) G S⁻¹ Vh",
         r"U rac{\mathrm{skew}(U^	op G) S}{S_k^2 - S_j^2} V^	op + (I - UU^	op) G S^{-1} V^	op",
         "the skew part of Uᵀ G scaled by the singular values over their squared gaps, moved back with U "
         "and Vh, plus the part of G outside U's columns"),
        ("S", _svd_values_rule, "U diag(G) Vh", r"U \operatorname{diag}(G) V^	op",
         "each singular value's gradient is spread back along its pair of singular vectors"),
        ("Vh", _svd_Vh_rule, "U (S skew(Vᵀ G) / (Sₖ² - Sⱼ²)) Vh + U S⁻¹ Gᵀ (I - V Vᵀ)",
         r"U rac{S\,\mathrm{skew}(V^	op G)}{S_k^2 - S_j^2} V^	op + U S^{-1} G^	op (I - VV^	op)",
         "as for U, with the roles of the two sides exchanged")))
SVD_U, SVD_S, SVD_VH = SVD_PARTS


# -- the checks and names shared by the public functions ---------------------------------------------

def check_matrices(function, A, square=True):
    """PyTorch's errors for a linear-algebra input that is not a (batch of) float matrix."""
    if not isinstance(A, Tensor):
        raise TypeError(f"{function}(): argument 'A' (position 1) must be Tensor, not {type(A).__name__}")
    if A.ndim < 2:
        raise RuntimeError(f"{function}: The input tensor A must have at least 2 dimensions.")
    if not A.dtype.is_floating_point:
        raise RuntimeError(f"{function}: Expected a floating point or complex tensor as input. Got "
                           f"{dtypes.TYPE_NAMES_SHORT[A.dtype.name]}")
    if A.dtype is dtypes.float16:
        raise NotImplementedError(f"{function}: float16 matrices are not supported (in PyTorch either on "
                                  "the CPU); convert with .float() first")
    if square and A.shape[-1] != A.shape[-2]:
        raise RuntimeError(f"{function}: A must be batches of square matrices, but they are {A.shape[-2]} by "
                           f"{A.shape[-1]} matrices")


def named_result(name, fields):
    """A named tuple that prints like PyTorch's ``torch.return_types.<name>(...)``."""
    def __repr__(self):
        body = ",\n".join(f"{field}={value!r}" for field, value in zip(fields, self))
        return f"torch.return_types.{name}(\n{body})"

    return type(name, (namedtuple(name, fields),), {"__slots__": (), "__repr__": __repr__})


return_types_slogdet = named_result("linalg_slogdet", ["sign", "logabsdet"])
return_types_svd = named_result("linalg_svd", ["U", "S", "Vh"])
return_types_eigh = named_result("linalg_eigh", ["eigenvalues", "eigenvectors"])


@public("function", "method", tensors=("input",))
def inverse(input):
    """The inverse matrix (LinalgInvExBackward0); ``torch.linalg.inv`` under its older name."""
    check_matrices("linalg.inv", input)
    return INV(input)


@public("function", "method", tensors=("input",))
def det(input):
    """The determinant of a (batch of) square matrix (LinalgDetBackward0); also ``torch.linalg.det``."""
    check_matrices("linalg.det", input)
    return DET(input)


@public("function", "method", tensors=("input",))
def slogdet(input):
    """(sign, log|det|) of a square matrix: the log-determinant without overflow (LinalgSlogdetBackward0)."""
    check_matrices("linalg.slogdet", input)
    # The sign is piecewise constant: no gradient flows through it (PyTorch still shows the node on it).
    sign = Tensor._wrap(np.asarray(np.linalg.slogdet(input._array)[0]))
    return return_types_slogdet(sign, SLOGDET(input))


@public("function", "method", tensors=("input",))
def logdet(input):
    """log(det(A)); nan for a negative determinant, as in PyTorch."""
    sign, logabsdet = slogdet(input)
    from .. import tensor as _tensor

    return _tensor.where(sign < 0, _tensor.tensor(float("nan"), dtype=input.dtype), logabsdet)


@public("function", "method", tensors=("input",))
def pinverse(input, rcond=1e-15):
    """The Moore-Penrose pseudo-inverse (LinalgPinvBackward0); also ``torch.linalg.pinv``."""
    check_matrices("linalg.pinv", input, square=False)
    return PINV(input)


__all__ = ['INV', 'SOLVE', 'DET', 'SLOGDET', 'PINV', 'LSTSQ', 'CHOLESKY', 'EIGH_VALUES',
           'EIGH_VECTORS', 'SVD_U', 'SVD_S', 'SVD_VH']
