"""Warnings PyTorch gives only once per process (its ``TORCH_WARN_ONCE``) are given once here too.

Python's own "default" filter already shows a warning once per line of code; PyTorch's are once in
all, whatever the filter, so a loop or a second cell stays quiet after the first time.
"""
import warnings

_given = set()


def warn_once(message, category=UserWarning, stacklevel=2):
    """Warn with ``message`` unless it was given before in this process."""
    if message in _given:
        return
    _given.add(message)
    warnings.warn(message, category, stacklevel=stacklevel + 1)
