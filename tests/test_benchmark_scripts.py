"""The benchmark scripts still fit the engine they measure (they are run by hand, not in CI)."""
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def test_bench_tracing_off_finds_and_removes_every_tracing_hook(tmp_path, monkeypatch):
    # The script deletes the hook lines from a copy of the package by pattern; a refactor of
    # spec.py or graph.py that renames them must update the patterns, or the benchmark stops.
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import bench_tracing_off

    without = bench_tracing_off.engine_without_hooks(tmp_path)
    try:
        source = (Path(without.__file__).parent / "engine" / "spec.py").read_text(encoding="utf-8")
        assert "on_forward" not in source
        graph_source = (Path(without.__file__).parent / "engine" / "graph.py").read_text(encoding="utf-8")
        assert "on_backward_step" not in graph_source and "on_accumulate" not in graph_source
        x = without.tensor([1.0, 2.0], requires_grad=True)
        (x * x).sum().backward()
        assert x.grad.tolist() == [2.0, 4.0]
    finally:
        for name in [name for name in sys.modules if name.startswith("autodidact_without_hooks")]:
            del sys.modules[name]
