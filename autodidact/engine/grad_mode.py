"""Grad mode: whether operations are recorded for autograd right now.

``no_grad()`` turns recording off (parameter updates, evaluation), ``enable_grad()`` back on,
``set_grad_enabled(flag)`` either way, and ``inference_mode()`` is ``no_grad`` for code that will
never be differentiated. The flag is per thread, as in PyTorch.
"""
import threading


class _GradMode(threading.local):
    enabled = True
    inference = False  # inside inference_mode()


_grad_mode = _GradMode()


def is_grad_enabled():
    """True when operations are being recorded for autograd (the default)."""
    return _grad_mode.enabled


class set_grad_enabled:
    """Turn recording on or off: as a function call, a context manager, or a decorator."""

    def __init__(self, mode):
        self.mode = bool(mode)
        self.previous = _grad_mode.enabled
        _grad_mode.enabled = self.mode

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        _grad_mode.enabled = self.previous
        return False

    def __call__(self, function):  # @set_grad_enabled(False): the mode holds inside the function only
        _grad_mode.enabled = self.previous
        return _GradModeContext.__call__(self, function)


class _GradModeContext:
    mode = True

    def __enter__(self):
        self.previous = _grad_mode.enabled
        _grad_mode.enabled = self.mode
        return self

    def __exit__(self, *exc):
        _grad_mode.enabled = self.previous
        return False

    def __call__(self, function):  # use as a decorator
        mode = self.mode

        def wrapper(*args, **kwargs):
            previous = _grad_mode.enabled
            _grad_mode.enabled = mode
            try:
                return function(*args, **kwargs)
            finally:
                _grad_mode.enabled = previous

        wrapper.__name__ = getattr(function, "__name__", "wrapper")
        wrapper.__doc__ = getattr(function, "__doc__", None)
        return wrapper


class no_grad(_GradModeContext):
    """Stop recording: inside ``with no_grad():`` results have no ``grad_fn``.

    Use it for parameter updates (``p -= lr * p.grad``) and for evaluation.
    """

    mode = False


class enable_grad(_GradModeContext):
    """Record again, even inside a ``no_grad`` block."""

    mode = True


def is_inference_mode_enabled():
    """True inside ``inference_mode()``."""
    return _grad_mode.inference


class inference_mode:
    """Like ``no_grad``, for code that will never be differentiated (evaluation, serving a model).

    PyTorch skips even more bookkeeping in this mode; here it records nothing, as ``no_grad``, and
    ``is_inference_mode_enabled()`` says it is on. Use it as ``with torch.inference_mode():``, or as
    a decorator, ``@torch.inference_mode()`` or bare ``@torch.inference_mode``.
    ``inference_mode(False)`` switches it off (and recording on) inside an inference block.
    """

    def __new__(cls, mode=True):
        if callable(mode):  # @inference_mode without parentheses: mode is the decorated function
            return cls()(mode)
        return super().__new__(cls)

    def __init__(self, mode=True):
        self.mode = bool(mode)

    def __enter__(self):
        self.previous = (_grad_mode.enabled, _grad_mode.inference)
        _grad_mode.enabled, _grad_mode.inference = not self.mode, self.mode
        return self

    def __exit__(self, *exc):
        _grad_mode.enabled, _grad_mode.inference = self.previous
        return False

    def __call__(self, function):  # use as a decorator: a fresh context for every call
        mode = self.mode

        def wrapper(*args, **kwargs):
            with inference_mode(mode):
                return function(*args, **kwargs)

        wrapper.__name__ = getattr(function, "__name__", "wrapper")
        wrapper.__doc__ = getattr(function, "__doc__", None)
        wrapper.__wrapped__ = function
        return wrapper
