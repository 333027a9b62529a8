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
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_CANDIDATES = ["/usr/lib/chromium/chromium", shutil.which("chromium") or "",
                       shutil.which("chromium-browser") or ""]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]

NOTEBOOK_CELLS = [
    "import autodidact as torch\n"
    "from autodidact.widgets import GradientExplorer, TrainingLab\n"
    "explorer = GradientExplorer(lambda x: torch.log(x**2), x=5.0)\n"
    "explorer",
    "lab = TrainingLab()\n"
    "lab",
]


def chromium_path():
    for candidate in CHROMIUM_CANDIDATES:
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_notebook(folder):
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in NOTEBOOK_CELLS]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, folder / "widgets.ipynb")


class JupyterLab:
    """``jupyter lab`` in its own process group, with every config and state folder in ``home``."""

    def __init__(self, home):
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.log = home / "jupyter.log"

    def start(self, timeout=90):
        env = dict(os.environ)
        env.update({
            "JUPYTER_CONFIG_DIR": str(self.home / "config"),
            "JUPYTER_RUNTIME_DIR": str(self.home / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(self.home / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(self.home / "workspaces"),
            "IPYTHONDIR": str(self.home / "ipython"),
            # The kernel must import this checkout of autodidact, installed or not.
            "PYTHONPATH": os.pathsep.join([str(REPO)] + [p for p in [env.get("PYTHONPATH")] if p]),
        })
        command = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ip=127.0.0.1",
                   f"--port={self.port}", "--ServerApp.token=", "--ServerApp.password=",
                   "--ServerApp.disable_check_xsrf=True", "--allow-root",
                   f"--ServerApp.root_dir={self.home / 'notebooks'}", "--LabApp.news_url=None",
                   "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        self.process = subprocess.Popen(command, env=env, stdout=open(self.log, "wb"),
                                        stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited early:\n{self.log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"jupyter lab did not answer within {timeout} s:\n{self.log.read_text()[-3000:]}")

    def stop(self):
        """Stop the server, then its whole process group (the kernels), by the id we started."""
        if self.process is None or self.process.poll() is not None:
            return
        group = os.getpgid(self.process.pid)
        self.process.send_signal(signal.SIGINT)  # jupyter asks to confirm on the first ^C
        self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(group, signal.SIGKILL)  # anything left over in that group (kernels)
        except ProcessLookupError:
            pass
        self.process.wait(timeout=10)


@pytest.fixture
def jupyterlab(tmp_path):
    if chromium_path() is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium chromium-driver)")
    pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
    pytest.importorskip("jupyterlab", reason="JupyterLab is not installed (pip install jupyterlab)")
    (tmp_path / "notebooks").mkdir()
    write_notebook(tmp_path / "notebooks")
    server = JupyterLab(tmp_path)
    try:
        server.start()
        yield server
    finally:
        server.stop()


def text_of(locator):
    return " ".join(locator.all_inner_texts())


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
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
    # JupyterLab may still ask which kernel to use, even with the kernelspec in the notebook.
    accept = page.locator(".jp-Dialog button.jp-mod-accept")
    try:
        accept.wait_for(timeout=5_000)
        accept.click()
    except Exception:  # no dialog this time
        pass
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000)
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()

    # GradientExplorer: the readout shows f'(5) = 2/5.
    readout = page.locator(".widget-html-content", has_text="f′(x)").first
    readout.wait_for()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.widget-html-content')].some("
        "e => e.innerText.includes('f′(x) = 0.4000'))")
    before = readout.inner_text()

    # Move the slider from the keyboard: focus its handle, three steps to the right.
    handle = page.locator(".noUi-handle").first
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

    artifacts = Path(os.environ.get("AUTODIDACT_TEST_ARTIFACTS", tmp_path))
    artifacts.mkdir(parents=True, exist_ok=True)
    failures = []
    with sync_playwright() as playwright:
        for attempt in (1, 2):  # one retry: a first JupyterLab start can be slow on a cold machine
            browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True,
                                                 args=CHROMIUM_ARGS)
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
