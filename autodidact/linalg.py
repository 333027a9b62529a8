"""torch.linalg, the part a course needs: norms, inverse, solve, determinants, least squares,
pseudo-inverse, rank, Cholesky, the symmetric eigendecomposition and the SVD, with PyTorch's gradients.

``vector_norm`` is one op (LinalgVectorNormBackward0); the matrix norms are built from it and from
amax/amin, as PyTorch builds them, so they have the same gradients and grad_fn names. The spectral
and nuclear norms (ord=2, -2, 'nuc' of a matrix) come from ``svdvals``. The other functions are
the ops of ``engine/ops/decompositions.py`` under PyTorch's names.
"""
import math

from .engine import tensor as _tensor
from .engine.ops import decompositions as _ops
from .engine.ops.decompositions import LinAlgError
from .engine.ops.decompositions import det, slogdet
from .engine.ops.reductions import vector_norm
from .engine.ops.shape_extra import linalg_cross as cross, multi_dot

__all__ = ["norm", "vector_norm", "matrix_norm", "inv", "solve", "det", "slogdet", "lstsq", "pinv",
           "matrix_rank", "cholesky", "eigh", "eigvalsh", "svd", "svdvals", "cross", "multi_dot", "LinAlgError"]

_return_types_lstsq = _ops.named_result("linalg_lstsq", ["solution", "residuals", "rank", "singular_values"])


def inv(A):
    """The inverse of a square matrix, or of each in a batch (LinalgInvExBackward0). A singular
    matrix raises ``torch.linalg.LinAlgError``; to solve A x = b prefer ``solve`` (faster, more exact)."""
    _ops.check_matrices("linalg.inv", A)
    return _ops.INV(A)


def _is_vector_rhs(A, B):
    # PyTorch's rule: B is a vector (or a batch of vectors) when it has one dim fewer than A and
    # matches A's shape without its last dim, or is 1-d.
    return B.ndim == 1 or (B.ndim == A.ndim - 1 and tuple(B.shape) == tuple(A.shape[:-1]))


def _check_right_side(function, A, B):
    if A.dtype is not B.dtype:
        raise RuntimeError(f"{function}: Expected A and B to have the same dtype, but found A of type "
                           f"{A.dtype} and B of type {B.dtype} instead")
    rows = B.shape[0] if B.ndim == 1 else B.shape[-1] if _is_vector_rhs(A, B) else B.shape[-2]
    if rows != A.shape[-2]:
        raise RuntimeError(f"{function}: Incompatible shapes of A and B for the equation AX = B "
                           f"({A.shape[-2]}x{A.shape[-1]} and {'x'.join(map(str, B.shape[-2:]))})")


def solve(A, B, *, left=True):
    """X with A X = B, for a square invertible A (LinalgSolveExBackward0); B may be a vector."""
    _ops.check_matrices("linalg.solve", A)
    if not left:
        raise NotImplementedError("linalg.solve(left=False) is not part of autodidact: solve the transposed "
                                  "system, torch.linalg.solve(A.mT, B.mT).mT")
    _check_right_side("linalg.solve", A, B)
    return _ops.SOLVE(A, B, vector=_is_vector_rhs(A, B))


def lstsq(A, B, rcond=None, *, driver=None):
    """The least-squares solution X of A X ≈ B (LinalgLstsqBackward0), as the named tuple
    (solution, residuals, rank, singular_values). With the default driver ('gelsy') PyTorch leaves
    residuals and singular_values empty; 'gelsd' and 'gelss' fill them, as here."""
    _ops.check_matrices("linalg.lstsq", A, square=False)
    if driver not in (None, "gelsy", "gelsd", "gelss", "gels"):
        raise RuntimeError(f"torch.linalg.lstsq: parameter `driver` should be one of (gels, gelsy, gelsd, "
                           f"gelss), but got {driver}")
    if B.ndim < 1 or A.ndim - B.ndim > 1:
        raise RuntimeError(f"torch.linalg.lstsq: input.dim() must be greater or equal to other.dim() and "
                           f"(input.dim() - other.dim()) <= 1")
    vector = B.ndim == A.ndim - 1
    _check_right_side("linalg.lstsq", A, B if not vector else B.unsqueeze(-1))
    solution = _ops.LSTSQ(A, B, vector=vector)
    driver = driver or "gelsy"
    empty = _tensor.zeros(0, dtype=A.dtype)
    m, n = A.shape[-2:]
    values = __import__("numpy").linalg.svd(A._array, compute_uv=False)
    rank = (values > values.max(axis=-1, keepdims=True) * max(m, n) * __import__("numpy").finfo(values.dtype).eps
            ).sum(axis=-1) if values.size else values.sum(axis=-1).astype(int)
    residuals = empty
    if driver != "gelsy" and m > n and (rank == n).all():
        difference = A.detach() @ (solution.detach() if not vector else solution.detach().unsqueeze(-1)) - (
            B if not vector else B.unsqueeze(-1))
        residuals = (difference ** 2).sum(-2).detach()
    return _return_types_lstsq(
        solution, residuals,
        _tensor.tensor(rank, dtype=_tensor.dtypes.int64) if driver != "gels" else _tensor.zeros(0, dtype=_tensor.dtypes.int64),
        _tensor.tensor(values, dtype=A.dtype) if driver in ("gelsd", "gelss") else empty)


def pinv(A, *, atol=None, rtol=None, hermitian=False):
    """The Moore-Penrose pseudo-inverse (LinalgPinvBackward0): inv(A) for an invertible A, the
    least-squares inverse otherwise."""
    _ops.check_matrices("linalg.pinv", A, square=False)
    if atol is not None or rtol is not None:
        raise NotImplementedError("linalg.pinv(atol=, rtol=) is not part of autodidact; the default cut-off "
                                  "is PyTorch's")
    return _ops.PINV(A)


def matrix_rank(A, *, atol=None, rtol=None, hermitian=False):
    """How many singular values of A are above the cut-off max(atol, rtol · largest) (int64, no
    gradient). The default rtol is eps · max(rows, columns), as in PyTorch."""
    import numpy as np

    _ops.check_matrices("linalg.matrix_rank", A, square=False)
    values = np.linalg.svd(A._array, compute_uv=False)
    if rtol is None:
        rtol = 0.0 if atol is not None and atol > 0 else np.finfo(values.dtype).eps * max(A.shape[-2:])
    largest = values.max(axis=-1, keepdims=True) if values.size else values.sum(axis=-1, keepdims=True)
    cutoff = np.maximum(atol or 0.0, rtol * largest)
    return _tensor.tensor((values > cutoff).sum(axis=-1), dtype=_tensor.dtypes.int64)


def cholesky(A, *, upper=False):
    """The lower-triangular L with L Lᵀ = A for a symmetric positive-definite A
    (LinalgCholeskyExBackward0); ``upper=True`` gives Lᵀ. Only A's lower triangle is read."""
    _ops.check_matrices("linalg.cholesky", A)
    return _ops.CHOLESKY(A, upper=upper)


def eigh(A, UPLO="L"):
    """(eigenvalues, eigenvectors) of a symmetric matrix, eigenvalues ascending, eigenvectors in the
    columns (LinalgEighBackward0). Only the ``UPLO`` triangle of A is read. An eigenvector's sign is
    arbitrary, as in PyTorch."""
    _ops.check_matrices("linalg.eigh", A)
    if UPLO not in ("L", "U"):
        raise RuntimeError(f"Expected UPLO argument to be 'L' or 'U', but got {UPLO}")
    return _ops.return_types_eigh(_ops.EIGH_VALUES(A, UPLO=UPLO, part=0), _ops.EIGH_VECTORS(A, UPLO=UPLO, part=1))


def eigvalsh(A, UPLO="L"):
    """The eigenvalues of a symmetric matrix, ascending (LinalgEighBackward0)."""
    return eigh(A, UPLO).eigenvalues


def matrix_norm(A, ord="fro", dim=(-2, -1), keepdim=False, *, dtype=None):
    """The norm of the matrices in the two dims ``dim``: 'fro' (the Euclidean length of all entries),
    1 / -1 (the largest / smallest column sum of absolute values), inf / -inf (the same for rows)."""
    if A.ndim < 2:
        raise RuntimeError(f"linalg.matrix_norm: The input tensor A must have at least 2 dimensions. "
                           f"It has {A.ndim}; for vectors use torch.linalg.vector_norm.")
    first, second = (d % A.ndim for d in dim)
    if ord == "fro":
        return vector_norm(A, 2, (first, second), keepdim, dtype=dtype)
    if ord in ("nuc", 2, -2):  # from the singular values, as PyTorch computes them
        values = svdvals(A.movedim((first, second), (-2, -1)))
        if dtype is not None:
            values = values.to(dtype)
        if ord == "nuc":
            norm = values.sum(-1, keepdim=keepdim)
        else:
            norm = values.amax(-1, keepdim=keepdim) if ord == 2 else values.amin(-1, keepdim=keepdim)
        if keepdim:  # the two reduced dims back in their places (PyTorch's PermuteBackward0)
            norm = norm.unsqueeze(-1).movedim((-2, -1), (first, second))
        return norm
    if ord not in (1, -1, math.inf, -math.inf):
        raise RuntimeError(f"linalg.matrix_norm: Order {ord} not supported.")
    if abs(ord) == math.inf:  # the inf norm is the 1 norm of the transpose
        first, second = second, first
    if not keepdim and first < second:
        second -= 1  # the first reduction removed a dim in front of the second
    sums = vector_norm(A, 1, first, keepdim, dtype=dtype)
    return sums.amax(second, keepdim) if ord > 0 else sums.amin(second, keepdim)


def norm(A, ord=None, dim=None, keepdim=False, *, dtype=None):
    """A vector norm or a matrix norm, as PyTorch chooses: with ``dim`` an int, or a 1-d input, a vector
    norm of order ``ord`` (2 by default); with two dims, or a 2-d input and ``ord`` given, a matrix
    norm; with neither, the Euclidean length of all entries."""
    if isinstance(dim, int):
        dim = (dim,)
    if dim is not None and len(dim) == 2 or dim is None and ord is not None and A.ndim == 2:
        return matrix_norm(A, "fro" if ord is None else ord, dim or (-2, -1), keepdim, dtype=dtype)
    if isinstance(ord, str):
        raise RuntimeError(f"linalg.norm: ord={ord!r} is a matrix norm; give a 2-d input or two dims")
    if dim is None and ord is not None and A.ndim > 2:
        raise RuntimeError("linalg.norm: If dim is not specified but ord is, the input must be 1D or 2D. "
                           f"Got {A.ndim}D.")
    return vector_norm(A, 2 if ord is None else ord, dim, keepdim, dtype=dtype)


def svd(A, full_matrices=True, *, driver=None):
    """(U, S, Vh) with A = U diag(S) Vh, singular values S descending (LinalgSvdBackward0). With
    ``full_matrices=False`` U and Vh have only min(m, n) columns / rows; with True (the default) the
    extra ones complete them to square matrices and get no gradient. Each singular vector's sign is
    arbitrary, as in PyTorch."""
    _ops.check_matrices("linalg.svd", A, square=False)
    return _ops.return_types_svd(*(part(A, full_matrices=full_matrices, part=index)
                                   for index, part in enumerate(_ops.SVD_PARTS)))


def svdvals(A, *, driver=None):
    """The singular values of A, descending (LinalgSvdBackward0)."""
    _ops.check_matrices("linalg.svdvals", A, square=False)
    return _ops.SVD_S(A, full_matrices=False, part=1)


def __getattr__(name):  # torch.linalg.svd and the like: say what is missing
    raise AttributeError(f"torch.linalg.{name} is not part of autodidact: its linalg has "
                         f"{', '.join(__all__)}.")
