"""Accessibility without a browser: colour-vision deficiency, text alternatives, the lessons' HTML.

The real-browser audit (axe-core in JupyterLab, Light and Dark) is tests/test_browser_a11y.py.

Colour-vision deficiency is simulated with Machado, Oliveira and Fernandes (2009) at full severity
(protanopia, deuteranopia, and their tritan approximation), applied to linear RGB; colours are
compared with CIEDE2000 (ΔE00). Series must stay at least 10 units apart: a difference a viewer
sees at a glance (2.3 is "just noticeable").
"""
import io
import itertools
import json
import re
import warnings
from pathlib import Path

import numpy as np
import pytest

import autodidact as ad
from autodidact.widgets import GradientExplorer, Playground, TrainingLab, playground, training

REPO = Path(__file__).resolve().parents[1]
MIN_DELTA_E = 10.0
DEFICIENCIES = ["Protanomaly", "Deuteranomaly", "Tritanomaly"]


def colour_science():
    colour = pytest.importorskip("colour", reason="pip install colour-science (in the test extra)")
    warnings.filterwarnings("ignore", module="colour")  # its note that the tritan model approximates
    return colour


def simulate(rgb, deficiency):
    """sRGB values in [0, 1] (any shape ending in 3) as seen with ``deficiency`` (or None)."""
    colour = colour_science()
    if deficiency is None:
        return np.asarray(rgb, dtype=float)
    linear = colour.cctf_decoding(np.asarray(rgb, dtype=float), function="sRGB")
    matrix = colour.blindness.matrix_cvd_Machado2009(deficiency, 1.0)
    return colour.cctf_encoding(np.clip(linear @ matrix.T, 0, 1), function="sRGB")


def delta_e(rgb_a, rgb_b):
    colour = colour_science()
    lab = [colour.XYZ_to_Lab(colour.sRGB_to_XYZ(np.asarray(c, dtype=float))) for c in (rgb_a, rgb_b)]
    return float(colour.delta_E(lab[0], lab[1], method="CIE 2000"))


def smallest_difference(colours):
    """The smallest ΔE00 between any two of ``colours`` in normal vision and each deficiency."""
    from matplotlib.colors import to_rgb

    rgb = [to_rgb(c) for c in colours]
    worst = {}
    for deficiency in [None] + DEFICIENCIES:
        seen = [simulate(c, deficiency) for c in rgb]
        worst[deficiency or "normal"] = min(delta_e(a, b) for a, b in itertools.combinations(seen, 2))
    return worst


@pytest.mark.parametrize("name, colours", [
    ("TrainingLab runs", training.COLOURS),
    ("TrainingLab, first four runs (lesson 4)", training.COLOURS[:4]),
    ("Playground classes", playground.CLASS_COLOURS),
])
def test_series_colours_stay_apart_under_colour_vision_deficiency(name, colours):
    worst = smallest_difference(colours)
    print(name, {k: round(v, 1) for k, v in worst.items()})
    assert min(worst.values()) >= MIN_DELTA_E, f"{name}: {worst}"


def test_gradient_explorer_series_differ_in_style_and_stay_apart_in_colour():
    explorer = GradientExplorer(lambda x: x ** 2, x=1.0)
    curve, tangent, point = explorer.picture.axes.lines[0], explorer.picture.tangent, explorer.picture.point
    assert (curve.get_linestyle(), tangent.get_linestyle(), point.get_marker()) == ("-", "--", "o")
    worst = smallest_difference([curve.get_color(), tangent.get_color(), point.get_color()])
    assert min(worst.values()) >= MIN_DELTA_E, worst


def rendered(png):
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(float) / 255


def test_training_runs_stay_distinguishable_in_the_rendered_picture_under_simulation(tmp_path):
    """Lesson 4's four runs, drawn by the TrainingLab: find each run's own pixels in the PNG, simulate
    the whole picture as a viewer with each deficiency sees it, and compare the runs' pixels there."""
    from matplotlib.colors import to_rgb

    x, y = ad.tensor([0.0, 0.5, 1.0, 1.5, 2.0]), ad.tensor([-1.1, 0.1, 0.9, 2.1, 2.9])
    lab = TrainingLab(model=lambda x, p: p[0] * x + p[1], params=[0.0, 0.0], x=x, y=y, epochs=60)
    lab.compare([0.02, 0.2, 0.42, 0.46])
    image = rendered(lab.to_png())
    masks = []
    for colour in training.COLOURS[:4]:
        mask = np.all(np.abs(image - to_rgb(colour)) < 1.5 / 255, axis=2)
        assert mask.sum() > 150, f"run colour {colour} hardly appears in the picture ({mask.sum()} pixels)"
        masks.append(mask)
    report = {}
    for deficiency in [None] + DEFICIENCIES:
        seen = simulate(image, deficiency)
        if deficiency:
            from PIL import Image

            Image.fromarray((seen * 255).round().astype(np.uint8)).save(tmp_path / f"lab-{deficiency}.png")
        means = [seen[mask].mean(axis=0) for mask in masks]
        report[deficiency or "normal"] = min(delta_e(a, b) for a, b in itertools.combinations(means, 2))
    print("lesson 4 runs, smallest ΔE00 in the rendered picture:", {k: round(v, 1) for k, v in report.items()})
    assert min(report.values()) >= MIN_DELTA_E, report


def test_playground_classes_differ_by_marker_as_well_as_colour():
    pg = Playground(dataset="xor", hidden=(4,))
    paths = pg.picture.train_points.get_paths()
    labels = pg.state.y_train
    class0 = {len(p.vertices) for p, label in zip(paths, labels) if label == 0}
    class1 = {len(p.vertices) for p, label in zip(paths, labels) if label == 1}
    assert len(class0) == 1 and len(class1) == 1 and class0 != class1


def test_every_widget_picture_says_what_it_shows_now():
    explorer = GradientExplorer(lambda x: ad.log(x ** 2), x=5.0)
    assert "x = 5.000, f(x) = 3.2189" in explorer._image.alt
    explorer.x = 0.0
    assert "log" in explorer._image.alt and "-inf" in explorer._image.alt
    lab = TrainingLab()
    assert "empty until you press Run" in lab._image.alt
    lab.run()
    assert "lr 0.05: the loss falls from 2.4167 to 0.0024 in 50 epochs" in lab._image.alt
    pg = Playground(dataset="circles")
    pg.train(5)
    assert "after 5 training steps" in pg._image.alt and pg._image.alt == pg.describe()


def test_graph_pictures_carry_their_description():
    x = ad.tensor(5.0, requires_grad=True)
    html = ad.graph(ad.log(x ** 2))._repr_html_()
    assert html.startswith('<img src="data:image/svg+xml;base64,')
    assert 'alt="Computation graph, left to right. Nodes: tensor x = 5, grad 0.4;' in html


def test_lesson_sources_give_every_figure_a_text_alternative():
    for source in sorted((REPO / "notebooks" / "lessons").glob("*.src")):
        text = source.read_text(encoding="utf-8")
        assert not re.search(r"^\s*plt\.show\(\)", text, re.M), f"{source.name}: plt.show() shows a figure without alt text; use show_figure"
        for call in re.finditer(r"show_figure\(fig, (.{0,40})", text):
            assert call.group(1).startswith(("\"", "f\"")), f"{source.name}: show_figure without a written description"


@pytest.mark.parametrize("notebook", sorted(p.name for p in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb")))
def test_lesson_html_export_describes_every_picture(notebook):
    """The committed lesson as nbconvert HTML: every <img> has a real alt text."""
    nbconvert = pytest.importorskip("nbconvert")
    html, _ = nbconvert.HTMLExporter(template_name="lab").from_filename(str(REPO / "notebooks" / notebook))
    images = re.findall(r"<img\b[^>]*>", html)
    missing = [tag[:120] for tag in images if not re.search(r'\balt="[^"]{20,}"', tag)]
    assert "No description has been provided" not in html
    assert not missing, f"{notebook}: pictures without a text alternative: {missing}"
    data = json.loads((REPO / "notebooks" / notebook).read_text(encoding="utf-8"))
    pictures = sum("image/png" in output.get("data", {}) for cell in data["cells"]
                   for output in cell.get("outputs", []))
    assert len(images) >= pictures


def contrast(colour_a, colour_b):
    """WCAG 2.1 contrast ratio of two colours (any matplotlib colour spec)."""
    from matplotlib.colors import to_rgb

    def luminance(colour):
        channels = np.array(to_rgb(colour))
        channels = np.where(channels <= 0.03928, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    high, low = sorted([luminance(colour_a), luminance(colour_b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_graph_drawing_outlines_arrows_and_text_keep_their_contrast():
    """WCAG 1.4.11: a node's outline and the arrows carry the graph (3:1 on white and on the
    node's fill); 1.4.3: its text 4.5:1 on the fill (edge labels sit on a white halo)."""
    from autodidact.drawing._scene import COLORS

    low = []
    for kind in ("leaf", "constant", "tensor", "output", "op", "highlight"):
        fill, stroke = COLORS[kind]
        for what, ratio, needed in [("outline on white", contrast(stroke, "white"), 3),
                                    ("outline on its fill", contrast(stroke, fill), 3),
                                    ("text on its fill", contrast(COLORS["text"], fill), 4.5),
                                    ("second line on its fill", contrast(COLORS["muted"], fill), 4.5)]:
            if ratio < needed:
                low.append(f"{kind}: {what} {ratio:.2f}:1 < {needed}:1")
    for key, needed in (("edge", 3), ("edge_highlight", 3), ("edge_label", 4.5)):
        if contrast(COLORS[key], "white") < needed:
            low.append(f"{key}: {contrast(COLORS[key], 'white'):.2f}:1 on white < {needed}:1")
    assert not low, low


def test_playground_points_stand_out_on_every_shade_of_the_plane():
    """WCAG 1.4.11: a point of either class keeps 3:1 on the plane's shades, wherever it lies
    (a misclassified point sits on the other class's tint)."""
    shades = playground.plane_colours()(np.linspace(0, 1, 41))
    worst = {colour: min(contrast(colour, shade[:3]) for shade in shades) for colour in playground.CLASS_COLOURS}
    assert min(worst.values()) >= 3, worst


def _calls(text, names):
    """The text of each call ``.name(...)`` in ``text`` (parentheses matched)."""
    for match in re.finditer(r"\.(%s)\(" % "|".join(names), text):
        depth, end = 0, match.end() - 1
        for end in range(match.end() - 1, len(text)):
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            if depth == 0:
                break
        yield text[match.start():end + 1]


def test_lesson_figures_choose_colours_that_keep_their_contrast():
    """WCAG 1.4.11: matplotlib's default second colour (orange, 2.5:1 on white) is too faint for a
    line a learner must see. In every lesson figure with a legend, each series names its colour
    (or takes run_style(i)); contour lines and their labels avoid viridis' light half."""
    faint = []
    for source in sorted((REPO / "notebooks" / "lessons").glob("*.src")):
        for cell in source.read_text(encoding="utf-8").split("# %%"):
            if "legend(" in cell:
                for call in _calls(cell, ["plot", "semilogy", "semilogx", "loglog", "scatter", "errorbar"]):
                    if not re.search(r"\bcolou?r\b|run_style\(", call):
                        faint.append(f"{source.name}: {call[:80]} (no colour: the default cycle's orange is 2.5:1)")
            for call in _calls(cell, ["contour", "clabel"]):
                if re.search(r"cmap=|^\.clabel", call) and not re.search(r"colors=", call):
                    faint.append(f"{source.name}: {call[:80]} (a full colour map reaches light yellow: 1.3:1)")
    assert not faint, "\n".join(faint)
