"""Make the learner's exercise notebooks from the solutions: ``python -m autodidact.grading.strip``.

The solutions are the single source. In a solution cell:

- ``# BEGIN SOLUTION`` ... ``# END SOLUTION`` marks the answer. In the exercise it becomes
  ``raise NotImplementedError("Exercise 2.1: ...")`` at the same indentation.
- ``# STARTER: <code>`` lines are comments in the solution and code in the exercise. A cell that has
  them is a find-the-bug exercise: its solution regions are simply removed and the starter lines
  (the buggy code, and a ``raise NotImplementedError`` line of their own) take their place.

Outputs and execution counts are cleared, and the notebook's metadata says it is the exercise
version. ``--check`` only reports whether ``exercises/`` is up to date (for tests and CI).
"""
import argparse
import re
import sys
from pathlib import Path

import nbformat

BEGIN = re.compile(r"^(\s*)# BEGIN SOLUTION\s*$")
END = re.compile(r"^\s*# END SOLUTION\s*$")
STARTER = re.compile(r"^(\s*)# STARTER: ?(.*)$")
EXERCISE_MARKER = re.compile(r"^# EXERCISE (\d+\.\d+)\s*$", re.MULTILINE)
REPO = Path(__file__).resolve().parents[2]


class StripError(ValueError):
    """A solution cell's markers are malformed (unbalanced, or a region outside an exercise cell)."""


def strip_source(source, where="cell"):
    """The exercise version of one cell's source."""
    lines = source.split("\n")
    has_starter = any(STARTER.match(line) for line in lines)
    marker = EXERCISE_MARKER.search(source)
    out, inside = [], False
    for number, line in enumerate(lines, 1):
        begin = BEGIN.match(line)
        if begin:
            if inside:
                raise StripError(f"{where}, line {number}: BEGIN SOLUTION inside another solution region")
            if marker is None:
                raise StripError(f"{where}, line {number}: a solution region needs an '# EXERCISE x.y' line "
                                 "at the top of its cell")
            inside = True
            if not has_starter:
                out.append(f'{begin.group(1)}raise NotImplementedError("Exercise {marker.group(1)}: '
                           'replace this line with your code")')
            continue
        if END.match(line):
            if not inside:
                raise StripError(f"{where}, line {number}: END SOLUTION without BEGIN SOLUTION")
            inside = False
            continue
        if inside:
            continue
        starter = STARTER.match(line)
        out.append(starter.group(1) + starter.group(2) if starter else line)
    if inside:
        raise StripError(f"{where}: BEGIN SOLUTION is never closed by END SOLUTION")
    return "\n".join(out)


def strip_notebook(notebook, name="notebook"):
    exercise = nbformat.from_dict(notebook)  # a deep copy
    for index, cell in enumerate(exercise.cells):
        if cell.cell_type == "code":
            cell.source = strip_source(cell.source, f"{name}, cell {index}")
            cell.outputs, cell.execution_count = [], None
    exercise.metadata.setdefault("autodidact", {})["version"] = "exercises"
    return exercise


def render(notebook):
    return nbformat.writes(notebook) + "\n"


def generate(solutions=REPO / "solutions", exercises=REPO / "exercises", check_only=False):
    """Write (or compare) every exercise notebook; return the list of files that differ."""
    solutions, exercises = Path(solutions), Path(exercises)
    stale = []
    expected_names = set()
    for source in sorted(solutions.glob("*.ipynb")):
        expected_names.add(source.name)
        text = render(strip_notebook(nbformat.read(source, as_version=4), source.name))
        target = exercises / source.name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            stale.append(str(target))
            if not check_only:
                exercises.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
    for extra in sorted(exercises.glob("*.ipynb")):
        if extra.name not in expected_names:
            stale.append(f"{extra} (no solution notebook of that name)")
    return stale


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m autodidact.grading.strip", description=__doc__.split("\n")[0])
    parser.add_argument("--solutions", default=REPO / "solutions", type=Path)
    parser.add_argument("--exercises", default=REPO / "exercises", type=Path)
    parser.add_argument("--check", action="store_true", help="only report notebooks that are out of date")
    args = parser.parse_args(argv)
    stale = generate(args.solutions, args.exercises, check_only=args.check)
    verb = "out of date" if args.check else "written"
    for path in stale:
        print(f"{verb}: {path}")
    if args.check and stale:
        print("Run `python -m autodidact.grading.strip` to regenerate exercises/ from solutions/.")
        return 1
    if not stale:
        print("exercises/ is up to date with solutions/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
