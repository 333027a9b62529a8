"""Shared fixtures. ``torch`` is real PyTorch, the reference the engine is compared with.

Tests that take the ``torch`` fixture are skipped, with a reason, when PyTorch is not installed,
and they carry the ``torch`` marker (select them with ``-m torch``, leave them out with
``-m "not torch"``).
"""
import pytest


@pytest.fixture(scope="session")
def torch():
    return pytest.importorskip(
        "torch", reason="PyTorch is not installed; the comparison with the reference is skipped "
                        "(pip install autodidact[reference])")


def pytest_collection_modifyitems(items):
    for item in items:
        if "torch" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.torch)


@pytest.fixture(scope="session")
def maybe_torch():
    """PyTorch if installed, else None: for tests whose autodidact half must run either way."""
    try:
        import torch
    except ImportError:
        return None
    return torch
