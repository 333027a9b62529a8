"""``autodidact gradescope build``: the zip to upload as a Gradescope programming assignment's autograder.

The zip holds ``setup.sh`` (installs bubblewrap and autodidact: a wheel you pass with ``--wheel``,
else the released version), ``run_autograder`` (grades ``/autograder/submission`` with
``autodidact grade`` into ``/autograder/results/results.json``; that file is written even when
nothing could be graded), ``assignment.json`` (lessons, secret, due date) and the hidden checks
(``--checks DIR``), whose tests Gradescope shows only after the due date.
``AUTOGRADER_ROOT`` and ``AUTODIDACT_PYTHON`` override ``/autograder`` and ``python3`` (for tests).
"""
import argparse
import io
import json
import sys
import zipfile
from pathlib import Path

SETUP = """#!/usr/bin/env bash
# Gradescope runs this once when it builds the autograder image.
set -euo pipefail
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bubblewrap python3 python3-pip >/dev/null
cd /autograder/source
{install}
"""

RUN = """#!/usr/bin/env bash
# Gradescope runs this for every submission; the results go to $ROOT/results/results.json.
ROOT="${AUTOGRADER_ROOT:-/autograder}"
PYTHON="${AUTODIDACT_PYTHON:-python3}"
mkdir -p "$ROOT/results"
STUDENT=$("$PYTHON" - "$ROOT/submission_metadata.json" <<'EOF' 2>/dev/null || echo student
import json, sys
users = json.load(open(sys.argv[1])).get("users") or [{}]
print(users[0].get("email") or users[0].get("name") or "student")
EOF
)
"$PYTHON" -m autodidact grade "$ROOT/submission" --assignment "$ROOT/source/assignment.json" \\
    {checks}--student "$STUDENT" --json "$ROOT/results/results.json" --no-hints
status=$?
if [ ! -s "$ROOT/results/results.json" ]; then
    echo '{"score": 0, "output": "The autograder could not run (exit code '"$status"').", "tests": []}' \\
        > "$ROOT/results/results.json"
fi
exit 0
"""


def build(out, assignment, wheel=None):
    """Write the autograder zip to ``out``; returns the names it holds."""
    manifest = {"name": assignment.name, "lessons": assignment.lessons, "secret": assignment.secret,
                "due": assignment.due.isoformat() if assignment.due else None}
    if assignment.checks:
        manifest["checks"] = "checks"
    if wheel:
        install = f'python3 -m pip install --quiet --break-system-packages "{Path(wheel).name}" || ' \
                  f'python3 -m pip install --quiet "{Path(wheel).name}"'
    else:
        from .. import __version__

        install = f'python3 -m pip install --quiet --break-system-packages "autodidact=={__version__}" || ' \
                  f'python3 -m pip install --quiet "autodidact=={__version__}"'
    files = {
        "setup.sh": SETUP.replace("{install}", install),
        "run_autograder": RUN.replace("{checks}", '--checks "$ROOT/source/checks" ' if assignment.checks else ""),
        "assignment.json": json.dumps(manifest, indent=2) + "\n",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (0o100755 if name in ("setup.sh", "run_autograder") else 0o100644) << 16
            archive.writestr(info, text)
        if assignment.checks:
            for path in sorted(Path(assignment.checks).glob("*.py")):
                archive.write(path, f"checks/{path.name}")
        if wheel:
            archive.write(wheel, Path(wheel).name)
    Path(out).write_bytes(buffer.getvalue())
    with zipfile.ZipFile(out) as archive:
        return archive.namelist()


def main(argv=None):
    from .cli import assignment_from

    p = argparse.ArgumentParser(prog="autodidact gradescope", description="Gradescope autograder tools.")
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write the autograder zip")
    b.add_argument("--out", default="autograder.zip", help="the zip to write (default autograder.zip)")
    b.add_argument("--wheel", help="an autodidact wheel to install in the image (default: the released version)")
    b.add_argument("--assignment", metavar="FILE", help="a JSON manifest: lessons, secret, due date, hidden checks")
    b.add_argument("--lessons", help="the lessons to grade, e.g. 1,2,5-7")
    b.add_argument("--checks", metavar="DIR", help="a folder of hidden checks")
    b.add_argument("--secret", help="the assignment's secret (inputs are drawn from it and the student's id)")
    b.add_argument("--due", help="the due date (ISO)")
    args = p.parse_args(argv)
    try:
        assignment = assignment_from(args)
    except (ValueError, KeyError) as error:
        print(f"autodidact gradescope build: {error}", file=sys.stderr)
        return 2
    names = build(args.out, assignment, args.wheel)
    print(f"Wrote {args.out}: {', '.join(names)}")
    if assignment.secret == "autodidact":
        print("warning: no --secret given; students who know it could predict their inputs.", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
