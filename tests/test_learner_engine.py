"""The learner-engine protocol: the course's tools draw and narrate an engine the learner wrote.

A learner's ``Value`` (lesson 9) or small tensor class (lesson 10) exposes ``data``, ``grad``,
``parents``, ``op`` and ``backward_step``; ``ad.graph`` draws it, ``ad.explain`` runs its own
``backward()`` and narrates each step. Objects that break the protocol get a clear error, and big
graphs a readable summary, never a crash or a hang.
"""
import ast
import math
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

import autodidact as ad
from autodidact.tracing.learner import ProtocolError, explain_learner, read_graph


class Value:
    """A correct scalar engine, written as lesson 9 teaches it."""

    def __init__(self, data, parents=(), op="", label=""):
        self.data = float(data)
        self.grad = 0.0
        self.parents = parents
        self.op = op
        self.label = label
        self.backward_step = lambda: None

    @staticmethod
    def wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = self.wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def backward_step():
            self.grad += out.grad
            other.grad += out.grad
        out.backward_step = backward_step
        return out

    def __mul__(self, other):
        other = self.wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def backward_step():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out.backward_step = backward_step
        return out

    __radd__ = __add__
    __rmul__ = __mul__

    def log(self):
        out = Value(math.log(self.data), (self,), "log")

        def backward_step():
            self.grad += out.grad / self.data
        out.backward_step = backward_step
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def backward_step():
            self.grad += (1 - out.data**2) * out.grad
        out.backward_step = backward_step
        return out

    def topological_order(self):
        order, visited, stack = [], set(), [(self, False)]
        while stack:
            node, parents_done = stack.pop()
            if parents_done:
                order.append(node)
            elif id(node) not in visited:
                visited.add(id(node))
                stack.append((node, True))
                stack.extend((p, False) for p in node.parents)
        return order

    def backward(self):
        self.grad = 1.0
        for node in reversed(self.topological_order()):
            node.backward_step()


def x_log_x(x_value=5.0):
    x = Value(x_value, label="x")
    a = x.log()
    a.label = "a"
    f = x * a
    f.label = "f"
    return x, a, f


# -- drawing -----------------------------------------------------------------------------------

def test_graph_draws_the_learners_values_ops_and_current_grads():
    x, a, f = x_log_x()
    f.backward()
    g = ad.graph(f)
    by_title = {node.lines[0]: node for node in g.nodes}
    assert by_title["x"].kind == "leaf" and by_title["f"].kind == "output"
    assert by_title["x"].lines[1:] == ["= 5", "grad 2.609"]
    assert by_title["a"].lines[1:] == ["= 1.609", "grad 5"]
    assert sorted(n.lines[0] for n in g.nodes if n.kind == "op") == ["*", "log"]
    assert len(g.edges) == 5  # x→log, log→a, x→*, a→*, *→f
    ET.fromstring(g.to_svg())  # well-formed SVG
    assert g.to_png()[:4] == b"\x89PNG"


def test_graph_reads_only_the_protocol_and_runs_none_of_the_learners_code():
    x, a, f = x_log_x()
    ran = []
    f.backward_step = lambda: ran.append("step")
    f.backward = lambda: ran.append("backward")
    ad.graph(f).to_svg()
    assert ran == [] and x.grad == 0.0


def test_names_come_from_labels_then_variables_then_v1():
    p = Value(2.0)
    q = Value(3.0, label="q")
    r = p * q + 1
    names = [node.lines[0] for node in ad.graph(r).nodes if node.kind != "op"]
    assert {"p", "q", "r", "1"} <= set(names)
    assert any(name.startswith("v") for name in names)  # p * q has no name


def test_step_k_highlights_the_learners_kth_step():
    x, a, f = x_log_x()
    g = ad.graph(f, step=2)
    highlighted = [n.lines[0] for n in g.nodes if n.highlighted]
    assert highlighted == ["log", "a"]
    assert x.grad == 0.0  # explaining changed nothing


# -- narrating the learner's backward pass -----------------------------------------------------

def test_explain_narrates_upstream_times_local_equals_contribution_summed_at_fan_in():
    x, a, f = x_log_x()
    t = ad.explain(f)
    assert [s.output for s in t.steps] == ["f", "a"]
    first, second = t.steps
    assert first.upstream == 1.0
    assert {c.input: c.value for c in first.contributions} == pytest.approx({"x": math.log(5), "a": 5.0})
    assert second.upstream == pytest.approx(5.0)
    (c,) = second.contributions
    assert c.local_value == pytest.approx(0.2) and c.value == pytest.approx(1.0)
    (leaf,) = t.leaf_grads
    assert leaf.label == "x" and [via for _, via in leaf.parts] == ["f", "a"]
    assert leaf.total == pytest.approx(math.log(5) + 1)
    text = str(t)
    assert "contribution via a = 5 × 0.2 = 1" in text  # one path's part; ∂f/∂x is the total
    assert "∂f/∂x = 5 × 0.2" not in text
    assert "x.grad = 1.609 (via f) + 1 (via a) = 2.609" in text
    assert t.problems == []


def test_explain_leaves_grads_and_step_functions_as_they_were():
    x, a, f = x_log_x()
    x.grad = 7.0
    step = a.backward_step
    ad.explain(f)
    assert x.grad == 7.0 and a.grad == 0.0 and f.grad == 0.0
    assert a.backward_step is step and "backward_step" in vars(a)


def test_the_learners_narration_matches_autodidacts_on_the_same_expression():
    x, a, f = x_log_x(2.5)
    mine = ad.explain(f)
    tx = ad.tensor(2.5, requires_grad=True)
    ta = ad.log(tx)
    tf = tx * ta
    reference = ad.explain(tf, labels={"x": tx, "a": ta, "f": tf})
    assert [s.output for s in mine.steps] == [s.output for s in reference.steps]
    for step, ref in zip(mine.steps, reference.steps):
        assert float(step.upstream) == pytest.approx(float(ref.upstream))
        assert {c.input: float(c.value) for c in step.contributions} == pytest.approx(
            {c.input: float(c.value) for c in ref.contributions}, rel=1e-6)
    assert float(mine.leaf_grads[0].total) == pytest.approx(float(reference.leaf_grads[0].total))


def test_a_value_used_twice_in_one_op_gets_one_summed_contribution():
    x = Value(3.0, label="x")
    y = x * x
    (step,) = ad.explain(y).steps
    (c,) = step.contributions
    assert c.input == "x" and c.value == pytest.approx(6.0)


def test_the_markdown_html_and_graph_of_a_learner_trace_render():
    x, a, f = x_log_x()
    t = ad.explain(f)
    assert r"\frac{\partial f}{\partial a}" in t._repr_markdown_()
    assert "<svg" in t._repr_html_()
    ET.fromstring(t.graph(step=1).to_svg())


def test_micrograds_own_spellings_work():
    class MicroValue:  # karpathy/micrograd's field names: _prev (a set), _op, _backward
        def __init__(self, data, _children=(), _op=""):
            self.data, self.grad = data, 0
            self._backward = lambda: None
            self._prev, self._op = set(_children), _op

        def __mul__(self, other):
            out = MicroValue(self.data * other.data, (self, other), "*")

            def _backward():
                self.grad += other.data * out.grad
                other.grad += self.data * out.grad
            out._backward = _backward
            return out

        def backward(self):
            topo, visited = [], set()

            def build(v):
                if v not in visited:
                    visited.add(v)
                    for child in v._prev:
                        build(child)
                    topo.append(v)
            build(self)
            self.grad = 1
            for v in reversed(topo):
                v._backward()

    m, n = MicroValue(2.0), MicroValue(-4.0)
    out = m * n
    assert [node.lines[0] for node in ad.graph(out).nodes if node.kind == "op"] == ["*"]
    t = ad.explain(out)
    assert {c.input: c.value for c in t.steps[0].contributions} == {"m": -4.0, "n": 2.0}


def test_a_tensor_engine_on_numpy_arrays_is_narrated_with_array_contributions():
    class Tensor:
        def __init__(self, data, parents=(), op=""):
            self.data = np.asarray(data, dtype=float)
            self.grad = np.zeros_like(self.data)
            self.parents, self.op = parents, op
            self.backward_step = lambda: None

        def __add__(self, other):
            out = Tensor(self.data + other.data, (self, other), "+")

            def backward_step():
                self.grad += out.grad
                other.grad += out.grad.sum(axis=0)  # other was broadcast over the rows
            out.backward_step = backward_step
            return out

        def sum(self):
            out = Tensor(self.data.sum(), (self,), "sum")

            def backward_step():
                self.grad += np.ones_like(self.data) * out.grad
            out.backward_step = backward_step
            return out

        def backward(self):
            self.grad = np.ones_like(self.data)
            self.backward_step()
            self.parents[0].backward_step()

    X, b = Tensor(np.ones((4, 3))), Tensor([1.0, 2.0, 3.0])
    loss = (X + b).sum()
    t = ad.explain(loss)
    (bias_part,) = [c for c in t.steps[1].contributions if c.input == "b"]
    assert np.array_equal(bias_part.value, [4.0, 4.0, 4.0])
    assert "b.grad = [4, 4, 4]" in str(t)
    assert "3 tensor" in " ".join(" ".join(n.lines) for n in ad.graph(loss).nodes) or \
        any("4×3" in " ".join(n.lines) for n in ad.graph(loss).nodes)


# -- what goes wrong in a learner's engine is named -------------------------------------------

def test_a_step_run_too_early_is_reported_as_an_order_problem():
    x, a, f = x_log_x()

    def backward_in_the_wrong_order():  # a before f: a's step runs before f has passed it 5
        f.grad = 1.0
        a.backward_step()
        f.backward_step()
    f.backward = backward_in_the_wrong_order
    t = ad.explain(f)
    assert any("step of a ran before all of its gradient had arrived" in p for p in t.problems)
    assert "topological order" in str(t)


def test_forgetting_to_start_from_one_and_a_step_that_never_ran_are_reported():
    x, a, f = x_log_x()

    def backward_without_seed():
        f.backward_step()
    f.backward = backward_without_seed
    problems = " ".join(ad.explain(f).problems)
    assert "self.grad = 1" in problems


def test_a_recursive_backward_on_a_deep_chain_is_explained_not_crashed():
    x = Value(0.5, label="x")
    z = x
    for _ in range(3000):
        z = z * 1.0

    def recursive_backward():
        order, seen = [], set()

        def visit(v):
            if id(v) not in seen:
                seen.add(id(v))
                for p in v.parents:
                    visit(p)
                order.append(v)
        visit(z)
        z.grad = 1.0
        for v in reversed(order):
            v.backward_step()
    z.backward = recursive_backward
    with pytest.raises(RuntimeError, match="recursion limit.*loop"):
        ad.explain(z)
    assert x.grad == 0.0


def test_a_backward_that_never_ends_is_stopped():
    x, a, f = x_log_x()

    def forever():
        while True:
            pass
    f.backward = forever
    with pytest.raises(RuntimeError, match="was stopped"):
        explain_learner(f, time_limit=0.3)


def test_an_error_inside_the_learners_backward_is_reported_with_its_type():
    x, a, f = x_log_x()
    a.backward_step = lambda: 1 / 0
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):
        ad.explain(f)
    assert x.grad == 0.0 and a.grad == 0.0


class Broken:
    def __init__(self, **fields):
        self.__dict__.update(fields)


@pytest.mark.parametrize("make, message", [
    (lambda: Broken(data=1.0, grad=0.0, parents=(Broken(grad=0.0, parents=()),), op="+"),
     "parent 1 of the output has no .data"),
    (lambda: Broken(data="3", grad=0.0, parents=(), op=""), "data of the output is str '3'"),
    (lambda: Broken(data=True, grad=0.0, parents=(), op=""), "a bool"),
    (lambda: Broken(data=None, grad=0.0, parents=(), op=""), "NoneType"),
    (lambda: Broken(data=[1, 2], grad=0.0, parents=(), op=""), "list"),
    (lambda: Broken(data=1.0, grad="zero", parents=(), op=""), "grad of the output is str"),
    (lambda: Broken(data=1.0, grad=0.0, parents=5, op="+"), "not a tuple of values"),
    (lambda: Broken(data=1.0, grad=0.0, parents=(2.0,), op="*"), "wrap plain numbers"),
])
def test_objects_that_break_the_protocol_get_a_message_naming_the_value_and_the_fix(make, message):
    with pytest.raises(ProtocolError, match=message):
        ad.graph(make())
    with pytest.raises(ProtocolError, match=message):
        ad.explain(make())


def test_a_missing_field_deep_in_the_graph_says_where_it_is():
    x = Value(1.0)
    z = x
    for _ in range(10):
        z = z + 1.0
    del x.grad
    x.__dict__.pop("data")
    with pytest.raises(ProtocolError, match=r"the value at parent 1 of .* \(10 steps back from the output\) has no .data"):
        ad.graph(z)


def test_a_value_without_parents_is_told_to_add_them():
    with pytest.raises(ProtocolError, match=r"the output has no .parents or ._prev"):
        ad.explain(Broken(data=1.0, grad=0.0))


def test_an_unrelated_object_is_refused_with_what_explain_and_graph_accept():
    for thing in (3.0, "x", np.ones(3)):
        with pytest.raises(TypeError, match=r"needs a tensor, or a value of your own engine"):
            ad.explain(thing)


def test_explain_needs_the_learners_backward():
    node = Broken(data=1.0, grad=0.0, parents=(), op="")
    with pytest.raises(ProtocolError, match="backward"):
        ad.explain(node)


def test_a_cycle_is_named_instead_of_looping_forever():
    a, b = Value(1.0, label="a"), Value(2.0, label="b")
    c = a * b
    c.label = "c"
    a.parents, a.op = (c,), "*"  # a now depends on c, which depends on a
    for tool in (ad.graph, ad.explain):
        with pytest.raises(ProtocolError, match="its own ancestor: .*c → a|its own ancestor: .*a → c"):
            tool(c)


def test_a_value_that_is_its_own_parent_is_a_cycle():
    a = Value(1.0, label="a")
    a.parents, a.op = (a,), "+"
    with pytest.raises(ProtocolError, match="own ancestor: a → a"):
        read_graph(a)


def test_a_property_that_raises_is_reported_not_propagated():
    class Exploding(Value):
        @property
        def data(self):
            raise ValueError("boom")

        @data.setter
        def data(self, value):
            pass

    with pytest.raises(ProtocolError, match="reading .data of the output raised ValueError: boom"):
        ad.graph(Exploding(1.0))


# -- big graphs: a readable summary ------------------------------------------------------------

def chain(length):
    x = Value(0.5, label="x")
    z = x
    for _ in range(length):
        z = z * 1.0001
    return x, z


def test_a_10000_value_graph_is_drawn_as_a_summary_of_the_part_nearest_the_output():
    x, z = chain(10_000)
    g = ad.graph(z)
    assert len(g.nodes) <= 61
    summary = [n for n in g.nodes if n.lines[0].startswith("…")]
    assert summary and "more values" in summary[0].lines[0]
    assert g.hidden > 19_000 and "big graph" in repr(g)
    ET.fromstring(g.to_svg())


def test_a_10000_step_backward_is_narrated_and_printed_short():
    x, z = chain(10_000)
    t = ad.explain(z)
    assert len(t.steps) == 10_000
    assert t.leaf_grads[0].label == "x" and float(t.leaf_grads[0].total) == pytest.approx(1.0001**10_000)
    text = str(t)
    assert len(text.splitlines()) < 200 and "10,000 steps" in text
    assert "10,000 steps" in t._repr_markdown_() and "10,000 steps" in t._repr_html_()


def test_autodidacts_own_big_graph_is_summarised_too():
    x = ad.tensor(0.5, requires_grad=True)
    z = x
    for _ in range(300):
        z = z * 1.0
    g = ad.graph(z)
    ET.fromstring(g.to_svg())
    svg = g.to_svg()
    assert g.hidden > 500 and "more values" in svg and "big graph" in repr(g)


# -- layering ----------------------------------------------------------------------------------

def test_the_protocol_lives_in_tracing_which_does_not_import_drawing():
    source = Path(ad.__file__).parent / "tracing" / "learner.py"
    tree = ast.parse(source.read_text())
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert not any("drawing" in name or "widgets" in name for name in imported), imported


def test_the_backprop_stepper_steps_through_the_learners_own_pass():
    from autodidact.widgets import BackpropStepper

    x, a, f = x_log_x()
    stepper = BackpropStepper(f)
    assert stepper.error is None and stepper.steps == 2
    stepper.step = 2
    assert "a = log(x)" in stepper.text and "x.grad = 1.609 (via f) + 1 (via a) = 2.609" in stepper.text
    assert x.grad == 0.0
