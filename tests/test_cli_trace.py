"""`autodidact trace EXPR --at ...`: the printed trace, the graph file, and refusing hostile input."""
import os
import subprocess
import sys

import pytest

from autodidact.tracing.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_seed_expression(capsys):
    assert main(["log(x**2)", "--at", "x=5"]) == 0
    out = capsys.readouterr().out
    assert "1/v1 = 1/25 = 0.04" in out
    assert "2·x = 2·5 = 10" in out
    assert "x.grad = 0.4" in out


def test_several_variables_and_svg(tmp_path, capsys):
    path = tmp_path / "graph.svg"
    assert main(["x*y + sin(x)", "--at", "x=1.5", "y=-2", "--svg", str(path)]) == 0
    out = capsys.readouterr().out
    assert "x.grad = 0.07074 (via v2) + (-2) (via v1) = -1.929" in out
    assert "y.grad = 1.5" in out
    assert path.read_text().startswith("<svg")


def test_vectors_and_json(capsys):
    assert main(["sum(w*v)", "--at", "w=[1, 2, 3]", "v=[4, 5, 6]", "--format", "json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["leaf_grads"][0]["after"] == [4, 5, 6]


@pytest.mark.parametrize("expression", [
    "__import__('os').system('touch pwned')",
    "x.__class__",
    "(lambda: 1)()",
    "[x for x in (1, 2)]",
    "open('pwned', 'w')",
    "x.exp()",
    "exp(x, y=2)",
    "'a' * 3",
    "x if x else 1",
    "x[0]",
    "import os",
    "unknown(x)",
    "z + 1",
])
def test_hostile_or_unknown_expressions_are_refused_with_exit_code_2(expression, tmp_path, capsys,
                                                                      monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main([expression, "--at", "x=1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("autodidact trace: ")
    assert list(tmp_path.iterdir()) == []


def test_bad_values_are_refused():
    assert main(["x", "--at", "x=__import__('os')"]) == 2
    assert main(["x", "--at", "x"]) == 2
    assert main(["x", "--at", "_x=1"]) == 2
    assert main(["sum(x)", "--at", "x=[1, 2]", "--step", "9", "--svg", os.devnull]) == 1


def test_non_scalar_result_asks_for_sum(capsys):
    assert main(["x*2", "--at", "x=[1, 2]"]) == 2
    assert "wrap it in sum(...)" in capsys.readouterr().err


def test_the_real_command_refuses_without_side_effects(tmp_path):
    env = dict(os.environ, PYTHONPATH=ROOT)
    result = subprocess.run([sys.executable, "-m", "autodidact", "trace",
                             "__import__('os').system('touch pwned')"], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert "not allowed" in result.stderr
    assert not (tmp_path / "pwned").exists()
