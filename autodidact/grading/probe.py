"""The kernel's side of a check: run one probe on the learner's namespace, answer in plain data.

:func:`run_probe` looks the learner's objects up (through a :class:`Learner`), calls the check's
probe on the inputs the grader sent, with a time limit and printed output captured, and returns
the answer as JSON text (:func:`.plain.envelope`). It never raises: an exception of the learner's
becomes a ``raised`` answer, a missing name a ``missing`` one, a loop that runs too long a
``timeout``. Nothing here decides a score; the judge (:mod:`.core`) does, in the grader's process.

:func:`answer` is what the grader sends to a learner's kernel: it finds the check by exercise id
and index and shows the envelope under a private MIME type.
"""
import contextlib
import io
import linecache
import os
import re
import signal
import sys
import threading
import traceback

import numpy as np

from . import plain

MAX_CAPTURED_CHARS = 600
MIME_TYPE = "application/x-autodidact-answer+json"


class MissingName(Exception):
    """The object an exercise asks for is not in the namespace, or is not the right kind."""

    def __init__(self, name, problem, held="", detail=""):
        super().__init__(f"{name}: {problem}")
        self.name, self.problem, self.held, self.detail = name, problem, held, detail


class CheckTimeout(BaseException):
    """Raised inside a probe that ran too long (a BaseException so `except Exception` cannot eat it)."""


class Learner:
    """The learner's namespace as a probe sees it."""

    def __init__(self, namespace, exercise):
        self.namespace = namespace
        self.exercise = exercise

    def get(self, name, kind="callable"):
        """The learner's ``name``; a MissingName (which the judge words for the learner) if it is not usable."""
        if name not in self.namespace:
            problem = exercise_cell_syntax_error(self.namespace, self.exercise.id)
            raise MissingName(name, "syntax error" if problem else "undefined", detail=problem or "")
        value = self.namespace[name]
        if kind == "callable" and not callable(value):
            raise MissingName(name, "not callable", type(value).__name__)
        if kind == "class" and not isinstance(value, type):
            raise MissingName(name, "not a class", type(value).__name__)
        return value


def exercise_cell_syntax_error(namespace, exercise_id):
    """'line 3: return x +  (invalid syntax)' when the last run of the exercise's cell did not compile.

    IPython keeps every executed cell's source in ``In``; a cell with a syntax error never ran, so
    the names it defines are missing, and this says why.
    """
    history = namespace.get("In")
    if not isinstance(history, list):
        return None
    marker = re.compile(rf"^\s*# EXERCISE {re.escape(exercise_id)}\s*$", re.MULTILINE)
    for source in reversed(history):
        if isinstance(source, str) and marker.search(source):
            try:
                compile(source, f"Exercise {exercise_id}", "exec")
            except SyntaxError as error:
                line = (error.text or "").strip()
                return f"line {error.lineno}: {line}  ({error.msg})"
            except Exception:
                return None
            return None
    return None


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
    a bare ``except:`` is still stopped. (A learner can still turn the timer off; the grader's own
    deadline outside the kernel is the limit that cannot be dodged.)
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


def exception_location(error):
    """'in `f_prime`, line 3: return slope / 0': the learner's own line that raised (not the grader's)."""
    frames = traceback.extract_tb(error.__traceback__)
    learner_frames = [f for f in frames if _is_learner_frame(f.filename)]
    if not learner_frames:
        return ""
    frame = learner_frames[-1]
    line = (frame.line or linecache.getline(frame.filename, frame.lineno)).strip()
    where = f"in `{frame.name}`" if frame.name != "<module>" else "in your cell"
    return f"{where}, line {frame.lineno}" + (f": {line}" if line else "")


_STUB = re.compile(r"^Exercise (\d+\.\d+)\b")


def stub_of(error):
    """The exercise id of an untouched stub's ``raise NotImplementedError("Exercise 2.1: ...")``."""
    try:
        match = _STUB.match(str(error)) if isinstance(error, NotImplementedError) else None
    except Exception:
        return None
    return match.group(1) if match else None


def run_probe(check, exercise, inputs, namespace, seconds, interrupt_stops=False):
    """Call ``check.probe`` on the learner's namespace; the answer as JSON text.

    Never raises, except that with ``interrupt_stops`` a KeyboardInterrupt (the learner pressed
    Interrupt during ``check()`` in the notebook) stops the check as it stops any cell. In the
    grader's kernel an interrupt is the grader's own deadline, and counts as a timeout.
    """
    output = _BoundedWriter()
    try:
        with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output), \
                np.errstate(all="ignore"), time_limit(seconds):
            value = check.probe(Learner(namespace, exercise), inputs)
            description = plain.describe(value)
    except CheckTimeout:
        description = {"t": "timeout"}
    except KeyboardInterrupt:
        if interrupt_stops:
            raise
        description = {"t": "timeout"}
    except BaseException as error:  # learner code raised (SystemExit included): report it by class
        try:
            description = plain.describe_exception(error)
        except BaseException:
            description = {"t": "raised", "type": "Exception", "message": "", "where": "", "stub": None}
    return plain.envelope(description, output.getvalue())


class _Answer:
    def __init__(self, text):
        self.text = text

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {MIME_TYPE: self.text, "text/plain": "(autodidact: an answer for the grader)"}


_ANSWERED = {}  # (exercise, probe, inputs) -> answer: checks sharing one call (e.g. a training run) run it once


def answer(exercise_id, index, inputs_json, namespace, seconds, checks_dir=None):
    """Run check number ``index`` of exercise ``exercise_id`` on ``namespace`` (what the grader sends)."""
    import json

    from .core import find_check

    exercise, check = find_check(exercise_id, index, checks_dir)
    key = (exercise_id, id(check.probe), inputs_json, id(namespace))
    if key not in _ANSWERED:
        if len(_ANSWERED) > 200:
            _ANSWERED.clear()
        _ANSWERED[key] = run_probe(check, exercise, json.loads(inputs_json), namespace, seconds)
    return _Answer(_ANSWERED[key])
