"""Learner-style PyTorch snippets print exactly what PyTorch 2.13 prints.

Each ``pytorch_snippets/cases/NAME.py`` does ``import torch`` and prints; it runs in a fresh Python
with autodidact installed as ``torch`` (and its submodules as ``torch.nn``, ``torch.optim``...): a
copy, made with ``fork()``, of a Python that has just done those imports and nothing else, so that
the cases do not each pay for starting Python and importing (0.37 of the 0.39 CPU-seconds a case
took on its own).
Warnings print as ``WARNING: <Category>`` and an uncaught exception as ``EXCEPTION: <Class>``, so
both are compared too. ``expected/NAME.out`` holds PyTorch's output (``regenerate.py`` rewrites it).
"""
import json
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

def run(case):
    try:
        runpy.run_path(case, run_name="__main__")
    except Exception as exc:
        traceback.print_exc()
        name = type(exc).__name__
        print(f"EXCEPTION: {name}" if str(exc) else f"EXCEPTION: {name} (empty message)")
"""

# Runs the bootstrap's imports once, then reads requests (JSON lines: case, stdout file, stderr file)
# and runs each case in a forked child whose stdin is empty and whose output goes to those files;
# answers each with the child's exit status. The child ends as a fresh Python would (sys.exit:
# atexit handlers run, buffers are flushed), and is killed after 120 s.
ZYGOTE = BOOTSTRAP.replace("implementation, case = sys.argv[1], sys.argv[2]", "implementation = sys.argv[1]") + r"""
import json, os, signal
protocol = os.fdopen(os.dup(1), "w")
for request in sys.stdin:
    case, out, err = json.loads(request)
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        for fd, path, flags in ((0, os.devnull, os.O_RDONLY), (1, out, os.O_WRONLY | os.O_CREAT),
                                (2, err, os.O_WRONLY | os.O_CREAT)):
            os.dup2(os.open(path, flags, 0o600), fd)
        protocol.close()
        sys.argv[1:] = [implementation, case]  # as run_case's Python has them
        signal.alarm(120)
        run(case)
        sys.exit(0)
    _, status = os.waitpid(pid, 0)
    protocol.write(json.dumps(os.waitstatus_to_exitcode(status)) + "\n")
    protocol.flush()
"""
BOOTSTRAP += "\nrun(case)\n"


# A case whose printed digits depend on the order float32 numbers are added in (a value that is 0
# up to rounding noise, printed with its sign) says so with this line; it runs with the emulation
# of PyTorch's order switched on (autodidact.parity.float32_order), which is off by default.
ORDER_MARKER = "# float32 order: PyTorch's"


def _wants_pytorch_order(case):
    return ORDER_MARKER in Path(case).read_text(encoding="utf-8")


def _environment(pytorch_order=False):
    env = dict(os.environ, PYTHONHASHSEED="0", PYTHONIOENCODING="utf-8", OMP_NUM_THREADS="1",
               PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    if pytorch_order:
        env["AUTODIDACT_FLOAT32_ORDER"] = "1"  # read when autodidact is imported
    return env


def run_case(implementation, case):
    """Run one case file in a fresh interpreter; return (stdout, stderr, exit status)."""
    proc = subprocess.run([sys.executable, "-c", BOOTSTRAP, implementation, str(case)],
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          env=_environment(_wants_pytorch_order(case)))
    return proc.stdout, proc.stderr, proc.returncode


def run_cases(implementation, cases, folder, processes=2):
    """run_case for each case, each in a forked copy of one of ``processes`` interpreters that did
    the imports once; the output files are written in ``folder``. Returns {case: (stdout, stderr, status)}.
    The interpreters are started with one environment: a case with ORDER_MARKER needs run_case."""
    cases = list(cases)
    assert not any(_wants_pytorch_order(case) for case in cases)
    started = [subprocess.Popen([sys.executable, "-c", ZYGOTE, implementation], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, encoding="utf-8", env=_environment())
               for _ in range(max(1, min(processes, len(cases))))]
    results = {}

    def share(number):
        zygote = started[number]
        for index in range(number, len(cases), len(started)):
            case, out, err = cases[index], Path(folder) / f"{index}.out", Path(folder) / f"{index}.err"
            zygote.stdin.write(json.dumps([str(case), str(out), str(err)]) + "\n")
            zygote.stdin.flush()
            answer = zygote.stdout.readline()
            status = int(answer) if answer.strip() else zygote.wait()
            results[case] = (out.read_text(encoding="utf-8") if out.exists() else "",
                             err.read_text(encoding="utf-8") if err.exists() else "", status)

    try:
        with ThreadPoolExecutor(max_workers=len(started)) as pool:
            list(pool.map(share, range(len(started))))
    finally:
        for zygote in started:
            zygote.stdin.close()
            zygote.wait(timeout=60)
    return {case: results[case] for case in cases}


CASE_FILES = sorted(CASES.glob("*.py"))


@pytest.fixture(scope="module")
def autodidact_outputs(tmp_path_factory):
    # A case that must be imported with another environment (ORDER_MARKER) starts its own Python.
    forked = [case for case in CASE_FILES if not _wants_pytorch_order(case)]
    outputs = run_cases("autodidact", forked, tmp_path_factory.mktemp("snippets"),
                        processes=min(4, os.cpu_count() or 1))
    for case in CASE_FILES:
        if case not in outputs:
            outputs[case] = run_case("autodidact", case)
    return outputs


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
