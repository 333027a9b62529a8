"""Exercises are data; a check is a probe plus a judgement (the format is in the package docstring).

:func:`judge_answer` turns one probe's answer into a :class:`CheckResult`: it decodes the plain
data, words a missing name, an exception or a time-out for the learner, and otherwise calls the
check's judgement, which compares with the engine (in the grader's process). :func:`run_exercise`
runs probe and judgement one after the other in this process, for ``check("2.1")`` in a notebook
and for tests; ``autodidact grade`` runs the probes in the learner's kernel instead and judges here.

This module uses the engine only (no tracing, drawing or widgets).
"""
import hashlib
import math
import re
from dataclasses import dataclass, field

import numpy as np

from . import plain
from .plain import Missing, Opaque, PayloadError, Raised, TensorFacts  # noqa: F401  (for check modules)

PASSED, FAILED, ERROR, TIMEOUT, NOT_ATTEMPTED = "passed", "failed", "error", "timed out", "not attempted"
DEFAULT_TIME_LIMIT = 10.0  # seconds per check
MAX_DETAIL_CHARS = 1500


class CheckFailed(Exception):
    """Raised by a judgement: the learner's answer is wrong; the message says how."""


def fail(detail):
    raise CheckFailed(detail)


@dataclass
class Check:
    """One graded question: ``inputs(rng)`` and ``judge(inputs, answer)`` run in the grader,
    ``probe(learner, inputs)`` in the learner's kernel. ``hints`` go from "where to look" to "more"."""
    name: str
    hints: tuple
    inputs: object   # callable(rng) -> plain data (JSON: numbers, strings, lists, dicts)
    probe: object    # callable(learner, inputs) -> the learner's values (described into plain data)
    judge: object    # callable(inputs, answer) -> None; raises CheckFailed on a wrong answer
    points: float = None  # only for hidden checks, which add to the exercise's points

    def __post_init__(self):
        if isinstance(self.hints, str):
            self.hints = (self.hints,)
        self.hints = tuple(self.hints)

    @property
    def hint(self):
        return self.hints[0] if self.hints else ""


@dataclass
class Exercise:
    id: str
    title: str
    points: float
    checks: list
    names: tuple = ()  # the names the learner defines (used for "did you delete the cell?" messages)

    def share(self, check):
        """The points one check is worth: equal shares, the last one taking the rounding remainder,
        so that the shares add up to exactly the exercise's points (a hidden check has its own)."""
        if check.points is not None:
            return float(check.points)
        visible = [c for c in self.checks if c.points is None]
        equal = round(self.points / len(visible), 4)
        if check is visible[-1]:
            return round(self.points - equal * (len(visible) - 1), 4)
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
    hidden: bool = False

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
        return round(sum(min(c.score, c.max_score) for c in self.checks), 4)

    @property
    def max_score(self):
        return round(sum(c.max_score for c in self.checks), 4) if self.checks else self.exercise.points

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
            "id": self.exercise.id, "title": self.exercise.title, "points": self.max_score,
            "score": self.score, "status": self.status, "notes": list(self.notes),
            "checks": [vars(c).copy() for c in self.checks],
        }


REGISTRY = {}


def register(exercise):
    if exercise.id in REGISTRY:
        raise ValueError(f"exercise {exercise.id} is registered twice")
    REGISTRY[exercise.id] = exercise
    return exercise


def _load():
    from . import checks  # noqa: F401  (importing it fills REGISTRY)


def exercises_for_lesson(lesson):
    _load()
    return sorted((e for e in REGISTRY.values() if e.lesson == int(lesson)), key=lambda e: id_key(e.id))


def get_exercise(exercise_id):
    _load()
    exercise_id = str(exercise_id).strip()
    if exercise_id not in REGISTRY:
        known = ", ".join(sorted(REGISTRY, key=id_key))
        raise KeyError(f"There is no exercise '{exercise_id}'. Exercises are: {known}.")
    return REGISTRY[exercise_id]


def all_exercises():
    _load()
    return sorted(REGISTRY.values(), key=lambda e: id_key(e.id))


def id_key(exercise_id):
    return tuple(int(part) for part in exercise_id.split("."))


def find_check(exercise_id, index, checks_dir=None):
    """The exercise and its check number ``index``, hidden checks from ``checks_dir`` counted after the others."""
    exercise = get_exercise(exercise_id)
    checks = list(exercise.checks)
    if checks_dir:
        from .hidden import hidden_checks

        checks += hidden_checks(checks_dir).get(exercise_id, [])
    return exercise, checks[int(index)]


# --------------------------------------------------------------------------------------------
# Inputs: drawn in the grader, reproducibly when a seed is given


def rng_for(seed, exercise_id, index):
    """The random generator of one check: fresh entropy without a seed, else derived from it."""
    if seed is None:
        return np.random.default_rng()
    digest = hashlib.sha256(f"{seed}\x00{exercise_id}\x00{index}".encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:16], "little"))


def draw_inputs(check, rng):
    """``check.inputs(rng)`` made plain: the JSON round trip the grader's message to the kernel takes."""
    import json

    return json.loads(json.dumps(check.inputs(rng)))


def all_inputs(exercise, checks, seed):
    """The inputs of each check. Checks that share their inputs and probe functions (several
    judgements of one call, e.g. a training run) share one draw, so the kernel runs the call once."""
    drawn, shared = [], {}
    for index, check in enumerate(checks):
        key = (check.inputs, check.probe)
        if key not in shared:
            shared[key] = draw_inputs(check, rng_for(seed, exercise.id, index))
        drawn.append(shared[key])
    return drawn


# --------------------------------------------------------------------------------------------
# Helpers for judgements: they read the decoded answer and fail with what they saw


def describe(value):
    """'a str 'abc'', 'None', 'a tensor of shape [3]': what the learner returned, short."""
    if value is None:
        return "None"
    if isinstance(value, TensorFacts):
        return f"a tensor of shape {value.shape}"
    if isinstance(value, np.ndarray):
        return f"a NumPy array of shape {list(value.shape)}"
    if isinstance(value, Opaque):
        return f"{article(value.type)} {value.type} ({value.repr})"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of {len(value)} items"
    text = repr(value)
    name = type(value).__name__
    return f"{article(name)} {name} {text if len(text) <= 60 else text[:57] + '...'}"


def article(word):
    return "an" if str(word)[:1].lower() in "aeiou" else "a"


def as_float(value, what):
    """The learner's answer as a Python float, or a clear failure."""
    if isinstance(value, TensorFacts):
        if value.values.size != 1:
            fail(f"{what} should be one number, but it is a tensor of shape {value.shape}.")
        return float(value.values.reshape(-1)[0])
    if isinstance(value, (np.ndarray, np.generic)) and not isinstance(value, np.bool_):
        if np.size(value) != 1:
            fail(f"{what} should be one number, but it is an array of shape {list(np.shape(value))}.")
        return float(np.reshape(value, -1)[0])
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail(f"{what} should be a number, but it is {describe(value)}.")
    return float(value)


def as_array(value, what):
    if isinstance(value, TensorFacts):
        return value.values.astype(np.float64)
    if isinstance(value, (np.ndarray, np.generic)) and not isinstance(value, np.bool_):
        return np.asarray(value, dtype=np.float64)
    if isinstance(value, (list, tuple, int, float)) and not isinstance(value, bool):
        try:
            return np.asarray(value, dtype=np.float64)
        except (TypeError, ValueError):
            pass
    fail(f"{what} should be an array or a tensor of numbers, but it is {describe(value)}.")


def as_tensor(value, what):
    """The learner's answer, which must be a tensor (not an array or a list)."""
    if not isinstance(value, TensorFacts):
        fail(f"{what} should be a tensor, but it is {describe(value)}.")
    return value


def as_tuple(value, length, what):
    if not isinstance(value, tuple) or len(value) != length:
        fail(f"{what} should return a tuple of {length} values, but it returned {describe(value)}.")
    return value


def constant_factor_note(actual, expected, rtol=1e-4):
    """A sentence naming the mistake when every value is off by one constant factor (a dropped 2, a
    sum where a mean is asked, a flipped sign), else ''. Two values or more are needed for a factor
    to say anything more than the comparison already does, except for a flipped sign."""
    actual, expected = np.asarray(actual, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    nonzero = np.abs(expected) > 1e-9
    if not nonzero.any() or np.any(np.abs(actual[~nonzero]) > 1e-9):
        return ""
    ratios = actual[nonzero] / expected[nonzero]
    factor = float(np.median(ratios))
    if not np.allclose(ratios, factor, rtol=rtol) or abs(factor - 1) <= rtol or factor == 0:
        return ""
    if abs(factor + 1) <= rtol:
        return " Every value has the right size but the opposite sign: look for a flipped sign."
    size = abs(factor)
    simple = any(abs(size - k) <= rtol * k or abs(size - 1 / k) <= rtol / k for k in range(2, 11))
    if ratios.size < 2 and not simple:  # one number is some multiple of any other
        return ""
    subject = "Every value is" if ratios.size > 1 else "That is"
    return (f" {subject} {factor:.4g} times the right one: your formula is right up to a constant "
            "factor. Look for a factor that is missing or extra, or a sum where a mean is asked.")


def expect_close(actual, expected, what, where="", rtol=1e-4, atol=1e-6):
    """Fail unless the number ``actual`` is close to ``expected``."""
    actual = as_float(actual, what)
    if math.isnan(actual):
        fail(f"{what} is nan{where}.")
    if not abs(actual - expected) <= max(atol, rtol * abs(expected)):
        fail(f"{what}{where} is {actual:.6g}, but should be {expected:.6g}."
             + constant_factor_note(actual, expected, rtol))


def expect_array_close(actual, expected, what, where="", rtol=1e-4, atol=1e-6):
    """Fail unless the tensor/array ``actual`` has ``expected``'s shape and values."""
    expected = np.asarray(expected, dtype=np.float64)
    actual = as_array(actual, what)
    if actual.shape != expected.shape:
        fail(f"{what}{where}: the shape is {list(actual.shape)}, but it should be {list(expected.shape)}.")
    if np.isnan(actual).any():
        fail(f"{what}{where}: the result contains nan.")
    wrong = np.abs(actual - expected) > atol + rtol * np.abs(expected)
    if wrong.any():
        worst = np.unravel_index(np.argmax(np.abs(actual - expected)), expected.shape) if expected.ndim else ()
        index = f" at index {[int(i) for i in worst]}" if expected.ndim else ""
        fail(f"{what}{where}: the shape is right, but{index} the value is {actual[worst]:.6g} "
             f"instead of {expected[worst]:.6g}." + constant_factor_note(actual, expected, rtol))


# --------------------------------------------------------------------------------------------
# Judging one answer


def cut(text, limit=MAX_DETAIL_CHARS):
    text = str(text)
    return text if len(text) <= limit else text[:limit] + f"... ({len(text) - limit} more characters cut)"


def _missing_text(missing, exercise):
    name = missing.name
    if missing.problem == "syntax error":
        return (f"Exercise {exercise.id}'s cell has a syntax error, so Python could not run it and `{name}` "
                f"is not defined: {missing.detail}. Fix that line and run the cell again.")
    if missing.problem == "not callable":
        return f"`{name}` should be a function, but it is {article(missing.type)} {missing.type}."
    if missing.problem == "not a class":
        return f"`{name}` should be a class, but it is {article(missing.type)} {missing.type}."
    return (f"`{name}` is not defined. Run the cell of Exercise {exercise.id} first. If you deleted or "
            f"renamed that cell, or renamed the function, restore the name `{name}` (a fresh copy of the "
            "notebook has the original cell).")


OPERATOR_METHODS = {"+": "__add__", "-": "__sub__", "*": "__mul__", "/": "__truediv__", "@": "__matmul__",
                    "** or pow()": "__pow__"}
_UNSUPPORTED = re.compile(r"unsupported operand type\(s\) for (.+?): '(\w+)' and '(\w+)'")


def missing_operator_note(raised):
    """For ``a - b`` on a learner's class that has no ``__sub__`` yet (raised in the check's own code,
    so no line of the learner's is shown): which method to write, and that an earlier exercise asks for it."""
    match = _UNSUPPORTED.search(raised.message) if raised.type == "TypeError" and not raised.where else None
    if not match or match.group(1) not in OPERATOR_METHODS:
        return ""
    symbol, left, right = match.groups()
    method = OPERATOR_METHODS[symbol]
    numbers = ("int", "float")
    if left in numbers:  # 2.5 - a: Python asks the right operand's reflected method
        method, cls = "__r" + method[2:], right
    else:
        cls = left
    operands = {(True, False): ("2", "a"), (False, True): ("a", "2")}.get((left in numbers, right in numbers), ("a", "b"))
    return (f"\n  The check computed `{operands[0]} {symbol.split()[0]} {operands[1]}` with your values, "
            f"and your class {cls} has no "
            f"{method} method yet. Write it (an earlier exercise of this notebook may ask for it), run its "
            "cell, then this check again.")


_NONE_ATTRIBUTE = re.compile(r"'NoneType' object has no attribute '(\w+)'")
_TENSOR_ATTRIBUTES = {"zero_", "item", "data", "numpy", "tolist", "shape", "sum", "mean", "detach", "clone",
                      "add_", "sub_", "mul_", "copy_", "fill_", "T"}


def none_tensor_note(raised):
    """For ``p.grad.zero_()`` on a None gradient: where a None .grad comes from, the usual cause in
    these exercises (a name rebound to a new, non-leaf tensor, or no backward() yet)."""
    match = _NONE_ATTRIBUTE.search(raised.message) if raised.type == "AttributeError" else None
    if not match or match.group(1) not in _TENSOR_ATTRIBUTES:
        return ""
    return (f"\n  A value you used as a tensor (.{match.group(1)}) is None. If it is a .grad: it stays None "
            "until a backward() reaches the tensor, and for a tensor made by an operation. After "
            "`p = p - lr * p.grad` the name p holds such a new tensor, whose .grad is None: update the "
            "parameter itself in place (p -= lr * p.grad) under torch.no_grad().")


def timeout_result(exercise, check, seconds, hidden=False, how="stopped"):
    return CheckResult(exercise.id, check.name, TIMEOUT, cut(
        f"timed out: {how} after {seconds:g} s (the limit per check). Look for a loop that never ends, "
        "or far too many steps."), check.hint, 0.0, exercise.share(check), hidden)


def judge_answer(exercise, check, inputs, text, seconds=DEFAULT_TIME_LIMIT, hidden=False):
    """The CheckResult of one probe's answer (JSON text from the kernel); every comparison is made here."""
    share = exercise.share(check)
    result = CheckResult(exercise.id, check.name, FAILED, hint=check.hint, max_score=share, hidden=hidden)
    try:
        answer, printed = plain.decode(text)
    except PayloadError as error:
        result.detail = (f"the grader could not read your kernel's answer ({error}): did the notebook "
                         "replace parts of Python (json, display, print) the grader needs?")
        return result
    if isinstance(answer, Raised) and answer.timed_out:
        return timeout_result(exercise, check, seconds, hidden)
    if isinstance(answer, Missing):
        result.detail = _missing_text(answer, exercise)
    elif isinstance(answer, Raised):
        if answer.stub == exercise.id:
            result.status, result.detail, result.hint = NOT_ATTEMPTED, "not attempted yet", ""
        elif answer.stub is not None:
            result.status = ERROR
            result.detail = (f"your code calls the function of Exercise {answer.stub}, which is not written "
                             f"yet. Do Exercise {answer.stub} first, or write this one without it.")
        else:
            result.status, result.detail = ERROR, answer.text()
            result.detail += missing_operator_note(answer) + none_tensor_note(answer)
            if answer.type == "RecursionError":
                result.detail += ("\n  A function calls itself without end (or a graph is walked "
                                  "recursively: use a loop).")
    else:
        try:
            check.judge(inputs, answer)
            result.status, result.score = PASSED, share
        except CheckFailed as failure:
            result.detail = str(failure)
        except Exception as error:  # an answer of a form the judgement did not foresee
            result.detail = f"your answer has an unexpected form ({describe(answer)}; {type(error).__name__})."
    if printed.strip() and result.status in (FAILED, ERROR):
        result.detail += "\n  your code printed: " + printed.strip()
    result.detail = cut(result.detail)
    return result


def run_exercise(exercise, namespace, time_limit=DEFAULT_TIME_LIMIT, seed=None, checks=None):
    """Probe and judge every check of ``exercise`` here, on ``namespace`` (the notebook's feedback)."""
    from .probe import run_probe

    exercise = exercise if isinstance(exercise, Exercise) else get_exercise(exercise)
    result = ExerciseResult(exercise)
    checks = checks or exercise.checks
    answers = {}  # one probe call per (probe, inputs) shared by several checks
    for check, inputs in zip(checks, all_inputs(exercise, checks, seed)):
        key = (check.probe, id(inputs))
        if key not in answers:
            answers[key] = run_probe(check, exercise, inputs, namespace, time_limit, interrupt_stops=True)
        text = answers[key]
        result.checks.append(judge_answer(exercise, check, inputs, text, time_limit))
    if result.status == NOT_ATTEMPTED:
        for check_result in result.checks:
            check_result.hint = ""
    return result
