"""Grading with pytest, for classroom CI services that run ``pytest``.

``exercises/test_exercises.py`` (generated with the exercises) holds two lines::

    from autodidact.grading.pytest_support import make_check_test
    test_check = make_check_test(__file__)

``pytest exercises/`` then grades the folder once with the same sandboxed judge as
``autodidact grade`` and reports one test per check: the test fails with the check's detail and
hint. The lessons are those whose notebooks are in the folder, identified by file name.

``conftest.py`` files in the exercises folder are not loaded: the plugin in
:mod:`.pytest_plugin` (installed with the package) turns conftest loading off when every path
pytest is given is an exercises folder. pytest still reads the folder's own configuration files,
so marks you can trust come from ``autodidact grade``/``grade-class``/Gradescope, not from pytest's
exit code (see the README's threat model).
"""
from pathlib import Path

from .core import NOT_ATTEMPTED

_CACHE = {}


def _lessons(folder):
    from .checks import NOTEBOOKS

    return [lesson for lesson, name in sorted(NOTEBOOKS.items()) if (Path(folder) / name).is_file()]


def _graded(folder):
    from .assignment import Assignment
    from .judge import grade_submission

    if folder not in _CACHE:
        _CACHE[folder] = grade_submission(folder, Assignment(lessons=_lessons(folder)))
    return _CACHE[folder]


def _check_ids(folder):
    """('2.1', 'check name') for every check of every lesson with a notebook in the folder."""
    from .core import exercises_for_lesson

    return [(exercise.id, check.name) for lesson in _lessons(folder)
            for exercise in exercises_for_lesson(lesson) for check in exercise.checks]


def make_check_test(test_file):
    import pytest

    folder = str(Path(test_file).resolve().parent)
    cases = _check_ids(folder)

    @pytest.mark.parametrize("exercise_id, check_name", cases, ids=[f"{e}: {c}" for e, c in cases])
    def test_check(exercise_id, check_name):
        result = _graded(folder)
        for exercise in result.exercise_results():
            if exercise.exercise.id != exercise_id:
                continue
            for check in exercise.checks:
                if check.name != check_name:
                    continue
                if check.passed:
                    return
                if check.status == NOT_ATTEMPTED:
                    pytest.fail(f"Exercise {exercise_id}: not attempted yet", pytrace=False)
                message = f"Exercise {exercise_id}: {check.detail}"
                if check.hint:
                    message += f"\nhint: {check.hint}"
                for note in exercise.notes:
                    message += f"\nnote: {note}"
                pytest.fail(message, pytrace=False)
        pytest.fail(f"Exercise {exercise_id}: its notebook was not graded", pytrace=False)

    return test_check
