"""What a learner sees: every lesson run in JupyterLab and in Notebook 7, in a real (headless
Chromium) browser.

    python -m pytest -m browser tests/test_browser_lessons.py

The two front-ends a learner opens the course in are tested: JupyterLab (``autodidact lab``) and
Notebook 7 (``jupyter notebook``, the classic interface rebuilt on JupyterLab's parts; both are
served by the same Jupyter server). For each, the test copies the course into a temporary folder
(``autodidact init``), strips the stored outputs from the copies (so everything checked was produced
by this run), starts the server on 127.0.0.1 there, and then, one lesson after another in the same
browser and server:

- opens the lesson, runs Run → Run All Cells, and waits until every code cell has run;
- checks that no cell shows an error, except the cells tagged ``raises-exception``, which must;
- checks that every cell that builds an autodidact widget shows the live widget (ipywidgets
  controls), not its picture or its text;
- checks that the LaTeX in the Markdown cells is typeset by MathJax;
- lesson 2: checks the ``%%trace`` output and presses the BackpropStepper's Next button;
- lesson 7 (JupyterLab only: the widget code is the same in both): presses the Playground's Step
  button, then Play, Pause and Stop;
- lesson 9: presses Next on the BackpropStepper that steps through the learner's own ``Value``
  (the engine lessons 8, 9 and 10 run in JupyterLab only, to keep the run short);
- Notebook 7: runs axe-core (WCAG A/AA) over the lesson's outputs and Markdown, in the Light
  theme for odd lessons and the Dark theme for even ones, and focuses every widget control (name,
  focus ring), as tests/test_browser_a11y.py does in JupyterLab for both themes;
- closes the lesson and shuts its kernel down.

A last notebook written by the test defines a correct and a wrong answer for exercise 2.1 and
runs ``check("2.1")``: the rendered feedback must show ✓ for every check of the first, ✗ for the
second.

Each notebook gets one retry (a first JupyterLab run has timed out once here for no found reason).
On failure the test saves a screenshot per attempt (to $AUTODIDACT_TEST_ARTIFACTS if set, else the
test's tmp folder) and names it in the message. The server, its kernels and the browser are stopped
by the ids we started, also on failure.
"""
import ast
import json
import re
import subprocess
import sys
import time

import pytest

from browser_support import (JupyterLab, KERNEL_IDLE, REPO, artifacts_dir, launch_chromium,
                             run_all_cells, skip_unless_browser_tools, wait_for_kernel)

pytestmark = pytest.mark.browser

LESSONS = sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
# Where each front-end opens a notebook (?reset: a fresh JupyterLab workspace, so earlier
# notebooks are not reopened and their kernels restarted; Notebook 7 opens one notebook per page).
FRONT_ENDS = {"JupyterLab": "lab/tree/{path}?reset", "Notebook 7": "notebooks/{path}"}
WIDGET_CLASSES = ("GradientExplorer", "BackpropStepper", "TrainingLab", "Playground")
# MathJax in JupyterLab typesets asynchronously; these are read after it had time to finish.
RAW_TEX = re.compile(r"\\(frac|partial|sum|ln|cdot|hat|mathbf|varepsilon|approx|sigma|eta)\b")
CHECK_NOTEBOOK = "check_2_1.ipynb"
CHECK_CELLS = [
    "import numpy as np\nfrom autodidact.grading import check",
    "def dz_dx(x):\n    return 2 * x / (x**2 + 1)   # correct: d/dx ln(x**2 + 1)\n\ncheck(\"2.1\")",
    "def dz_dx(x):\n    return 1 / (x**2 + 1)       # wrong: the inner derivative 2x is missing\n\ncheck(\"2.1\")",
]

# Everything the test reads from the page about the open notebook's cells, in notebook order.
READ_CELLS_JS = """
() => [...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')].map(cell => {
  const outputs = [...cell.querySelectorAll('.jp-OutputArea-output')];
  const prompt = cell.querySelector('.jp-InputArea-prompt');
  return {
    code: cell.classList.contains('jp-CodeCell'),
    prompt: prompt ? prompt.textContent.trim() : '',
    // a widget view's output has no data-mime-type; rendered MIME data (text, HTML, PNG) has one
    mimeTypes: outputs.map(o => o.getAttribute('data-mime-type') || ''),
    errors: [...cell.querySelectorAll('[data-mime-type="application/vnd.jupyter.error"]')]
              .map(e => e.textContent),
    stderr: [...cell.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"]')]
              .map(e => e.textContent),
    widgetViews: outputs.filter(o => [...o.children].some(c => c.classList.contains('jupyter-widgets'))).length,
    widgetControls: cell.querySelectorAll('.jupyter-widgets .widget-button, .jupyter-widgets .widget-slider,'
                                          + ' .jupyter-widgets .widget-play').length,
    widgetText: [...cell.querySelectorAll('.jp-OutputArea-output .jupyter-widgets')]
                  .map(e => e.textContent).join(' '),
    images: cell.querySelectorAll('.jp-OutputArea-output img').length,
    mathjax: cell.querySelectorAll('.jp-RenderedMarkdown mjx-container').length,
    markdownText: [...cell.querySelectorAll('.jp-RenderedMarkdown')]
                    .map(e => { const c = e.cloneNode(true); c.querySelectorAll('mjx-container, code')
                                .forEach(m => m.remove()); return c.textContent; }).join(' '),
    outputText: [...cell.querySelectorAll('.jp-OutputArea-output')].map(e => e.textContent).join('\\n'),
  };
})
"""


# ---------------------------------------------------------------------------------------------
# What the notebook file says each cell should do


def source_of(cell):
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def shows_a_widget(source):
    """True for a code cell that builds an autodidact widget and displays it (last line an expression)."""
    if not re.search(r"\b(%s)\(" % "|".join(WIDGET_CLASSES), source):
        return False
    try:
        tree = ast.parse(source)
    except SyntaxError:  # cell magics
        return False
    return bool(tree.body) and isinstance(tree.body[-1], ast.Expr)


def has_math(source):
    without_code = re.sub(r"```.*?```|`[^`]*`", "", source, flags=re.S)
    return re.search(r"\$[^$\n]+\$", without_code) is not None


def expectations(notebook):
    cells = notebook["cells"]
    code = [i for i, c in enumerate(cells) if c["cell_type"] == "code"]
    return {
        "count": len(cells),
        "code": code,
        "raises": [i for i in code if "raises-exception" in cells[i].get("metadata", {}).get("tags", [])],
        "widgets": [i for i in code if shows_a_widget(source_of(cells[i]))],
        "math": [i for i, c in enumerate(cells) if c["cell_type"] == "markdown" and has_math(source_of(c))],
        "traced": [i for i in code if source_of(cells[i]).lstrip().startswith("%%trace")],
    }


def strip_outputs(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    notebook["metadata"].pop("widgets", None)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False), encoding="utf-8")
    return notebook


def write_check_notebook(path):
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in CHECK_CELLS]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, path)


# ---------------------------------------------------------------------------------------------
# Driving the page


def run_notebook(page, server, relative_path, front_end, timeout=150):
    """Open the notebook, Run All Cells, wait until every code cell has run; return the cells."""
    page.goto(f"{server.url}/{FRONT_ENDS[front_end].format(path=relative_path)}")
    wait_for_kernel(page)
    page.wait_for_selector(".jp-NotebookPanel .jp-Cell")
    run_all_cells(page)
    deadline = time.time() + timeout
    stopped_since = None
    while time.time() < deadline:
        page.wait_for_timeout(500)
        prompts = page.evaluate(
            "() => [...document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputArea-prompt')]"
            ".map(p => p.textContent.trim())")
        idle = page.locator(KERNEL_IDLE).count() > 0
        if idle and prompts and all(re.fullmatch(r"\[\d+\]:", p) for p in prompts):
            break
        # The kernel went idle with cells left unrun: Run All stopped (an error). Report it, fast.
        if idle and not any("*" in p for p in prompts) and any(re.search(r"\d", p) for p in prompts):
            stopped_since = stopped_since or time.time()
            if time.time() - stopped_since > 5:
                break
        else:
            stopped_since = None
    else:
        raise TimeoutError(f"{relative_path}: the cells had not all run after {timeout} s")
    return page.evaluate(READ_CELLS_JS)


def wait_for_widgets(page, indices, timeout=30_000):
    """Widget views are rendered after their output arrives: wait for controls in every widget cell."""
    page.wait_for_function(
        "(indices) => { const cells = [...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')];"
        " return indices.every(i => cells[i] && cells[i].querySelector("
        "'.jp-OutputArea-output .jupyter-widgets .widget-button, .jp-OutputArea-output .jupyter-widgets .widget-slider'));"
        " }", arg=indices, timeout=timeout)


def wait_for_mathjax(page, indices, timeout=30_000):
    page.wait_for_function(
        "(indices) => { const cells = [...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-Cell')];"
        " return indices.every(i => cells[i] && cells[i].querySelector('.jp-RenderedMarkdown mjx-container'));"
        " }", arg=indices, timeout=timeout)


def check_lesson(name, expected, cells):
    """The checks every lesson must pass; returns a list of problems (empty when all is well)."""
    problems = []
    if len(cells) != expected["count"]:
        return [f"{name}: the page shows {len(cells)} cells, the notebook has {expected['count']}"]
    for i in expected["code"]:
        cell = cells[i]
        if not re.fullmatch(r"\[\d+\]:", cell["prompt"]):
            problems.append(f"{name} cell {i}: did not run (prompt {cell['prompt']!r}); "
                            f"Run All stopped before it")
        tracebacks = cell["errors"] + [text for text in cell["stderr"] if "Traceback" in text]
        if i in expected["raises"]:
            if not tracebacks:
                problems.append(f"{name} cell {i}: tagged raises-exception but shows no error")
        elif tracebacks:
            problems.append(f"{name} cell {i}: shows an error:\n{tracebacks[0][-1500:]}")
    for i in expected["widgets"]:
        cell = cells[i]
        # Without a widget frontend JupyterLab would fall back to the PNG or the text repr.
        fallbacks = [m for m in cell["mimeTypes"] if m in ("image/png", "text/plain")]
        if not cell["widgetViews"] or not cell["widgetControls"] or fallbacks:
            problems.append(f"{name} cell {i}: no live widget view ({cell['widgetViews']} views, "
                            f"{cell['widgetControls']} controls, fallback outputs {fallbacks}); "
                            f"text {cell['outputText'][:300]!r}")
        if "Error displaying widget" in cell["outputText"]:
            problems.append(f"{name} cell {i}: {cell['outputText'][:300]!r}")
    for i in expected["math"]:
        cell = cells[i]
        raw = RAW_TEX.search(cell["markdownText"])
        if not cell["mathjax"] or raw:
            problems.append(f"{name} cell {i}: LaTeX not typeset ({cell['mathjax']} MathJax elements"
                            + (f", raw {raw.group(0)!r} left in the text" if raw else "") + ")")
    return problems


def stepper_next(page, cell_index):
    """Press the BackpropStepper's Next; return (text before, text after)."""
    cell = page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").nth(cell_index)
    text = cell.locator(".jupyter-widgets .widget-html-content", has_text=re.compile(r"Step \d+ of \d+")).first
    before = text.inner_text()
    shown = int(re.search(r"Step (\d+) of (\d+)", before).group(1))
    total = int(re.search(r"Step (\d+) of (\d+)", before).group(2))
    assert shown < total, f"the stepper is already at its last step: {before!r}"
    cell.locator("button.widget-button", has_text="Next").click()
    page.wait_for_function("([element, before]) => element.innerText !== before",
                           arg=[text.element_handle(), before])
    after = text.inner_text()
    assert f"Step {shown + 1} of {total}" in after, f"Next did not advance one step: {before!r} -> {after!r}"
    return before, after


PLAYGROUND_READOUT = re.compile(r"step (\d+) · network (\S+).*?training loss (\S+)")


def playground_state(readout):
    match = PLAYGROUND_READOUT.search(readout.inner_text())
    assert match, f"the Playground readout is not readable: {readout.inner_text()!r}"
    return int(match.group(1)), match.group(3)


def drive_playground(page, cell_index):
    cell = page.locator(".jp-NotebookPanel .jp-Notebook .jp-Cell").nth(cell_index)
    readout = cell.locator(".jupyter-widgets .widget-html-content", has_text="training loss").first
    picture = cell.locator(".jupyter-widgets img").first
    steps, loss = playground_state(readout)
    image_before = picture.get_attribute("src")

    # Step trains 5 steps: the counter goes up by 5, the loss and the picture change.
    cell.locator("button.widget-button", has_text="Step").click()
    page.wait_for_function(
        "([element, before]) => !element.innerText.includes(before)",
        arg=[readout.element_handle(), f"step {steps} "])
    stepped, stepped_loss = playground_state(readout)
    assert stepped == steps + 5, f"Step went from step {steps} to {stepped}, expected {steps + 5}"
    assert stepped_loss != loss, f"the training loss did not change after Step ({loss})"
    page.wait_for_function("([element, before]) => element.getAttribute('src') !== before",
                           arg=[picture.element_handle(), image_before])

    # Play trains on every tick until Pause. ipywidgets 8 has one Play/Pause toggle button (the
    # second button, Stop, also rewinds the counter: not what a learner means by "pause").
    play_pause = cell.locator(".widget-play button").first
    play_pause.click()
    page.wait_for_function(
        "([element, limit]) => { const m = element.innerText.match(/step (\\d+) /); return m && +m[1] >= limit; }",
        arg=[readout.element_handle(), stepped + 15], timeout=30_000)
    play_pause.click()
    page.wait_for_timeout(1500)  # ticks already sent may still arrive
    paused, _ = playground_state(readout)
    page.wait_for_timeout(1500)
    still, _ = playground_state(readout)
    assert paused >= stepped + 15, f"Play did not train ({stepped} -> {paused})"
    assert still == paused, f"training went on after Pause ({paused} -> {still})"

    # Stop rewinds the Play counter; that must not train another frame.
    cell.locator(".widget-play button").nth(1).click()
    page.wait_for_timeout(1500)
    stopped, _ = playground_state(readout)
    assert stopped == paused, f"Stop trained more steps ({paused} -> {stopped})"
    return {"step": steps, "after_step": stepped, "after_play": paused, "after_stop": stopped}


def lesson_scenario(page, server, name, expected, front_end):
    cells = run_notebook(page, server, f"notebooks/{name}", front_end)
    if expected["widgets"]:
        try:
            wait_for_widgets(page, expected["widgets"])
        except Exception:
            pass  # check_lesson says which widget is missing
    if expected["math"]:
        try:
            wait_for_mathjax(page, expected["math"])
        except Exception:
            pass  # check_lesson says which cell is not typeset
        page.wait_for_timeout(300)
    cells = page.evaluate(READ_CELLS_JS)
    problems = check_lesson(name, expected, cells)
    assert not problems, "\n".join(problems)
    result = {"cells": len(cells), "widgets": len(expected["widgets"]), "math_cells": len(expected["math"]),
              "raising_cells": len(expected["raises"])}

    if name.startswith("02_"):
        assert expected["traced"], "lesson 2 has no %%trace cell any more"
        for i in expected["traced"]:
            shown = cells[i]["outputText"]
            for part in ("Forward pass", "LogBackward0", "PowBackward0", "x.grad = 0.4"):
                assert part in shown, f"{name} cell {i}: the %%trace output lacks {part!r}:\n{shown[:800]}"
        steppers = [i for i in expected["widgets"] if "BackpropStepper" in cells[i]["widgetText"]
                    or "Step " in cells[i]["widgetText"]]
        assert steppers, f"{name}: no BackpropStepper on the page"
        result["stepper"] = stepper_next(page, steppers[0])
    if name.startswith("09_"):  # the stepper on the learner's own Value class
        steppers = [i for i in expected["widgets"] if "Step " in cells[i]["widgetText"]]
        assert steppers, f"{name}: no BackpropStepper on the page"
        result["stepper"] = stepper_next(page, steppers[0])
    if name.startswith("07_") and front_end == "JupyterLab":
        playgrounds = [i for i in expected["widgets"] if "training loss" in cells[i]["widgetText"]]
        assert playgrounds, f"{name}: no Playground on the page"
        result["playground"] = drive_playground(page, playgrounds[0])
    if front_end == "Notebook 7":
        result["accessibility"] = audit_in_notebook_7(page, name)
    return result


def audit_in_notebook_7(page, name):
    """axe (WCAG A/AA) over the lesson's outputs and Markdown, and every control's name and focus
    ring, as tests/test_browser_a11y.py does in JupyterLab: Light for odd lessons, Dark for even
    ones (one theme per lesson keeps it cheap; the JupyterLab audit covers both for each lesson)."""
    from test_browser_a11y import AXE, CONTROLS_JS, HIGHLIGHTED, OURS, axe, describe_violations, set_theme

    if not AXE.exists():
        return "skipped: axe-core is not installed (npm ci in tests/a11y)"
    dark = int(name[:2]) % 2 == 0
    theme = "dark" if dark else "light"
    set_theme(page, dark)
    problems = describe_violations(f"{name} in Notebook 7 {theme}",
                                   axe(page, {"include": OURS, "exclude": HIGHLIGHTED}))
    controls = page.evaluate(CONTROLS_JS)
    problems += [f"{name} in Notebook 7 {theme}: {problem}" for problem in controls["problems"]]
    assert not problems, "\n".join(problems)
    return f"{theme}: no axe violations, {controls['checked']} controls focused"


def check_scenario(page, server, front_end):
    """check("2.1") after a correct and after a wrong answer: ✓ marks, then ✗ marks, in the page."""
    cells = run_notebook(page, server, CHECK_NOTEBOOK, front_end, timeout=60)
    correct, wrong = cells[1]["outputText"], cells[2]["outputText"]
    for i in (1, 2):
        tracebacks = cells[i]["errors"] + [t for t in cells[i]["stderr"] if "Traceback" in t]
        assert not tracebacks, f"check cell {i} raised:\n{tracebacks[0][-1500:]}"
        assert "text/html" in cells[i]["mimeTypes"], f"check cell {i} did not render HTML: {cells[i]['mimeTypes']}"
    assert "Exercise 2.1" in correct and "all checks pass" in correct, correct
    assert correct.count("✓") >= 2 and "✗" not in correct, f"expected only ✓ marks:\n{correct}"
    assert "✗" in wrong and "all checks pass" not in wrong, f"expected ✗ marks:\n{wrong}"
    # The marks are coloured: green for a pass, red for a failure.
    marks = page.locator(".jp-NotebookPanel .jp-Cell").nth(1).locator(".jp-RenderedHTMLCommon span",
                                                                       has_text="✓")
    assert marks.count() >= 2
    assert "rgb(26, 127, 55)" in marks.first.evaluate("e => getComputedStyle(e).color")
    return {"passed_marks": correct.count("✓"), "failed_marks": wrong.count("✗")}


# ---------------------------------------------------------------------------------------------


@pytest.fixture
def course_server(tmp_path):
    skip_unless_browser_tools()
    course = tmp_path / "course"
    subprocess.run([sys.executable, "-m", "autodidact", "init", str(course)], check=True,
                   capture_output=True, cwd=tmp_path)
    for name in LESSONS:
        strip_outputs(course / "notebooks" / name)
    write_check_notebook(course / CHECK_NOTEBOOK)
    # Every cell in the DOM (no virtual scrolling), so each cell's outputs can be read.
    server = JupyterLab(tmp_path, root=course,
                        settings={"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}})
    try:
        server.start()
        yield server, course
    finally:
        server.stop()


@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_every_lesson_runs_as_a_learner_sees_it(front_end, course_server, tmp_path):
    from playwright.sync_api import sync_playwright

    if front_end == "Notebook 7":
        pytest.importorskip("notebook", minversion="7", reason="Notebook 7 is not installed "
                            "(pip install 'autodidact[browser]' installs it)")
    server, course = course_server
    numbers = [name[:2] for name in LESSONS]
    assert numbers == ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10"], f"found lessons {LESSONS}"
    # The engine-building track (lessons 8-10) runs in JupyterLab only: same widgets, shorter run.
    lessons = LESSONS if front_end == "JupyterLab" else [name for name in LESSONS if name[:2] < "08"]
    artifacts = artifacts_dir(tmp_path)
    scenarios = [(name, lambda page, name=name: lesson_scenario(
        page, server, name, expectations(json.loads((course / "notebooks" / name).read_text(encoding="utf-8"))),
        front_end)) for name in lessons]
    scenarios.append(("check 2.1", lambda page: check_scenario(page, server, front_end)))

    failures, results = [], {}
    started = time.perf_counter()
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 1000})
            for name, scenario in scenarios:
                for attempt in (1, 2):  # one retry per notebook
                    page = context.new_page()
                    page.set_default_timeout(60_000)
                    began = time.perf_counter()
                    try:
                        results[name] = scenario(page)
                        results[name]["seconds"] = round(time.perf_counter() - began, 1)
                        break
                    except Exception as error:
                        shot = artifacts / (f"lessons-{front_end.replace(' ', '')}-"
                                            f"{name.split('.')[0].replace(' ', '_')}-attempt{attempt}.png")
                        try:
                            page.screenshot(path=str(shot), full_page=True)
                        except Exception as shot_error:
                            shot = f"none ({shot_error})"
                        message = (f"{front_end}, {name}, attempt {attempt}: {type(error).__name__}: {error} "
                                   f"(screenshot: {shot})")
                        if attempt == 2:
                            failures.append(message)
                        else:
                            print("retrying:", message)
                    finally:
                        page.close()  # the tab goes; its kernel is shut down next
                        server.shut_down_sessions()
        finally:
            browser.close()
    print(f"lessons in {front_end}:", json.dumps(results, ensure_ascii=False),
          f"total {time.perf_counter() - started:.0f} s")
    assert not failures, "\n\n".join(failures) + f"\nJupyter server log: {server.log}"
