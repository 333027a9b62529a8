"""When pytest runs the lessons (nbval), the predict cells are compared with their kept answers.

The committed lessons show no output under a **Predict, then run.** question: the learner decides
first. ``build.py`` keeps the checked outputs of those cells in ``lessons/NN_name.answers.json``;
here they are put back into nbval's copy of the cell before it runs, so ``pytest --nbval-lax``
compares them as it compares every other cell tagged ``nbval-check-output``.
"""
import json
from pathlib import Path

import nbformat
import pytest

PREDICT_TAG = "predict"


def kept_answers(notebook_path):
    path = Path(notebook_path).parent / "lessons" / f"{Path(notebook_path).stem}.answers.json"
    if not path.exists():
        return {}
    return {answer["code_cell"]: answer for answer in json.loads(path.read_text(encoding="utf-8"))}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    cell = getattr(item, "cell", None)
    if cell is None or PREDICT_TAG not in cell.metadata.get("tags", []):
        return
    if "nbval-check-output" not in cell.metadata.get("tags", []):
        return  # run, not compared (figures, widgets)
    answer = kept_answers(item.parent.path).get(item.cell_num)
    if answer is None or answer["source"] != cell.source:
        pytest.fail(f"{item.parent.path.name}: no kept answer for code cell {item.cell_num} "
                    f"({cell.source[:60]!r}); rebuild it with: python notebooks/build.py "
                    f"{item.parent.path.name[:2]}", pytrace=False)
    cell.outputs = [nbformat.from_dict(output) for output in answer["outputs"]]
    cell.execution_count = 1  # nbval compares only cells that were run
