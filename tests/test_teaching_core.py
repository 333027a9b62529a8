"""The teaching core stays small enough to read in one sitting (issue 9, ``docs/architecture.md``).

``autodidact.engine.TEACHING_CORE`` names the files a learner reads first: the Tensor's fields, the
op-spec form, the first ops, the node and the backward loop. PyTorch-parity code lives elsewhere
(``autodidact/parity/``, ``engine/errors.py``, ``engine/hooks.py``...); these tests fail when the
core grows past its budget or the backward loop no longer fits one screen.
"""
import inspect
from pathlib import Path

import autodidact
from autodidact.engine import TEACHING_CORE, graph

PACKAGE = Path(autodidact.__file__).parent
LINE_BUDGET = 600  # all the teaching core's lines together, docstrings and comments included
SCREEN = 60  # lines: what one screen shows


def test_the_teaching_core_files_exist_and_fit_the_line_budget():
    counts = {name: len((PACKAGE / name).read_text(encoding="utf-8").splitlines()) for name in TEACHING_CORE}
    total = sum(counts.values())
    assert total <= LINE_BUDGET, (
        f"the teaching core has {total} lines, over its budget of {LINE_BUDGET}: {counts}. Move "
        "PyTorch-parity code out (autodidact/parity/, engine/errors.py...) rather than raise the budget.")


def test_the_backward_loop_fits_one_screen():
    for function in (graph.run_backward, graph._step, graph._pass_on):
        lines, _ = inspect.getsourcelines(function)
        assert len(lines) <= SCREEN, f"{function.__name__} has {len(lines)} lines, more than one screen ({SCREEN})"


def test_one_node_of_backward_runs_its_steps_in_named_order():
    """retain_grad, the freed-graph check, the version check, the rule, the trace observers, then
    freeing: each one call, in this order, in ``graph._step``."""
    source = inspect.getsource(graph._step)
    steps = ["fill_retained_grad(", "released_error(", "check_saved_versions(", ".backward_step(",
             "on_backward_step(", "_free_saved_values("]
    positions = [source.find(step) for step in steps]
    assert -1 not in positions, dict(zip(steps, positions))
    assert positions == sorted(positions), dict(zip(steps, positions))
