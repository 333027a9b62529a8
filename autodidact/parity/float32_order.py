"""PyTorch's float32 rounding order, emulated: a parity module, behind one switch, off by default.

Float addition is not associative, so two libraries that add the same numbers in different orders
can disagree in the last bit of a float32 result. With the switch on, this module adds numbers in
the order PyTorch's CPU kernels use on an AVX2 machine with Intel MKL (where it was measured), so
that printed ``.item()`` values agree to the last digit there. PyTorch's own last bits depend on the
CPU (on an AVX-512 machine MKL fuses multiply-adds in small matmuls and SGD steps), so this is no
guarantee, and it costs time; print-identical output at PyTorch's default precision is the contract,
and it holds with the switch off. Nothing here is needed to understand automatic differentiation.

    from autodidact.parity import float32_order
    float32_order.use_pytorch_order(True)     # or the environment variable AUTODIDACT_FLOAT32_ORDER=1

This code is kept as it is: it is not to be extended to more ops.
"""
import math
import os

import numpy as np

# THE switch. Off: every function below is NumPy's own (np.add.reduce, np.matmul, the ufunc).
enabled = os.environ.get("AUTODIDACT_FLOAT32_ORDER", "") not in ("", "0")


def use_pytorch_order(on=True):
    """Turn the emulation of PyTorch's float32 order on (or off); returns the previous setting."""
    global enabled
    previous, enabled = enabled, bool(on)
    return previous


# Summation in PyTorch's order
#
# Float addition is not associative: adding the same numbers in another order can change the last
# bit. A learner who prints ``loss.item()`` sees all the digits, so autodidact adds floats in the
# order PyTorch's CPU kernel uses (aten/src/ATen/native/cpu/SumKernel.cpp): 4 interleaved partial
# sums, 32-byte vector lanes (8 float32 or 4 float64 values) and a 4-level cascade that keeps
# rounding errors small. Integers are exact in any order, so they go straight to NumPy.

_SIMD_BYTES = 32  # AVX2, the vector width PyTorch's CPU kernels use on common x86 machines

# Matching PyTorch's last bit costs time. Tensors up to this many elements (the examples, exercises
# and printed results of a course) get it; larger ones use NumPy's own kernels, which agree with
# PyTorch to within a few units in the last place and are several times faster.
EXACT_LIMIT = 1024


def sequential_sum(v):
    """Left-to-right sum along axis 0, starting from 0 (NumPy's own sum would pair elements up).

    np.add.accumulate adds one element at a time, rounding after each, which is exactly that order;
    the final ``+ 0`` turns a lone -0.0 into 0.0, as starting from 0 does.
    """
    if not enabled:
        return np.add.reduce(v, axis=0)
    if len(v) <= 2:
        if len(v) == 0:
            return np.zeros(v.shape[1:], dtype=v.dtype)
        return (v[0] + v[1] if len(v) == 2 else v[0]) + v.dtype.type(0)
    return np.add.accumulate(v, axis=0)[-1] + v.dtype.type(0)


def _cascade(v):
    """PyTorch's ``multi_row_sum`` along axis 0: blocks of 2**power values are summed left to right,
    block sums go up three levels, each level folding every 2**power partial sums into the next."""
    size = v.shape[0]
    power = max(4, (int(size - 1).bit_length() if size > 1 else 0) // 4)
    step = 1 << power
    if size < step:  # shortcut: only level 0 (the other levels would add exact zeros)
        return sequential_sum(v)
    full = size // step
    blocks = sequential_sum(v[:full * step].reshape((full, step) + v.shape[1:]).swapaxes(0, 1))
    level0 = sequential_sum(v[full * step:])
    if full < step:  # shortcut: levels 2 and 3 are empty
        return level0 + sequential_sum(blocks)
    groups1 = len(blocks) // step
    level1 = sequential_sum(blocks[groups1 * step:])
    sums1 = sequential_sum(blocks[:groups1 * step].reshape((groups1, step) + v.shape[1:]).swapaxes(0, 1))
    groups2 = len(sums1) // step
    level2 = sequential_sum(sums1[groups2 * step:])
    sums2 = sequential_sum(sums1[:groups2 * step].reshape((groups2, step) + v.shape[1:]).swapaxes(0, 1))
    level3 = sequential_sum(sums2)
    return ((level0 + level1) + level2) + level3


def _row_sum(v):
    """PyTorch's ``row_sum`` along axis 0: 4 interleaved cascades, then the leftovers, then combined."""
    size = v.shape[0]
    quads = size // 4
    if quads == 0:  # shortcut: the four partial sums are all zero
        return sequential_sum(v)
    partial = _cascade(v[:quads * 4].reshape((quads, 4) + v.shape[1:]))
    first = sequential_sum(np.concatenate([partial[:1], v[quads * 4:]])) if size % 4 else partial[0]
    return ((first + partial[1]) + partial[2]) + partial[3]


def _inner_sum(rows):
    """Sum each row of the 2-D array ``rows`` (reduced axis last and contiguous)."""
    n = rows.shape[1]
    lanes = _SIMD_BYTES // rows.dtype.itemsize
    if n < lanes:
        return _row_sum(rows.T)
    vectors = n // lanes
    lane_sums = _row_sum(rows[:, :vectors * lanes].reshape(len(rows), vectors, lanes).swapaxes(0, 1))
    return sequential_sum(np.concatenate([rows[:, vectors * lanes:].T, lane_sums.T]))


def _outer_sum(block):
    """Sum ``block`` (R, outer, C) over its first axis, each column on its own: PyTorch sends the
    first columns through a plain cascade and the last few through ``row_sum``."""
    columns = block.shape[-1]
    lanes = _SIMD_BYTES // block.dtype.itemsize
    width = 4 * lanes if columns >= lanes else 4
    split = (columns // width) * width
    if split == 0:
        return _row_sum(block)
    if split == columns:
        return _cascade(block)
    return np.concatenate([_cascade(block[..., :split]), _row_sum(block[..., split:])], axis=-1)


def torch_sum(x, dims=None, keepdims=False):
    """``np.add.reduce(x, axis=dims)``, with floats added in PyTorch's order (see above)."""
    x = np.asarray(x)
    if x.dtype == np.float16:  # PyTorch adds float16 numbers in float32 and rounds the sum once
        return np.asarray(torch_sum(x.astype(np.float32), dims, keepdims), dtype=np.float16)
    if not enabled or x.size > EXACT_LIMIT:
        return np.add.reduce(x, axis=dims, keepdims=keepdims, dtype=x.dtype)
    shape = x.shape
    ndim = len(shape)
    dims = tuple(range(ndim)) if dims is None else tuple(sorted(d % ndim for d in (
        dims if isinstance(dims, tuple) else (dims,)))) if ndim else ()
    if x.dtype.kind != "f":  # integers stay in their type (NumPy would widen int8 sums to int64)
        return np.add.reduce(x, axis=dims if ndim else None, keepdims=keepdims, dtype=x.dtype)
    if x.size == 0 or not dims or any(b - a != 1 for a, b in zip(dims, dims[1:])):
        return np.add.reduce(x, axis=dims if ndim else None, keepdims=keepdims)
    outer = math.prod(shape[:dims[0]])
    reduced = math.prod(shape[dims[0]:dims[-1] + 1])
    inner = math.prod(shape[dims[-1] + 1:])
    if reduced == 1:
        return np.add.reduce(x, axis=dims, keepdims=keepdims)
    if reduced < 4:
        # Shortcut: with 2 or 3 terms every path above adds them left to right from 0, which is
        # also NumPy's order here (the + 0 turns a -0.0 result into 0.0, as starting from 0 does).
        return np.add.reduce(x, axis=dims, keepdims=keepdims) + x.dtype.type(0)
    flat = np.ascontiguousarray(x).reshape(outer, reduced, inner)
    if inner == 1:
        out = _inner_sum(flat[:, :, 0])
    else:
        out = _outer_sum(flat.transpose(1, 0, 2))
    out_shape = tuple(1 if d in dims else n for d, n in enumerate(x.shape)) if keepdims else tuple(
        n for d, n in enumerate(x.shape) if d not in dims)
    return np.asarray(out, dtype=x.dtype).reshape(out_shape)


def _sequential_products(a, b):
    """``a @ b`` (2-D or batched) adding the K products one after another, each rounded."""
    # All K products at once (shape ..., rows, K, columns), then added along K one after another:
    # np.add.accumulate rounds after each addition, in order; + 0 as if the sum started from 0.
    products = a[..., :, :, None] * b[..., None, :, :]
    if products.shape[-2] == 0:  # an empty inner dimension: the sum of nothing
        return np.matmul(a, b)
    return np.add.accumulate(products, axis=-2)[..., -1, :] + products.dtype.type(0)


def torch_matmul(a, b):
    """``np.matmul(a, b)``, but for the small float matrices of examples and exercises, with the
    products added in the order PyTorch's BLAS (Intel MKL) adds them: one after another, without
    fused multiply-adds. That keeps float32 losses identical to PyTorch's to the last bit. Larger
    products use blocked kernels whose order NumPy cannot reproduce, so they go to NumPy."""
    if not enabled:
        return np.matmul(a, b)
    a, b = np.asarray(a), np.asarray(b)
    if (b.ndim > 1 and b.shape[-1] > 8) or a.dtype.kind != "f" or b.dtype.kind != "f" \
            or a.ndim == 0 or b.ndim == 0:
        return np.matmul(a, b)  # more than 8 columns is never on the sequential path below
    a2 = a[None, :] if a.ndim == 1 else a
    b2 = b[:, None] if b.ndim == 1 else b
    rows, inner, columns = a2.shape[-2], a2.shape[-1], b2.shape[-1]
    # Shapes where MKL was measured to add sequentially (a matrix-vector product with a
    # row-major matrix of 4+ rows uses another kernel).
    sequential = (columns <= 8 and inner <= 64 and (inner <= 3 or rows <= 16)
                  and not (columns == 1 and a2.flags.c_contiguous and rows >= 4 and inner >= 5))
    if not sequential or inner != b2.shape[-2]:
        return np.matmul(a, b)
    out = _sequential_products(a2, b2)
    if a.ndim == 1:
        out = out[..., 0, :]
    if b.ndim == 1:
        out = out[..., 0]
    return out
