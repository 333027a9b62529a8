"""Does tracing cost anything when it is off? Time the engine with and without its tracing hooks.

    python benchmarks/bench_tracing_off.py

The engine calls the tracer through ``engine.graph.observers``; with no trace open that list is empty
and each recorded op and each backward step pays one truth test. To measure that cost, this script
copies the package into a temporary folder as ``autodidact_without_hooks``, deletes the hook lines
from the copy, and times both engines on the workloads of bench_engine.py, taking turns round after
round. A ratio of 1.00 means the hooks cost nothing measurable.
"""
import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import importlib  # noqa: E402
import re  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import autodidact  # noqa: E402
from bench_engine import mlp_data, mlp_training_step, seed_training_loop  # noqa: E402

# The hook lines, each followed by the indented block it guards.
HOOKS = [
    (Path("engine/spec.py"), r"\n( +)if graph\.observers:\n\1    node\.inputs = inputs[^\n]*\n\1    for watcher in graph\.observers:\n\1        watcher\.on_forward\(node, result\)"),
    (Path("engine/graph.py"), r"\n( +)for watcher in watchers:\n\1    watcher\.on_backward_step\(node, grad, input_grads\)[^\n]*"),
    (Path("engine/graph.py"), r"\n( +)for watcher in watchers:\n\1    watcher\.on_accumulate\(leaf, grad\)"),
]


def engine_without_hooks(folder):
    """Import a copy of autodidact whose tracing hooks are deleted."""
    copy = Path(folder) / "autodidact_without_hooks"
    shutil.copytree(Path(autodidact.__file__).parent, copy,
                    ignore=shutil.ignore_patterns("__pycache__"))
    for relative, pattern in HOOKS:
        path = copy / relative
        text, count = re.subn(pattern, "", path.read_text(encoding="utf-8"))
        if count != 1:
            raise SystemExit(f"hook {pattern!r} not found once in {relative}: update this script")
        path.write_text(text, encoding="utf-8")
    sys.path.insert(0, str(folder))
    return importlib.import_module("autodidact_without_hooks")


def main(rounds=21):
    with tempfile.TemporaryDirectory() as folder:
        engines = {"with hooks": autodidact, "without hooks": engine_without_hooks(folder)}
        calls = {}
        for name, module in engines.items():
            X, Y, params = mlp_data(module)
            calls[name] = {"seed": (5, lambda m=module: seed_training_loop(m)),
                           "mlp": (50, lambda m=module, X=X, Y=Y, p=params: mlp_training_step(m, X, Y, p))}
        samples = {(name, w): [] for name in calls for w in calls[name]}
        for _ in range(rounds):
            for name in calls:
                for workload, (repeats, function) in calls[name].items():
                    start = time.perf_counter()
                    for _ in range(repeats):
                        function()
                    samples[(name, workload)].append((time.perf_counter() - start) / repeats)
    print(f"{'workload':<8} {'engine':<14} {'median':>10} {'ratio':>7}")
    for workload, unit, scale in (("seed", "ms", 1e3), ("mlp", "µs", 1e6)):
        base = statistics.median(samples[("without hooks", workload)])
        for name in engines:
            median = statistics.median(samples[(name, workload)])
            print(f"{workload:<8} {name:<14} {median * scale:>7.1f} {unit} {median / base:>6.2f}×")


if __name__ == "__main__":
    main()
