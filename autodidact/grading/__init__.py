"""Graded exercises: the checks, ``check("2.1")`` for the notebook, and ``autodidact grade``.

    from autodidact.grading import check
    check("2.1")          # in the notebook, right after the exercise cell

Exercises are data (:mod:`.core`: ``Exercise``, ``Check``; the checks themselves live in
:mod:`.checks`, one module per lesson). :mod:`.runner` executes learner notebooks headlessly and
:mod:`.report` prints the terminal table and writes Gradescope's ``results.json``. This package uses
the engine only: no tracing, drawing or widgets.
"""
from .core import (Check, CheckFailed, CheckResult, Exercise, ExerciseResult, all_exercises, fail,
                   get_exercise, run_exercise)
from .notebook import Feedback, check

__all__ = ["check", "Feedback", "Check", "CheckFailed", "CheckResult", "Exercise", "ExerciseResult",
           "all_exercises", "fail", "get_exercise", "run_exercise"]
