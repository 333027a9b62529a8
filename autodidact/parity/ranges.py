"""``arange``, ``linspace`` and ``logspace`` with PyTorch's values, to the last bit where we can.

NumPy and PyTorch compute these ranges in different orders, so the float32 values can differ in
the last bit, which shows when printed at full precision or compared with ``==``. PyTorch's CPU
kernels (``aten/src/ATen/native/cpu/RangeFactoriesKernel.cpp`` and ``RangeFactories.cpp``) do this:

- ``linspace``: the first half counts up from ``start``, the second half down from ``end``
  (``end - step * (steps - i - 1)``), so both ends are exact. The arithmetic is in the result's
  type, with a fused multiply-add on CPUs that have one (all current x86 and ARM ones).
- ``arange``: ``start + step * i`` in double precision; for float32, in blocks of 8 values: the
  first value of each block as above, the others as ``first + j * step``. The tail is per value.
- ``logspace``: ``base ** exponent`` with the exponents made like linspace's, in double precision.

A fused multiply-add is emulated with NumPy's ``longdouble``, which has 64 significant bits on x86
(so ``a * b`` of two float32 numbers is exact); on platforms where it is plain double a rare last
bit may still differ, as it does between PyTorch builds.
"""
import math

import numpy as np

_WIDE = np.longdouble


def _fused(a, b, c):
    """``a * b + c`` rounded once (as a fused multiply-add does), returned as float64."""
    return (np.asarray(a, _WIDE) * np.asarray(b, _WIDE) + np.asarray(c, _WIDE)).astype(np.float64)


def arange_size(start, end, step):
    """How many values ``arange(start, end, step)`` has; PyTorch's errors for impossible ranges."""
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if not (math.isfinite(start) and math.isfinite(end)):
        raise RuntimeError(f"unsupported range: {start} -> {end}")
    if (step > 0 and end < start) or (step < 0 and end > start):
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")
    if all(isinstance(v, int) for v in (start, end, step)):
        return max(0, -((start - end) // step))  # exact for integers of any size
    return int(math.ceil((float(end) - float(start)) / float(step)))


def arange(start, end, step, numpy_dtype):
    """The values of ``torch.arange(start, end, step, dtype=...)`` as PyTorch's CPU kernel makes them."""
    size = arange_size(start, end, step)
    numpy_dtype = np.dtype(numpy_dtype)
    if numpy_dtype.kind != "f":
        return (start + step * np.arange(size, dtype=np.int64)).astype(numpy_dtype) if size else \
            np.zeros(0, numpy_dtype)
    start, step = float(start), float(step)
    index = np.arange(size, dtype=np.float64)
    values = _fused(step, index, start)  # the first value of every block, and the tail
    block = 8 if numpy_dtype == np.float32 else 4  # values per SIMD register (AVX2 and NEON alike)
    blocked = size - size % (2 * block)  # the kernel fills two registers per step
    if blocked:
        firsts = values[:blocked:block, None]
        offsets = np.arange(block, dtype=np.float64)[None, :]
        if numpy_dtype == np.float32:  # the first value is rounded to float32, the rest added in double
            values[:blocked] = (firsts.astype(np.float32).astype(np.float64) + offsets * step).ravel()
        else:
            values[:blocked] = _fused(offsets, step, firsts).ravel()
    return values.astype(numpy_dtype)


def _counted_from_both_ends(start, end, steps, step, fused):
    """Exponents or values: ``start + step * i`` for the first half, ``end - step * (steps - 1 - i)``
    for the second, in float64 (rounded once per value when ``fused``)."""
    index = np.arange(steps, dtype=np.float64)
    half = steps // 2
    below, above = index[:half], steps - 1 - index[half:]
    if fused:
        return np.concatenate([_fused(step, below, start), _fused(-step, above, end)])
    return np.concatenate([start + step * below, end - step * above])


def linspace(start, end, steps, numpy_dtype):
    """The values of ``torch.linspace(start, end, steps, dtype=...)``."""
    numpy_dtype = np.dtype(numpy_dtype)
    if steps == 0:
        return np.zeros(0, numpy_dtype)
    if numpy_dtype.kind == "f":
        start, end = numpy_dtype.type(start), numpy_dtype.type(end)  # PyTorch rounds the ends first
    if steps == 1:
        return np.array([start], numpy_dtype)
    if numpy_dtype.kind == "f":
        step = (end - start) / numpy_dtype.type(steps - 1)  # in the result's type
    else:
        step = (float(end) - float(start)) / (steps - 1)  # integers step in double precision
    values = _counted_from_both_ends(float(start), float(end), steps, float(step), fused=True)
    if numpy_dtype.kind != "f":
        values = np.trunc(values)
    return values.astype(numpy_dtype)


def logspace(start, end, steps, base, numpy_dtype):
    """The values of ``torch.logspace(start, end, steps, base, dtype=...)``."""
    numpy_dtype = np.dtype(numpy_dtype)
    if steps == 0:
        return np.zeros(0, numpy_dtype)
    if steps == 1:
        return np.array([math.pow(base, float(start))], np.float64).astype(numpy_dtype)
    start, end = numpy_dtype.type(start), numpy_dtype.type(end)
    step = float(end - start) / (steps - 1)  # the difference in the result's type, then double
    exponents = _counted_from_both_ends(float(start), float(end), steps, step, fused=False)
    # math.pow is the C library's pow, as PyTorch's; NumPy's vectorised power can differ in the last bit.
    values = np.fromiter((math.pow(base, x) for x in exponents.tolist()), np.float64, count=steps)
    return values.astype(numpy_dtype)
