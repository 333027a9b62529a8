"""Grade a class of realistic submissions with `autodidact grade-class` and report the time.

    python benchmarks/bench_grade_class.py                    # 100 students, 2 jobs, every lesson
    python benchmarks/bench_grade_class.py --students 20 --jobs 2 --lessons 1-7

Each student's folder holds every exercise notebook of the course. Each exercise cell is, at
random (seeded): the solution (65%), the untouched starter (20%), or a typical wrong answer from
the test suite's table (15%; the solution where the table has none). The grading runs in
bubblewrap sandboxes when bwrap works here. The machine's load average is printed before and
after, since other work on the machine slows the run.
"""
import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))


def exercise_cells(notebook):
    return {c.source.split("\n", 1)[0].split()[-1]: c for c in notebook.cells
            if c.cell_type == "code" and c.source.startswith("# EXERCISE ")}


def make_class(folder, students, seed):
    from test_grading_checks import STARTER_WITHOUT_RAISE, WRONG_ANSWERS

    from autodidact.grading.checks import NOTEBOOKS

    rng = random.Random(seed)
    solutions = {n: nbformat.read(REPO / "solutions" / n, as_version=4) for n in NOTEBOOKS.values()}
    starters = {n: nbformat.read(REPO / "exercises" / n, as_version=4) for n in NOTEBOOKS.values()}
    for number in range(students):
        student = folder / f"student{number:03d}"
        student.mkdir()
        for name in NOTEBOOKS.values():
            notebook = nbformat.from_dict(solutions[name])
            starter_cells = exercise_cells(starters[name])
            for exercise_id, cell in exercise_cells(notebook).items():
                roll = rng.random()
                if roll < 0.20:
                    cell.source = starter_cells[exercise_id].source
                elif roll < 0.35 and WRONG_ANSWERS.get(exercise_id):
                    _, old, new, _ = rng.choice(WRONG_ANSWERS[exercise_id])
                    if old != STARTER_WITHOUT_RAISE and old in cell.source:
                        cell.source = cell.source.replace(old, new)
            nbformat.write(notebook, student / name)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--students", type=int, default=100)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--lessons", default=None, help="e.g. 1-7 (default: every lesson)")
    p.add_argument("--seed", type=int, default=11)
    args = p.parse_args()
    from autodidact.grading.assignment import Assignment, parse_lessons
    from autodidact.grading.classroom import grade_class

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "class"
        folder.mkdir()
        make_class(folder, args.students, args.seed)
        assignment = Assignment(lessons=parse_lessons(args.lessons) if args.lessons else None, secret="bench")
        load_before = os.getloadavg()
        started = time.monotonic()
        results = grade_class(folder, assignment, jobs=args.jobs, csv_path=Path(tmp) / "grades.csv", progress=True)
        seconds = time.monotonic() - started
        load_after = os.getloadavg()
    scores = [r.score for r in results.values()]
    modes = sorted({r.sandbox for r in results.values()})
    print(f"{len(results)} submissions (lessons {assignment.lessons}), {args.jobs} jobs, sandbox {modes}: "
          f"{seconds:.0f} s ({seconds / len(results):.1f} s per student); mean score "
          f"{sum(scores) / len(scores):.1f}/{results[next(iter(results))].max_score:g}")
    print(f"load average (1, 5, 15 min) before {load_before}, after {load_after}; {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
