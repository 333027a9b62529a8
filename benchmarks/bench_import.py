"""How long `import autodidact` takes, next to `import numpy` (its only import-time dependency).

Each import runs in a fresh interpreter; the best of ROUNDS is reported, since a busy machine only
ever adds time. The target is under 0.25 s. (The unit tests check only *what* the import loads,
never how long it takes.)

    python benchmarks/bench_import.py
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 7
TARGET_SECONDS = 0.25

PROBE = (
    "import time\n"
    "start = time.perf_counter()\n"
    "import {module}\n"
    "print(time.perf_counter() - start)\n"
)


def best_import_time(module):
    timings = []
    for _ in range(ROUNDS):
        result = subprocess.run([sys.executable, "-c", PROBE.format(module=module)], cwd=ROOT,
                                capture_output=True, text=True, check=True,
                                env={"PYTHONPATH": str(ROOT), "PATH": ""})
        timings.append(float(result.stdout))
    return min(timings)


def main():
    numpy_seconds = best_import_time("numpy")
    autodidact_seconds = best_import_time("autodidact")
    print(f"import numpy       {numpy_seconds * 1000:7.1f} ms")
    print(f"import autodidact  {autodidact_seconds * 1000:7.1f} ms  (numpy included; target "
          f"< {TARGET_SECONDS * 1000:.0f} ms: {'met' if autodidact_seconds < TARGET_SECONDS else 'MISSED'})")


if __name__ == "__main__":
    main()
