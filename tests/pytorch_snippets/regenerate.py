"""Rewrite ``expected/*.out`` by running every case with real PyTorch.

Only run this with torch==2.13.0 installed (the version the expected outputs come from):

    python tests/pytorch_snippets/regenerate.py            # every case
    python tests/pytorch_snippets/regenerate.py NAME ...   # only these cases (a new one, say)
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_pytorch_snippets import CASES, EXPECTED, run_case  # noqa: E402


def main():
    import torch

    if torch.__version__.split("+")[0] != "2.13.0":
        sys.exit(f"torch {torch.__version__} is installed; the expected outputs come from 2.13.0")
    EXPECTED.mkdir(exist_ok=True)
    names = set(sys.argv[1:])
    for case in sorted(CASES.glob("*.py")):
        if names and case.stem not in names:
            continue
        stdout, stderr, returncode = run_case("torch", case)
        if returncode:
            sys.exit(f"{case.name} failed under PyTorch:\n{stderr}")
        (EXPECTED / f"{case.stem}.out").write_text(stdout, encoding="utf-8")
        print("wrote", case.stem)


if __name__ == "__main__":
    main()
