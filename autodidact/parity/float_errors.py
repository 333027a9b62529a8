"""Floating-point errors pass silently, as in PyTorch.

PyTorch computes ``log(0)``, ``1 / 0``, ``0 / 0`` or ``exp(1000)`` without a word: the results are
``-inf``, ``inf``, ``nan`` and ``inf``. NumPy gives the same values but also prints a
``RuntimeWarning`` ("divide by zero encountered in log"). The engine therefore runs its NumPy code
inside ``quiet()``, so that no such warning reaches the learner, whatever their warning filters.

``np.errstate(all="ignore")`` does exactly this, but costs a few microseconds each time, which is
more than a small op itself. NumPy 2 keeps the error state in a context variable, and setting that
directly costs a tenth of it; with an older NumPy, ``quiet()`` is ``np.errstate``.
"""
import functools

import numpy as np

try:
    from numpy._core._ufunc_config import _extobj_contextvar, _make_extobj

    _IGNORE_ALL = _make_extobj(all="ignore")
except ImportError:  # NumPy 1.x
    _extobj_contextvar = None


class _Quiet:
    __slots__ = ("token",)

    def __enter__(self):
        self.token = _extobj_contextvar.set(_IGNORE_ALL)
        return self

    def __exit__(self, *exc):
        _extobj_contextvar.reset(self.token)
        return False


def quiet():
    """A context in which NumPy's floating-point errors give no warning (see the module docstring)."""
    if _extobj_contextvar is None:
        return np.errstate(all="ignore")
    return _Quiet()


if _extobj_contextvar is None:
    def quietly(function, args, kwargs=None):
        """``function(*args, **kwargs)`` run in ``quiet()``: the same, in one call and without a
        context object, for the engine's forward pass, which runs it once per op."""
        with np.errstate(all="ignore"):
            return function(*args, **kwargs) if kwargs else function(*args)
else:
    # The same with NumPy 2, written for speed: it runs once per op. The context variable's set and
    # reset are looked up once, here, and the NumPy version is decided at import, not per call.
    _set_error_state, _reset_error_state = _extobj_contextvar.set, _extobj_contextvar.reset

    def quietly(function, args, kwargs=None):
        """``function(*args, **kwargs)`` run in ``quiet()``: the same, in one call and without a
        context object, for the engine's forward pass, which runs it once per op."""
        token = _set_error_state(_IGNORE_ALL)
        try:
            return function(*args, **kwargs) if kwargs else function(*args)
        finally:
            _reset_error_state(token)


def silently(function):
    """Decorate ``function`` so that it runs in ``quiet()``."""
    def run(*args, **kwargs):
        return quietly(function, args, kwargs)  # quiet() without a context object: fewer calls

    return functools.update_wrapper(run, function)  # its name, module and docstring, and __wrapped__
