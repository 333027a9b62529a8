"""Exercises are data; running a check is one careful function.

An :class:`Exercise` has an id (``"2.1"``), a title, points and a list of :class:`Check` objects. A
check has a name, a hint (help that does not give the answer away) and a function
``function(learner)`` that looks up the learner's objects through ``learner`` (a :class:`Learner`),
calls them on freshly drawn inputs, and compares with the engine or with finite differences. A
check passes by returning; it fails by raising :class:`CheckFailed` (through ``fail`` or the
``expect_*`` helpers) with a detail that says what was observed.

:func:`run_exercise` runs every check of an exercise on a namespace and never lets learner code
escape: exceptions become a result that quotes the learner's own line, an infinite loop is stopped
after a time limit, printed output is captured and cut, and an untouched stub
(``raise NotImplementedError("Exercise 2.1: ...")``) is reported as "not attempted".

This module uses the engine only (no tracing, drawing or widgets).
"""
import contextlib
import io
import linecache
import math
import os
import re
import signal
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field

import numpy as np

PASSED, FAILED, ERROR, TIMEOUT, NOT_ATTEMPTED = "passed", "failed", "error", "timed out", "not attempted"
DEFAULT_TIME_LIMIT = 10.0  # seconds per check
MAX_DETAIL_CHARS = 1500
MAX_CAPTURED_CHARS = 600


class CheckFailed(Exception):
    """Raised by a check function: the learner's answer is wrong; the message says how."""


class MissingName(CheckFailed):
    """The object the exercise asks for is not in the namespace."""


class CheckTimeout(BaseException):
    """Raised inside a check that ran too long (a BaseException so `except Exception` cannot eat it)."""


def fail(detail):
    raise CheckFailed(detail)


@dataclass
class Check:
    name: str
    hint: str
    function: object  # callable(learner) -> None, raising CheckFailed on a wrong answer


@dataclass
class Exercise:
    id: str
    title: str
    points: float
    checks: list
    names: tuple = ()  # the names the learner defines (used for "did you delete the cell?" messages)

    def share(self, check):
        """The points one check is worth: equal shares, the last one taking the rounding remainder,
        so that the shares add up to exactly the exercise's points."""
        equal = round(self.points / len(self.checks), 4)
        if check is self.checks[-1]:
            return round(self.points - equal * (len(self.checks) - 1), 4)
        return equal

    @property
    def lesson(self):
        return int(self.id.split(".")[0])


@dataclass
class CheckResult:
    exercise_id: str
    name: str
    status: str
    detail: str = ""
    hint: str = ""
    score: float = 0.0
    max_score: float = 0.0

    @property
    def passed(self):
        return self.status == PASSED


@dataclass
class ExerciseResult:
    exercise: Exercise
    checks: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def score(self):
        return round(sum(c.score for c in self.checks), 2)

    @property
    def max_score(self):
        return self.exercise.points

    @property
    def passed_checks(self):
        return sum(c.passed for c in self.checks)

    @property
    def status(self):
        if self.checks and all(c.status == NOT_ATTEMPTED for c in self.checks):
            return NOT_ATTEMPTED
        if self.checks and all(c.passed for c in self.checks):
            return PASSED
        return FAILED

    def to_dict(self):
        return {
            "id": self.exercise.id, "title": self.exercise.title, "points": self.exercise.points,
            "score": self.score, "status": self.status, "notes": list(self.notes),
            "checks": [vars(c).copy() for c in self.checks],
        }


REGISTRY = {}


def register(exercise):
    if exercise.id in REGISTRY:
        raise ValueError(f"exercise {exercise.id} is registered twice")
    REGISTRY[exercise.id] = exercise
    return exercise


def exercises_for_lesson(lesson):
    from . import checks  # noqa: F401  (importing it fills REGISTRY)

    return [e for e in REGISTRY.values() if e.lesson == int(lesson)]


def get_exercise(exercise_id):
    from . import checks  # noqa: F401

    exercise_id = str(exercise_id).strip()
    if exercise_id not in REGISTRY:
        known = ", ".join(sorted(REGISTRY, key=_id_key))
        raise KeyError(f"There is no exercise '{exercise_id}'. Exercises are: {known}.")
    return REGISTRY[exercise_id]


def all_exercises():
    from . import checks  # noqa: F401

    return sorted(REGISTRY.values(), key=lambda e: _id_key(e.id))


def _id_key(exercise_id):
    return tuple(int(part) for part in exercise_id.split("."))


# --------------------------------------------------------------------------------------------
# What a check sees: the learner's namespace, a fresh random generator, and helpers


class Learner:
    """The learner's namespace as a check sees it."""

    def __init__(self, namespace, exercise, seed=None):
        self.namespace = namespace
        self.exercise = exercise
        # fresh entropy on every run, so a hard-coded answer fails (tests may pass a seed to replay a draw)
        self.rng = np.random.default_rng(seed)
        self.memo = {}  # lets the checks of one exercise share an expensive call (e.g. a training run)

    def get(self, name, kind="callable"):
        if name not in self.namespace:
            raise MissingName(
                f"`{name}` is not defined. Run the cell of Exercise {self.exercise.id} first. If you "
                "deleted or renamed that cell, or renamed the function, restore the name "
                f"`{name}` (a fresh copy of the notebook has the original cell)."
            )
        value = self.namespace[name]
        if kind == "callable" and not callable(value):
            raise CheckFailed(f"`{name}` should be a function, but it is a {type(value).__name__}.")
        if kind == "class" and not isinstance(value, type):
            raise CheckFailed(f"`{name}` should be a class, but it is a {type(value).__name__}.")
        return value

    def uniform(self, low, high, size=None):
        return self.rng.uniform(low, high, size)

    def away_from_zero(self, low, high):
        """A number with |x| in [low, high] and a random sign."""
        return float(self.rng.uniform(low, high) * self.rng.choice([-1.0, 1.0]))


def as_float(value, what):
    """The learner's answer as a Python float, or a clear failure."""
    from .._tensor import Tensor

    if isinstance(value, Tensor):
        if value._array.size != 1:
            fail(f"{what} should be one number, but it is a tensor of shape {list(value.shape)}.")
        return float(value._array.reshape(-1)[0])
    if isinstance(value, np.ndarray):
        if value.size != 1:
            fail(f"{what} should be one number, but it is an array of shape {list(value.shape)}.")
        return float(value.reshape(-1)[0])
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        fail(f"{what} should be a number, but it is {_describe(value)}.")
    return float(value)


def as_array(value, what):
    from .._tensor import Tensor

    if isinstance(value, Tensor):
        return value._array.astype(np.float64)
    if isinstance(value, (np.ndarray, list, tuple, int, float, np.number)) and not isinstance(value, bool):
        try:
            return np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            pass
    fail(f"{what} should be a tensor, but it is {_describe(value)}.")


def _describe(value):
    """'str 'abc'' or 'None': what the learner returned, short."""
    if value is None:
        return "None"
    text = repr(value)
    return f"{type(value).__name__} {text if len(text) <= 60 else text[:57] + '...'}"


def expect_close(actual, expected, what, where="", rtol=1e-4, atol=1e-6):
    """Fail unless the number ``actual`` is close to ``expected``."""
    actual = as_float(actual, what)
    if math.isnan(actual):
        fail(f"{what} is nan{where}.")
    if not math.isclose(actual, expected, rel_tol=rtol, abs_tol=atol):
        fail(f"{what}{where} is {actual:.6g}, but should be {expected:.6g}.")


def expect_array_close(actual, expected, what, where="", rtol=1e-4, atol=1e-6):
    """Fail unless the tensor/array ``actual`` has ``expected``'s shape and values."""
    expected = np.asarray(expected, dtype=np.float64)
    actual = as_array(actual, what)
    if actual.shape != expected.shape:
        fail(f"{what}{where}: the shape is {list(actual.shape)}, but it should be {list(expected.shape)}.")
    if np.isnan(actual).any():
        fail(f"{what}{where}: the result contains nan.")
    if not np.allclose(actual, expected, rtol=rtol, atol=atol):
        worst = np.unravel_index(np.argmax(np.abs(actual - expected)), expected.shape) if expected.ndim else ()
        index = f" at index {[int(i) for i in worst]}" if expected.ndim else ""
        fail(f"{what}{where}: the shape is right, but{index} the value is {actual[worst]:.6g} "
             f"instead of {expected[worst]:.6g}.")


# --------------------------------------------------------------------------------------------
# Running learner code safely


class _BoundedWriter(io.TextIOBase):
    """Keeps the first ``limit`` characters written and counts the rest (learners print in loops)."""

    def __init__(self, limit=MAX_CAPTURED_CHARS):
        self.limit, self.parts, self.kept, self.dropped = limit, [], 0, 0

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        room = self.limit - self.kept
        if room > 0:
            self.parts.append(text[:room])
            self.kept += min(room, len(text))
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def getvalue(self):
        text = "".join(self.parts)
        if self.dropped:
            text += f"\n... ({self.dropped} more characters cut)"
        return text


@contextlib.contextmanager
def time_limit(seconds):
    """Raise CheckTimeout in the main thread after ``seconds`` (no limit where signals cannot be used).

    The alarm repeats every 0.1 s after it first fires, so a loop that swallows the first one with
    a bare ``except:`` is still stopped.
    """
    usable = (seconds and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def on_alarm(signum, frame):
        raise CheckTimeout()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_LIBRARY_DIRS = tuple({os.path.abspath(p) for p in (sys.prefix, sys.base_prefix, np.__file__.rsplit(os.sep, 2)[0])})


def _is_learner_frame(filename):
    path = os.path.abspath(filename) if not filename.startswith("<") else filename
    if path.startswith("<"):
        return not path.startswith("<frozen")
    if path.startswith(_PACKAGE_DIR + os.sep):
        return False
    if "ipykernel_" in path or path.endswith(".ipynb"):
        return True
    return not path.startswith(_LIBRARY_DIRS)


def describe_exception(error):
    """'ValueError: message' plus the learner's own line that raised it (not the grader's)."""
    message = "".join(traceback.format_exception_only(type(error), error)).strip()
    frames = traceback.extract_tb(error.__traceback__)
    learner_frames = [f for f in frames if _is_learner_frame(f.filename)]
    if learner_frames:
        frame = learner_frames[-1]
        line = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
        where = f"in `{frame.name}`" if frame.name != "<module>" else "in your cell"
        message += f"\n  raised {where}, line {frame.lineno}: {line}"
    return message


_STUB = re.compile(r"^Exercise (\d+\.\d+)\b")


def _stub_of(error):
    """The exercise id of an untouched stub's ``raise NotImplementedError("Exercise 2.1: ...")``."""
    match = _STUB.match(str(error)) if isinstance(error, NotImplementedError) else None
    return match.group(1) if match else None


def cut(text, limit=MAX_DETAIL_CHARS):
    text = str(text)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text) - limit} more characters cut)"


def run_check(check, exercise, namespace, time_limit_seconds=DEFAULT_TIME_LIMIT, learner=None):
    """Run one check; always returns a CheckResult, whatever the learner's code does."""
    share = exercise.share(check)
    result = CheckResult(exercise.id, check.name, FAILED, hint=check.hint, max_score=share)
    output = _BoundedWriter()
    started = time.perf_counter()
    try:
        learner = learner or Learner(namespace, exercise)
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output), \
                np.errstate(all="ignore"), time_limit(time_limit_seconds):
            check.function(learner)
        result.status, result.score = PASSED, share
    except CheckTimeout:
        elapsed = time.perf_counter() - started
        result.status = TIMEOUT
        result.detail = (f"timed out: stopped after {elapsed:.1f} s (the limit is {time_limit_seconds:g} s "
                         "per check). Look for a loop that never ends, or far too many steps.")
    except CheckFailed as failure:
        result.detail = str(failure)
    except RecursionError as error:
        result.status, result.detail = ERROR, "RecursionError: " + str(error) + (
            "\n  A function calls itself without end (or a graph is walked recursively: use a loop).")
    except Exception as error:  # learner code raised: show their line, never our traceback
        stub = _stub_of(error)
        if stub == exercise.id:
            result.status, result.detail = NOT_ATTEMPTED, "not attempted yet"
        elif stub is not None:  # this exercise uses a function of another one that is still a stub
            result.status = ERROR
            result.detail = (f"your code calls the function of Exercise {stub}, which is not written yet. "
                             f"Do Exercise {stub} first, or write this one without it.")
        else:
            result.status, result.detail = ERROR, describe_exception(error)
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # SystemExit from learner code, for instance
        result.status, result.detail = ERROR, describe_exception(error)
    printed = output.getvalue().strip()
    if printed and result.status in (FAILED, ERROR):
        result.detail += "\n  your code printed: " + printed
    result.detail = cut(result.detail)
    return result


def run_exercise(exercise, namespace, time_limit_seconds=DEFAULT_TIME_LIMIT, seed=None):
    exercise = exercise if isinstance(exercise, Exercise) else get_exercise(exercise)
    result = ExerciseResult(exercise)
    learner = Learner(namespace, exercise, seed)
    for check in exercise.checks:
        result.checks.append(run_check(check, exercise, namespace, time_limit_seconds, learner))
    if result.status == NOT_ATTEMPTED:
        for check_result in result.checks:
            check_result.hint = ""
    return result
