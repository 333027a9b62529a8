"""Grading real notebooks in real kernels: the CLI, clumsy and sneaky notebooks, the pytest route,
hidden checks and the Gradescope autograder.

Kernel start-up is slow, so the clumsy zoo is graded in a single `autodidact grade` run (the
hostile class is in test_grading_class.py).
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell

from autodidact.grading.cli import main as grade_main
from autodidact.grading.core import run_exercise
from autodidact.grading.judge import LessonResult, SubmissionResult
from autodidact.grading.report import gradescope_results, text_report

REPO = Path(__file__).resolve().parents[1]
SETUP = "import numpy as np\nimport autodidact as torch\nfrom autodidact.grading import check\n"


# -- Gradescope results.json -------------------------------------------------------------------

# Gradescope's autograder output specification, written as a JSON schema
# (https://gradescope-autograders.readthedocs.io/en/latest/specs/#output-format).
VISIBILITY = {"enum": ["hidden", "after_due_date", "after_published", "visible"]}
GRADESCOPE_SCHEMA = {
    "type": "object",
    "properties": {
        "score": {"type": "number"},
        "execution_time": {"type": "number"},
        "output": {"type": "string"},
        "output_format": {"enum": ["text", "html", "simple_format", "md", "ansi"]},
        "visibility": VISIBILITY,
        "stdout_visibility": VISIBILITY,
        "extra_data": {"type": "object"},
        "tests": {"type": "array", "items": {
            "type": "object",
            "properties": {
                "score": {"type": "number"}, "max_score": {"type": "number"},
                "status": {"enum": ["passed", "failed"]}, "name": {"type": "string"},
                "number": {"type": "string"}, "output": {"type": "string"},
                "tags": {"type": "array", "items": {"type": "string"}}, "visibility": VISIBILITY,
            },
            "additionalProperties": False,
        }},
        "leaderboard": {"type": "array"},
    },
    "additionalProperties": False,
    "anyOf": [{"required": ["score"]}, {"required": ["tests"]}],
}


def validate_gradescope(data):
    import jsonschema

    jsonschema.validate(data, GRADESCOPE_SCHEMA)
    for test in data["tests"]:
        assert {"name", "score", "max_score", "output"} <= set(test)
        assert 0 <= test["score"] <= test["max_score"]
    assert data["score"] == pytest.approx(sum(t["score"] for t in data["tests"]), abs=0.01)


def test_gradescope_json_is_valid_and_adds_up():
    namespace = {}
    exec(SETUP + "def f_prime(x):\n    return 3 * x**2 - 4\n"
         "def autograd_derivative(f, x):\n    raise NotImplementedError('Exercise 1.2: todo')\n"
         "def grad_fn_name(y):\n    return None\n", namespace)
    lesson = LessonResult("01_derivatives.ipynb", 1,
                          [run_exercise(i, namespace) for i in ("1.1", "1.2", "1.3")])
    broken = LessonResult("02_chain_rule.ipynb", 2, [], error="this file is not valid JSON (...)")
    submission = SubmissionResult("ada", "folder", [lesson, broken], ["missing: 03_gradient_descent.ipynb"],
                                  seed="abc", sandbox="bwrap")
    data = json.loads(json.dumps(gradescope_results(submission, execution_time=1.5)))
    validate_gradescope(data)
    assert data["score"] == pytest.approx(3.0)  # 1.1 fully, 1.3 one of two checks
    names = [t["name"] for t in data["tests"]]
    assert "Exercise 1.1 (A derivative by hand): agrees with autograd at random points" in names
    failed_13 = [t for t in data["tests"] if t["name"].startswith("Exercise 1.3") and t["status"] == "failed"]
    assert failed_13 and "hint:" in failed_13[0]["output"]
    assert "not valid JSON" in data["output"] and "missing: 03_gradient_descent.ipynb" in data["output"]
    table = text_report(submission)
    assert "1.2 Ask autograd" in table and "not attempted" in table and "Total: 3/6 points" in table
    assert "could not be graded: this file is not valid JSON" in table and "seed abc" in table
    with pytest.raises(Exception):
        validate_gradescope({"score": "full", "tests": []})


def replace_cell(notebook, marker, source):
    (cell,) = [c for c in notebook.cells if c.cell_type == "code" and c.source.startswith(marker)]
    cell.source = source
    return cell


def clumsy_chain_rule_notebook(path):
    """Lesson 2's exercise notebook, as a clumsy (and a sneaky) learner leaves it."""
    notebook = nbformat.read(REPO / "exercises" / "02_chain_rule.ipynb", as_version=4)
    replace_cell(notebook, "# EXERCISE 2.1", "# EXERCISE 2.1\ndef dz_dx(x):\n    while True:\n        pass\n")
    notebook.cells = [c for c in notebook.cells if not c.source.startswith("# EXERCISE 2.2")]  # deleted
    replace_cell(notebook, "# EXERCISE 2.3",
                 "# EXERCISE 2.3\nprint('spam ' * 500_000)\n"
                 "def fan_in_derivative(x):\n    return np.log(x) + 1\n")
    notebook.cells += [
        new_code_cell("def check(exercise_id):\n    return 'all correct!'\n"),
        new_code_cell("while True:\n    pass\n"),  # stopped by the cell time limit
        new_code_cell("raise ValueError('my own mistake')\n"),
        # sneaky: a patched grading package in the kernel; the judge is elsewhere
        new_code_cell("import autodidact.grading.core as core\n"
                      "core.judge_answer = lambda *args, **kwargs: None\n"),
        new_code_cell("globals = print = None  # names the grader's own cell must not rely on\n"),
    ]
    nbformat.write(notebook, path)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submission")
    shutil.copy(REPO / "solutions" / "01_derivatives.ipynb", folder)
    clumsy_chain_rule_notebook(folder / "02_chain_rule.ipynb")
    (folder / "03_gradient_descent.ipynb").write_text('{"cells": [{"cell_type": "code", ', encoding="utf-8")
    shutil.copy(REPO / "exercises" / "04_training_loop.ipynb", folder)
    dying = nbformat.read(REPO / "solutions" / "05_broadcasting.ipynb", as_version=4)
    dying.cells.insert(3, new_code_cell("import os\nos._exit(0)\n"))  # kills the kernel
    nbformat.write(dying, folder / "05_broadcasting.ipynb")
    results_file = folder.parent / "results.json"
    argv = [str(folder), "--json", str(results_file), "--time-limit", "1", "--cell-timeout", "4", "--lessons", "1-5"]
    return folder, results_file, argv


@pytest.fixture(scope="module")
def cli_run(graded):
    folder, results_file, argv = graded
    import io
    from contextlib import redirect_stdout, redirect_stderr

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = grade_main(argv)
    return code, out.getvalue(), err.getvalue(), json.loads(results_file.read_text(encoding="utf-8"))


def lesson_block(table, lesson):
    blocks = table.split("\n\n")
    return next(b for b in blocks if b.startswith(f"Lesson {lesson} "))


def test_grading_runs_and_exits_zero_whatever_the_score(cli_run):
    code, table, errors, _ = cli_run
    assert code == 0, errors
    assert "Traceback" not in table + errors
    assert "Total: 16/38 points" in table


def test_a_solution_notebook_gets_full_marks(cli_run):
    block = lesson_block(cli_run[1], 1)
    assert "Lesson total" in block and block.rstrip().endswith("6/6")


def test_untouched_exercises_are_not_attempted(cli_run):
    block = lesson_block(cli_run[1], 4)
    assert block.count("not attempted") == 3 and block.rstrip().endswith("0/9")


def test_the_clumsy_notebook_is_graded_fairly(cli_run):
    block = lesson_block(cli_run[1], 2)
    lines = block.splitlines()
    row = {line.split()[0]: line for line in lines if line.strip()[:3] in ("2.1", "2.2", "2.3")}
    assert "0/2" in row["2.1"] and "0/3" in row["2.2"] and "2/2" in row["2.3"]
    assert "timed out: stopped after" in block                                # per-check time limit
    assert "`chain_rule_parts` is not defined" in block                       # deleted cell
    assert "no cell starts with '# EXERCISE 2.2'" in block
    assert "timed out: stopped after 4 s" in block                            # cell time limit
    assert "raised ValueError: my own mistake" in block
    assert "Lesson total" in block and block.rstrip().endswith("2/7")        # no patched pass


def test_broken_json_is_reported_and_counted(cli_run):
    block = lesson_block(cli_run[1], 3)
    assert "could not be graded: this file is not valid JSON" in block
    assert block.rstrip().endswith("0/8")


def test_a_cell_that_kills_the_kernel_costs_only_what_it_breaks(cli_run):
    block = lesson_block(cli_run[1], 5)
    assert "cell 4 made the Python kernel die" in block and "run again without it" in block
    assert block.rstrip().endswith("8/8")


def test_results_json_follows_gradescope_format(cli_run):
    data = cli_run[3]
    validate_gradescope(data)
    assert data["score"] == 16
    assert sum(t["max_score"] for t in data["tests"]) == pytest.approx(38)
    timed_out = [t for t in data["tests"] if t["name"].startswith("Exercise 2.1")]
    assert all(t["status"] == "failed" and "timed out" in t["output"] for t in timed_out)
    assert data["extra_data"]["seed"]


def test_grading_cannot_run_exits_two_and_still_writes_results(tmp_path, capsys):
    results = tmp_path / "results.json"
    assert grade_main([str(tmp_path / "missing"), "--json", str(results)]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert json.loads(results.read_text())["score"] == 0 and "does not exist" in json.loads(results.read_text())["output"]
    assert grade_main([str(tmp_path)]) == 2
    assert "no notebooks" in capsys.readouterr().err
    (tmp_path / "notes.txt").write_text("hi")
    assert grade_main([str(tmp_path / "notes.txt")]) == 2
    assert grade_main([str(tmp_path), "--lessons", "99"]) == 2


def test_missing_grading_dependencies_say_what_to_install(monkeypatch, tmp_path, capsys):
    import builtins

    real_import = builtins.__import__

    def no_jupyter(name, *args, **kwargs):
        if name.split(".")[0] in ("jupyter_client", "ipykernel"):
            raise ImportError(f"No module named '{name}'")
        return real_import(name, *args, **kwargs)

    shutil.copy(REPO / "exercises" / "01_derivatives.ipynb", tmp_path)
    monkeypatch.setattr(builtins, "__import__", no_jupyter)
    assert grade_main([str(tmp_path)]) == 2
    error = capsys.readouterr().err
    assert "pip install nbformat jupyter_client ipykernel" in error and "Traceback" not in error


def test_pytest_grades_with_the_judge_and_ignores_a_conftest(tmp_path):
    shutil.copy(REPO / "solutions" / "01_derivatives.ipynb", tmp_path)
    shutil.copy(REPO / "exercises" / "test_exercises.py", tmp_path)
    notebook = nbformat.read(tmp_path / "01_derivatives.ipynb", as_version=4)
    replace_cell(notebook, "# EXERCISE 1.1", "# EXERCISE 1.1\ndef f_prime(x):\n    return 3 * x**2 + 4\n")
    nbformat.write(notebook, tmp_path / "01_derivatives.ipynb")
    (tmp_path / "conftest.py").write_text(  # would turn every failure into a pass
        "import pytest\n@pytest.hookimpl(hookwrapper=True)\ndef pytest_runtest_makereport(item, call):\n"
        "    outcome = yield\n    report = outcome.get_result()\n    report.outcome = 'passed'\n", encoding="utf-8")
    from importlib.metadata import entry_points

    installed = any(e.name == "autodidact-grading" for e in entry_points(group="pytest11"))
    plugin = [] if installed else ["-p", "autodidact.grading.pytest_plugin"]  # as `pip install` registers it
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *plugin, str(tmp_path)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
        env={**__import__("os").environ, "PYTHONPATH": str(REPO)})
    output = completed.stdout
    assert completed.returncode == 1, output
    assert "2 failed, 4 passed" in output
    assert "hint: Differentiate f one term at a time" in output
    assert "conftest.py files in the exercises folder were not loaded" in output


def test_the_pytest_plugin_is_installed_with_the_package():
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '[project.entry-points.pytest11]\nautodidact-grading = "autodidact.grading.pytest_plugin"' in text


HIDDEN_CHECK = """
import numpy as np
from autodidact.grading import Check
from autodidact.grading.core import expect_close


def inputs(rng):
    return {"x": float(rng.uniform(-0.01, 0.01))}


def probe(learner, inputs):
    return learner.get("f_prime")(inputs["x"])


def judge(inputs, answer):
    expect_close(answer, 3 * inputs["x"] ** 2 - 4, "f_prime(x) near zero")


HIDDEN = {"1.1": [Check("also right near zero", ("Try x close to 0.",), inputs, probe, judge, points=2)]}
"""


def test_gradescope_autograder_runs_hidden_checks_into_results_json(tmp_path):
    from autodidact.grading.gradescope import main as gradescope_main

    checks = tmp_path / "hidden"
    checks.mkdir()
    (checks / "more_derivatives.py").write_text(HIDDEN_CHECK, encoding="utf-8")
    manifest = tmp_path / "assignment.json"
    manifest.write_text(json.dumps({"name": "week 1", "lessons": [1], "secret": "s3cret",
                                    "due": "2030-01-01T00:00:00+00:00"}), encoding="utf-8")
    zip_path = tmp_path / "autograder.zip"
    assert gradescope_main(["build", "--out", str(zip_path), "--assignment", str(manifest),
                            "--checks", str(checks)]) == 0
    root = tmp_path / "autograder"
    with __import__("zipfile").ZipFile(zip_path) as archive:
        names = archive.namelist()
        archive.extractall(root / "source")
    assert {"setup.sh", "run_autograder", "assignment.json", "checks/more_derivatives.py"} <= set(names)
    assert "apt-get install" in (root / "source" / "setup.sh").read_text() and \
        "bubblewrap" in (root / "source" / "setup.sh").read_text()
    (root / "submission").mkdir()
    shutil.copy(REPO / "solutions" / "01_derivatives.ipynb", root / "submission")
    (root / "submission_metadata.json").write_text(json.dumps({"users": [{"email": "ada@example.org"}]}))
    completed = subprocess.run(["bash", str(root / "source" / "run_autograder")], capture_output=True, text=True,
                               timeout=300, env={**__import__("os").environ, "AUTOGRADER_ROOT": str(root),
                                                 "AUTODIDACT_PYTHON": sys.executable, "PYTHONPATH": str(REPO)})
    assert completed.returncode == 0, completed.stderr
    data = json.loads((root / "results" / "results.json").read_text())
    validate_gradescope(data)
    assert data["score"] == 8  # 6 visible points and the hidden check's 2
    hidden = [t for t in data["tests"] if "(hidden check)" in t["name"]]
    assert len(hidden) == 1 and hidden[0]["visibility"] == "after_due_date" and hidden[0]["max_score"] == 2
    assert all("visibility" not in t for t in data["tests"] if t not in hidden)
    assert data["extra_data"]["student"] == "ada@example.org"


def test_the_weak_sandbox_warns_and_still_kills_detached_processes(tmp_path):
    """Without bubblewrap: a fresh HOME, resource limits, a warning, and no process left behind."""
    import os

    from autodidact.grading.assignment import Assignment
    from autodidact.grading.judge import grade_submission

    marker = f"autodidact-weak-{os.getpid()}-{tmp_path.name}"
    notebook = nbformat.read(REPO / "solutions" / "01_derivatives.ipynb", as_version=4)
    notebook.cells.append(new_code_cell(
        "import os, time\nif os.fork() == 0:\n    os.setsid()\n    if os.fork() == 0:\n"
        "        import sys\n"
        f"        os.execv(sys.executable, [sys.executable, '-c', 'import time; time.sleep(120)', {marker!r}])\n"
        "    os._exit(0)\n"
        "open(os.path.expanduser('~/written-by-the-notebook'), 'w').write('x')\n"))
    folder = tmp_path / "student"
    folder.mkdir()
    nbformat.write(notebook, folder / "01_derivatives.ipynb")
    result = grade_submission(folder, Assignment(lessons=[1]), sandbox="weak", cell_timeout=10)
    assert result.sandbox == "weak" and result.score == 6
    assert any("weaker sandbox" in note for note in result.notes)
    assert not (Path.home() / "written-by-the-notebook").exists()  # HOME was a fresh folder
    leftovers = []
    for entry in os.listdir("/proc"):
        try:
            if entry.isdigit() and marker.encode() in Path(f"/proc/{entry}/cmdline").read_bytes():
                leftovers.append(entry)
        except OSError:
            pass
    assert leftovers == []
