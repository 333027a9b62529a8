"""``autodidact grade``, ``autodidact grade-class`` and ``autodidact gradescope build``.

``grade`` grades one submission (a folder of exercise notebooks, a .zip, or one notebook) in a
sandbox and prints a table; ``grade-class`` grades a folder of submissions in parallel sandboxes
and writes a CSV; ``gradescope build`` writes an autograder zip.

Exit code 0 when grading ran (whatever the score), 2 when it could not (the reason is printed).
"""
import argparse
import sys
import time
from pathlib import Path

from .core import DEFAULT_TIME_LIMIT

MISSING_DEPENDENCIES = ("grading notebooks needs Jupyter's kernel machinery, which is not installed: {error}.\n"
                        "autodidact installs it with itself; install it again with:  pip install nbformat jupyter_client ipykernel")


def _check_dependencies():
    """None, or what to install: grading runs notebooks in Jupyter kernels."""
    try:
        import ipykernel  # noqa: F401
        import jupyter_client  # noqa: F401
        import nbformat  # noqa: F401
    except ImportError as error:
        return MISSING_DEPENDENCIES.format(error=error)
    return None


def add_grading_options(p):
    from .judge import DEFAULT_CELL_TIMEOUT

    p.add_argument("--assignment", metavar="FILE", help="a JSON manifest: lessons, secret, due date, hidden checks")
    p.add_argument("--lessons", help="the lessons to grade, e.g. 1,2,5-7 (default: the manifest's, else all)")
    p.add_argument("--checks", metavar="DIR", help="a folder of hidden checks (run only when grading)")
    p.add_argument("--secret", help="the assignment's secret, from which each student's inputs are drawn")
    p.add_argument("--due", help="the due date (ISO, e.g. 2026-12-10T23:59:00+00:00): hidden checks are shown after it")
    p.add_argument("--sandbox", choices=("auto", "bwrap", "weak"), default="auto",
                   help="bwrap: bubblewrap sandbox; weak: own session and limits only; auto: bwrap if installed")
    p.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT,
                   help=f"seconds each check may run (default {DEFAULT_TIME_LIMIT:g})")
    p.add_argument("--cell-timeout", type=float, default=DEFAULT_CELL_TIMEOUT,
                   help=f"seconds each notebook cell may run (default {DEFAULT_CELL_TIMEOUT:g})")
    p.add_argument("--memory", type=int, metavar="MB", help="address-space limit per process (default 2048)")
    p.add_argument("--sandbox-memory", type=int, metavar="MB",
                   help="memory of all a sandbox's processes together, where cgroups can be made (default 3072)")
    p.add_argument("--no-hints", action="store_true", help="leave the hints out of the table")


def assignment_from(args, target=None):
    from .assignment import Assignment, parse_lessons
    from .checks import NOTEBOOKS

    lessons = parse_lessons(args.lessons) if args.lessons else None
    if lessons is None and not args.assignment and target is not None and Path(target).suffix == ".ipynb":
        by_name = {name: lesson for lesson, name in NOTEBOOKS.items()}
        if Path(target).name in by_name:
            lessons = [by_name[Path(target).name]]
    return Assignment.load(args.assignment, lessons=lessons, secret=args.secret, checks=args.checks, due=args.due)


def limits_from(args):
    limits = {}
    if args.memory:
        limits["memory"] = args.memory * 1024**2
    if args.sandbox_memory:
        limits["sandbox_memory"] = args.sandbox_memory * 1024**2
    return limits or None


def parser():
    p = argparse.ArgumentParser(
        prog="autodidact grade",
        description="Run a submission's exercise notebooks in a sandboxed kernel and judge every check outside it.")
    p.add_argument("target", nargs="?", default=None,
                   help="a folder of exercise notebooks, a .zip, or one .ipynb (default: ./exercises if it exists, else .)")
    p.add_argument("--json", metavar="FILE", help="also write the results in Gradescope's results.json format")
    p.add_argument("--details", metavar="FILE", help="also write every result (notes, seed, sandbox) as JSON")
    p.add_argument("--student", help="the student's id (default: the folder's name); it chooses the inputs")
    p.add_argument("--seed", help="use this seed for the inputs (e.g. one recorded in earlier results)")
    add_grading_options(p)
    return p


def main(argv=None):
    args = parser().parse_args(argv)
    from .report import failure_results, text_report, write_gradescope, write_json

    target = Path(args.target) if args.target else (Path("exercises") if Path("exercises").is_dir() else Path("."))
    problem = None
    if not target.exists():
        problem = (f"{target} does not exist. Give the folder that holds your exercise notebooks, "
                   "e.g. 'autodidact grade exercises/'.")
    elif target.is_file() and target.suffix not in (".ipynb", ".zip"):
        problem = f"{target} is not a notebook (.ipynb) or a zip of notebooks."
    elif target.is_dir() and not any(target.rglob("*.ipynb")):
        problem = f"no notebooks (*.ipynb) in '{target}'."
    problem = problem or _check_dependencies()
    if problem is None:
        try:
            assignment = assignment_from(args, target)
        except (ValueError, KeyError) as error:
            problem = str(error)
    if problem:
        print(f"autodidact grade: {problem}", file=sys.stderr)
        if args.json:
            write_json(failure_results(problem), args.json)
        return 2
    from .judge import GradingUnavailable, grade_submission

    started = time.perf_counter()
    try:
        result = grade_submission(target, assignment, student=args.student, seed=args.seed,
                                  time_limit=args.time_limit, cell_timeout=args.cell_timeout,
                                  sandbox=args.sandbox, limits=limits_from(args))
    except Exception as error:  # GradingUnavailable, no bwrap where it was asked for, or a bug of ours
        if not isinstance(error, (GradingUnavailable, RuntimeError)):
            error = f"{type(error).__name__}: {error}"
        print(f"autodidact grade: cannot grade: {error}", file=sys.stderr)
        if args.json:
            write_json(failure_results(str(error)), args.json)
        return 2
    print(text_report(result, hints=not args.no_hints))
    for path, write in ((args.json, lambda p: write_gradescope(result, p, time.perf_counter() - started)),
                        (args.details, lambda p: write_json(result.to_dict(), p))):
        if path:
            try:
                write(path)
            except OSError as error:
                print(f"autodidact grade: cannot write {path}: {error}", file=sys.stderr)
                return 2
            print(f"Wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
