"""The grader's own setup: where Python is installed, and what it says when its sandbox cannot start.

A grader that cannot run a submission must stop with the reason, never give the student 0 marks.
"""
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

import pytest

from autodidact.grading import sandbox as sandboxes
from autodidact.grading.assignment import Assignment
from autodidact.grading.judge import GradingUnavailable, grade_submission
from autodidact.grading.sandbox import bwrap_works

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(not bwrap_works(), reason="needs bubblewrap (apt-get install bubblewrap)")
def test_a_python_in_a_virtualenv_under_tmp_grades_in_bwrap(tmp_path):
    # the sandbox mounts a fresh /tmp: a virtualenv in /tmp (as `python -m venv /tmp/env`) must stay visible
    env_dir = Path(tempfile.mkdtemp(dir="/tmp", prefix="autodidact-venv-"))
    try:
        env_dir.chmod(0o755)  # as `python -m venv` leaves it (mkdtemp's 0700 would shut out the sandbox's user)
        venv.create(env_dir, system_site_packages=True, with_pip=False)
        submission = tmp_path / "alice"
        submission.mkdir()
        shutil.copy(REPO / "solutions" / "01_derivatives.ipynb", submission)
        run = subprocess.run([str(env_dir / "bin" / "python"), "-m", "autodidact", "grade", str(submission),
                              "--lessons", "1", "--sandbox", "bwrap"],
                             capture_output=True, text=True, timeout=300, cwd=REPO,
                             env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)})
        assert run.returncode == 0, run.stderr
        assert "Total: 6/6 points" in run.stdout, run.stdout
    finally:
        shutil.rmtree(env_dir, ignore_errors=True)


def test_a_sandbox_that_cannot_start_stops_grading_with_its_reason(tmp_path, monkeypatch):
    real_prepare = sandboxes.prepare

    def broken_prepare(mode, copy_dir, checks_dir=None, *limits):
        launch = real_prepare("weak", copy_dir, checks_dir, *limits)
        launch.command = [sys.executable, "-c", "import sys; sys.exit('bwrap: execvp python: No such file')"]
        return launch

    monkeypatch.setattr(sandboxes, "prepare", broken_prepare)
    submission = tmp_path / "bob"
    submission.mkdir()
    shutil.copy(REPO / "solutions" / "01_derivatives.ipynb", submission)
    with pytest.raises(GradingUnavailable, match="did not start the grader's worker.*execvp python"):
        grade_submission(submission, Assignment(lessons=[1]), sandbox="weak")


def test_the_grade_sheet_counts_the_notes_of_lessons_and_exercises(tmp_path, monkeypatch):
    # a kernel-killing cell is noted on its lesson: the CSV's notes column must send the instructor there
    import csv

    from autodidact.grading import judge
    from autodidact.grading.classroom import grade_class

    def graded(path, assignment, student=None, **options):
        lesson = judge.LessonResult(path="01_derivatives.ipynb", lesson=1,
                                    notes=["cell 5 made the Python kernel die; the notebook was run again without it."])
        return judge.SubmissionResult(student, str(path), lessons=[lesson], notes=["ignored notes.txt"])

    monkeypatch.setattr(judge, "grade_submission", graded)
    (tmp_path / "class" / "carol").mkdir(parents=True)
    sheet = tmp_path / "grades.csv"
    grade_class(tmp_path / "class", Assignment(lessons=[1]), csv_path=sheet, progress=False)
    (row,) = list(csv.DictReader(sheet.open(encoding="utf-8")))
    assert row["student"] == "carol" and row["notes"] == "2"
