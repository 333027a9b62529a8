"""``autodidact grade-class SUBMISSIONS_DIR --jobs N --csv grades.csv``: a class at once.

Every entry of SUBMISSIONS_DIR is one student's submission: a folder of notebooks or a ``.zip``
(the student's id is its name without ``.zip``). Submissions are graded in parallel, each in its own
sandbox (:mod:`.judge`), with a progress bar on the terminal; the CSV has one row per student (the
score of every exercise, the total, the seed) and ``--out DIR`` gets one JSON file per student
with every check, note and hint. A submission that cannot be graded at all still gets its row.
"""
import argparse
import csv
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from .cli import _check_dependencies, add_grading_options, assignment_from, limits_from


def find_submissions(folder):
    entries = []
    for path in sorted(Path(folder).iterdir()):
        if path.name.startswith(".") or path.is_symlink():
            continue
        if path.is_dir() or (path.is_file() and path.suffix == ".zip"):
            entries.append(path)
    return entries


def student_id(path):
    return path.stem if path.suffix == ".zip" else path.name


def student_ids(submissions):
    """{path: student id}. Two entries with one id (``alice/`` and ``alice.zip``) would share a row, and
    one grade would silently replace the other: each keeps its entry's full name instead, with a note."""
    by_id = {}
    for path in submissions:
        by_id.setdefault(student_id(path), []).append(path)
    ids, notes = {}, {}
    for student, paths in by_id.items():
        for path in paths:
            ids[path] = student if len(paths) == 1 else path.name
            if len(paths) > 1:
                notes[path] = (f"two or more submissions for student '{student}' ("
                               + ", ".join(p.name for p in paths) + "): each is graded under its own name; "
                               "keep the one that counts.")
    return ids, notes


def csv_cell(value):
    """A cell a spreadsheet shows as text: one starting with = + - @ would run as a formula (an id or a
    note comes from a folder name, which a student may choose)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class Progress:
    """A one-line progress bar on a terminal (plain lines elsewhere)."""

    def __init__(self, total, stream=sys.stderr):
        self.total, self.done, self.stream, self.started = total, 0, stream, time.monotonic()
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def step(self, label):
        self.done += 1
        elapsed = time.monotonic() - self.started
        width = 30
        filled = int(width * self.done / max(self.total, 1))
        line = (f"[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} graded, "
                f"{elapsed:.0f} s  {label}")
        if self.tty:
            self.stream.write("\r" + line[:120].ljust(120))
            if self.done == self.total:
                self.stream.write("\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def grade_class(folder, assignment, jobs=2, out=None, csv_path=None, progress=True, **options):
    """Grade every submission in ``folder``; returns {student: SubmissionResult}."""
    from .core import exercises_for_lesson
    from .judge import GradingCompromised, GradingUnavailable, grade_submission

    submissions = find_submissions(folder)
    ids, id_notes = student_ids(submissions)
    bar = Progress(len(submissions)) if progress else None
    results = {}

    def grade(path):
        result = grade_submission(path, assignment, student=ids[path], **options)
        if path in id_notes:
            result.notes.append(id_notes[path])
        return result

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(grade, path): path for path in submissions}
        for future in as_completed(futures):
            path = futures[future]
            try:
                result = future.result()
            except (GradingCompromised, GradingUnavailable):  # no later result could be right: stop
                for other in futures:
                    other.cancel()
                raise
            except Exception as error:  # a bug of ours: the student still gets a row, every exercise at 0, and why
                result = ungraded_result(ids[path], path, assignment, f"could not be graded: {error!r}")
            results[result.student] = result
            if out:
                Path(out).mkdir(parents=True, exist_ok=True)
                (Path(out) / f"{result.student}.json").write_text(json.dumps(result.to_dict(), indent=2) + "\n",
                                                                  encoding="utf-8")
            if bar:
                bar.step(f"{result.student}: {result.score:g}/{result.max_score:g}")
    if csv_path:
        exercises = [e for lesson in assignment.lessons for e in exercises_for_lesson(lesson)]
        with open(csv_path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["student"] + [e.id for e in exercises] + ["total", "max", "seed", "sandbox", "notes"])
            for student in sorted(results):
                result = results[student]
                scores = {e.exercise.id: e.score for e in result.exercise_results()}
                writer.writerow([csv_cell(student)] + [f"{scores.get(e.id, 0):g}" for e in exercises]
                                + [f"{result.score:g}", f"{result.max_score:g}", result.seed, result.sandbox,
                                   _count_notes(result)])
    return results


def ungraded_result(student, path, assignment, reason):
    """A row for a submission the grader failed on: every exercise of the assignment at 0, saying why."""
    from .core import exercises_for_lesson
    from .judge import LessonResult, SubmissionResult, zero_results

    result = SubmissionResult(student, str(path), notes=[reason])
    for lesson in assignment.lessons:
        lesson_result = LessonResult(assignment.notebooks[lesson], lesson, error=reason)
        lesson_result.exercises = zero_results(exercises_for_lesson(lesson), reason)
        result.lessons.append(lesson_result)
    return result


def _count_notes(result):
    """Every note in a student's JSON (a dropped cell, a missing notebook, ...): the CSV says where to look."""
    return (len(result.notes) + sum(len(lesson.notes) + bool(lesson.error) for lesson in result.lessons)
            + sum(len(exercise.notes) for exercise in result.exercise_results()))


def main(argv=None):
    p = argparse.ArgumentParser(prog="autodidact grade-class",
                                description="Grade a folder of submissions (one folder or .zip per student) in "
                                            "parallel sandboxes; write a CSV and a JSON per student.")
    p.add_argument("submissions", help="the folder that holds one folder or .zip per student")
    p.add_argument("--jobs", type=int, default=2, help="submissions graded at the same time (default 2)")
    p.add_argument("--csv", metavar="FILE", default="grades.csv", help="the grade sheet (default grades.csv)")
    p.add_argument("--out", metavar="DIR", default="results", help="one JSON per student here (default results/)")
    add_grading_options(p)
    args = p.parse_args(argv)
    folder = Path(args.submissions)
    if not folder.is_dir():
        print(f"autodidact grade-class: {folder} is not a folder of submissions.", file=sys.stderr)
        return 2
    problem = _check_dependencies()
    if problem:
        print(f"autodidact grade-class: {problem}", file=sys.stderr)
        return 2
    try:
        assignment = assignment_from(args)
    except (ValueError, KeyError) as error:
        print(f"autodidact grade-class: {error}", file=sys.stderr)
        return 2
    from .judge import GradingCompromised, GradingUnavailable

    started = time.monotonic()
    try:
        results = grade_class(folder, assignment, jobs=args.jobs, out=args.out, csv_path=args.csv,
                              time_limit=args.time_limit, cell_timeout=args.cell_timeout, sandbox=args.sandbox,
                              limits=limits_from(args))
    except (GradingCompromised, GradingUnavailable) as error:
        print(f"autodidact grade-class: {error}", file=sys.stderr)
        return 2
    modes = sorted({r.sandbox for r in results.values()})
    submissions = f"{len(results)} submission{'' if len(results) == 1 else 's'}"
    jobs = f"{args.jobs} job{'' if args.jobs == 1 else 's'}"
    print(f"Graded {submissions} in {time.monotonic() - started:.0f} s with {jobs} "
          f"(sandbox: {', '.join(modes) or '-'}). Wrote {args.csv} and {str(args.out).rstrip('/')}/.")
    if "weak" in modes:
        from .sandbox import WEAK_WARNING

        print(f"warning: {WEAK_WARNING}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
