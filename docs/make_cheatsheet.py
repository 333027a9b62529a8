"""Write docs/ops.md, the derivative cheat sheet, from the op table.

    python docs/make_cheatsheet.py          # rewrite docs/ops.md
    python docs/make_cheatsheet.py --check  # exit 1 if docs/ops.md is out of date

The op specs in autodidact/engine/ops/ are the only place a derivative is written down; this page is
generated from them, so it cannot drift from what the engine computes.
"""
import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from autodidact.engine.ops import OPS, fill  # noqa: E402

TARGET = ROOT / "docs" / "ops.md"
SHORT_NAMES = ("x", "y", "z")  # how the sheet writes the first, second and third input


def placeholders(op):
    """The cheat sheet's names for a spec's placeholders: inputs x, y, z; the result out."""
    names = {"result": "out"}
    if not op.variadic:
        names.update(zip(op.inputs, SHORT_NAMES))
    return names


def render():
    lines = [
        "# Derivative cheat sheet",
        "",
        "Generated from the op specs (`autodidact/engine/ops/`) by `docs/make_cheatsheet.py`; do not edit.",
        "Each row is one op: PyTorch's name for its backward node, and the local derivative that the",
        "backward pass multiplies by the upstream gradient for each input. Inputs carry PyTorch's",
        "names (`self`, `other`...); in the formulas they are x, y and z, and out is the result.",
        "",
        "| op | grad_fn | input | local derivative | LaTeX |",
        "|---|---|---|---|---|",
    ]
    for op in OPS.values():
        names = placeholders(op)
        for i, input_name in enumerate(op.inputs):
            if op.rules[i] is None:
                continue  # no gradient flows to this input (e.g. where's condition)
            shown = "each input" if op.variadic else f"{input_name} ({names[input_name]})"
            local = fill(op.local_for(i), names).replace("|", "\\|")
            latex = fill(op.latex_for(i), names).replace("|", "\\|")
            lines.append(f"| `{op.name}` | `{op.grad_fn}` | {shown} | {local} | ${latex}$ |")
        if op.explain:
            lines.append(f"| | | | *{op.explain}* | |")
    lines += ["", "The tracer puts in the names and numbers of your own computation, e.g. "
              f"`{fill(OPS['log'].local_for(0), {'self': 'h'})}` for `z = log(h)`.", "",
              "## Adding an op", "",
              "An op is one `op(...)` declaration in `autodidact/engine/ops/<kind>.py` (the form is "
              "explained at the top of `autodidact/engine/spec.py`). For example `expm1`, e^x - 1:", "",
              "```python",
              *_example().splitlines(),
              "```", "",
              "From that entry come `autodidact.expm1`, `Tensor.expm1`, `Tensor.expm1_`, the trace label, "
              "the gradient checks and this page. Then run `python docs/make_cheatsheet.py`. An op with "
              "structured arguments (dims, shapes, indices) also writes its public function by hand, next "
              "to its spec, and registers it with `@public`.", ""]
    return "\n".join(lines)


def _example():
    import inspect

    from autodidact.engine.ops import elementwise_more

    source = inspect.getsource(elementwise_more)
    lines = source[source.index("EXPM1 = op("):].splitlines()
    length = 1 + next(i for i, line in enumerate(lines[1:]) if not line.startswith(" "))
    return "\n".join(lines[:length])


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
