"""Grading results for people (a table per lesson) and for Gradescope (``results.json``)."""
import json

from .core import NOT_ATTEMPTED, PASSED
from .notebook import _format_points, symbol

WIDTH = 44


def _title(result):
    from .checks import LESSON_TITLES

    if result.lesson is None:
        return result.path
    return f"Lesson {result.lesson} · {LESSON_TITLES.get(result.lesson, '')}  ({result.path})"


def lesson_table(result, hints=True):
    lines = [_title(result)]
    if result.error:
        lines.append(f"  could not be graded: {result.error}")
    if result.exercises:
        lines.append(f"  {'Exercise':<{WIDTH}} {'Points':>9}   Checks")
    for exercise in result.exercises:
        name = f"{exercise.exercise.id} {exercise.exercise.title}"
        points = f"{_format_points(exercise.score)}/{_format_points(exercise.max_score)}"
        if exercise.status == NOT_ATTEMPTED:
            checks = "not attempted"
        else:
            checks = f"{exercise.passed_checks}/{len(exercise.checks)} {symbol(exercise.status)}"
        lines.append(f"  {name[:WIDTH]:<{WIDTH}} {points:>9}   {checks}")
        if exercise.status not in (PASSED, NOT_ATTEMPTED) and not result.error:
            shown = set()
            for check in exercise.checks:
                if check.passed:
                    continue
                label = " (hidden check)" if check.hidden else ""
                lines.append(f"      {symbol(check.status)} {check.name}{label}")
                if check.detail in shown:
                    lines.append("          (the same problem as above)")
                else:
                    lines += ["          " + line for line in check.detail.splitlines()[:8]]
                    shown.add(check.detail)
                if hints and check.hint:
                    lines.append(f"          hint: {check.hint}")
        for note in exercise.notes:
            lines.append(f"      note: {note}")
    for note in result.notes:
        lines.append(f"  note: {note}")
    if result.exercises:
        total = f"{_format_points(result.score)}/{_format_points(result.max_score)}"
        lines.append(f"  {'Lesson total':<{WIDTH}} {total:>9}")
    return "\n".join(lines)


def text_report(submission, hints=True):
    """The terminal report of one graded submission (a SubmissionResult)."""
    parts = [lesson_table(r, hints) for r in submission.lessons]
    if submission.notes:
        parts.append("\n".join(f"note: {note}" for note in submission.notes))
    parts.append(f"Total: {_format_points(submission.score)}/{_format_points(submission.max_score)} points"
                 f"   (student {submission.student}, seed {submission.seed}, sandbox {submission.sandbox})")
    return "\n\n".join(parts)


def gradescope_results(submission, execution_time=None):
    """The results in Gradescope's autograder format (one test per check; hidden ones after the due date)."""
    tests = []
    for result in submission.lessons:
        for exercise in result.exercises:
            for number, check in enumerate(exercise.checks, 1):
                output = "passed" if check.passed else check.detail
                if not check.passed and check.hint:
                    output += f"\nhint: {check.hint}"
                if exercise.notes and not check.passed:
                    output += "\n" + "\n".join(f"note: {n}" for n in exercise.notes)
                test = {
                    "name": f"Exercise {exercise.exercise.id} ({exercise.exercise.title}): {check.name}",
                    "number": f"{exercise.exercise.id}.{number}",
                    "score": min(check.score, check.max_score), "max_score": check.max_score,
                    "status": "passed" if check.passed else "failed",
                    "output": output,
                }
                if check.hidden:
                    test["visibility"] = "after_due_date"
                    test["name"] += " (hidden check)"
                tests.append(test)
    score = round(sum(t["score"] for t in tests), 4)
    notes = [f"{r.path}: {n}" for r in submission.lessons for n in r.notes + ([r.error] if r.error else [])]
    notes += submission.notes
    data = {
        "score": score,
        "output": f"{_format_points(score)}/{_format_points(submission.max_score)} points"
                  + "".join("\n" + n for n in notes),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
        "extra_data": {"student": submission.student, "seed": submission.seed, "sandbox": submission.sandbox,
                       "assignment": submission.assignment},
    }
    if execution_time is not None:
        data["execution_time"] = round(execution_time, 2)
    return data


def failure_results(message):
    """results.json when nothing could be graded at all: a score of 0 and the reason."""
    return {"score": 0, "output": f"The submission could not be graded: {message}", "visibility": "visible",
            "stdout_visibility": "hidden", "tests": []}


def write_json(data, path):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=2, ensure_ascii=False)
        handle.write("\n")


def write_gradescope(submission, path, execution_time=None):
    write_json(gradescope_results(submission, execution_time), path)
