"""The judge: grade one submission in a sandbox, with every comparison made in this process.

:func:`grade_submission` takes the submission's inventory (:mod:`.assignment`), draws every
check's inputs from the student's seed, starts the worker in a sandbox (:mod:`.sandbox`), and reads
its answers as they come: each is decoded and validated (:mod:`.plain`) and judged here
(:func:`.core.judge_answer`). When the worker is done, or its time is up, every process of the
submission is killed, and only then are the results put together: a check whose answer never
came scores 0 and says why; the checks answered before a kernel was killed keep their points.
"""
import json
import re
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import sandbox as sandboxes
from .assignment import Assignment, take_inventory
from .core import (DEFAULT_TIME_LIMIT, ERROR, NOT_ATTEMPTED, PASSED, TIMEOUT, CheckResult, ExerciseResult,
                   all_inputs, exercises_for_lesson, judge_answer, timeout_result)

DEFAULT_CELL_TIMEOUT = 60.0
MAX_SUBMISSION_SECONDS = 1200.0
EXERCISE_MARKER = re.compile(r"^\s*# EXERCISE (\d+\.\d+)\s*$", re.MULTILINE)
CHECK_CELL = re.compile(r'^\s*check\(\s*["\'](\d+\.\d+)["\']\s*\)\s*;?\s*$')
_JUDGING = threading.Lock()  # judgements use the engine; one at a time when submissions run in parallel


class GradingUnavailable(RuntimeError):
    """Grading cannot run at all (no Jupyter kernel, no sandbox asked for): the CLI exits with code 2."""


class GradingCompromised(RuntimeError):
    """The installed package changed on disk while grading: no later result could be trusted."""


_FINGERPRINT = []


def package_fingerprint():
    """A hash of the autodidact package's source files (the probes the kernels import come from them)."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted(sandboxes.PACKAGE_DIR.rglob("*.py")):
        digest.update(str(path.relative_to(sandboxes.PACKAGE_DIR)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _check_package_unchanged(student):
    if not _FINGERPRINT:
        _FINGERPRINT.append(package_fingerprint())
        return
    if package_fingerprint() != _FINGERPRINT[0]:
        raise GradingCompromised(
            f"the autodidact package on disk changed while {student}'s submission was graded: grading stopped, "
            "because later kernels would import the changed probes. Reinstall autodidact and use the bubblewrap "
            "sandbox, which mounts the package read-only.")


@dataclass
class LessonResult:
    path: str
    lesson: int = None
    exercises: list = field(default_factory=list)  # ExerciseResult
    notes: list = field(default_factory=list)
    error: str = ""  # set when the notebook could not be graded at all
    seconds: float = 0.0

    @property
    def score(self):
        return round(sum(e.score for e in self.exercises), 4)

    @property
    def max_score(self):
        return round(sum(e.max_score for e in self.exercises), 4)

    def to_dict(self):
        return {"path": self.path, "lesson": self.lesson, "score": self.score, "max_score": self.max_score,
                "error": self.error, "notes": list(self.notes), "exercises": [e.to_dict() for e in self.exercises]}


@dataclass
class SubmissionResult:
    student: str
    submission: str
    lessons: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    seed: str = ""
    sandbox: str = ""
    assignment: str = ""
    seconds: float = 0.0

    @property
    def score(self):
        return round(sum(r.score for r in self.lessons), 4)

    @property
    def max_score(self):
        return round(sum(r.max_score for r in self.lessons), 4)

    def exercise_results(self):
        return [e for lesson in self.lessons for e in lesson.exercises]

    def to_dict(self):
        return {"student": self.student, "submission": self.submission, "assignment": self.assignment,
                "score": self.score, "max_score": self.max_score, "seed": self.seed, "sandbox": self.sandbox,
                "seconds": round(self.seconds, 2), "notes": list(self.notes),
                "lessons": [lesson.to_dict() for lesson in self.lessons]}


def zero_results(exercises, reason, hidden=()):
    """Zero-point results for exercises that could not be graded, each saying why."""
    results = []
    for exercise in exercises:
        checks = list(exercise.checks) + list(hidden.get(exercise.id, []) if hidden else [])
        results.append(ExerciseResult(exercise, [
            CheckResult(exercise.id, c.name, ERROR, f"not graded: {reason}", "", 0.0, exercise.share(c),
                        c.points is not None) for c in checks]))
    return results


def cell_notes(notebook, exercises):
    """Messages about deleted, renamed or duplicated exercise cells."""
    found = {}
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code":
            for exercise_id in EXERCISE_MARKER.findall(cell.source):
                found.setdefault(exercise_id, []).append(index)
    notes = {}
    for exercise in exercises:
        cells = found.get(exercise.id, [])
        if not cells:
            notes[exercise.id] = (f"no cell starts with '# EXERCISE {exercise.id}': was it deleted, or its "
                                  "first line changed? The grader still looks for your definitions.")
        elif len(cells) > 1:
            numbers = ", ".join(str(i + 1) for i in cells)
            notes[exercise.id] = (f"Exercise {exercise.id} appears in {len(cells)} cells ({numbers}); the one "
                                  "run last defines what is graded. Delete the copies you do not want.")
    return notes


# The check modules ship with the package, so a notebook can import their reference answers. The
# judge sees values, not methods, so marks stand; the instructor is told which cells to read.
GRADER_CODE = re.compile(r"autodidact\s*\.\s*grading\s*\.\s*(?!notebook\b)\w+"
                         r"|from\s+autodidact\.grading\s+import\s+(?!check\s*(?:#.*)?$)[^\n]+"
                         r"|from\s+autodidact\s+import\s+[^\n]*\bgrading\b", re.MULTILINE)


def grader_code_notes(notebook):
    """A note naming the cells that reach into the grader's own modules beyond ``check``."""
    cells = [str(index + 1) for index, cell in enumerate(notebook.cells)
             if cell.cell_type == "code" and isinstance(cell.source, str) and GRADER_CODE.search(cell.source)]
    if not cells:
        return []
    return [f"cell{'s' if len(cells) > 1 else ''} {', '.join(cells)} use{'' if len(cells) > 1 else 's'} the "
            "grader's own modules (autodidact.grading beyond check), which hold reference answers: the "
            "marks stand, and this note asks the instructor to read "
            f"{'them' if len(cells) > 1 else 'it'}."]


def _notebook_request(lesson, notebook):
    cells, exercises = [], []
    for cell in notebook.cells:
        source = cell.source if cell.cell_type == "code" and isinstance(cell.source, str) else ""
        if CHECK_CELL.match(source):
            source = ""  # check() only shows feedback; the judge asks its own questions below
        marker = EXERCISE_MARKER.search(source)
        cells.append(source)
        exercises.append(marker.group(1) if marker else None)
    return {"lesson": lesson, "cells": cells, "exercises": exercises, "probes": []}


class _Pending:
    """The checks of one lesson: inputs sent, answers judged as they arrive."""

    def __init__(self, lesson, exercises, hidden, seed, time_limit):
        self.lesson, self.exercises, self.time_limit = lesson, exercises, time_limit
        self.checks = {}    # (exercise id, index) -> (exercise, check, inputs, is hidden)
        self.results = {}   # (exercise id, index) -> CheckResult
        for exercise in exercises:
            all_checks = list(exercise.checks) + list(hidden.get(exercise.id, []))
            for index, (check, inputs) in enumerate(zip(all_checks, all_inputs(exercise, all_checks, seed))):
                self.checks[(exercise.id, index)] = (exercise, check, inputs, index >= len(exercise.checks))

    def probes(self):
        return [{"exercise": e, "index": i, "inputs": inputs} for (e, i), (_, _, inputs, _) in self.checks.items()]

    def receive(self, event):
        key = (event.get("exercise"), event.get("index"))
        if key not in self.checks or key in self.results:
            return
        exercise, check, inputs, hidden = self.checks[key]
        status = event.get("status")
        if status in ("timeout", "killed"):
            how = "stopped" if status == "timeout" else "killed (it ignored the interrupt)"
            self.results[key] = timeout_result(exercise, check, self.time_limit, hidden, how)
        elif status == "died":
            self.results[key] = CheckResult(
                exercise.id, check.name, ERROR, "the Python kernel died while this check ran your code (did it "
                "call os._exit(), or use up all the memory?). The kernel was started again for the next checks.",
                check.hint, 0.0, exercise.share(check), hidden)
        elif isinstance(event.get("answer"), str):
            with _JUDGING:
                self.results[key] = judge_answer(exercise, check, inputs, event["answer"], self.time_limit, hidden)
        else:
            self.results[key] = CheckResult(
                exercise.id, check.name, ERROR, "the kernel gave no answer for this check: did the notebook "
                "replace parts of Python the grader needs (__import__, display)?", check.hint, 0.0,
                exercise.share(check), hidden)

    def exercise_results(self, reason):
        results = []
        for exercise in self.exercises:
            result = ExerciseResult(exercise)
            for (exercise_id, index), (_, check, _, hidden) in self.checks.items():
                if exercise_id != exercise.id:
                    continue
                result.checks.append(self.results.get((exercise_id, index)) or CheckResult(
                    exercise.id, check.name, ERROR, f"not graded: {reason}", check.hint, 0.0,
                    exercise.share(check), hidden))
            if result.status == NOT_ATTEMPTED:
                for check_result in result.checks:
                    check_result.hint = ""
            results.append(result)
        return results


def grade_submission(submission, assignment=None, student=None, seed=None, time_limit=DEFAULT_TIME_LIMIT,
                     cell_timeout=DEFAULT_CELL_TIMEOUT, sandbox="auto", limits=None,
                     max_seconds=MAX_SUBMISSION_SECONDS):
    """Grade one submission (a folder, a .zip or one .ipynb) against ``assignment``; never raises for
    anything the submission does."""
    from .hidden import hidden_checks

    started = time.monotonic()
    assignment = assignment or Assignment()
    mode = sandboxes.choose_mode(sandbox)
    if mode == "weak":  # bubblewrap mounts the package read-only; without it, a submission could edit it
        _check_package_unchanged("an earlier student")
    workdir = Path(tempfile.mkdtemp(prefix="autodidact-grade-"))
    try:
        inventory = take_inventory(submission, assignment, workdir / "submission", student)
        seed = str(seed) if seed is not None else assignment.seed_for(inventory.student)
        result = SubmissionResult(inventory.student, str(submission), seed=seed, sandbox=mode,
                                  assignment=assignment.name)
        hidden = hidden_checks(assignment.checks) if assignment.checks else {}
        checks_copy = None
        if assignment.checks:
            checks_copy = workdir / "checks"
            shutil.copytree(assignment.checks, checks_copy, ignore=shutil.ignore_patterns("__pycache__"))
        result.notes += inventory.notes
        for name, why in inventory.ignored:
            result.notes.append(f"ignored {name}: {why}")
        pending, requests, lessons = {}, [], {}
        for lesson in assignment.lessons:
            name = assignment.notebooks[lesson]
            exercises = exercises_for_lesson(lesson)
            lessons[lesson] = LessonResult(name, lesson)
            if lesson in inventory.missing:
                lessons[lesson].error = f"{name} is missing from the submission."
                lessons[lesson].exercises = zero_results(exercises, "the notebook is missing", hidden)
                result.notes.append(f"missing: {name} (lesson {lesson}) scores 0")
            elif lesson in inventory.unreadable:
                lessons[lesson].error = inventory.unreadable[lesson]
                lessons[lesson].exercises = zero_results(exercises, inventory.unreadable[lesson], hidden)
            else:
                path, notebook = inventory.graded[lesson]
                lessons[lesson].path = path
                pending[lesson] = _Pending(lesson, exercises, hidden, seed, time_limit)
                request = _notebook_request(lesson, notebook)
                request["probes"] = pending[lesson].probes()
                requests.append(request)
                lessons[lesson].notes_for_cells = cell_notes(notebook, exercises)
                lessons[lesson].notes += grader_code_notes(notebook)
        reason = "the grader's worker did not run"
        if requests:
            launch = sandboxes.prepare(mode, inventory.copy_dir, checks_copy,
                                       (limits or {}).get("sandbox_memory", sandboxes.SANDBOX_MEMORY))
            result.notes += launch.warnings
            reason = _run_worker(launch, requests, pending, lessons, time_limit, cell_timeout, limits, max_seconds)
        for lesson, waiting in pending.items():
            lessons[lesson].exercises = waiting.exercise_results(reason)
            for exercise_result in lessons[lesson].exercises:
                note = lessons[lesson].notes_for_cells.get(exercise_result.exercise.id)
                if note and (exercise_result.status != PASSED or "appears in" in note):
                    exercise_result.notes.append(note)
        if mode == "weak":
            _check_package_unchanged(inventory.student)
        result.lessons = [lessons[lesson] for lesson in assignment.lessons]
        for lesson_result in result.lessons:
            lesson_result.__dict__.pop("notes_for_cells", None)
        result.seconds = time.monotonic() - started
        return result
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _run_worker(launch, requests, pending, lessons, time_limit, cell_timeout, limits, max_seconds):
    """Run the sandboxed worker, judging answers as they come; returns why unanswered checks were not."""
    process_limits = {k: v for k, v in {**sandboxes.DEFAULT_LIMITS, **(limits or {})}.items() if k != "sandbox_memory"}
    request = {"notebooks": requests, "time_limit": float(time_limit), "cell_timeout": float(cell_timeout),
               "limits": process_limits, **launch.request_paths}
    cells = sum(sum(1 for c in r["cells"] if c.strip()) for r in requests)
    probes = sum(len(r["probes"]) for r in requests)
    budget = min(max_seconds, 60 + cells * (cell_timeout + 3) + probes * (time_limit + 8))
    deadline = time.monotonic() + budget
    running = sandboxes.Running(launch, json.dumps(request))
    reason = "the sandbox ended before this check was answered"
    started = False
    try:
        for line in running.events(deadline):
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if not isinstance(event, dict):
                continue
            lesson = event.get("lesson")
            if event.get("kind") == "started":
                started = True
            elif event.get("kind") == "answer" and lesson in pending:
                pending[lesson].receive(event)
            elif event.get("kind") == "note" and isinstance(event.get("text"), str):
                text = event["text"][:600]
                if lesson in lessons:
                    lessons[lesson].notes.append(text)
                else:
                    for lesson_result in lessons.values():
                        if lesson_result.lesson in pending:
                            lesson_result.notes.append(text)
                            break
            elif event.get("kind") == "done":
                reason = "the kernel stopped before this check was answered"
                break
        else:
            if time.monotonic() >= deadline:
                reason = f"the submission ran out of time ({budget:.0f} s in all)"
    finally:
        running.stop()  # every process of the submission is gone before any result is written
    if not started:  # nothing of the submission ran: the grader's setup is at fault, not the student
        said = running.stderr_tail.decode("utf-8", "replace").strip() or "(it printed nothing)"
        raise GradingUnavailable(f"the {launch.mode} sandbox did not start the grader's worker; it said: {said}")
    return reason
