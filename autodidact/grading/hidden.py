"""Hidden checks: an instructor's extra checks, kept out of the learner's package.

A folder passed with ``--checks DIR`` holds Python files in the usual check format (see the package
docstring); each defines ``HIDDEN``, a dict from exercise id to a list of :class:`~.core.Check`,
each with its own ``points``::

    from autodidact.grading import Check
    HIDDEN = {"2.1": [Check("also right near zero", ("...",), inputs, probe, judge, points=1)]}

They run only when grading (in the kernel, the probes; in the grader, the judgements), count
towards the exercise's total, and are reported as hidden until the due date (Gradescope
visibility ``after_due_date``). The probe code is visible to the submission while it is graded;
the expected answers never leave the grader's process.
"""
import importlib.util
from pathlib import Path

_CACHE = {}


class HiddenChecksError(ValueError):
    """A hidden-checks file is malformed."""


def hidden_checks(folder):
    """{exercise id: [Check, ...]} from every ``*.py`` file of ``folder`` (sorted by name)."""
    from .core import Check, get_exercise

    folder = str(Path(folder).resolve())
    if folder in _CACHE:
        return _CACHE[folder]
    found = {}
    for path in sorted(Path(folder).glob("*.py")):
        spec = importlib.util.spec_from_file_location(f"autodidact_hidden_checks.{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        table = getattr(module, "HIDDEN", None)
        if not isinstance(table, dict):
            raise HiddenChecksError(f"{path} should define HIDDEN = {{'2.1': [Check(...)], ...}}.")
        for exercise_id, checks in table.items():
            get_exercise(exercise_id)  # a KeyError names the known exercises
            for check in checks:
                if not isinstance(check, Check):
                    raise HiddenChecksError(f"{path}: HIDDEN[{exercise_id!r}] holds {check!r}, not a Check.")
                if check.points is None:
                    check.points = 1.0
                found.setdefault(exercise_id, []).append(check)
    _CACHE[folder] = found
    return found
