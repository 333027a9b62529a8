"""A pytest plugin (registered under ``pytest11``): ``pytest exercises/`` ignores conftest.py files.

A ``conftest.py`` next to a learner's notebooks could rewrite every test's outcome. When every path
pytest is given is an exercises folder (one holding the ``test_exercises.py`` that
``autodidact.grading.strip`` generates), conftest loading is turned off, as ``--noconftest`` does,
and the run says so.
"""
from pathlib import Path

import pytest

MARKER = "from autodidact.grading.pytest_support import make_check_test"
_IGNORED = []


def _is_exercises_folder(path):
    folder = path if path.is_dir() else path.parent
    test_file = folder / "test_exercises.py"
    try:
        return test_file.is_file() and MARKER in test_file.read_text(encoding="utf-8")
    except OSError:
        return False


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config, parser, args):
    paths = [Path(a.split("::")[0]) for a in args if not a.startswith("-") and Path(a.split("::")[0]).exists()]
    if paths and all(_is_exercises_folder(p.resolve()) for p in paths):
        early_config.known_args_namespace.noconftest = True
        for path in paths:
            folder = path if path.is_dir() else path.parent
            _IGNORED.extend(str(c) for c in folder.rglob("conftest.py"))


def pytest_terminal_summary(terminalreporter):
    if _IGNORED:
        terminalreporter.write_line("autodidact: conftest.py files in the exercises folder were not loaded: "
                                    + ", ".join(_IGNORED))
