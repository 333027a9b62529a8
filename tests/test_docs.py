"""The derivative cheat sheet is generated from the op table and must stay in step with it."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_cheatsheet_matches_the_op_table():
    result = subprocess.run([sys.executable, str(ROOT / "docs" / "make_cheatsheet.py"), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_cheatsheet_lists_every_op():
    from autodidact.engine.ops import OPS

    text = (ROOT / "docs" / "ops.md").read_text(encoding="utf-8")
    for op in OPS.values():
        assert f"`{op.grad_fn}`" in text, op.name
