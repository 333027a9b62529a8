"""Run a notebook's cells in this Python process (no kernel): fast, for tests and authoring.

This trusts the notebook (its code runs in the grader's process), so it is for the solutions and
for test fixtures, never for grading a learner: ``autodidact grade`` uses :mod:`.judge`.

Each ``check("x.y")`` cell is replaced by running that exercise's checks at that point, so the
namespace holds only what the notebook defined up to there: a check that needed a later exercise
would fail here.
"""
import linecache
import re

from .core import DEFAULT_TIME_LIMIT, run_exercise
from .probe import exception_location

CHECK_CELL = re.compile(r'^\s*check\(\s*["\'](\d+\.\d+)["\']\s*\)\s*$')


def run_cells(sources, name="notebook", time_limit=DEFAULT_TIME_LIMIT, seed=None):
    """Execute code sources in order; returns (namespace, {exercise id: ExerciseResult}, cell errors)."""
    namespace = {"__name__": "__main__", "In": [""]}  # IPython's input history, as a kernel keeps it
    results, errors = {}, []
    for index, source in enumerate(sources):
        namespace["In"].append(source)
        match = CHECK_CELL.match(source)
        if match:
            results[match.group(1)] = run_exercise(match.group(1), namespace, time_limit, seed)
            continue
        filename = f"<{name} cell {index}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        try:
            exec(compile(source, filename, "exec"), namespace)
        except Exception as error:  # like a notebook: the next cells still run
            where = exception_location(error)
            errors.append((index, f"{type(error).__name__}: {error}" + (f"\n  raised {where}" if where else "")))
    return namespace, results, errors


def run_notebook(notebook, name="notebook", time_limit=DEFAULT_TIME_LIMIT):
    sources = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    return run_cells(sources, name, time_limit)
