"""Clumsy or hostile learner code, checked in-process: the grader reports, never crashes, never passes wrongly."""
import time

import pytest

from autodidact.grading import check
from autodidact.grading.core import ERROR, FAILED, NOT_ATTEMPTED, TIMEOUT, get_exercise, run_exercise
from autodidact.grading.inprocess import run_cells
from autodidact.grading.assignment import read_notebook
from autodidact.grading.judge import cell_notes

@pytest.fixture(autouse=True)
def lenient_checks(monkeypatch):
    """These tests look at failing checks' feedback, so CI's strict mode must be off here."""
    monkeypatch.delenv("AUTODIDACT_STRICT_CHECKS", raising=False)


SETUP = "import numpy as np\nimport autodidact as torch\nfrom autodidact.grading import check\n"


def grade_source(source, exercise_id="1.1", time_limit=2.0):
    namespace, _, errors = run_cells([SETUP, source], name="learner", time_limit=time_limit)
    return run_exercise(exercise_id, namespace, time_limit), errors


def test_an_infinite_loop_is_stopped_and_reported_as_timed_out():
    started = time.perf_counter()
    result, _ = grade_source("def f_prime(x):\n    while True:\n        pass\n", time_limit=0.3)
    assert time.perf_counter() - started < 5
    assert [c.status for c in result.checks] == [TIMEOUT, TIMEOUT]
    assert all(c.detail.startswith("timed out") for c in result.checks)
    assert result.score == 0


def test_a_loop_that_catches_exception_is_still_stopped():
    source = ("def f_prime(x):\n    while True:\n        try:\n            x = x + 1\n"
              "        except Exception:\n            pass\n")
    result, _ = grade_source(source, time_limit=0.3)
    assert {c.status for c in result.checks} == {TIMEOUT}


def test_an_exception_shows_the_learners_own_line_and_message():
    result, _ = grade_source("def f_prime(x):\n    slope = 3 * x**2\n    return slope / 0\n")
    detail = result.checks[0].detail
    assert result.checks[0].status == ERROR
    assert detail.startswith("ZeroDivisionError: float division by zero")
    assert "line 3: return slope / 0" in detail and "in `f_prime`" in detail
    assert "Traceback" not in detail and "grading" not in detail


def test_an_error_inside_the_engine_points_at_the_learners_line():
    source = "def autograd_derivative(f, x_value):\n    x = torch.tensor([[1.0, 2.0]])\n    return (x @ x).item()\n"
    result, _ = grade_source(source, "1.2")
    detail = result.checks[0].detail
    assert detail.startswith("RuntimeError: mat1 and mat2 shapes cannot be multiplied")
    assert "line 3: return (x @ x).item()" in detail


def test_a_deleted_or_renamed_cell_gives_a_clear_message_and_no_points():
    result, _ = grade_source("def my_derivative(x):\n    return 3 * x**2 - 4\n")
    assert result.score == 0 and result.status == FAILED
    assert "`f_prime` is not defined" in result.checks[0].detail
    assert "deleted or renamed" in result.checks[0].detail


def test_an_answer_of_the_wrong_kind_is_described_not_crashed_on():
    result, _ = grade_source("def f_prime(x):\n    return 'three x squared minus four'\n")
    assert result.checks[0].status == FAILED
    assert "should be a number, but it is a str" in result.checks[0].detail
    result, _ = grade_source("f_prime = 71.0\n")
    assert "`f_prime` should be a function, but it is a float" in result.checks[0].detail


def test_huge_output_is_cut():
    result, _ = grade_source("def f_prime(x):\n    print('x' * 1_000_000)\n    return 0.0\n")
    detail = result.checks[0].detail
    assert result.checks[0].status == FAILED
    assert "your code printed" in detail and "more characters cut" in detail
    assert len(detail) < 2000


def test_exit_and_endless_recursion_are_reported():
    result, _ = grade_source("import sys\ndef f_prime(x):\n    sys.exit(3)\n")
    assert result.checks[0].status == ERROR and "SystemExit" in result.checks[0].detail
    result, _ = grade_source("def f_prime(x):\n    return f_prime(x)\n")
    assert result.checks[0].status == ERROR and "RecursionError" in result.checks[0].detail


def test_a_not_implemented_stub_is_not_attempted_and_shows_no_hints():
    result, _ = grade_source('def f_prime(x):\n    raise NotImplementedError("Exercise 1.1: replace this line")\n')
    assert result.status == NOT_ATTEMPTED and all(c.hint == "" for c in result.checks)
    shown = repr(check("1.1", namespace={"f_prime": lambda x: (_ for _ in ()).throw(
        NotImplementedError("Exercise 1.1: replace this line"))}))
    assert "not attempted yet" in shown and "0/2 points" in shown


def test_check_in_the_notebook_shows_marks_hints_and_score():
    namespace = {}
    exec("def f_prime(x):\n    return 3 * x**2 + 4\n", namespace)
    feedback = check("1.1", namespace=namespace)
    text, page = repr(feedback), feedback._repr_html_()
    assert text.startswith("Exercise 1.1 · A derivative by hand: 0 of 2 checks pass — 0/2 points")
    assert "✗ agrees with autograd at random points" in text and "hint: Differentiate f one term at a time" in text
    assert "✗" in page and "hint:" in page and "<script" not in page
    exec("def f_prime(x):\n    return 3 * x**2 - 4\n", namespace)
    feedback = check(" 1.1 ", namespace=namespace)
    assert feedback.passed and "✓ works for a whole array of points" in repr(feedback) and feedback.score == 2


def test_check_uses_the_callers_namespace():
    def f_prime(x):  # noqa: F841 - found through the caller's globals, as in a notebook
        return 3 * x**2 - 4

    globals()["f_prime"] = f_prime
    try:
        assert check("1.1").passed
    finally:
        del globals()["f_prime"]


def test_an_unknown_exercise_id_says_which_exist():
    with pytest.raises(ValueError, match=r"There is no exercise '9.9'. Exercises are: 1.1, 1.2"):
        check("9.9", namespace={})


def test_html_escapes_learner_text():
    namespace = {"f_prime": lambda x: "<img src=x onerror=alert(1)>"}
    page = check("1.1", namespace=namespace)._repr_html_()
    assert "<img" not in page and "&lt;img" in page


# -- reading notebooks (no kernel needed) ------------------------------------------------------

def test_broken_json_is_reported_as_such(tmp_path):
    path = tmp_path / "02_chain_rule.ipynb"
    path.write_text('{"cells": [', encoding="utf-8")
    notebook, problem = read_notebook(path)
    assert notebook is None and problem.startswith("this file is not valid JSON (")
    path.write_text('{"hello": 1}', encoding="utf-8")
    assert "not a Jupyter notebook" in read_notebook(path)[1]


def test_deleted_and_duplicated_exercise_cells_are_noted():
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    notebook = new_notebook(cells=[new_code_cell("# EXERCISE 2.1\ndef dz_dx(x): pass"),
                                   new_code_cell("# EXERCISE 2.1\ndef dz_dx(x): pass"),
                                   new_code_cell("# EXERCISE 2.3\ndef fan_in_derivative(x): pass")])
    notes = cell_notes(notebook, [get_exercise(i) for i in ("2.1", "2.2", "2.3")])
    assert "appears in 2 cells (1, 2)" in notes["2.1"]
    assert "no cell starts with '# EXERCISE 2.2'" in notes["2.2"]
    assert "2.3" not in notes
    assert nbformat.validate(notebook) is None


def test_strict_mode_turns_a_failed_check_into_an_error(monkeypatch):
    monkeypatch.setenv("AUTODIDACT_STRICT_CHECKS", "1")
    with pytest.raises(AssertionError, match="a check failed"):
        check("1.1", namespace={"f_prime": lambda x: 0.0})
    assert check("1.1", namespace={"f_prime": lambda x: 3 * x**2 - 4}).passed


def test_grading_uses_the_engine_only():
    import subprocess
    import sys

    code = ("import sys\nfrom autodidact.grading import check, all_exercises\nall_exercises()\n"
            "check('1.1', namespace={'f_prime': lambda x: 3 * x**2 - 4})\n"
            "loaded = [m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'ipywidgets', 'nbclient')"
            " or m.startswith(('autodidact.tracing', 'autodidact.drawing', 'autodidact.widgets'))]\n"
            "print(loaded)\n")
    repo = __import__("pathlib").Path(__file__).resolve().parents[1]
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=repo).stdout
    assert output.strip() == "[]"


def test_calling_another_exercises_stub_is_an_error_not_not_attempted():
    source = ('def init_mlp(n_in, n_hidden, n_out):\n    raise NotImplementedError("Exercise 7.1: replace this line")\n'
              "def train_mlp(X, y):\n    params = init_mlp(1, 16, 1)\n    return params\n")
    result, _ = grade_source(source, "7.3")
    assert result.status == FAILED and result.checks[0].status == ERROR
    assert "calls the function of Exercise 7.1, which is not written yet" in result.checks[0].detail


# -- probe and judgement -----------------------------------------------------------------------

def test_hints_are_progressive_one_more_per_failed_attempt():
    from autodidact.grading.notebook import _ATTEMPTS

    _ATTEMPTS.clear()
    namespace = {}
    exec("import numpy as np\ndef linear_mse_gradient(a, b, x, y):\n    r = y - (a * x + b)\n"
         "    return float(np.mean(2 * r * x)), float(np.mean(2 * r))\n", namespace)
    exercise = get_exercise("3.2")
    first, second, third = (repr(check("3.2", namespace=namespace)) for _ in range(3))
    hints = exercise.checks[0].hints
    assert f"hint: {hints[0]}" in first and f"hint: {hints[1]}" not in first
    assert f"hint: {hints[0]}" in second and f"hint: {hints[1]}" in second
    assert third.count("hint:") == second.count("hint:")  # no more than all of them
    for ex in [get_exercise(i) for i in ("1.1", "2.1", "3.2", "4.1", "5.2", "7.2")]:
        for c in ex.checks:
            assert len(c.hints) >= 2, (ex.id, c.name)
    # 3.2's hints point at the chain rule, not at the finished formula
    assert not any("mean of 2" in h or "2·r·" in h for c in exercise.checks for h in c.hints)


def test_a_syntax_error_in_an_exercise_cell_is_reported_as_such():
    cells = [SETUP, "# EXERCISE 1.1\ndef f_prime(x):\n    return 3 * x**2 -\n", 'check("1.1")']
    _, results, errors = run_cells(cells, name="learner")
    detail = results["1.1"].checks[0].detail
    assert "Exercise 1.1's cell has a syntax error" in detail and "line 3" in detail
    assert "is not defined" in detail and errors and "SyntaxError" in errors[0][1]


def test_the_judge_accepts_only_plain_data_of_the_agreed_form():
    from autodidact.grading.plain import PayloadError, TensorFacts, decode, describe, envelope

    import autodidact as ad

    x = ad.tensor([1.0, 2.0], requires_grad=True)
    answer, printed = decode(envelope(describe([x * 2, 3.5, None, ("a", 1)]), "hi"))
    tensor = answer[0]
    assert isinstance(tensor, TensorFacts) and tensor.shape == [2] and tensor.grad_fn == "MulBackward0"
    assert tensor.dtype == "torch.float32" and tensor.requires_grad and not tensor.is_leaf
    assert answer[1:] == [3.5, None, ("a", 1)] and printed == "hi"
    for bad in ['{"answer": {"t": "float", "v": 1}, "printed": "", "score": 6000}',
                '{"answer": {"t": "tensor", "shape": [3], "dtype": "float32", "v": [1, 2], '
                '"requires_grad": false, "is_leaf": true, "grad_fn": null}, "printed": ""}',
                '{"answer": {"t": "score", "v": 59}, "printed": ""}', "[" * 10000, "not json", "x" * 5_000_000]:
        with pytest.raises(PayloadError):
            decode(bad)


def test_the_same_seed_draws_the_same_inputs():
    namespace = {}
    exec("def f_prime(x):\n    return 3 * x**2 + 4\n", namespace)
    first = run_exercise("1.1", namespace, seed="abc").checks[0].detail
    assert first == run_exercise("1.1", namespace, seed="abc").checks[0].detail
    assert first != run_exercise("1.1", namespace, seed="abd").checks[0].detail


def test_a_package_changed_on_disk_stops_weak_mode_grading(monkeypatch):
    """Without bubblewrap a submission could edit the package the next kernels import: grading stops."""
    from autodidact.grading import judge

    monkeypatch.setattr(judge, "_FINGERPRINT", [])
    fingerprints = iter(["before", "before", "after"])
    monkeypatch.setattr(judge, "package_fingerprint", lambda: next(fingerprints))
    judge._check_package_unchanged("ada")
    judge._check_package_unchanged("ada")
    with pytest.raises(judge.GradingCompromised, match="changed while bob's submission"):
        judge._check_package_unchanged("bob")
