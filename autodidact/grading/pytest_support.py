"""Grading with pytest, for classroom CI services that run ``pytest``.

``exercises/test_exercises.py`` (generated with the exercises) holds two lines::

    from autodidact.grading.pytest_support import make_check_test
    test_check = make_check_test(__file__)

``pytest exercises/`` then runs every exercise notebook in that folder once, in a fresh kernel each
(exactly as ``autodidact grade`` does), and reports one test per check: the test fails with the
check's detail and hint, or is skipped-as-failed with "not attempted yet".
"""
from pathlib import Path

from .core import NOT_ATTEMPTED, exercises_for_lesson

_CACHE = {}


def _lesson_results(folder):
    from .runner import find_notebooks, grade_paths

    if folder not in _CACHE:
        _CACHE[folder] = grade_paths(find_notebooks(folder))
    return _CACHE[folder]


def _check_ids(folder):
    """('2.1', 'check name') for every check of every lesson with a notebook in the folder."""
    from .runner import lesson_of, read_notebook

    ids = []
    for path in sorted(Path(folder).glob("*.ipynb")):
        notebook, _ = read_notebook(path)
        lesson = lesson_of(notebook, path) if notebook is not None else None
        if lesson is None:
            ids.append((path.name, None))
            continue
        ids += [(exercise.id, check.name) for exercise in exercises_for_lesson(lesson) for check in exercise.checks]
    return ids


def make_check_test(test_file):
    import pytest

    folder = str(Path(test_file).resolve().parent)
    cases = _check_ids(folder)

    @pytest.mark.parametrize("exercise_id, check_name", cases,
                             ids=[f"{e}: {c}" if c else e for e, c in cases])
    def test_check(exercise_id, check_name):
        results = _lesson_results(folder)
        if check_name is None:
            broken = [r for r in results if Path(r.path).name == exercise_id]
            pytest.fail(f"{exercise_id} could not be graded: {broken[0].error if broken else 'unknown lesson'}",
                        pytrace=False)
        for lesson in results:
            for exercise in lesson.exercises:
                if exercise.exercise.id != exercise_id:
                    continue
                for check in exercise.checks:
                    if check.name == check_name:
                        if check.passed:
                            return
                        if check.status == NOT_ATTEMPTED:
                            pytest.fail(f"Exercise {exercise_id}: not attempted yet", pytrace=False)
                        message = f"Exercise {exercise_id}: {check.detail}"
                        if check.hint:
                            message += f"\nhint: {check.hint}"
                        pytest.fail(message, pytrace=False)
        pytest.fail(f"Exercise {exercise_id}: its notebook was not graded", pytrace=False)

    return test_check
