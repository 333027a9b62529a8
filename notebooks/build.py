"""Build the lesson notebooks from the sources in ``notebooks/lessons/`` and run them.

    python notebooks/build.py              # write and execute every lesson
    python notebooks/build.py 03 05        # only lessons whose file name starts with 03 or 05
    python notebooks/build.py --no-execute # write without running (outputs empty)
    python notebooks/build.py --allow-errors  # while drafting: report failing cells, keep going

Each lesson source (``lessons/NN_name.src``) is a list of cells, each opened by a marker line in
the style of Jupytext's "percent" format; Markdown is written as it is, not commented out:

    # %% [markdown]
    # A title
    Some prose with $\\LaTeX$.

    # %% tags=["nbval-check-output"]
    print(x.grad)

The built notebooks are committed *with* their outputs, so they read well on GitHub and in
nbconvert before anyone runs them. Widget outputs keep only their static PNG picture and text:
the live widget appears when the learner runs the cell. ``pytest --nbval-lax`` re-runs every
cell and compares the outputs of the cells tagged ``nbval-check-output``.

Except the answers: the code cells that follow a **Predict, then run.** question (up to the next
Markdown cell) are tagged ``predict`` and committed with no output, so the learner decides before
seeing the result. Their checked outputs are kept aside in ``lessons/NN_name.answers.json``
(which ``autodidact init`` does not copy); ``conftest.py`` hands them to nbval, so those cells
are still compared.
"""
import json
import os
import re
import sys
import time
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "lessons"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
PREDICT_QUESTION = "**Predict, then run.**"
PREDICT_TAG = "predict"

_CELL_MARKER = re.compile(r"^# %%(?P<markdown> \[markdown\])?(?: tags=(?P<tags>\[.*\]))?\s*$")


def parse_cells(text):
    """Split a percent-format source into nbformat cells."""
    cells, kind, tags, lines = [], None, [], []

    def flush():
        if kind is None:
            return
        body = "\n".join(lines).strip("\n")
        if kind == "markdown":
            cell = nbformat.v4.new_markdown_cell(body)
        else:
            cell = nbformat.v4.new_code_cell(body)
        if tags:
            cell.metadata["tags"] = tags
        cells.append(cell)

    for line in text.split("\n"):
        match = _CELL_MARKER.match(line)
        if match:
            flush()
            kind = "markdown" if match.group("markdown") else "code"
            tags = json.loads(match.group("tags")) if match.group("tags") else []
            lines = []
        elif kind is not None:
            lines.append(line)
    flush()
    tag_predictions(cells)
    return cells


def tag_predictions(cells):
    """Tag ``predict`` the code cells that answer a **Predict, then run.** question."""
    answering = False
    for cell in cells:
        if cell.cell_type == "markdown":
            answering = PREDICT_QUESTION in cell.source
        elif answering and PREDICT_TAG not in cell.metadata.get("tags", []):
            cell.metadata["tags"] = [*cell.metadata.get("tags", []), PREDICT_TAG]


def answers_path(notebook_path):
    notebook_path = Path(notebook_path)
    return notebook_path.parent / "lessons" / f"{notebook_path.stem}.answers.json"


def hide_answers(notebook):
    """Clear the outputs of the predict cells; return the checked ones, for nbval (see conftest.py)."""
    answers, code_cell = [], -1
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        code_cell += 1
        tags = cell.metadata.get("tags", [])
        if PREDICT_TAG not in tags:
            continue
        if "nbval-check-output" in tags:
            answers.append({"code_cell": code_cell, "source": cell.source, "outputs": cell.outputs})
        cell.outputs = []
        cell.execution_count = None
    return answers


def new_notebook(cells):
    for index, cell in enumerate(cells):
        cell.id = f"cell-{index:03d}"  # stable across rebuilds: diffs show only real changes
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.metadata["language_info"] = {"name": "python"}
    return notebook


def keep_static_outputs(notebook):
    """Drop live-widget views and widget state: the PNG and text fallbacks stay. Tracebacks name
    the package's files relative to the checkout (``autodidact/engine/tensor.py``), not by the
    path of the machine that built the lesson."""
    notebook.metadata.pop("widgets", None)
    checkout = str(HERE.parent) + os.sep
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        for output in cell.get("outputs", []):
            data = output.get("data")
            if data and WIDGET_MIME in data:
                del data[WIDGET_MIME]
            if output.get("output_type") == "error":
                output["traceback"] = [line.replace(checkout, "") for line in output["traceback"]]


def execute(notebook, allow_errors=False):
    """Run every cell in a fresh kernel whose working directory is notebooks/."""
    from nbclient import NotebookClient

    # From a checkout, let the kernel import the package without installing it.
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in [str(HERE.parent), os.environ.get("PYTHONPATH")] if p)
    client = NotebookClient(notebook, timeout=120, kernel_name="python3", allow_errors=allow_errors,
                            resources={"metadata": {"path": str(HERE)}})
    client.execute()
    return [(index, output["ename"], output["evalue"])
            for index, cell in enumerate(notebook.cells)
            for output in cell.get("outputs", []) if output.get("output_type") == "error"
            and "raises-exception" not in cell.metadata.get("tags", [])]


def build(source, run=True, allow_errors=False):
    notebook = new_notebook(parse_cells(source.read_text()))
    started = time.perf_counter()
    target = HERE / (source.stem + ".ipynb")
    if run:
        for index, name, value in execute(notebook, allow_errors):
            print(f"  {source.stem} cell {index}: {name}: {value}")
        keep_static_outputs(notebook)
        answers = hide_answers(notebook)
        answers_path(target).write_text(json.dumps(answers, indent=1, ensure_ascii=False) + "\n")
    nbformat.validate(notebook)
    nbformat.write(notebook, target)
    return target, time.perf_counter() - started


def main(argv):
    run = "--no-execute" not in argv
    allow_errors = "--allow-errors" in argv  # while drafting: list failing cells instead of stopping
    prefixes = [arg for arg in argv if not arg.startswith("--")]
    sources = sorted(SOURCES.glob("[0-9][0-9]_*.src"))
    if prefixes:
        sources = [s for s in sources if any(s.name.startswith(p) for p in prefixes)]
    for source in sources:
        target, seconds = build(source, run, allow_errors)
        print(f"{target.name}: {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
