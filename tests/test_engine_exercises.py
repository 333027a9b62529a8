"""Exercises 8-10 graded as ``autodidact grade`` grades them: the whole notebook runs first, then
every check. A learner who stops half way keeps the marks of what is done: no exercise of lessons
8-10 redefines what an earlier one wrote, so a later stub never breaks an earlier answer."""
from pathlib import Path

import nbformat
import pytest

from autodidact.grading import run_exercise
from autodidact.grading.core import NOT_ATTEMPTED, PASSED
from autodidact.grading.inprocess import CHECK_CELL, run_cells
from autodidact.grading.strip import strip_source

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = ["08_inside_the_engine", "09_scalar_engine", "10_tensor_engine"]


def exercise_cells(name):
    cells = [c.source for c in nbformat.read(REPO / "solutions" / f"{name}.ipynb", as_version=4).cells
             if c.cell_type == "code" and not CHECK_CELL.match(c.source)]
    ids = [c.split("\n", 1)[0].removeprefix("# EXERCISE ") if c.startswith("# EXERCISE ") else None for c in cells]
    return cells, ids


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_a_notebook_done_half_way_keeps_the_marks_of_the_done_part(name):
    cells, ids = exercise_cells(name)
    exercises = [i for i in ids if i]
    for done in range(len(exercises) + 1):
        finished = set(exercises[:done])
        sources = [source if (i is None or i in finished) else strip_source(source)
                   for source, i in zip(cells, ids)]
        namespace, _, errors = run_cells(sources, name=f"{name} with {done} done")
        assert errors == []
        for exercise_id in exercises:
            result = run_exercise(exercise_id, namespace)
            if exercise_id in finished:
                assert result.status == PASSED, (done, exercise_id, [c.detail for c in result.checks])
            else:
                assert result.status == NOT_ATTEMPTED or all(c.score == 0 for c in result.checks), (
                    done, exercise_id)
