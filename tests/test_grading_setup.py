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


def _class_sheet(tmp_path, monkeypatch, entries, fails=()):
    """grade-class over ``entries`` (folder or .zip names) with a stand-in grader; the CSV rows by student."""
    import csv
    import zipfile

    from autodidact.grading import judge
    from autodidact.grading.classroom import grade_class

    def graded(path, assignment, student=None, **options):
        if Path(path).name in fails:
            raise OSError("a bug of the grader's")
        lesson = judge.LessonResult(path="01_derivatives.ipynb", lesson=1)
        lesson.exercises = judge.zero_results(judge.exercises_for_lesson(1), "stand-in")
        return judge.SubmissionResult(student, str(path), lessons=[lesson])

    monkeypatch.setattr(judge, "grade_submission", graded)
    folder = tmp_path / "class"
    for name in entries:
        if name.endswith(".zip"):
            folder.mkdir(exist_ok=True)
            with zipfile.ZipFile(folder / name, "w") as archive:
                archive.writestr("01_derivatives.ipynb", "{}")
        else:
            (folder / name).mkdir(parents=True)
    sheet = tmp_path / "grades.csv"
    results = grade_class(folder, Assignment(lessons=[1]), csv_path=sheet, progress=False)
    with sheet.open(encoding="utf-8", newline="") as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}, results


def test_two_submissions_under_one_id_each_keep_their_row(tmp_path, monkeypatch):
    rows, results = _class_sheet(tmp_path, monkeypatch, ["alice", "alice.zip", "bob"])
    assert sorted(rows) == ["alice", "alice.zip", "bob"]  # not one 'alice' row whose grade replaced the other
    for name in ("alice", "alice.zip"):
        assert rows[name]["notes"] == "1"
        assert "two or more submissions for student 'alice'" in results[name].notes[0]
    assert rows["bob"]["notes"] == "0"


def test_an_id_that_looks_like_a_formula_is_written_as_text(tmp_path, monkeypatch):
    rows, _ = _class_sheet(tmp_path, monkeypatch, ["=HYPERLINK(1)", "+1", "carol"])
    assert sorted(rows) == ["'+1", "'=HYPERLINK(1)", "carol"]


def test_a_submission_the_grader_fails_on_still_counts_every_exercise(tmp_path, monkeypatch):
    rows, results = _class_sheet(tmp_path, monkeypatch, ["dave", "erin"], fails=("dave",))
    assert rows["dave"]["total"] == "0" and rows["dave"]["max"] == rows["erin"]["max"] == "6"
    assert "could not be graded" in results["dave"].notes[0]


@pytest.mark.parametrize("names, graded", [
    (["samename/samename", "samename/01_derivatives.ipynb"], True),   # a file named like its folder
    (["x/x/01_derivatives.ipynb"], False),                             # a folder named like its folder
])
def test_a_zip_of_one_folder_is_opened_whatever_its_names(tmp_path, names, graded):
    import zipfile

    from autodidact.grading.assignment import take_inventory

    archive_path = tmp_path / "student.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        for name in names:
            archive.write(REPO / "solutions" / "01_derivatives.ipynb", name)
    inventory = take_inventory(archive_path, Assignment(lessons=[1]), tmp_path / "copy")
    assert (1 in inventory.graded) == graded
    if not graded:
        assert any("must sit at the top of the submission" in why for _, why in inventory.ignored), inventory.ignored


def test_sandboxes_running_at_once_never_share_a_uid(monkeypatch):
    # processes of one uid share RLIMIT_NPROC: a fork bomb would starve a classmate with the same uid
    draws = iter([7, 7, 8, 7])
    monkeypatch.setattr(sandboxes.secrets, "randbelow", lambda n: next(draws))
    first, second = sandboxes._claim_uid(), sandboxes._claim_uid()
    assert first != second
    sandboxes.release_uid(first)
    assert sandboxes._claim_uid() == first  # free again once its sandbox has stopped
    sandboxes.release_uid(first)
    sandboxes.release_uid(second)


@pytest.mark.parametrize("files, graded, note", [
    # a browser names a second download "02_chain_rule (1).ipynb"; Jupyter's Duplicate adds "-Copy1"
    (["02_chain_rule (1).ipynb"], "02_chain_rule (1).ipynb", "with a copy's suffix"),
    (["02_chain_rule-Copy1.ipynb"], "02_chain_rule-Copy1.ipynb", "with a copy's suffix"),
    (["02_chain_rule.ipynb", "02_chain_rule (1).ipynb"], "02_chain_rule.ipynb", ""),
    (["02_chain_rule (1).ipynb", "02_chain_rule (2).ipynb"], None, "cannot tell which one counts"),
    (["02_chain_rule_final.ipynb"], None, "must be named 02_chain_rule.ipynb"),
])
def test_a_lone_copy_of_a_notebook_is_graded_with_a_note(tmp_path, files, graded, note):
    import shutil

    from autodidact.grading.assignment import take_inventory

    submission = tmp_path / "student"
    submission.mkdir()
    for name in files:
        shutil.copyfile(REPO / "solutions" / "02_chain_rule.ipynb", submission / name)
    inventory = take_inventory(submission, Assignment(lessons=[2]), tmp_path / "copy")
    assert (inventory.graded[2][0] if 2 in inventory.graded else None) == graded
    said = " ".join(inventory.notes + [why for _, why in inventory.ignored])
    assert note in said, said


@pytest.mark.parametrize("source, flagged", [
    ("import autodidact as torch\nfrom autodidact.grading import check  # the checks", False),
    ("from autodidact.grading.notebook import check", False),
    ("from autodidact.grading.checks.lesson03 import engine_linear_gradient", True),
    ("import autodidact.grading.checks.lesson08 as answers", True),
    ("import autodidact\nexpect = autodidact.grading.core.expect_close", True),
    ("from autodidact.grading import check, core", True),
    ("from autodidact import grading", True),
])
def test_a_notebook_that_imports_the_graders_reference_code_is_flagged(source, flagged):
    import nbformat

    from autodidact.grading.judge import grader_code_notes

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1"), nbformat.v4.new_code_cell(source)])
    notes = grader_code_notes(notebook)
    assert bool(notes) == flagged, notes
    if flagged:
        assert notes[0].startswith("cell 2 uses the grader's own modules"), notes
