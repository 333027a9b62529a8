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
                lines.append(f"      {symbol(check.status)} {check.name}")
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


def text_report(results, hints=True):
    parts = [lesson_table(r, hints) for r in results]
    score = round(sum(r.score for r in results), 2)
    max_score = sum(r.max_score for r in results)
    parts.append(f"Total: {_format_points(score)}/{_format_points(max_score)} points")
    return "\n\n".join(parts)


def gradescope_results(results, execution_time=None):
    """The results in Gradescope's autograder format (one test per check)."""
    tests = []
    for result in results:
        if not result.exercises:
            tests.append({"name": f"{result.path}: could not be graded", "score": 0, "max_score": 0,
                          "status": "failed", "output": result.error or "no exercises found"})
            continue
        for exercise in result.exercises:
            for number, check in enumerate(exercise.checks, 1):
                output = "passed" if check.passed else check.detail
                if not check.passed and check.hint:
                    output += f"\nhint: {check.hint}"
                if exercise.notes and not check.passed:
                    output += "\n" + "\n".join(f"note: {n}" for n in exercise.notes)
                tests.append({
                    "name": f"Exercise {exercise.exercise.id} ({exercise.exercise.title}): {check.name}",
                    "number": f"{exercise.exercise.id}.{number}",
                    "score": check.score, "max_score": check.max_score,
                    "status": "passed" if check.passed else "failed",
                    "output": output,
                })
    score = round(sum(t["score"] for t in tests), 2)
    max_score = sum(r.max_score for r in results)
    notes = [f"{r.path}: {n}" for r in results for n in r.notes + ([r.error] if r.error else [])]
    data = {
        "score": score,
        "output": f"{_format_points(score)}/{_format_points(max_score)} points" + "".join("\n" + n for n in notes),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }
    if execution_time is not None:
        data["execution_time"] = round(execution_time, 2)
    return data


def write_gradescope(results, path, execution_time=None):
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(gradescope_results(results, execution_time), handle, indent=2, ensure_ascii=False)
        handle.write("\n")
