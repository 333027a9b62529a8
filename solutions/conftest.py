"""When pytest runs the solution notebooks (nbval), a failing check(...) must fail the run.

check() normally only shows ✓/✗; with AUTODIDACT_STRICT_CHECKS=1 it raises instead. The kernel nbval
starts for a notebook inherits this process's environment, so the variable is set while the solution
notebooks' cells run, and only then: other tests (the browser tests, say) start kernels that must
show ✗ without raising.
"""
import os

import pytest

STRICT = "AUTODIDACT_STRICT_CHECKS"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    os.environ[STRICT] = "1"  # before nbval's setup starts the notebook's kernel


@pytest.hookimpl(trylast=True)
def pytest_runtest_teardown(item, nextitem):
    os.environ.pop(STRICT, None)
