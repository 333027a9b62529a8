"""``autodidact grade [DIR]``: run the learner's exercise notebooks and grade every exercise.

Exit code 0 when grading ran (whatever the score), 2 when it could not (the reason is printed).
"""
import argparse
import sys
import time
from pathlib import Path

from .core import DEFAULT_TIME_LIMIT
from .runner import DEFAULT_CELL_TIMEOUT, GradingUnavailable, find_notebooks, grade_paths
from .report import text_report, write_gradescope


def parser():
    p = argparse.ArgumentParser(
        prog="autodidact grade",
        description="Execute exercise notebooks in a fresh kernel each, run every check, and report the score.")
    p.add_argument("target", nargs="?", default=None,
                   help="a folder of exercise notebooks or one .ipynb file (default: ./exercises if it exists, else .)")
    p.add_argument("--json", metavar="FILE", help="also write the results in Gradescope's results.json format")
    p.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT,
                   help=f"seconds each check may run before it is stopped (default {DEFAULT_TIME_LIMIT:g})")
    p.add_argument("--cell-timeout", type=float, default=DEFAULT_CELL_TIMEOUT,
                   help=f"seconds each notebook cell may run (default {DEFAULT_CELL_TIMEOUT:g})")
    p.add_argument("--kernel", default="python3", help="the Jupyter kernel to run notebooks in (default python3)")
    p.add_argument("--jobs", type=int, default=2, help="notebooks graded at the same time (default 2)")
    p.add_argument("--no-hints", action="store_true", help="leave the hints out of the table")
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    target = Path(args.target) if args.target else (Path("exercises") if Path("exercises").is_dir() else Path("."))
    if not target.exists():
        print(f"autodidact grade: {target} does not exist. Give the folder that holds your exercise "
              "notebooks, e.g. 'autodidact grade exercises/'.", file=sys.stderr)
        return 2
    if target.is_file() and target.suffix != ".ipynb":
        print(f"autodidact grade: {target} is not a notebook (.ipynb).", file=sys.stderr)
        return 2
    paths = find_notebooks(target)
    if not paths:
        print(f"autodidact grade: no notebooks (*.ipynb) in '{target}'.", file=sys.stderr)
        return 2
    started = time.perf_counter()
    try:
        results = grade_paths(paths, args.time_limit, args.cell_timeout, max(1, args.jobs), args.kernel)
    except GradingUnavailable as error:
        print(f"autodidact grade: cannot grade: {error}", file=sys.stderr)
        return 2
    print(text_report(results, hints=not args.no_hints))
    if args.json:
        try:
            write_gradescope(results, args.json, time.perf_counter() - started)
        except OSError as error:
            print(f"autodidact grade: cannot write {args.json}: {error}", file=sys.stderr)
            return 2
        print(f"Wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
