"""Lesson 8 shows the engine's own code, read with ``inspect`` while the notebook runs. If a shown
function, class or op-table entry is renamed or removed, this test fails (before nbval would), and
says which excerpt to update in ``notebooks/lessons/08_inside_the_engine.src``."""
import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "notebooks" / "lessons" / "08_inside_the_engine.src"


def lesson_cells():
    spec = importlib.util.spec_from_file_location("notebook_builder", REPO / "notebooks" / "build.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    return [cell.source for cell in builder.parse_cells(SOURCE.read_text()) if cell.cell_type == "code"]


EXCERPTS = [source.strip() for source in lesson_cells() if source.strip().startswith("show(")]


def test_the_lesson_shows_the_tensor_fields_a_node_two_op_entries_the_loop_and_the_broadcast_step():
    assert len(EXCERPTS) >= 6, EXCERPTS


@pytest.mark.parametrize("excerpt", EXCERPTS)
def test_each_shown_excerpt_still_exists_in_the_package(excerpt):
    namespace = {}
    exec(lesson_cells()[0], namespace)  # the imports and show()
    shown = eval(excerpt, namespace)
    text = shown.data
    assert "```python\n" in text and len(text.split("```python\n", 1)[1].strip("`\n")) > 20, (
        f"{excerpt} shows no code")
