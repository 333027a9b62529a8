"""Shared fixtures. ``torch`` is real PyTorch, the reference the engine is compared with.

Tests that take the ``torch`` fixture are skipped, with a reason, when PyTorch is not installed,
and they carry the ``torch`` marker (select them with ``-m torch``, leave them out with
``-m "not torch"``). The tests run in parallel processes: ``../conftest.py`` gives the rules a
test must follow for that (temporary folders, free ports) and how tests are kept together.
"""
import os

import pytest
from hypothesis import settings

# In CI (.ci/run sets CI) every Hypothesis test draws the same examples on every run, so a red run
# means a change broke something, not that a new random draw found an old edge case. Locally the
# draws stay random, which is how such edge cases are found (raise AUTODIDACT_FUZZ_EXAMPLES too).
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


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


@pytest.fixture
def pytorch_order():
    """Switch on the emulation of PyTorch's float32 order (autodidact.parity.float32_order, off by
    default) for a test that compares last bits with PyTorch."""
    from autodidact.parity import float32_order

    previous = float32_order.use_pytorch_order(True)
    yield
    float32_order.use_pytorch_order(previous)


# The snippet cases are scripts run by test_pytorch_snippets.py in their own interpreter, not test
# modules (a case named like quickstart_train_test.py would otherwise be collected by pytest).
collect_ignore_glob = ["pytorch_snippets/*"]
