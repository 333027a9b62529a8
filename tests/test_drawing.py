"""Graph drawings: SVG, PNG, DOT, highlighting a step, and a layout without overlaps."""
import xml.etree.ElementTree as ET

import numpy as np
import pytest

import autodidact as ad
from autodidact.drawing import _layout


def seed_trace():
    x = ad.tensor(5.0, requires_grad=True)
    with ad.trace() as t:
        h = x**2
        z = ad.log(h)
        z.backward()
    return t


def texts(svg):
    root = ET.fromstring(svg)
    return [el.text for el in root.iter("{http://www.w3.org/2000/svg}text")]


def test_svg_shows_labels_values_gradients_ops_and_local_derivatives():
    svg = seed_trace().graph()._repr_svg_()
    shown = texts(svg)
    for expected in ["x", "= 5", "grad 0.4", "h", "= 25", "grad 0.04", "z", "grad 1", "pow", "log",
                     "2·x = 10", "1/h = 0.04"]:
        assert expected in shown, expected


def test_step_highlights_the_node_and_the_edges_it_used():
    t = seed_trace()
    plain = t.graph().to_svg()
    svg = t.graph(step=2).to_svg()
    assert "#cf222e" not in plain
    assert svg.count('stroke="#cf222e"') >= 3  # pow ellipse, h box, edge x -> pow
    assert "2·x = 10; × 0.04 → 0.4" in texts(svg)
    # At step 1 the gradient of x is not known yet.
    assert "grad ?" in texts(t.graph(step=1).to_svg())
    # Step 0 is the forward pass: no gradient is known yet and nothing is highlighted.
    before = t.graph(step=0).to_svg()
    assert "grad 0.4" not in texts(before) and "grad 0.04" not in texts(before)
    assert "#cf222e" not in before
    with pytest.raises(IndexError, match="between 0 .* and 2"):
        t.graph(step=3)


def test_ad_graph_of_an_output_uses_explain_and_the_learners_names():
    a = ad.tensor(2.0, requires_grad=True)
    b = a * a + 1
    shown = texts(ad.graph(b).to_svg())
    assert "a" in shown and "b" in shown and "grad 4" in shown
    assert a.grad is None


def test_png_is_a_real_image(tmp_path):
    g = seed_trace().graph()
    data = g.to_png()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width == pytest.approx(2 * g.size[0], abs=2)
    path = tmp_path / "g.png"
    g.save(path)
    assert path.read_bytes()[:4] == b"\x89PNG"
    g.save(tmp_path / "g.svg")
    assert (tmp_path / "g.svg").read_text().startswith("<svg")
    with pytest.raises(ValueError, match=".svg, .png or .dot"):
        g.save(tmp_path / "g.jpg")


def test_dot_export_is_graphviz_text():
    dot = seed_trace().graph(step=1).to_dot()
    assert dot.startswith("digraph") and "rankdir=LR" in dot
    assert '"1/h = 0.04; × 1 → 0.04"' in dot
    assert dot.count("->") == 4


def mlp_trace(hidden=16):
    ad.manual_seed(0)
    X = ad.randn(4, 2)
    W1 = ad.randn(2, hidden, requires_grad=True)
    b1 = ad.zeros(hidden, requires_grad=True)
    W2 = ad.randn(hidden, hidden, requires_grad=True)
    b2 = ad.zeros(hidden, requires_grad=True)
    W3 = ad.randn(hidden, 1, requires_grad=True)
    b3 = ad.zeros(1, requires_grad=True)
    y = ad.randn(4, 1)
    with ad.trace() as t:
        h1 = ad.tanh(X @ W1 + b1)
        h2 = ad.tanh(h1 @ W2 + b2)
        out = h2 @ W3 + b3
        loss = ((out - y) ** 2).mean()
        loss.backward()
    return t


def test_layout_of_a_forty_node_graph_has_no_overlapping_nodes():
    g = mlp_trace().graph()
    assert 25 <= len(g.nodes) <= 45
    shapes, width, height = g._scene()
    boxes = [(s.x, s.y, s.width, s.height) if s.kind == "box" else
             (s.x - s.width / 2, s.y - s.height / 2, s.width, s.height)
             for s in shapes if s.kind in ("box", "ellipse")]
    assert len(boxes) == len(g.nodes)
    for i, (x0, y0, w0, h0) in enumerate(boxes):
        assert 0 <= x0 and x0 + w0 <= width and 0 <= y0 and y0 + h0 <= height
        for x1, y1, w1, h1 in boxes[i + 1:]:
            overlap = x0 < x1 + w1 and x1 < x0 + w0 and y0 < y1 + h1 and y1 < y0 + h0
            assert not overlap
    # Every edge goes left to right.
    for s in shapes:
        if s.kind == "curve":
            xs = [p[0] for p in s.points]
            assert xs == sorted(xs)


def test_layering_puts_inputs_next_to_the_op_that_uses_them():
    boxes = [_layout.Box(k, 40, 20, order=i) for i, k in enumerate("abcde")]
    edges = [("a", "b"), ("b", "c"), ("c", "d"), ("e", "d")]
    _layout.layout(boxes, edges)
    layer = {b.key: b.layer for b in boxes}
    assert layer == {"a": 0, "b": 1, "c": 2, "d": 3, "e": 2}


def test_layout_refuses_a_cycle():
    boxes = [_layout.Box("a", 10, 10), _layout.Box("b", 10, 10)]
    with pytest.raises(ValueError, match="cycle"):
        _layout.layout(boxes, [("a", "b"), ("b", "a")])
