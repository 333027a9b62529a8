"""torch.linalg, the part a course needs: vector and matrix norms.

``vector_norm`` is one op (LinalgVectorNormBackward0); the matrix norms are built from it and from
amax/amin, as PyTorch builds them, so they have the same gradients and grad_fn names. Norms that need
singular values (ord=2, -2, 'nuc' of a matrix) are not part of autodidact.
"""
import math

from .engine.ops.reductions import vector_norm

__all__ = ["norm", "vector_norm", "matrix_norm"]


def matrix_norm(A, ord="fro", dim=(-2, -1), keepdim=False, *, dtype=None):
    """The norm of the matrices in the two dims ``dim``: 'fro' (the Euclidean length of all entries),
    1 / -1 (the largest / smallest column sum of absolute values), inf / -inf (the same for rows)."""
    if A.ndim < 2:
        raise RuntimeError(f"linalg.matrix_norm: The input tensor A must have at least 2 dimensions. "
                           f"It has {A.ndim}; for vectors use torch.linalg.vector_norm.")
    first, second = (d % A.ndim for d in dim)
    if ord == "fro":
        return vector_norm(A, 2, (first, second), keepdim, dtype=dtype)
    if ord in ("nuc", 2, -2):
        raise NotImplementedError(f"linalg.matrix_norm with ord={ord!r} needs singular values (an SVD), which "
                                  "autodidact does not compute; 'fro', 1, -1, inf and -inf are supported.")
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


def __getattr__(name):  # torch.linalg.inv and the like: say what is missing
    raise AttributeError(f"torch.linalg.{name} is not part of autodidact: its linalg has the norms only "
                         f"({', '.join(__all__)}).")
