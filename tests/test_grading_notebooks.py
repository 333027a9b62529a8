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
from autodidact.grading.runner import MIME_TYPE

from test_grading_hostile import validate_gradescope

REPO = Path(__file__).resolve().parents[1]


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
    ]
    nbformat.write(notebook, path)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submission")
    shutil.copy(REPO / "solutions" / "01_derivatives.ipynb", folder)
    hostile_chain_rule_notebook(folder / "02_chain_rule.ipynb")
    (folder / "03_gradient_descent.ipynb").write_text('{"cells": [{"cell_type": "code", ', encoding="utf-8")
    shutil.copy(REPO / "exercises" / "04_training_loop.ipynb", folder)
    results_file = folder / "results.json"
    argv = [str(folder), "--json", str(results_file), "--time-limit", "1", "--cell-timeout", "4"]
    return folder, results_file, argv


@pytest.fixture(scope="module")
def cli_run(graded, capsys_module=None):
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
    assert "Total: 8/30 points" in table


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


def test_broken_json_is_reported_and_counted(cli_run):
    block = lesson_block(cli_run[1], 3)
    assert "could not be graded: this file is not valid JSON" in block
    assert block.rstrip().endswith("0/8")


def test_results_json_follows_gradescope_format(cli_run):
    data = cli_run[3]
    validate_gradescope(data)
    assert data["score"] == 8
    assert sum(t["max_score"] for t in data["tests"]) == pytest.approx(30)
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
    assert "hint: Differentiate term by term" in output


def test_a_missing_kernel_exits_two_with_the_reason(tmp_path, capsys):
    shutil.copy(REPO / "exercises" / "01_derivatives.ipynb", tmp_path)
    assert grade_main([str(tmp_path), "--kernel", "no-such-kernel"]) == 2
    error = capsys.readouterr().err
    assert "cannot grade: no Jupyter kernel named 'no-such-kernel'" in error and "Traceback" not in error
