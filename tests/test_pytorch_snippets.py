"""Learner-style PyTorch snippets print exactly what PyTorch 2.13 prints.

Each ``pytorch_snippets/cases/NAME.py`` does ``import torch`` and prints; it runs in a fresh Python
with autodidact installed as ``torch`` (and its submodules as ``torch.nn``, ``torch.optim``...).
Warnings print as ``WARNING: <Category>`` and an uncaught exception as ``EXCEPTION: <Class>``, so
both are compared too. ``expected/NAME.out`` holds PyTorch's output (``regenerate.py`` rewrites it).
"""
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "pytorch_snippets"
CASES = HERE / "cases"
EXPECTED = HERE / "expected"
ROOT = Path(__file__).resolve().parents[1]

BOOTSTRAP = r"""
import importlib, runpy, sys, traceback, warnings
implementation, case = sys.argv[1], sys.argv[2]
module = importlib.import_module(implementation)
if implementation != "torch":
    for name in ("nn", "nn.functional", "nn.init", "optim", "optim.lr_scheduler", "autograd",
                 "autograd.functional", "utils", "utils.data", "serialization", "func"):
        importlib.import_module(f"{implementation}.{name}")
    sys.modules["torch"] = module
    for name in list(sys.modules):
        if name.startswith(implementation + "."):
            sys.modules["torch" + name[len(implementation):]] = sys.modules[name]

def show_warning(message, category, *args, **kwargs):
    print(f"WARNING: {category.__name__}")

warnings.showwarning = show_warning
warnings.simplefilter("always")
try:
    runpy.run_path(case, run_name="__main__")
except Exception as exc:
    traceback.print_exc()
    name = type(exc).__name__
    print(f"EXCEPTION: {name}" if str(exc) else f"EXCEPTION: {name} (empty message)")
"""


# A case whose printed digits depend on the order float32 numbers are added in (a value that is 0
# up to rounding noise, printed with its sign) says so with this line; it runs with the emulation
# of PyTorch's order switched on (autodidact.parity.float32_order), which is off by default.
ORDER_MARKER = "# float32 order: PyTorch's"


def run_case(implementation, case):
    """Run one case file in a fresh interpreter; return (stdout, stderr, exit status)."""
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8", OMP_NUM_THREADS="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    if ORDER_MARKER in Path(case).read_text(encoding="utf-8"):
        env["AUTODIDACT_FLOAT32_ORDER"] = "1"
    proc = subprocess.run([sys.executable, "-c", BOOTSTRAP, implementation, str(case)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120, env=env)
    return proc.stdout, proc.stderr, proc.returncode


CASE_FILES = sorted(CASES.glob("*.py"))


@pytest.fixture(scope="module")
def autodidact_outputs():
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        return dict(zip(CASE_FILES, pool.map(lambda case: run_case("autodidact", case), CASE_FILES)))


def test_every_case_has_an_expected_output():
    assert CASE_FILES, "no snippet cases found"
    missing = [case.stem for case in CASE_FILES if not (EXPECTED / f"{case.stem}.out").exists()]
    assert not missing, f"run regenerate.py (with torch==2.13.0) for: {missing}"


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda case: case.stem)
def test_snippet_prints_what_pytorch_prints(case, autodidact_outputs):
    stdout, stderr, returncode = autodidact_outputs[case]
    assert returncode == 0, stderr
    expected = (EXPECTED / f"{case.stem}.out").read_text(encoding="utf-8")
    assert stdout == expected, f"stderr:\n{stderr[-2000:]}"
