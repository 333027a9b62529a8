"""Grade learner notebooks headlessly: each one in a fresh kernel, with the grader's own checks.

The runner never trusts the notebook: it executes the learner's cells as they are (errors allowed,
each cell stopped after a time limit, huge outputs cut), then appends one cell of its own that
re-imports the grading package from disk (undoing any tampering with ``check`` or the package),
runs every check of the lesson on the kernel's namespace with a per-check time limit, and hands
back the results as JSON under a private MIME type. Missing, renamed or duplicated exercise cells,
a redefined ``check``, cells that raised or timed out, a dead kernel and a file that is not a
notebook all become messages in the report, never a crash of the grader.
"""
import json
import logging
import os
import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from .core import (DEFAULT_TIME_LIMIT, ERROR, NOT_ATTEMPTED, PASSED, CheckResult, ExerciseResult,
                   exercises_for_lesson, run_exercise)
from .inprocess import CHECK_CELL

_QUIET_LOG = logging.getLogger("autodidact.grading.kernel")  # nbclient's timeout messages become our notes
_QUIET_LOG.setLevel(logging.CRITICAL)
MIME_TYPE = "application/x-autodidact-grade+json"
EXERCISE_MARKER = re.compile(r"^\s*# EXERCISE (\d+\.\d+)\s*$", re.MULTILINE)
MAX_OUTPUT_CHARS_PER_CELL = 20_000
DEFAULT_CELL_TIMEOUT = 60.0


class GradingUnavailable(RuntimeError):
    """Grading cannot run at all (no Jupyter kernel, no nbclient): the CLI exits with code 2."""


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
        return round(sum(e.score for e in self.exercises), 2)

    @property
    def max_score(self):
        return sum(e.max_score for e in self.exercises)


# --------------------------------------------------------------------------------------------
# Inside the kernel


def kernel_report(lesson, namespace, time_limit=DEFAULT_TIME_LIMIT):
    """Run every check of ``lesson`` on ``namespace``; returns an object Jupyter shows as our JSON."""
    results = [run_exercise(exercise, namespace, time_limit).to_dict()
               for exercise in exercises_for_lesson(lesson)]
    notes = []
    learner_check = namespace.get("check")
    if learner_check is not None and not (getattr(learner_check, "__module__", "") == "autodidact.grading.notebook"
                                          and getattr(learner_check, "__qualname__", "") == "check"):
        notes.append("`check` was redefined in the notebook; the grader ignored it and ran its own checks.")
    return _Payload({"exercises": results, "notes": notes})


class _Payload:
    def __init__(self, data):
        self.data = data

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {MIME_TYPE: json.dumps(self.data), "text/plain": "(autodidact grading results)"}


GRADING_CELL = """\
def _autodidact_grade_():
    import sys
    for name in [m for m in sys.modules if m == "autodidact.grading" or m.startswith("autodidact.grading.")]:
        del sys.modules[name]  # a fresh copy from disk: learner code cannot have patched it
    import builtins  # the notebook may have shadowed `globals`
    from autodidact.grading.runner import kernel_report
    return kernel_report({lesson}, builtins.globals(), {time_limit})
_autodidact_grade_()
"""


# --------------------------------------------------------------------------------------------
# Outside: reading the notebook, running the kernel


def read_notebook(path):
    """The notebook at ``path``, or a LessonResult explaining why it cannot be read."""
    import nbformat

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, f"could not read the file: {error}"
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        return None, (f"this file is not valid JSON ({error.msg} at line {error.lineno}, column "
                      f"{error.colno}), so it is not a notebook Jupyter can open. Was it edited in a text "
                      "editor, or cut short? Restore it from a backup or a fresh copy and redo the exercises.")
    if not isinstance(raw, dict) or "cells" not in raw:
        return None, "this JSON file is not a Jupyter notebook (it has no 'cells')."
    try:
        notebook = nbformat.reads(text, as_version=4)
    except Exception as error:  # nbformat's validation errors come in several classes
        return None, f"this is not a valid notebook: {str(error).splitlines()[0]}"
    return notebook, ""


def lesson_of(notebook, path):
    """The lesson number: from the notebook's metadata, else its file name (``02_...``), else its cells."""
    meta = notebook.metadata.get("autodidact", {})
    if isinstance(meta, dict) and str(meta.get("lesson", "")).isdigit():
        return int(meta["lesson"])
    match = re.match(r"(\d+)", Path(path).name)
    if match:
        return int(match.group(1))
    for cell in notebook.cells:
        found = EXERCISE_MARKER.search(cell.source) if cell.cell_type == "code" else None
        if found:
            return int(found.group(1).split(".")[0])
    return None


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


def _client_class():
    try:
        import nbformat.v4
        from nbclient import NotebookClient
    except ImportError as error:  # pragma: no cover - nbclient is a test dependency
        raise GradingUnavailable("grading notebooks needs nbclient: pip install nbclient ipykernel") from error

    class BoundedClient(NotebookClient):
        """A NotebookClient that keeps at most MAX_OUTPUT_CHARS_PER_CELL of each cell's output."""

        def output(self, outs, msg, display_id, cell_index):
            kept = sum(len(json.dumps(o)) for o in outs)
            if kept >= MAX_OUTPUT_CHARS_PER_CELL:
                return None  # the cell has printed enough: drop the rest
            out = super().output(outs, msg, display_id, cell_index)
            if out is not None and len(json.dumps(out)) > MAX_OUTPUT_CHARS_PER_CELL - kept:
                outs.remove(out)
                outs.append(nbformat.v4.new_output("stream", name="stdout", text=(
                    str(out.get("text", ""))[: max(0, MAX_OUTPUT_CHARS_PER_CELL - kept - 100)]
                    + "\n... (output cut: the grader keeps at most "
                    f"{MAX_OUTPUT_CHARS_PER_CELL} characters per cell)")))
            return out

    return BoundedClient


def _error_summary(cell):
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return output.get("ename", "Error"), str(output.get("evalue", ""))[:300]
    return None


def grade_notebook(path, time_limit=DEFAULT_TIME_LIMIT, cell_timeout=DEFAULT_CELL_TIMEOUT, kernel_name="python3"):
    """Execute the notebook at ``path`` in a fresh kernel and grade its lesson."""
    started = time.perf_counter()
    result = LessonResult(str(path))
    notebook, problem = read_notebook(path)
    if notebook is None:
        result.error = problem
        match = re.match(r"(\d+)", Path(path).name)
        if match and exercises_for_lesson(int(match.group(1))):  # still list what this lesson is worth
            result.lesson = int(match.group(1))
            result.exercises = _all_failed(exercises_for_lesson(result.lesson), problem)
        return result
    lesson = lesson_of(notebook, path)
    exercises = exercises_for_lesson(lesson) if lesson else []
    if not exercises:
        result.error = ("cannot tell which lesson this notebook belongs to (no 'autodidact' metadata, no "
                        "lesson number at the start of its name, no '# EXERCISE x.y' cell).")
        return result
    result.lesson = lesson
    per_exercise_notes = cell_notes(notebook, exercises)

    learner_cells = len(notebook.cells)
    notebook.cells.append(_new_code_cell(GRADING_CELL.format(lesson=lesson, time_limit=float(time_limit))))
    total_checks = sum(len(e.checks) for e in exercises)
    client = _client_class()(
        notebook, timeout=cell_timeout, kernel_name=kernel_name, allow_errors=True, log=_QUIET_LOG,
        interrupt_on_timeout=True, record_timing=False,
        resources={"metadata": {"path": str(Path(path).resolve().parent)}},
    )
    payload, failure, current = None, "", None
    try:
        from jupyter_client.kernelspec import NoSuchKernel
    except ImportError:  # pragma: no cover
        NoSuchKernel = KeyError
    try:
        with client.setup_kernel(env=_kernel_environment(), stderr=subprocess.DEVNULL):
            for index in range(learner_cells):
                cell = notebook.cells[index]
                if cell.cell_type != "code" or CHECK_CELL.match(cell.source):
                    continue  # check("x.y") cells only show feedback; the grader runs its own checks below
                before, current = time.perf_counter(), index
                client.execute_cell(cell, index)
                summary = _error_summary(cell)
                if time.perf_counter() - before >= cell_timeout * 0.95:
                    result.notes.append(f"cell {index + 1} timed out: stopped after {cell_timeout:g} s.")
                elif summary and not (summary[0] == "NotImplementedError" and summary[1].startswith("Exercise ")):
                    result.notes.append(f"cell {index + 1} raised {summary[0]}: {summary[1]}")
            client.timeout = time_limit * total_checks + 30
            grading_cell, current = notebook.cells[-1], None
            client.execute_cell(grading_cell, learner_cells)
            payload = _payload_of(grading_cell)
            if payload is None:
                summary = _error_summary(grading_cell)
                failure = ("the grader's own cell did not report results"
                           + (f" ({summary[0]}: {summary[1]})" if summary else "")
                           + ". The notebook may have replaced parts of Python the grader needs (print, display, sys).")
    except NoSuchKernel as error:
        raise GradingUnavailable(f"no Jupyter kernel named '{kernel_name}' is installed ({error}). "
                                 "Install one with: pip install ipykernel") from error
    except Exception as error:
        name = type(error).__name__
        if name == "DeadKernelError":
            where = f"cell {current + 1}" if current is not None else "the grader's checks"
            failure = (f"the Python kernel died while running {where} (did some code call os._exit() "
                       "or use up all the memory?).")
        elif isinstance(error, (FileNotFoundError, OSError)) and "kernel" in str(error).lower():
            raise GradingUnavailable(f"could not start a Jupyter kernel: {error}") from error
        else:
            failure = f"running the notebook failed: {name}: {str(error)[:300]}"
    if payload is None:
        result.exercises = _all_failed(exercises, failure)
        result.error = failure
    else:
        try:
            result.exercises = _results_from_payload(payload, exercises)
            result.notes += [str(note) for note in payload.get("notes", [])]
        except (KeyError, TypeError, ValueError, AttributeError):
            result.error = "the grader's own cell reported results it cannot read (was json or the display patched?)."
            result.exercises = _all_failed(exercises, result.error)
        for exercise_result in result.exercises:
            note = per_exercise_notes.get(exercise_result.exercise.id)
            # a missing marker matters when the exercise fails; a duplicated cell is always worth saying
            if note and (exercise_result.status != PASSED or "appears in" in note):
                exercise_result.notes.append(note)
    result.seconds = time.perf_counter() - started
    return result


def _results_from_payload(payload, exercises):
    by_id = {e["id"]: e for e in payload["exercises"]}
    results = []
    for exercise in exercises:
        data = by_id[exercise.id]
        checks = [CheckResult(**c) for c in data["checks"]]
        if [c.name for c in checks] != [c.name for c in exercise.checks]:
            raise ValueError(f"the checks of {exercise.id} do not match")
        results.append(ExerciseResult(exercise, checks, list(data.get("notes", []))))
    return results


def _all_failed(exercises, reason):
    """Zero-point results for exercises that could not be graded, each saying why."""
    results = []
    for exercise in exercises:
        results.append(ExerciseResult(exercise, [CheckResult(exercise.id, c.name, ERROR, f"not graded: {reason}",
                                                             "", 0.0, exercise.share(c)) for c in exercise.checks]))
    return results


def _kernel_environment():
    """The kernel imports the same autodidact as the grader, wherever the notebook lives."""
    package_parent = str(Path(__file__).resolve().parents[2])
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([package_parent] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    return env


def _new_code_cell(source):
    from nbformat.v4 import new_code_cell

    return new_code_cell(source)


def _payload_of(cell):
    for output in cell.get("outputs", []):
        data = output.get("data", {})
        if MIME_TYPE in data:
            try:
                return json.loads(data[MIME_TYPE])
            except (TypeError, ValueError):
                return None
    return None


def find_notebooks(target):
    """The exercise notebooks to grade in ``target`` (a folder or one .ipynb file), sorted by name."""
    target = Path(target)
    if target.is_file():
        return [target]
    return sorted(p for p in target.glob("*.ipynb") if not p.name.startswith("."))


def grade_paths(paths, time_limit=DEFAULT_TIME_LIMIT, cell_timeout=DEFAULT_CELL_TIMEOUT, jobs=2,
                kernel_name="python3"):
    """Grade several notebooks, ``jobs`` kernels at a time; results in the order of ``paths``."""
    paths = list(paths)

    def grade(path):
        return grade_notebook(path, time_limit, cell_timeout, kernel_name)

    if jobs <= 1 or len(paths) <= 1:
        return [grade(p) for p in paths]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(grade, paths))


def not_attempted(result):
    return all(e.status == NOT_ATTEMPTED for e in result.exercises)
