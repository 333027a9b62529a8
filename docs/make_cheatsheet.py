"""Write docs/ops.md, the derivative cheat sheet, from the op table.

    python docs/make_cheatsheet.py          # rewrite docs/ops.md
    python docs/make_cheatsheet.py --check  # exit 1 if docs/ops.md is out of date

The table in autodidact/engine/ops.py is the only place a derivative is written down; this page is
generated from it, so it cannot drift from what the engine computes.
"""
import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autodidact.engine.ops import OPS, fill  # noqa: E402

TARGET = ROOT / "docs" / "ops.md"
INPUT_NAMES = ("x", "y", "z")
# How the cheat sheet writes each placeholder of a formula template.
PLAIN_NAMES = {"x": "x", "y": "y", "out": "out", "n": "n", "base": "a", "low": "min", "high": "max",
               "dim": "dim"}


def input_count(op):
    if isinstance(op.rules, tuple):
        return len(op.rules)
    return 1  # one rule for any number of inputs (cat, stack)


def render():
    lines = [
        "# Derivative cheat sheet",
        "",
        "Generated from the op table (`autodidact/engine/ops.py`) by `docs/make_cheatsheet.py`; do not edit.",
        "Each row is one op: PyTorch's name for its backward node, and the local derivative that the",
        "backward pass multiplies by the upstream gradient for each input.",
        "",
        "| op | grad_fn | input | local derivative | LaTeX |",
        "|---|---|---|---|---|",
    ]
    for op in OPS.values():
        for i in range(input_count(op)):
            if isinstance(op.rules, tuple) and op.rules[i] is None:
                continue  # no gradient flows to this input (e.g. where's condition)
            name = INPUT_NAMES[i] if isinstance(op.rules, tuple) else "each input"
            local = fill(op.local_for(i), PLAIN_NAMES).replace("|", "\\|")
            latex = fill(op.latex_for(i), PLAIN_NAMES).replace("|", "\\|")
            lines.append(f"| `{op.name}` | `{op.grad_fn}` | {name} | {local} | ${latex}$ |")
        if op.explain:
            lines.append(f"| | | | *{op.explain}* | |")
    lines += ["", "In the formulas x and y stand for the inputs, out for the output, n for a number exponent,",
              "a for a number base; the tracer puts in the names and numbers of your own computation, e.g. "
              f"`{fill(OPS['log'].local_for(0), {'x': 'h'})}` for `z = log(h)`.", ""]
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that docs/ops.md is current")
    args = parser.parse_args(argv)
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print("docs/ops.md is out of date: run python docs/make_cheatsheet.py")
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(OPS)} ops)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
