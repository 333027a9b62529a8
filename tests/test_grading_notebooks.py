"""Grading real notebooks in real kernels: the CLI, hostile notebooks, the pytest route.

Kernel start-up is slow, so the whole hostile zoo is graded in a single `autodidact grade` run.
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
from autodidact.grading.report import gradescope_results, text_report
from autodidact.grading.runner import MIME_TYPE, LessonResult

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
    broken = LessonResult("02_chain_rule.ipynb", None, [], error="this file is not valid JSON (...)")
    data = json.loads(json.dumps(gradescope_results([lesson, broken], execution_time=1.5)))
    validate_gradescope(data)
    assert data["score"] == pytest.approx(3.0)  # 1.1 fully, 1.3 one of two checks
    names = [t["name"] for t in data["tests"]]
    assert "Exercise 1.1 (A derivative by hand): agrees with autograd at random points" in names
    failed_13 = [t for t in data["tests"] if t["name"].startswith("Exercise 1.3") and t["status"] == "failed"]
    assert failed_13 and "hint:" in failed_13[0]["output"]
    assert any("could not be graded" in t["name"] and "not valid JSON" in t["output"] for t in data["tests"])
    table = text_report([lesson, broken])
    assert "1.2 Ask autograd" in table and "not attempted" in table and "Total: 3/6 points" in table
    assert "could not be graded: this file is not valid JSON" in table
    with pytest.raises(Exception):
        validate_gradescope({"score": "full", "tests": []})


def replace_cell(notebook, marker, source):
    (cell,) = [c for c in notebook.cells if c.cell_type == "code" and c.source.startswith(marker)]
    cell.source = source
    return cell


def hostile_chain_rule_notebook(path):
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
        # sneaky: fake results, and a patched grader; neither may produce a pass
        new_code_cell("from IPython.display import display\n"
                      f"display({{'{MIME_TYPE}': '{{\"exercises\": [], \"notes\": []}}'}}, raw=True)\n"
                      "import autodidact.grading.core as core\n"
                      "core.run_check = lambda check, exercise, *args, **kwargs: None\n"),
        new_code_cell("globals = print = None  # names the grader's own cell must not rely on\n"),
    ]
    nbformat.write(notebook, path)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submission")
    shutil.copy(REPO / "solutions" / "01_derivatives.ipynb", folder)
    hostile_chain_rule_notebook(folder / "02_chain_rule.ipynb")
    (folder / "03_gradient_descent.ipynb").write_text('{"cells": [{"cell_type": "code", ', encoding="utf-8")
    shutil.copy(REPO / "exercises" / "04_training_loop.ipynb", folder)
    dying = nbformat.read(REPO / "solutions" / "05_broadcasting.ipynb", as_version=4)
    dying.cells.insert(3, new_code_cell("import os\nos._exit(0)\n"))  # kills the kernel
    nbformat.write(dying, folder / "05_broadcasting.ipynb")
    results_file = folder / "results.json"
    argv = [str(folder), "--json", str(results_file), "--time-limit", "1", "--cell-timeout", "4"]
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
    assert "Total: 8/38 points" in table


def test_a_solution_notebook_gets_full_marks(cli_run):
    block = lesson_block(cli_run[1], 1)
    assert "Lesson total" in block and block.rstrip().endswith("6/6")


def test_untouched_exercises_are_not_attempted(cli_run):
    block = lesson_block(cli_run[1], 4)
    assert block.count("not attempted") == 3 and block.rstrip().endswith("0/9")


def test_the_hostile_notebook_is_graded_fairly(cli_run):
    block = lesson_block(cli_run[1], 2)
    lines = block.splitlines()
    row = {line.split()[0]: line for line in lines if line.strip()[:3] in ("2.1", "2.2", "2.3")}
    assert "0/2" in row["2.1"] and "0/3" in row["2.2"] and "2/2" in row["2.3"]
    assert "timed out: stopped after" in block                                # per-check time limit
    assert "`chain_rule_parts` is not defined" in block                       # deleted cell
    assert "no cell starts with '# EXERCISE 2.2'" in block
    assert "`check` was redefined" in block
    assert "timed out: stopped after 4 s" in block                            # cell time limit
    assert "raised ValueError: my own mistake" in block
    assert "Lesson total" in block and block.rstrip().endswith("2/7")        # no fake or patched pass


def test_huge_cell_output_is_cut():
    from autodidact.grading.runner import MAX_OUTPUT_CHARS_PER_CELL, _client_class

    notebook = nbformat.v4.new_notebook(cells=[new_code_cell("print('spam ' * 500_000)\nprint('more')")])
    client = _client_class()(notebook, timeout=30, kernel_name="python3", allow_errors=True)
    client.execute()
    outputs = notebook.cells[0].outputs
    assert len(json.dumps(outputs)) < MAX_OUTPUT_CHARS_PER_CELL + 500
    assert "... (output cut: the grader keeps at most" in "".join(o.get("text", "") for o in outputs)


def test_broken_json_is_reported_and_counted(cli_run):
    block = lesson_block(cli_run[1], 3)
    assert "could not be graded: this file is not valid JSON" in block
    assert block.rstrip().endswith("0/8")


def test_a_dead_kernel_is_reported_with_the_cell_that_killed_it(cli_run):
    block = lesson_block(cli_run[1], 5)
    assert "could not be graded: the Python kernel died while running cell 4" in block
    assert block.rstrip().endswith("0/8")


def test_results_json_follows_gradescope_format(cli_run):
    data = cli_run[3]
    validate_gradescope(data)
    assert data["score"] == 8
    assert sum(t["max_score"] for t in data["tests"]) == pytest.approx(38)
    timed_out = [t for t in data["tests"] if t["name"].startswith("Exercise 2.1")]
    assert all(t["status"] == "failed" and "timed out" in t["output"] for t in timed_out)


def test_grading_cannot_run_exits_two(tmp_path, capsys):
    assert grade_main([str(tmp_path / "missing")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert grade_main([str(tmp_path)]) == 2
    assert "no notebooks" in capsys.readouterr().err
    (tmp_path / "notes.txt").write_text("hi")
    assert grade_main([str(tmp_path / "notes.txt")]) == 2


def test_pytest_can_grade_too(tmp_path):
    shutil.copy(REPO / "solutions" / "01_derivatives.ipynb", tmp_path)
    shutil.copy(REPO / "exercises" / "test_exercises.py", tmp_path)
    notebook = nbformat.read(tmp_path / "01_derivatives.ipynb", as_version=4)
    replace_cell(notebook, "# EXERCISE 1.1", "# EXERCISE 1.1\ndef f_prime(x):\n    return 3 * x**2 + 4\n")
    nbformat.write(notebook, tmp_path / "01_derivatives.ipynb")
    env_path = str(REPO)
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
        env={**__import__("os").environ, "PYTHONPATH": env_path})
    output = completed.stdout
    assert completed.returncode == 1, output
    assert "2 failed, 4 passed" in output
    assert "hint: Differentiate f one term at a time" in output


def test_a_missing_kernel_exits_two_with_the_reason(tmp_path, capsys):
    shutil.copy(REPO / "exercises" / "01_derivatives.ipynb", tmp_path)
    assert grade_main([str(tmp_path), "--kernel", "no-such-kernel"]) == 2
    error = capsys.readouterr().err
    assert "cannot grade: no Jupyter kernel named 'no-such-kernel'" in error and "Traceback" not in error
