"""ad.trace() and ad.explain(): the steps a learner reads, in text, Markdown and data."""
import json
import re

import numpy as np
import pytest

import autodidact as ad
from autodidact.engine import graph, ops


def seed_chain():
    x = ad.tensor(5.0, requires_grad=True)
    with ad.trace() as t:
        h = x**2
        z = ad.log(h)
        z.backward()
    return t, x, h, z


def test_seed_chain_in_data():
    t, x, _, _ = seed_chain()
    first, second = t.steps
    assert (first.index, first.output, first.grad_fn, first.op) == (1, "z", "LogBackward0", "log")
    assert first.expression == "log(h)" and first.upstream_symbol == "∂z/∂z"
    (dz_dh,) = first.contributions
    assert (dz_dh.input, dz_dh.local_symbol, dz_dh.formula, dz_dh.substituted) == ("h", "∂z/∂h", "1/h", "1/25")
    assert float(dz_dh.local_value) == pytest.approx(0.04)
    assert float(dz_dh.value) == pytest.approx(0.04)
    assert second.upstream_symbol == "∂z/∂h" and float(second.upstream) == pytest.approx(0.04)
    (dh_dx,) = second.contributions
    assert (dh_dx.formula_template, dh_dx.formula, dh_dx.substituted) == ("{exponent}·{self}^({exponent}-1)", "2·x", "2·5")
    assert float(dh_dx.local_value) == 10
    assert dh_dx.gradient_symbol == "∂z/∂x" and float(dh_dx.value) == pytest.approx(0.4)
    assert t.accumulation_lines == ["x.grad = 0.4"]
    assert float(x.grad) == pytest.approx(0.4)


def test_seed_chain_in_text():
    t, *_ = seed_chain()
    text = str(t)
    assert "z = log(h)" in text and "h = x**2" in text
    assert "∂z/∂h = 1/h = 1/25 = 0.04" in text
    assert "∂z/∂h = 1 × 0.04 = 0.04" in text
    assert "∂h/∂x = 2·x = 2·5 = 10" in text
    assert "∂z/∂x = 0.04 × 10 = 0.4" in text
    assert "x.grad = 0.4" in text
    assert "0.0399" not in text  # no float noise


def test_seed_chain_in_markdown_with_latex():
    t, *_ = seed_chain()
    md = t._repr_markdown_()
    assert r"\frac{\partial z}{\partial h} = \frac{1}{h} = \frac{1}{25} = 0.04" in md
    assert r"\frac{\partial h}{\partial x} = 2\,x = 2 \cdot 5 = 10" in md
    assert r"\frac{\partial z}{\partial x} = 0.04 \times 10 = 0.4" in md
    assert "| # |" in md  # a table


def test_seed_chain_in_html_and_json():
    t, *_ = seed_chain()
    page = t._repr_html_()
    assert "∂z/∂h = 1/h = 1/25 = 0.04" in page and "<svg" in page
    data = json.loads(json.dumps(t.to_dict()))
    assert data["steps"][1]["contributions"][0]["value"] == pytest.approx(0.4)
    assert data["steps"][0]["contributions"][0]["formula"] == "1/h"
    assert [r["label"] for r in data["forward"]] == ["x", "h", "z"]
    assert data["forward"][1]["value"] == 25


def test_wide_tables_and_graph_scroll_in_a_focusable_box():
    """At 320 CSS px a trace's tables and graph are wider than the output area: each sits in its own
    box that scrolls sideways and takes keyboard focus (WCAG 1.4.10, 2.1.1), not widening the page."""
    t, *_ = seed_chain()
    page = t._repr_html_()
    box = r'<div class="ad-scroll" tabindex="0" role="group" aria-label="([^"]+)" style="overflow-x: auto; max-width: 100%;">'
    boxed = re.findall(box + r"\s*<(table|svg)", page)
    assert [(label.split(",")[0], tag) for label, tag in boxed] == [
        ("forward pass table", "table"), ("backward pass table", "table"), ("computation graph", "svg")]
    assert page.count("<table") == 2 and page.count("<svg") == 1  # nothing wide left outside a box


def test_fan_in_sums_the_paths():
    x = ad.tensor(2.0, requires_grad=True)
    with ad.trace() as t:
        h = x**2
        y = 3 * x
        s = ad.log(h) + y
        s.backward()
    (line,) = t.accumulation_lines
    assert line == "x.grad = 3 (via y) + 1 (via h) = 4"
    assert float(x.grad) == 4
    assert "x.grad = 3 (via y) + 1 (via h) = 4" in str(t)
    assert r"3\ (\text{via } y) + 1\ (\text{via } h) = 4" in t._repr_markdown_()


def test_fan_in_on_an_intermediate_shows_the_sum_as_upstream():
    x = ad.tensor(0.5, requires_grad=True)
    with ad.trace() as t:
        h = x * 2
        a = ad.sin(h)
        b = h**2
        s = a + b
        s.backward()
    (step,) = [st for st in t.steps if st.output == "h"]
    assert [via for _, via in step.upstream_parts] == ["b", "a"]
    assert float(step.upstream) == pytest.approx(np.cos(1.0) + 2.0)
    assert "upstream ∂s/∂h = 2 (via b) + 0.5403 (via a) = 2.54" in str(t)


def lesson_fan_in():
    """Lesson 2's f = x·ln(x) at 5: two paths into x, 1.609 (direct, via f) + 1 (via a)."""
    x = ad.tensor(5.0, requires_grad=True)
    with ad.trace() as t:
        a = ad.log(x)
        f = x * a
        f.backward()
    return t


def test_a_path_at_fan_in_is_written_as_a_contribution_never_as_the_total():
    """∂f/∂x names the total (2.609); each path's part is "contribution via ...", in every rendering."""
    t = lesson_fan_in()
    first, second = t.steps
    to_x = [c for step in t.steps for c in step.contributions if c.input == "x"]
    assert [c.paths for c in to_x] == [2, 2]
    assert [c.paths for c in first.contributions if c.input == "a"] == [1]
    text = str(t)
    assert "→ contribution via f = 1 × 1.609 = 1.609" in text
    assert "→ contribution via a = 5 × 0.2 = 1" in text
    assert "→ ∂f/∂a = 1 × 5 = 5" in text  # a single path: the whole derivative
    assert "→ ∂f/∂x" not in text
    assert "x.grad = 1.609 (via f) + 1 (via a) = 2.609" in text
    md = t._repr_markdown_()
    assert r"$\text{contribution via } f = 1 \times 1.609 = 1.609$" in md
    assert r"$\text{contribution via } a = 5 \times 0.2 = 1$" in md
    assert r"\frac{\partial f}{\partial x} = 1 \times" not in md
    assert r"\frac{\partial f}{\partial x} = 5 \times" not in md
    page = t._repr_html_()
    assert "contribution via a = 5 × 0.2 = 1" in page and "∂f/∂x = 5 × 0.2" not in page
    assert json.loads(json.dumps(t.to_dict()))["steps"][1]["contributions"][0]["paths"] == 2


def test_the_stepper_names_a_path_as_a_contribution_too():
    from autodidact.widgets import BackpropStepper

    stepper = BackpropStepper(lambda x: x * ad.log(x), x=5.0)
    stepper.step = 2
    assert "passed on to x: contribution via v1 = 5 × 0.2 = 1" in stepper.text
    assert "x.grad = 1.609 (via y) + 1 (via v1) = 2.609" in stepper.text
    assert "∂y/∂x = 5 × 0.2" not in stepper.text


def test_broadcasting_shows_the_reduction_by_name():
    M = ad.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True)
    w = ad.tensor([1.0, 2.0, 3.0], requires_grad=True)
    with ad.trace() as t:
        P = M * w
        L = P.sum()
        L.backward()
    step = t.steps[1]
    by_input = {c.input: c for c in step.contributions}
    assert by_input["M"].reduction is None
    assert by_input["w"].reduction == "sum over dim 0 to fit shape (3,)"
    np.testing.assert_array_equal(by_input["w"].unreduced_value, M._array)
    np.testing.assert_array_equal(by_input["w"].value, [5, 7, 9])
    # One term per broadcast copy of w: only their sum is named ∂L/∂w.
    assert ("→ [[1, 1, 1], [1, 1, 1]] × [[1, 2, 3], [4, 5, 6]] = [[1, 2, 3], [4, 5, 6]], "
            "then sum over dim 0 to fit shape (3,): ∂L/∂w = [5, 7, 9]") in str(t)
    assert "∂L/∂w = [[" not in str(t)
    md = t._repr_markdown_()
    assert r"then sum over dim 0 to fit shape (3,): $\frac{\partial L}{\partial w} = \begin{bmatrix}5 & 7 & 9" in md
    assert r"\frac{\partial L}{\partial w} = \begin{bmatrix}1 & 1 & 1" not in md
    assert t.to_dict()["steps"][1]["contributions"][1]["reduction"] == "sum over dim 0 to fit shape (3,)"


def test_accumulation_into_an_existing_grad_is_shown():
    x = ad.tensor(5.0, requires_grad=True)
    with ad.trace() as t:
        ad.log(x**2).backward()
        ad.log(x**2).backward()
    first, second = t.leaf_grads
    assert first.line == "x.grad = 0.4"
    assert second.line == "x.grad = 0.4 (already in .grad) + 0.4 (via v3) = 0.8"
    assert [s.backward_pass for s in t.steps] == [1, 1, 2, 2]
    assert float(x.grad) == pytest.approx(0.8)


def test_tensors_are_shown_in_full_when_small_and_summarised_when_large():
    small = ad.tensor([1.0, 2.0], requires_grad=True)
    big = ad.ones(20, 30, requires_grad=True)
    with ad.trace() as t:
        (small * 2).sum().backward()
        (big * 2).sum().backward()
    text = str(t)
    assert "small = [1, 2]" in text
    assert "<20×30 tensor, mean 1, min 1, max 1>" in text


def test_matmul_and_reductions_state_their_vector_jacobian_product():
    X = ad.tensor([[1.0, 2.0]], requires_grad=True)
    W = ad.tensor([[3.0], [4.0]], requires_grad=True)
    with ad.trace() as t:
        y = X @ W
        y.sum().backward()
    (mm,) = [s for s in t.steps if s.op == "mm"]
    assert mm.explain == ops.MM.explain
    assert [c.formula for c in mm.contributions] == ["Wᵀ (on the right)", "Xᵀ (on the left)"]
    assert ops.MM.explain in str(t)


def test_observer_is_removed_on_exit_even_after_an_error():
    before = list(graph.observers)
    with pytest.raises(ZeroDivisionError):
        with ad.trace():
            assert len(graph.observers) == len(before) + 1
            1 / 0
    assert graph.observers == before


def test_names_explicit_labels_and_fallbacks():
    a = ad.tensor(1.0, requires_grad=True)
    with ad.trace(labels={"alpha": a}) as t:
        _hidden = a * 2
        out = _hidden.exp()
        out.backward()
    labels = [r.label for r in t.forward]
    assert labels == ["alpha", "v1", "out"]


def test_backward_inside_a_trace_for_a_graph_built_before_it():
    x = ad.tensor(5.0, requires_grad=True)
    h = x**2
    z = ad.log(h)
    with ad.trace() as t:
        z.backward()
    assert [s.output for s in t.steps] == ["z", "h"]
    assert t.steps[0].contributions[0].substituted == "1/25"
    assert t.accumulation_lines == ["x.grad = 0.4"]


def test_explain_leaves_grad_alone_and_keeps_the_graph():
    x = ad.tensor(5.0, requires_grad=True)
    h = x**2
    h.retain_grad()
    z = ad.log(h)
    e = ad.explain(z)
    assert x.grad is None and h.grad is None
    assert [s.output for s in e.steps] == ["z", "h"]
    assert "x.grad = 0.4" in str(e) and "nothing was changed" in str(e)
    z.backward()
    assert float(x.grad) == pytest.approx(0.4)


def test_explain_after_the_graph_was_freed_says_how_to_fix_it():
    x = ad.tensor(5.0, requires_grad=True)
    z = ad.log(x**2)
    z.backward()
    with pytest.raises(RuntimeError, match="retain_graph=True"):
        ad.explain(z)


def test_explain_refuses_a_leaf_with_a_clear_message():
    with pytest.raises(RuntimeError, match="no grad_fn"):
        ad.explain(ad.tensor(1.0, requires_grad=True))


def test_trace_without_backward_says_what_to_do():
    x = ad.tensor(1.0, requires_grad=True)
    with ad.trace() as t:
        y = x * 3
    assert t.steps == []
    assert "Call .backward() inside the with block" in str(t)
    assert [r.line for r in t.forward] == ["x = 1", "y = x * 3 = 3"]


def test_explain_inside_an_open_trace_does_not_leak_into_it():
    x = ad.tensor(2.0, requires_grad=True)
    z = ad.exp(x)
    with ad.trace() as t:
        ad.explain(z)
    assert t.steps == []


def test_trace_cell_magic_traces_the_whole_cell():
    from IPython.testing.globalipapp import get_ipython

    ip = get_ipython()
    ip.run_line_magic("load_ext", "autodidact")
    ip.user_ns["ad"] = ad
    ip.run_cell("x = ad.tensor(5.0, requires_grad=True)")
    result = ip.run_cell_magic("trace", "--graph", "h = x**2\nz = ad.log(h)\nz.backward()")
    assert result is None  # the trace is displayed, not returned
    t = ip.user_ns["_trace"]
    assert [s.output for s in t.steps] == ["z", "h"]
    assert "∂z/∂h = 1/h = 1/25 = 0.04" in str(t)
    with pytest.raises(ValueError, match="unknown option"):
        ip.run_cell_magic("trace", "--bogus", "pass")


def test_a_negative_number_in_a_bracketed_place_gets_one_pair_of_brackets():
    x = ad.tensor(-0.75, requires_grad=True)
    with ad.trace() as t:
        ad.tanh(x).backward()
    text = str(t)
    assert "tanh²(-0.75)" in text and "((" not in text, text
