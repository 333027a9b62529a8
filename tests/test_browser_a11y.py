"""Accessibility audit (WCAG 2.1 AA) in a real browser: axe-core over every lesson, as a learner
sees it in JupyterLab (Light and Dark theme) and as its HTML export.

    cd tests/a11y && npm ci            # axe-core from npm (.ci/run does this)
    python -m pytest -m browser tests/test_browser_a11y.py

One JupyterLab session runs every lesson (outputs stripped first, so everything checked was made by
this run). For each lesson, in the Light and then the Dark theme, axe-core (injected with
Playwright) audits the lesson's outputs and Markdown: widget controls, readouts, pictures, traces,
messages. The rules are axe's WCAG 2.0/2.1 A and AA rules; any violation inside our content fails
the test. The test also measures the lowest text contrast in our outputs itself (and reports it),
focuses every control in the outputs (a 2px focus ring with 3:1 contrast in each theme; a slider's
or drop-down's label found through an id unique in the page), checks that every widget readout is
a polite live region, that the BackpropStepper's Next hands
focus on when it becomes disabled at the last step, that the arrow keys change a widget's
drop-down list (not the notebook's cell), and that at a 1024 px wide window the
TrainingLab picture's smallest text is still at least 11 px high, and that at a 320 px wide window
(WCAG 1.4.10 reflow, JupyterLab's sidebar closed) none of our outputs is wider than its output
area (a trace's table or a graph may be wider inside its own keyboard-scrollable box).

Then it exports each committed lesson notebook with nbconvert (lab template, light and dark theme),
opens the HTML and runs axe on it. Violations inside cell outputs and Markdown fail; violations in
the template's own parts (code cells' syntax colours, page landmarks) are reported, not failed:
they are nbconvert's, listed in the README as known limits.
"""
import json
import re
import time
from pathlib import Path

import pytest

from browser_support import (REPO, JupyterLab, artifacts_dir, launch_chromium,
                             skip_unless_browser_tools)

pytestmark = pytest.mark.browser

AXE = REPO / "tests" / "a11y" / "node_modules" / "axe-core" / "axe.min.js"
LESSONS = sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Our content: every output and Markdown cell, except tracebacks (cells that raise on purpose):
# those are coloured by IPython's ANSI codes on the front-end's error background, JupyterLab's and
# nbconvert's palette, not ours (a known limit, see the README).
OUTPUT = ('.jp-OutputArea-output:not([data-mime-type="application/vnd.jupyter.error"])'
          ':not([data-mime-type="application/vnd.jupyter.stderr"])')
OURS = [[f".jp-NotebookPanel {OUTPUT}"], [".jp-NotebookPanel .jp-MarkdownOutput"]]
EXPORT_OURS = [[OUTPUT], [".jp-RenderedMarkdown"]]
# Syntax-highlighted code (a code block in Markdown, lesson 8's excerpts) takes its colours from the
# front-end's highlighting theme (pygments/CodeMirror), like the code cells: a known limit too.
HIGHLIGHTED = [[".highlight"], [".cm-editor"]]
MIN_CONTRAST = 4.5
REFLOW_WIDTH = 320  # CSS px: WCAG 1.4.10, 1280 px at 400% zoom

# Our elements wider than their output area (at the window width set before): what would need
# sideways scrolling of the page. Contents of our own scroll boxes (.ad-scroll: a trace's table, a
# graph) are allowed to be wide; the box itself must fit. Data tables are WCAG's own exception
# (they need two dimensions; the trace tables printed by `t` in a cell are wider than 204 px).
# Typeset maths, code and JupyterLab's heading anchors are the front-end's.
REFLOW_JS = """
() => {
  const found = [];
  for (const area of document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output, .jp-NotebookPanel .jp-MarkdownOutput')) {
    const box = area.getBoundingClientRect();
    if (box.width === 0) continue;
    for (const el of area.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.right <= box.right + 1) continue;
      if ((el.parentElement && el.parentElement.closest('.ad-scroll')) ||
          el.closest('table, pre, code, .highlight, mjx-container, .jp-InternalAnchorLink')) continue;
      found.push(`${el.tagName.toLowerCase()}.${String(el.className.baseVal ?? el.className).trim().split(/ +/).join('.')}`
                 + ` is ${Math.round(r.width)} px wide in a ${Math.round(box.width)} px output`);
      break;
    }
  }
  return found;
}
"""
MIN_PICTURE_TEXT_PX = 11

# axe over `context`, WCAG A/AA rules only; returns [{id, help, targets}] for each violation.
RUN_AXE_JS = """
async ([context, tags]) => {
  const result = await axe.run(context, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, help: v.help, impact: v.impact,
    targets: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 160),
                                summary: (n.failureSummary || '').slice(0, 240)}))}));
}
"""

# The lowest contrast between text and its real background among the text in `selector`
# (transparent backgrounds resolved through the ancestors, alpha composited), as axe computes it.
CONTRAST_JS = """
(selector) => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const background = el => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let colour = [255, 255, 255, 1]; for (const layer of layers.reverse()) colour = over(layer, colour); return colour; };
  const luminance = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  let worst = null; let count = 0;
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!node.textContent.trim() || !el || el.closest('svg, pre code, .highlight, .cm-editor')) continue;
      const style = getComputedStyle(el); if (style.visibility === 'hidden' || style.display === 'none' || el.offsetParent === null) continue;
      const back = background(el); const text = over(parse(style.color), back);
      const [a, b] = [luminance(text), luminance(back)].sort((x, y) => y - x);
      const ratio = (a + 0.05) / (b + 0.05); count++;
      if (!worst || ratio < worst.ratio) worst = {ratio, text: node.textContent.trim().slice(0, 60), color: style.color,
                                                  background: 'rgb(' + back.slice(0, 3).map(Math.round).join(',') + ')'};
    }
  }
  return {count, worst};
}
"""

# Keyboard users must see where focus is (WCAG 2.4.7) with a ring of 3:1 against what surrounds it
# (1.4.11), and every control needs a name (4.1.2): its <label> found through a unique id (axe no
# longer reports duplicate ids, and a label then names another control). For each control in the
# outputs: focus it, read its outline, compare the outline's colour with the background around it.
CONTROLS_JS = """
() => {
  const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3])).concat([1]);
  const background = el => { const layers = [];
    for (let e = el; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
    let colour = [255, 255, 255, 1]; for (const layer of layers.reverse()) colour = over(layer, colour); return colour; };
  const luminance = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const ratio = (x, y) => { const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p); return (a + 0.05) / (b + 0.05); };
  const problems = [];
  const ids = [...document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output [id]')].map(e => e.id);
  const repeated = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  if (repeated.length) problems.push('ids used twice: ' + repeated.join(', '));
  const controls = [...document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output :is(button, input, select)')];
  let checked = 0;
  for (const el of controls) {
    const what = el.tagName.toLowerCase() + ' ' + ((el.labels && el.labels[0] && el.labels[0].textContent)
                 || el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 30);
    if (el.matches('input[type=range], select') && !(el.labels && el.labels.length && el.labels[0].textContent.trim()))
      problems.push(what + ': no label');
    if (el.disabled || el.offsetParent === null) continue;
    el.focus({focusVisible: true});
    const style = getComputedStyle(el);
    const width = parseFloat(style.outlineWidth);
    const ring = parse(style.outlineColor);
    const around = background(el.parentElement);
    if (style.outlineStyle === 'none' || width < 2 || !ring || ratio(over(ring, around), around) < 3)
      problems.push(what + ': focus ring ' + style.outlineStyle + ' ' + style.outlineWidth + ' ' + style.outlineColor
                    + ' on rgb(' + around.slice(0, 3).map(Math.round).join(',') + ')');
    checked++;
    el.blur();
  }
  return {checked, problems};
}
"""


def skip_unless_axe():
    skip_unless_browser_tools()
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `npm ci` in tests/a11y (.ci/run does)")


def run_lesson(page, server, name, timeout=180):
    """Open the lesson, Run All Cells, wait until every code cell has run and widgets are drawn."""
    from test_browser_lessons import expectations, run_notebook  # as the lessons' browser test does

    notebook = json.loads((server.root / "notebooks" / name).read_text(encoding="utf-8"))
    widgets = len(expectations(notebook)["widgets"])
    run_notebook(page, server, f"notebooks/{name}", "JupyterLab", timeout=timeout)
    # Widget views render after their outputs arrive: wait until each widget cell shows controls.
    page.wait_for_function(
        "(count) => [...document.querySelectorAll('.jp-NotebookPanel .jp-Cell')]"
        ".filter(cell => cell.querySelector('.jp-OutputArea-output .ad-control')).length >= count",
        arg=widgets, timeout=30_000)


def set_theme(page, dark):
    """Settings → Theme → JupyterLab Light/Dark, as a learner would."""
    want = "false" if dark else "true"
    if page.locator(f"body[data-jp-theme-light='{want}']").count():
        return
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Settings$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Theme$")).hover()
    page.locator(".lm-Menu-itemLabel",
                 has_text=re.compile(r"^JupyterLab Dark$" if dark else r"^JupyterLab Light$")).click()
    page.wait_for_selector(f"body[data-jp-theme-light='{want}']", state="attached", timeout=20_000)
    page.wait_for_timeout(800)  # the theme's CSS is swapped in after the attribute


def axe(page, context):
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE_JS, [context, WCAG_AA])


def describe_violations(where, violations):
    return [f"{where}: {v['id']} ({v['impact']}): {v['help']}\n    "
            + "\n    ".join(f"{t['target']}: {t['html']} | {t['summary']}" for t in v["targets"][:4])
            for v in violations]


def audit_lesson(page, server, name):
    began = time.perf_counter()
    run_lesson(page, server, name)
    problems, result = [], {"run_seconds": round(time.perf_counter() - began, 1)}
    # Both themes, starting with the one the last lesson left on (one theme switch per lesson).
    start_dark = page.locator("body[data-jp-theme-light='false']").count() > 0
    for dark in (start_dark, not start_dark):
        theme = "dark" if dark else "light"
        set_theme(page, dark)
        violations = axe(page, {"include": OURS, "exclude": HIGHLIGHTED})
        problems += describe_violations(f"{name} in JupyterLab {theme}", violations)
        contrast = page.evaluate(CONTRAST_JS, f".jp-NotebookPanel {OUTPUT}")
        result[theme] = {"axe_violations": len(violations), "texts": contrast["count"],
                         "lowest_contrast": round(contrast["worst"]["ratio"], 2) if contrast["worst"] else None}
        if contrast["worst"] and contrast["worst"]["ratio"] < MIN_CONTRAST:
            problems.append(f"{name} in JupyterLab {theme}: text {contrast['worst']} below {MIN_CONTRAST}:1")
        controls = page.evaluate(CONTROLS_JS)
        result[theme]["controls_focused"] = controls["checked"]
        problems += [f"{name} in JupyterLab {theme}: {problem}" for problem in controls["problems"]]

    overflowing = reflow(page)
    result["reflow_320_overflowing"] = len(overflowing)
    problems += [f"{name} at {REFLOW_WIDTH} px (WCAG 1.4.10): {item}" for item in overflowing]

    widgets = page.locator(".jp-NotebookPanel .jp-OutputArea-output .ad-picture").count()
    live = page.locator(".jp-NotebookPanel .jp-OutputArea-output [role=status][aria-live=polite]").count()
    result.update(widget_pictures=widgets, live_regions=live)
    if live < widgets:
        problems.append(f"{name}: {widgets} widget pictures but only {live} polite live regions")
    if "Next" in " ".join(page.locator(".jp-NotebookPanel .ad-control button").all_inner_texts()) and \
            "focus" not in audit_lesson.measured:
        audit_lesson.measured.add("focus")
        result["focus_after_last_next"] = stepper_focus(page)
    if page.locator(".jp-NotebookPanel .ad-control select").count() and "select" not in audit_lesson.measured:
        audit_lesson.measured.add("select")
        result["arrow_keys_in_a_list"] = choose_with_arrow_keys(page)
    if page.locator(".jp-NotebookPanel .ad-picture[alt^='Loss per epoch']").count() and \
            "picture_text_px_at_1024" not in audit_lesson.measured:
        audit_lesson.measured.add("picture_text_px_at_1024")
        result["picture_text_px_at_1024"] = picture_text_at_1024(page)
        if result["picture_text_px_at_1024"] < MIN_PICTURE_TEXT_PX:
            problems.append(f"{name}: at a 1024 px window the TrainingLab picture's smallest text is "
                            f"{result['picture_text_px_at_1024']} px")
    result["seconds"] = round(time.perf_counter() - began, 1)
    return problems, result


audit_lesson.measured = set()  # checks made once per session (the first lesson that allows them)


def reflow(page):
    """Our outputs at a 320 px window, JupyterLab's left sidebar closed (at that width it would
    take the whole window: the front-end's layout, not our content); the window is restored after."""
    size = page.viewport_size
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": size["height"]})
    page.wait_for_timeout(600)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")  # our controls keep keys
    sidebar = page.locator("#jp-left-stack").is_visible()
    if sidebar:
        page.keyboard.press("Control+b")
        page.wait_for_timeout(600)
    try:
        return page.evaluate(REFLOW_JS)
    finally:
        if sidebar:
            page.keyboard.press("Control+b")
        page.set_viewport_size(size)
        page.wait_for_timeout(300)


def stepper_focus(page):
    """Press Next with the keyboard until it is disabled: focus must move on, not drop to the page."""
    next_button = page.locator(".jp-NotebookPanel .ad-control button", has_text="Next").first
    next_button.focus()
    for _ in range(40):
        if next_button.is_disabled():
            break
        page.keyboard.press("Enter")
        page.wait_for_timeout(250)
    page.wait_for_timeout(500)
    focused = page.evaluate("() => { const e = document.activeElement; "
                            "return e ? (e.tagName + ':' + (e.textContent || '').trim()).slice(0, 40) : 'none'; }")
    assert next_button.is_disabled(), "Next never became disabled at the last step"
    assert focused.startswith("BUTTON:Prev"), f"focus went to {focused!r} after the last Next, not to Prev"
    return focused


def choose_with_arrow_keys(page):
    """ArrowDown in a widget's drop-down list changes the choice; focus stays on the list (JupyterLab
    must not take the key to move to the next cell)."""
    choice = page.locator(".jp-NotebookPanel .ad-control select").first
    before = choice.input_value()
    choice.focus()
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(500)
    after = choice.input_value()
    focused = page.evaluate("() => document.activeElement.tagName")
    assert after != before and focused == "SELECT", f"ArrowDown: {before!r} -> {after!r}, focus on {focused}"
    page.keyboard.press("ArrowUp")
    return f"{before} -> {after}"


def picture_text_at_1024(page):
    """The TrainingLab picture's smallest text (11 pt at 100 dpi), in CSS px, in a 1024 px window."""
    size = page.viewport_size
    page.set_viewport_size({"width": 1024, "height": size["height"]})
    page.wait_for_timeout(800)
    scale = page.evaluate("() => { const i = document.querySelector(\".jp-NotebookPanel .ad-picture[alt^='Loss per epoch']\");"
                          " return i.clientWidth / i.naturalWidth; }")
    page.set_viewport_size(size)
    from autodidact.widgets._common import FIGURE_DPI

    return round(11 * FIGURE_DPI / 72 * scale, 1)


def audit_export(page, folder, name, dark):
    """nbconvert's lab template on the committed notebook; axe over the whole page."""
    import nbconvert

    exporter = nbconvert.HTMLExporter(template_name="lab", theme="dark" if dark else "light")
    html, _ = exporter.from_filename(str(REPO / "notebooks" / name))
    problems = []
    if "No description has been provided" in html:
        problems.append(f"{name} as HTML: {html.count('No description has been provided')} pictures "
                        "without a text alternative (nbconvert's placeholder)")
    path = folder / f"{Path(name).stem}-{'dark' if dark else 'light'}.html"
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri())
    page.wait_for_timeout(300)
    ours = axe(page, {"include": EXPORT_OURS, "exclude": HIGHLIGHTED})
    # The template's own violations, for the README's list of known limits (one theme is enough).
    template = [] if dark else sorted({v["id"] for v in axe(page, "html")} - {v["id"] for v in ours})
    return problems + describe_violations(f"{name} as HTML ({'dark' if dark else 'light'})", ours), template


@pytest.fixture
def course_server(tmp_path):
    import subprocess
    import sys

    from test_browser_lessons import strip_outputs

    skip_unless_axe()
    course = tmp_path / "course"
    subprocess.run([sys.executable, "-m", "autodidact", "init", str(course)], check=True,
                   capture_output=True, cwd=tmp_path)
    for name in LESSONS:
        strip_outputs(course / "notebooks" / name)
    server = JupyterLab(tmp_path, root=course,
                        settings={"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}})
    try:
        server.start()
        yield server
    finally:
        server.stop()


def test_every_lesson_passes_axe_in_jupyterlab_light_and_dark_and_as_html(course_server, tmp_path):
    from playwright.sync_api import sync_playwright

    assert len(LESSONS) >= 7, f"expected the lessons, found {LESSONS}"
    artifacts = artifacts_dir(tmp_path)
    problems, results, template_rules = [], {}, {}
    started = time.perf_counter()
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 1000})
            for name in LESSONS:
                for attempt in (1, 2):  # one retry: a first JupyterLab run can time out for no reason
                    page = context.new_page()
                    page.set_default_timeout(60_000)
                    try:
                        found, results[name] = audit_lesson(page, course_server, name)
                        problems += found
                        break
                    except Exception as error:
                        shot = artifacts / f"a11y-{Path(name).stem}-attempt{attempt}.png"
                        try:
                            page.screenshot(path=str(shot), full_page=True)
                        except Exception:
                            shot = "none"
                        if attempt == 2:
                            problems.append(f"{name}: {type(error).__name__}: {error} (screenshot {shot})")
                    finally:
                        page.close()
                        course_server.shut_down_sessions()
            page = context.new_page()
            for name in LESSONS:
                for dark in (False, True):
                    found, template = audit_export(page, tmp_path, name, dark)
                    problems += found
                    for rule in template:
                        template_rules.setdefault(rule, []).append(Path(name).stem[:2])
            page.close()
        finally:
            browser.close()
    print("axe in JupyterLab:", json.dumps(results, ensure_ascii=False))
    print("nbconvert template's own violations (not our content):", json.dumps(template_rules))
    print(f"a11y audit took {time.perf_counter() - started:.0f} s")
    assert not problems, "\n\n".join(problems)
