"""Count the CPU instructions one workload of bench_engine.py takes, with valgrind's callgrind.

    python benchmarks/count_instructions.py mlp autodidact    # or seed; or mygrad, torch

Wall-clock time on a shared machine moves with the load; an instruction count does not. The
workload runs under ``valgrind --tool=callgrind``, warmed up, then ``--calls`` times inside one
``functools.reduce``; callgrind counts only inside that C function (``--toggle-collect``), so the
import and the warm-up are left out. (apt-get install valgrind.)
"""
import argparse
import functools
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run_calls(engine, workload, calls):
    """(Run under valgrind) warm the workload up, then call it ``calls`` times."""
    sys.path.insert(0, str(HERE))
    import bench_engine

    if engine == "torch":
        import torch

        torch.set_num_threads(1)
        module = torch
    else:
        module = bench_engine.autodidact if engine == "autodidact" else __import__(engine)
    function = bench_engine.workloads(engine, module)[workload]
    for _ in range(3):
        function()
    functools.reduce(lambda _, __: function(), range(calls), None)  # the part callgrind counts


def instructions(engine, workload, calls):
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "callgrind.out")
        environment = dict(os.environ, PYTHONHASHSEED="0")
        subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                        "--toggle-collect=functools_reduce",
                        sys.executable, __file__, "--inside", engine, workload, str(calls)],
                       check=True, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        text = Path(out).read_text(errors="replace")
    return int(re.search(r"^summary: (\d+)", text, re.M).group(1))


def main():
    if sys.argv[1:2] == ["--inside"]:
        engine, workload, calls = sys.argv[2:5]
        return run_calls(engine, workload, int(calls))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workload", choices=("seed", "mlp", "wide"))
    parser.add_argument("engines", nargs="+", choices=("autodidact", "mygrad", "torch"))
    parser.add_argument("--calls", type=int, default=20)
    args = parser.parse_args()
    for engine in args.engines:
        total = instructions(engine, args.workload, args.calls)
        print(f"{args.workload:<6} {engine:<11} {total / args.calls:>14,.0f} instructions per call")


if __name__ == "__main__":
    main()
