"""How ``python -m pytest`` spreads the tests over processes (pytest-xdist; pyproject's addopts).

The suite runs in parallel workers, ``-n auto --dist loadgroup``: each test goes to whichever
worker is free, except tests that must share one process, which are put in one group here:

- the cells of a notebook (nbval): they run one after another in the notebook's kernel;
- the tests of a module that uses a module-, class- or package-scoped fixture: the fixture is
  then built once, not once per worker (``graded_class`` grades a whole class in the sandbox).

Rules for a new test, so that it can run beside any other at the same time:
- write files under ``tmp_path`` (or ``tmp_path_factory``), never into the repository;
- a server (Jupyter, a browser's debugging port...) takes a free port (``free_port()`` in
  ``tests/browser_support.py``), never a fixed one;
- environment variables, the working directory and module globals are per worker: change them
  with ``monkeypatch`` (undone after the test), as in a serial run.
``python -m pytest -n 0`` runs everything in one process, as before.

This file is at the top of the repository so that it applies to every folder pytest collects
(``tests/``, ``notebooks/``, ``solutions/``), and to a run of one of them.
"""
import os

import pytest

# Cheap fixtures with a wider scope that do not need their module's tests kept together.
_SHAREABLE_FIXTURES = {"torch", "maybe_torch"}
_WIDE_SCOPES = {"module", "class", "package"}


def pytest_xdist_auto_num_workers(config):
    # One worker per core the system reports (xdist would count physical cores, 1 on some 2-vCPU
    # machines), 2 at the least: many tests wait (kernels starting, a browser, the grader's sandbox)
    # rather than compute. Not more: the grader's checks have wall-clock limits (10 s a check).
    return max(2, os.cpu_count() or 1)


def _group(item):
    if not isinstance(item, pytest.Function):
        return item.nodeid.split("::")[0]  # a notebook's cells (nbval): its file
    for name, definitions in item._fixtureinfo.name2fixturedefs.items():
        if name not in _SHAREABLE_FIXTURES and any(d.scope in _WIDE_SCOPES for d in definitions):
            return item.module.__name__
    return None


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the marks
def pytest_collection_modifyitems(config, items):
    for item in items:
        group = _group(item)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
