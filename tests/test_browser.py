"""The widgets in a real browser: JupyterLab on 127.0.0.1, driven by headless Chromium.

    python -m pytest -m browser tests/test_browser.py      # only this
    python -m pytest -m "not browser"                      # everything else

Chromium comes from the system's packages (Debian: chromium, chromium-driver) and Playwright from
PyPI; Playwright's own browser download is never used. The test writes a notebook into a temporary
folder, starts JupyterLab there, runs the notebook, moves the GradientExplorer's slider with the
keyboard and checks that the displayed gradient becomes 2/x; then it presses TrainingLab's Run and
checks that a loss curve is drawn. On failure it saves a screenshot (its path is in the message);
it always stops the server, its kernels and the browser it started.
"""
import io
import json
import re
import time

import pytest

from browser_support import (JupyterLab, artifacts_dir, launch_chromium, run_all_cells,
                             skip_unless_browser_tools, text_of, wait_for_kernel)

pytestmark = pytest.mark.browser

NOTEBOOK_CELLS = [
    "import autodidact as torch\n"
    "from autodidact.widgets import GradientExplorer, TrainingLab\n"
    "explorer = GradientExplorer(lambda x: torch.log(x**2), x=5.0)\n"
    "explorer",
    "lab = TrainingLab()\n"
    "lab",
]


def write_notebook(folder):
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in NOTEBOOK_CELLS]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "widgets.ipynb")


@pytest.fixture
def jupyterlab(tmp_path):
    skip_unless_browser_tools()
    (tmp_path / "notebooks").mkdir()
    write_notebook(tmp_path / "notebooks")
    server = JupyterLab(tmp_path)
    try:
        server.start()
        yield server
    finally:
        server.stop()


def blue_pixels_in_left_half(png):
    """Pixels of the first loss curve's colour (#1f77b4) in the left panel of TrainingLab's picture."""
    import numpy as np
    from PIL import Image

    image = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)
    left = image[:, : image.shape[1] // 2]
    distance = np.abs(left - np.array([31, 119, 180])).sum(axis=2)
    return int((distance < 60).sum())


def run_scenario(page, server):
    page.set_default_timeout(60_000)
    page.goto(f"{server.url}/lab/tree/widgets.ipynb")
    wait_for_kernel(page)
    run_all_cells(page)

    # GradientExplorer: the readout shows f'(5) = 2/5.
    readout = page.locator(".widget-html-content", has_text="f′(x)").first
    readout.wait_for()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.widget-html-content')].some("
        "e => e.innerText.includes('f′(x) = 0.4000'))")
    before = readout.inner_text()

    # Move the slider from the keyboard: focus it, three steps to the right.
    handle = page.locator(".ad-control input[type=range]").first
    handle.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "(before) => { const e = [...document.querySelectorAll('.widget-html-content')]"
        ".find(e => e.innerText.includes('f′(x)')); return e && e.innerText !== before; }", arg=before)
    shown = readout.inner_text()
    x = float(re.search(r"x = (-?[\d.]+)", shown).group(1))
    gradient = float(re.search(r"f′\(x\) = (-?[\d.]+)", shown).group(1))
    assert x > 5.0, f"the slider did not move right: {shown!r}"
    assert gradient == pytest.approx(2 / x, abs=2e-4), f"gradient shown {gradient}, expected 2/x = {2 / x}"

    # TrainingLab: press Run; the readout reports 50 epochs and a loss curve is drawn.
    # The lab's output area: found by its Reset button, which stays (the readout text changes).
    lab_output = page.locator(".jp-OutputArea-output").filter(
        has=page.locator("button.widget-button", has_text="Reset")).first
    lab_output.wait_for()
    picture = lab_output.locator("img").first
    picture.wait_for()
    assert "start: a = 1.0000, b = 1.0000" in text_of(lab_output.locator(".widget-html-content"))
    empty = blue_pixels_in_left_half(picture.screenshot())
    lab_output.locator("button.widget-button", has_text="Run").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.widget-html-content')].some("
        "e => e.innerText.includes('after 50 epochs'))")
    page.wait_for_timeout(500)  # the new image follows the readout by a few ms
    drawn = blue_pixels_in_left_half(picture.screenshot())
    assert drawn > empty + 150, f"no loss curve appeared ({empty} -> {drawn} curve-coloured pixels)"
    assert "fell from 2.4167" in text_of(lab_output.locator(".widget-html-content"))
    return {"x": x, "gradient": gradient, "curve_pixels": drawn}


def test_gradient_explorer_and_training_lab_in_jupyterlab(jupyterlab, tmp_path):
    from playwright.sync_api import sync_playwright

    artifacts = artifacts_dir(tmp_path)
    failures = []
    with sync_playwright() as playwright:
        for attempt in (1, 2):  # one retry: a first JupyterLab start can be slow on a cold machine
            browser = launch_chromium(playwright)
            try:
                page = browser.new_context(viewport={"width": 1280, "height": 1600}).new_page()
                started = time.perf_counter()
                try:
                    result = run_scenario(page, jupyterlab)
                except Exception as error:
                    shot = artifacts / f"browser-failure-attempt{attempt}.png"
                    page.screenshot(path=str(shot), full_page=True)
                    failures.append(f"attempt {attempt}: {type(error).__name__}: {error} (screenshot: {shot})")
                    continue
                result["seconds"] = round(time.perf_counter() - started, 1)
                print("browser scenario:", json.dumps(result))
                return
            finally:
                browser.close()
    pytest.fail("\n".join(failures) + f"\nJupyterLab log: {jupyterlab.log}")
