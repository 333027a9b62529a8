"""Recording a computation and its backward pass, step by step, as data.

    with ad.trace() as t:          # watch the forward values and every backward step
        h = x**2
        z = ad.log(h)
        z.backward()
    t.steps[0].contributions[0].value      # 0.04 = ∂z/∂h

While a trace is open, an observer sits in the engine's ``observers`` list. The engine tells it
about each node it records (``on_forward``), each backward step (``on_backward_step``: the upstream
gradient and what the step sends to each input) and each gradient added into a leaf's ``.grad``
(``on_accumulate``). The observer only keeps references and copies of small arrays, so tracing
stays cheap; the readable steps (formulas, numbers, notes) are worked out when someone looks.

Every formula comes from the op's spec (``spec.local_for(i)``): the trace fills in names and numbers,
it never writes a derivative of its own.
"""
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, List, Optional

import numpy as np

from ..engine import Node, Tensor, backward_api, graph, ops
from ..engine.op_description import known_inputs
from . import _format

# ---------------------------------------------------------------------------------------------
# What a trace holds


@dataclass
class ForwardRecord:
    """One value of the forward pass: a leaf (an input you made) or the result of an op."""

    index: int
    label: str
    kind: str  # "leaf", "op" or "constant"
    expression: Optional[str]  # the right-hand side, e.g. "x**2"; None for leaves
    op: Optional[str]  # op table name, e.g. "pow"
    grad_fn: Optional[str]  # e.g. "PowBackward0"
    value: Any  # NumPy array (a copy taken when the value was made)
    shape: tuple
    requires_grad: bool
    inputs: List[str] = field(default_factory=list)
    node: Any = field(default=None, repr=False, compare=False)
    tensor: Any = field(default=None, repr=False, compare=False)

    @property
    def line(self):
        """``h = x**2 = 25``: the record as one line of text."""
        if self.kind == "op":
            return f"{self.label} = {self.expression} = {_format.value(self.value)}"
        return f"{self.label} = {_format.value(self.value)}"

    def to_dict(self):
        return {"index": self.index, "label": self.label, "kind": self.kind,
                "expression": self.expression, "op": self.op, "grad_fn": self.grad_fn,
                "value": _format.to_data(self.value), "shape": list(self.shape),
                "requires_grad": self.requires_grad, "inputs": list(self.inputs)}


@dataclass
class Contribution:
    """What one backward step sends to one input: upstream gradient × local derivative."""

    input_index: int
    input: str  # the input's label, e.g. "h"
    local_symbol: str  # "∂z/∂h": the local derivative of this step's output
    gradient_symbol: str  # "∂L/∂h": what the contribution is a part of
    formula_template: str  # straight from the op table, e.g. "1/{x}"
    formula: str  # with the learner's names, e.g. "1/h"
    latex: str  # LaTeX with names, e.g. "\frac{1}{h}"
    substituted: Optional[str]  # with numbers, e.g. "1/25" (None when the values are too big)
    latex_substituted: Optional[str]
    local_value: Any  # the local derivative's value where the op is elementwise (else None)
    value: Any  # the contribution, after any broadcast reduction
    reduction: Optional[str] = None  # "sum over dim 0 to fit shape (3,)"
    unreduced_value: Any = None  # the contribution before that reduction
    input_is_leaf: bool = False
    # How many contributions reach this input in the backward pass. With more than one, this is
    # one path's part ("contribution via h"), not the whole ∂L/∂input: that is their sum.
    paths: int = 1

    def to_dict(self):
        return {"input_index": self.input_index, "input": self.input,
                "local_symbol": self.local_symbol, "gradient_symbol": self.gradient_symbol,
                "formula_template": self.formula_template, "formula": self.formula,
                "latex": self.latex, "substituted": self.substituted,
                "latex_substituted": self.latex_substituted,
                "local_value": _format.to_data(self.local_value), "value": _format.to_data(self.value),
                "reduction": self.reduction,
                "unreduced_value": _format.to_data(self.unreduced_value),
                "input_is_leaf": self.input_is_leaf, "paths": self.paths}


@dataclass
class Step:
    """One backward step: a node receives its upstream gradient and passes a part to each input."""

    index: int  # 1-based, in the order the engine ran the steps
    output: str  # label of the node's output, e.g. "z"
    grad_fn: str  # e.g. "LogBackward0"
    op: str  # op table name, e.g. "log"
    expression: str  # "log(h)"
    upstream: Any  # the upstream gradient ∂L/∂output (NumPy array)
    upstream_symbol: str  # "∂z/∂z"
    upstream_parts: list  # [(value, via_label), ...]: summed at fan-in (empty for the root)
    contributions: List[Contribution]
    explain: Optional[str] = None  # the op table's vector-Jacobian product in words
    root: str = ""  # label of the tensor backward started from
    backward_pass: int = 1
    node: Any = field(default=None, repr=False, compare=False)

    @property
    def equation(self):
        return f"{self.output} = {self.expression}"

    def to_dict(self):
        return {"index": self.index, "output": self.output, "grad_fn": self.grad_fn, "op": self.op,
                "expression": self.expression, "upstream": _format.to_data(self.upstream),
                "upstream_symbol": self.upstream_symbol,
                "upstream_parts": [{"value": _format.to_data(v), "via": via}
                                   for v, via in self.upstream_parts],
                "contributions": [c.to_dict() for c in self.contributions],
                "explain": self.explain, "root": self.root, "backward_pass": self.backward_pass}


@dataclass
class LeafGrad:
    """How a leaf's ``.grad`` came about in one backward pass: the parts summed, and what was there."""

    label: str
    parts: list  # [(value, via_label), ...], one per path into the leaf
    before: Any  # the .grad that was already there (None if there was none)
    total: Any  # the gradient of this pass (sum of the parts)
    after: Any  # .grad after the pass (before + total); for explain(): the gradient backward would give
    accumulated: bool  # True when the engine really added into .grad (trace), False for explain()
    backward_pass: int = 1
    tensor: Any = field(default=None, repr=False, compare=False)

    @property
    def line(self):
        """``x.grad = 0.4 (via h) + 3 (via y) = 3.4``; ``(already in .grad)`` marks accumulation."""
        def term(v):
            text = _format.value(v)
            return f"({text})" if text.startswith("-") else text

        terms = []
        if self.before is not None:
            terms.append(f"{term(self.before)} (already in .grad)")
        terms += [f"{term(v)} (via {via})" for v, via in self.parts]
        if len(terms) <= 1:
            return f"{self.label}.grad = {_format.value(self.after)}"
        return f"{self.label}.grad = {' + '.join(terms)} = {_format.value(self.after)}"

    def to_dict(self):
        return {"label": self.label, "parts": [{"value": _format.to_data(v), "via": via}
                                               for v, via in self.parts],
                "before": _format.to_data(self.before), "total": _format.to_data(self.total),
                "after": _format.to_data(self.after), "accumulated": self.accumulated,
                "backward_pass": self.backward_pass, "line": self.line}


# ---------------------------------------------------------------------------------------------
# How each op is written in the forward pass: its spec's ``shows_as`` (derivatives live there too)

def _key_text(key):
    key = getattr(key, "shown", key)  # an index rewritten for NumPy keeps the one written
    parts = key if isinstance(key, tuple) else (key,)
    texts = []
    for part in parts:
        if isinstance(part, slice):
            text = ("" if part.start is None else str(part.start)) + ":" + (
                "" if part.stop is None else str(part.stop))
            texts.append(text + (f":{part.step}" if part.step not in (None, 1) else ""))
        elif part is None:
            texts.append("None")
        elif part is Ellipsis:
            texts.append("...")
        elif isinstance(part, np.ndarray):
            texts.append(str(part.tolist()))
        else:
            texts.append(str(part))
    return ", ".join(texts)


def _param_text(name, value):
    if name == "key":
        return _key_text(value)
    if name in ("dim", "dims") and isinstance(value, tuple) and len(value) == 1:
        return str(value[0])
    if name == "dtype":
        return f"autodidact.{getattr(value, 'name', value)}"
    if isinstance(value, (int, float, np.generic)) and not isinstance(value, bool):
        return _format.number(value)
    if isinstance(value, tuple):
        return str(tuple(int(v) if isinstance(v, (int, np.integer)) else v for v in value))
    if isinstance(value, np.ndarray):  # positions (gather, index_select...) read as the list typed
        return str(value.tolist())
    return str(value)


def _input_names(op, labels):
    """``{"self": "h", "other": "w"}``: each input's name in the op's spec, with its label."""
    if hasattr(op, "function_class"):  # a learner's autograd.Function writes {x}, {y} and {out}
        return dict(zip(("x", "y"), labels))
    if getattr(op, "variadic", False):
        return {op.inputs[0]: ", ".join(labels)}
    return {name: label for name, label in zip(getattr(op, "inputs", ()), labels)}


def _expression(op, input_labels, params):
    names = {k: _param_text(k, v) for k, v in (params or {}).items() if k != "ctx"}
    names.update(_input_names(op, input_labels))
    name = getattr(op, "name", "?")
    if hasattr(op, "function_class"):
        return f"{name}.apply({', '.join(input_labels)})"
    template = op.shows_as or f"{name}({', '.join(input_labels)})"
    return ops.fill(template, names)


# ---------------------------------------------------------------------------------------------
# Finding the learner's names for tensors


def _candidate_names(namespace):
    """(name, tensor) pairs: variables holding tensors, module parameters, items of short lists."""
    for name, value in list(namespace.items()):
        if not isinstance(name, str) or name.startswith("_"):
            continue
        if isinstance(value, Tensor):
            yield name, value
        elif isinstance(value, (list, tuple)) and 0 < len(value) <= 64:
            for i, item in enumerate(value):
                if isinstance(item, Tensor):
                    yield f"{name}[{i}]", item
        elif callable(getattr(type(value), "named_parameters", None)):  # an nn.Module (not a module or class)
            try:
                for pname, parameter in value.named_parameters():
                    if isinstance(parameter, Tensor):
                        yield f"{name}.{pname}", parameter
            except Exception:  # a learner's half-written module must not break a trace
                continue


def find_names(namespaces, keep=False):
    """Map tensors to variable names: ``({id(tensor): name}, {node: name})``.

    Leaves are found by identity; a result is found through its ``grad_fn`` (so that ``z`` names
    the node that made ``z``). Where several names fit, the shortest wins (``x`` over ``inputs``),
    and names that start with ``_`` (Jupyter's ``_``, ``_3``; private helpers) are ignored.
    """
    by_id, by_node, named = {}, {}, []
    for namespace in namespaces:
        if not namespace:
            continue
        for name, tensor in _candidate_names(namespace):
            named.append(tensor)
            table, key = (by_node, tensor.grad_fn) if tensor.grad_fn is not None else (by_id, id(tensor))
            best = table.get(key)
            if best is None or (len(name), name.count(".")) < (len(best), best.count(".")):
                table[key] = name
    return (by_id, by_node, named) if keep else (by_id, by_node)


# ---------------------------------------------------------------------------------------------
# The observer the engine calls


class _Recorder:
    """Registered in ``graph.observers`` while a trace is open; keeps the raw events."""

    def __init__(self, trace):
        self.trace = trace

    def on_forward(self, node, output):
        trace = self.trace
        trace._node_values[node] = output._array.copy()
        trace._node_inputs[node] = node.inputs
        trace._node_tensor[node] = output
        trace._order.append(node)
        leaves = trace._leaf_values
        for value in node.inputs:
            if type(value) is Tensor and value.grad_fn is None and id(value) not in leaves:
                leaves[id(value)] = (value, value._array.copy())
        trace._dirty = True

    def on_backward_step(self, node, upstream, input_grads):
        trace = self.trace
        if node in trace._seen_in_pass or trace._pass_finished:
            trace._pass += 1
            trace._seen_in_pass = set()
            trace._pass_finished = False
        trace._seen_in_pass.add(node)
        if node not in trace._node_inputs:  # built before the trace opened: what the node still knows
            inputs = known_inputs(node)
            trace._node_inputs[node] = tuple(
                v._array.copy() if isinstance(v, Tensor) and v.grad_fn is None else v for v in inputs)
            trace._node_inputs_live[node] = inputs
            if node.out is not None:
                trace._node_values.setdefault(node, np.array(node.out, copy=True))
        inputs = trace._node_inputs_live.get(node, trace._node_inputs[node])
        for edge, value, grad in zip(node.edges, inputs, input_grads):
            if isinstance(value, Tensor):
                if isinstance(edge, Node):
                    if edge not in trace._node_values:
                        trace._node_values[edge] = value._array.copy()
                elif edge is not None or value.grad_fn is None:
                    if id(value) not in trace._leaf_values:
                        trace._leaf_values[id(value)] = (value, value._array.copy())
            if grad is not None and edge is not None and not isinstance(edge, Node):
                if id(edge) not in trace._grad_before:  # .grad before this pass adds to it
                    old = edge._grad
                    trace._grad_before[id(edge)] = None if old is None else old._array.copy()
        grads = [g._array if isinstance(g, Tensor) else g for g in input_grads]
        upstream = upstream._array if isinstance(upstream, Tensor) else upstream
        trace._raw_steps.append((trace._pass, node, upstream, grads))
        trace._dirty = True

    def on_accumulate(self, leaf, grad):
        trace = self.trace
        grad = grad._array if isinstance(grad, Tensor) else grad
        if id(leaf) in trace._grad_before:
            before = trace._grad_before.pop(id(leaf))
        else:  # the root itself was a leaf: nothing ran before it
            after = leaf._grad._array
            before = None if after.shape != np.shape(grad) or np.array_equal(after, grad) else after - grad
        if id(leaf) not in trace._leaf_values:
            trace._leaf_values[id(leaf)] = (leaf, leaf._array.copy())
        trace._accumulations.append((trace._pass, leaf, before, grad, leaf._grad._array.copy()))
        trace._pass_finished = True
        trace._dirty = True


# ---------------------------------------------------------------------------------------------
# The trace


# The drawing layer sits above tracing, so tracing cannot import it: drawing registers its graph
# function here when it is imported, and Trace.graph() calls it.
_graph_drawer = None


def register_graph_drawer(draw):
    """Called by ``autodidact.drawing``: ``draw(trace, step=None)`` returns the picture of a trace."""
    global _graph_drawer
    _graph_drawer = draw


class Trace:
    """A recorded forward pass and backward pass, as data (``steps``, ``forward``, ``leaf_grads``)
    and as text (``str``), Markdown with LaTeX, HTML and a graph (``graph()``)."""

    def __init__(self, labels=None, namespace=None, _frame_depth=1):
        self._explicit = {}  # id(tensor) -> label
        self._explicit_nodes = {}
        self._explicit_tensors = []  # keep them alive so their ids stay valid
        for key, value in (labels or {}).items():
            name, tensor = (value, key) if isinstance(key, Tensor) else (key, value)
            if not isinstance(tensor, Tensor) or not isinstance(name, str):
                raise TypeError(
                    "labels must map names to tensors, e.g. ad.trace(labels={'x': x}); "
                    f"got {type(key).__name__} -> {type(value).__name__}")
            self._explicit_tensors.append(tensor)
            if tensor.grad_fn is not None:
                self._explicit_nodes[tensor.grad_fn] = name
            else:
                self._explicit[id(tensor)] = name
        self._namespace = namespace
        self._frame_depth = _frame_depth
        self._recorder = _Recorder(self)
        self._node_values = {}
        self._node_inputs = {}
        self._node_inputs_live = {}
        self._node_tensor = {}
        self._order = []
        self._leaf_values = {}  # id(leaf) -> (leaf, value copy)
        self._raw_steps = []
        self._accumulations = []
        self._grad_before = {}
        self._pass = 1
        self._seen_in_pass = set()
        self._pass_finished = False
        self._names = ({}, {})
        self._root_tensors = []
        self._dirty = True
        self._built = None
        self.active = False

    # -- recording ------------------------------------------------------------------------------
    def __enter__(self):
        if self.active:
            raise RuntimeError("this trace is already open; make a new one with ad.trace()")
        self.active = True
        graph.observers.append(self._recorder)
        return self

    def __exit__(self, *exc):
        self._remove_observer()
        frame = _learner_frame(sys._getframe(1))
        self._look_up_names([frame.f_locals, frame.f_globals])
        return False

    def _remove_observer(self):
        if self.active:
            self.active = False
            observers = graph.observers
            for i in range(len(observers) - 1, -1, -1):  # only ours, even if traces nest
                if observers[i] is self._recorder:
                    del observers[i]
                    break

    def _look_up_names(self, namespaces):
        if self._namespace is not None:
            namespaces = [self._namespace] + list(namespaces)
        by_id, by_node, named = find_names(namespaces, keep=True)
        self._root_tensors = named  # keep the named tensors alive: their ids identify them
        self._names = (by_id, by_node)
        for tensor in self._root_tensors:
            if tensor.grad_fn is not None and tensor.grad_fn not in self._node_values \
                    and tensor.grad_fn in self._node_inputs:
                self._node_values[tensor.grad_fn] = tensor._array.copy()
        self._dirty = True

    # -- the data ---------------------------------------------------------------------------------
    @property
    def steps(self):
        """The backward steps, in the order the engine ran them (a list of ``Step``)."""
        return self._build()["steps"]

    @property
    def forward(self):
        """The forward values: leaves and op results, in the order they were made."""
        return self._build()["forward"]

    @property
    def leaf_grads(self):
        """One ``LeafGrad`` per leaf and backward pass: its parts summed into ``.grad``."""
        return self._build()["leaf_grads"]

    @property
    def accumulation_lines(self):
        """``["x.grad = 0.4 (via h) + 3 (via y) = 3.4", ...]``."""
        return [leaf.line for leaf in self.leaf_grads]

    def label_of(self, tensor):
        """The label this trace uses for ``tensor`` (a leaf, or the result of a traced op)."""
        built = self._build()
        if tensor.grad_fn is not None:
            return built["node_labels"].get(tensor.grad_fn)
        return built["leaf_labels"].get(id(tensor))

    def step(self, k):
        """The k-th backward step (1-based, as printed)."""
        steps = self.steps
        if not 1 <= k <= len(steps):
            raise IndexError(f"this trace has {len(steps)} backward steps; k must be between 1 and "
                             f"{len(steps)}, got {k}")
        return steps[k - 1]

    def to_dict(self):
        """Everything as plain lists, dicts, strings and numbers (``json.dumps`` works on it)."""
        built = self._build()
        return {"forward": [r.to_dict() for r in built["forward"]],
                "steps": [s.to_dict() for s in built["steps"]],
                "leaf_grads": [g.to_dict() for g in built["leaf_grads"]]}

    # -- renderings -------------------------------------------------------------------------------
    def __str__(self):
        from ._render import text

        return text(self)

    __repr__ = __str__

    def _repr_markdown_(self):
        from ._render import markdown

        return markdown(self)

    def _repr_html_(self):
        from ._render import html

        return html(self)

    def graph(self, step=None):
        """The computation graph of this trace; ``step=k`` highlights the k-th backward step."""
        if _graph_drawer is None:
            raise RuntimeError("Trace.graph() draws with autodidact.drawing, which is not loaded yet: "
                               "run `import autodidact.drawing` first (ad.trace() loads it for you).")
        return _graph_drawer(self, step=step)

    # -- working the steps out ------------------------------------------------------------------
    def _build(self):
        if self._built is not None and not self._dirty:
            return self._built
        self._built = _Builder(self).build()
        self._dirty = False
        return self._built


class _Builder:
    """Turns the raw events of a trace into ForwardRecords, Steps and LeafGrads."""

    def __init__(self, trace):
        self.trace = trace
        self.node_labels = {}
        self.leaf_labels = {}
        self.fallback_count = 0

    # -- labels ---------------------------------------------------------------------------------
    def _fallback(self):
        self.fallback_count += 1
        return f"v{self.fallback_count}"

    def _label_node(self, node):
        if node not in self.node_labels:
            trace = self.trace
            name = trace._explicit_nodes.get(node) or node.label or trace._names[1].get(node)
            self.node_labels[node] = name or self._fallback()
        return self.node_labels[node]

    def _label_leaf(self, tensor):
        key = id(tensor)
        if key not in self.leaf_labels:
            trace = self.trace
            name = trace._explicit.get(key) or trace._names[0].get(key)
            if name is None and not tensor.requires_grad and tensor._array.size == 1:
                name = _format.number(tensor._array.reshape(()).item())  # a constant: its value
            self.leaf_labels[key] = name or self._fallback()
        return self.leaf_labels[key]

    def input_label(self, node, i):
        edge = node.edges[i]
        if isinstance(edge, Node):
            return self._label_node(edge)
        value = self.trace._node_inputs_live.get(node, self.trace._node_inputs.get(node))[i]
        if isinstance(value, Tensor):
            if value.grad_fn is not None and edge is None:
                return self._label_node(value.grad_fn)
            return self._label_leaf(value)
        if isinstance(edge, Tensor):
            return self._label_leaf(edge)
        if value is None:  # a constant tensor the node did not keep, gone since (and not worked out)
            return "(constant)"
        return _param_text("value", value)

    def input_value(self, node, i):
        edge = node.edges[i]
        trace = self.trace
        if isinstance(edge, Node):
            return trace._node_values.get(edge)
        value = trace._node_inputs[node][i]
        if isinstance(value, Tensor):
            if value.grad_fn is not None:
                return trace._node_values.get(value.grad_fn, value._array)
            known = trace._leaf_values.get(id(value))
            return known[1] if known is not None else value._array
        return value  # a Python number, or an array saved when the step ran

    # -- the three lists --------------------------------------------------------------------------
    def build(self):
        trace = self.trace
        nodes = list(trace._order)
        known = set(nodes)
        extra = sorted({node for _, node, _, _ in trace._raw_steps if node not in known},
                       key=lambda n: n.sequence_nr)
        # Nodes met only in backward (made before the trace opened) come first, in creation order.
        forward = self._forward_records(extra + nodes)
        steps, leaf_parts = self._steps()
        leaf_grads = self._leaf_grads(leaf_parts)
        return {"forward": forward, "steps": steps, "leaf_grads": leaf_grads,
                "node_labels": self.node_labels, "leaf_labels": self.leaf_labels}

    def _forward_records(self, nodes):
        trace = self.trace
        records = []
        seen_leaves = set()

        def add(**fields):
            records.append(ForwardRecord(index=len(records) + 1, **fields))

        for node in nodes:
            inputs = trace._node_inputs_live.get(node, trace._node_inputs.get(node)) or ()
            for i, value in enumerate(inputs):
                leaf = node.edges[i] if isinstance(node.edges[i], Tensor) else (
                    value if isinstance(value, Tensor) and value.grad_fn is None else None)
                if leaf is not None and id(leaf) not in seen_leaves:
                    seen_leaves.add(id(leaf))
                    known = trace._leaf_values.get(id(leaf))
                    add(label=self._label_leaf(leaf), kind="leaf" if leaf.requires_grad else "constant",
                        expression=None, op=None, grad_fn=None,
                        value=known[1] if known else leaf._array, shape=tuple(leaf.shape),
                        requires_grad=leaf.requires_grad, tensor=leaf)
            labels = [self.input_label(node, i) for i in range(len(inputs))]
            value = trace._node_values.get(node)
            add(label=self._label_node(node), kind="op",
                expression=_expression(node.op, labels, node.params), op=node.op.name,
                grad_fn=type(node).__name__, value=value, shape=tuple(np.shape(value)) if value is not None else (),
                requires_grad=True, inputs=labels, node=node, tensor=trace._node_tensor.get(node))
        return records

    def _steps(self):
        trace = self.trace
        steps = []
        received = {}  # (pass, node or id(leaf)) -> [(value, via)]
        leaf_parts = {}  # (pass, id(leaf)) -> (leaf, [(value, via)])
        roots = {}
        for backward_pass, node, upstream, grads in trace._raw_steps:
            out_label = self._label_node(node)
            root = roots.setdefault(backward_pass, out_label)
            parts = received.pop((backward_pass, node), [])
            step = Step(index=len(steps) + 1, output=out_label, grad_fn=type(node).__name__, op=node.op.name,
                        expression="", upstream=upstream, upstream_symbol=f"∂{root}/∂{out_label}",
                        upstream_parts=parts if len(parts) > 1 else [], contributions=[],
                        explain=getattr(node.op, "explain", None), root=root,
                        backward_pass=backward_pass, node=node)
            inputs = trace._node_inputs[node]
            labels = [self.input_label(node, i) for i in range(len(inputs))]
            step.expression = _expression(node.op, labels, node.params)
            for i, (edge, grad) in enumerate(zip(node.edges, grads)):
                if edge is None or grad is None:
                    continue
                contribution = self._contribution(node, i, labels, out_label, root, upstream, grad)
                step.contributions.append(contribution)
                if isinstance(edge, Node):
                    received.setdefault((backward_pass, edge), []).append((grad, out_label))
                else:
                    entry = leaf_parts.setdefault((backward_pass, id(edge)), (edge, []))
                    entry[1].append((grad, out_label))
            steps.append(step)
        # Count the contributions that reach each input, so that a per-path part is told from a total.
        reaching = Counter((step.backward_pass, id(step.node.edges[c.input_index]))
                           for step in steps for c in step.contributions)
        for step in steps:
            for c in step.contributions:
                c.paths = reaching[(step.backward_pass, id(step.node.edges[c.input_index]))]
        return steps, leaf_parts

    def _contribution(self, node, i, labels, out_label, root, upstream, grad):
        op = node.op
        trace = self.trace
        params = {k: v for k, v in (node.params or {}).items() if k != "ctx"}
        template = op.local_for(i)
        latex_template = op.latex_for(i)
        param_texts = {k: _param_text(k, v) for k, v in params.items()}
        plain = _format.simplify(ops.fill(template, param_texts))
        latex = _format.simplify(ops.fill(latex_template, param_texts))
        names = dict(_input_names(op, labels), result=out_label, out=out_label)
        values = [self.input_value(node, j) for j in range(len(labels))]
        out_value = trace._node_values.get(node)
        number_texts = _substitution(op, values, out_value)
        latex_names = {k: latex_label(v) for k, v in names.items()}
        edge = node.edges[i]
        local_value, unreduced = _local_and_unreduced(op, node, values, out_value, upstream, i)
        reduction = None
        shape = np.shape(grad)
        if unreduced is not None and np.shape(unreduced) != shape:
            reduction = reduction_note(np.shape(unreduced), shape)
        else:
            unreduced = None
        substituted = latex_substituted = None
        if number_texts is not None:
            count = _reduced_count(values[0], out_value)
            plain_numbers = _one_pair_of_brackets(ops.fill(plain, number_texts))
            latex_numbers = _one_pair_of_brackets(ops.fill(latex, number_texts))
            if count is not None:
                plain_numbers = _replace_n(plain_numbers, count)
                latex_numbers = _replace_n(latex_numbers, count)
            # Between two numbers a thin space means a product: 2\,5 must read 2 \cdot 5.
            latex_numbers = re.sub(r"(\d|\))\s*\\,\s*(?=[\d(\\-])", r"\1 \\cdot ", latex_numbers)
            if re.fullmatch(r"\(-[^()]*\)", plain_numbers):  # just one negative number: -2, not (-2)
                plain_numbers, latex_numbers = plain_numbers[1:-1], latex_numbers.strip("()")
            if not re.search(r"\{\w+\}", plain_numbers):  # every value known (see explain())
                substituted, latex_substituted = plain_numbers, latex_numbers
        return Contribution(
            input_index=i, input=labels[i], local_symbol=f"∂{out_label}/∂{labels[i]}",
            gradient_symbol=f"∂{root}/∂{labels[i]}", formula_template=template,
            formula=ops.fill(plain, names), latex=ops.fill(latex, latex_names),
            substituted=substituted, latex_substituted=latex_substituted, local_value=local_value,
            value=grad, reduction=reduction, unreduced_value=unreduced,
            input_is_leaf=isinstance(edge, Tensor))

    def _leaf_grads(self, leaf_parts):
        trace = self.trace
        results = []
        accumulations = {(p, id(leaf)): (before, grad, after)
                         for p, leaf, before, grad, after in trace._accumulations}
        handled = set()
        for (backward_pass, key), (leaf, parts) in leaf_parts.items():
            total = parts[0][0]
            for value, _ in parts[1:]:
                total = total + value
            accumulation = accumulations.get((backward_pass, key))
            if accumulation is not None:
                before, total, after = accumulation
                handled.add((backward_pass, key))
                results.append(LeafGrad(self._label_leaf(leaf), parts, before, total, after, True,
                                        backward_pass, tensor=leaf))
            else:
                results.append(LeafGrad(self._label_leaf(leaf), parts, None, total, total, False,
                                        backward_pass, tensor=leaf))
        for backward_pass, leaf, before, grad, after in trace._accumulations:
            if (backward_pass, id(leaf)) not in handled:  # backward() called on the leaf itself
                results.append(LeafGrad(self._label_leaf(leaf), [(grad, "backward()")], before, grad,
                                        after, True, backward_pass, tensor=leaf))
        return results


# ---------------------------------------------------------------------------------------------
# Formula helpers


def latex_label(label):
    """A label as LaTeX: ``x``, ``W_{1}`` for W1, ``\\text{model.0.weight}`` for long names."""
    import re

    if re.fullmatch(r"[A-Za-z]", label):
        return label
    match = re.fullmatch(r"([A-Za-z])_?(\d+)", label)
    if match:
        return f"{match.group(1)}_{{{match.group(2)}}}"
    if re.fullmatch(r"-?\d+(\.\d+)?(e-?\d+)?", label):
        return label
    return r"\text{" + label.replace("_", r"\_") + "}"


def _substitution(op, values, out_value):
    """Numbers for the placeholders, or None when a value is too big to write into a formula."""
    texts = {}
    if hasattr(op, "function_class"):  # a learner's autograd.Function writes {x}, {y} and {out}
        names = ("x", "y")
    else:
        names = () if op.variadic else op.inputs
    for key, value in zip(names, values):
        if value is None:
            continue
        text = _number_in_formula(value)
        if text is None:
            return None
        texts[key] = text
    if out_value is not None:
        text = _number_in_formula(out_value)
        if text is not None:
            texts["result"] = texts["out"] = text
    return texts


def _one_pair_of_brackets(formula):
    """``tanh²((-0.75))`` -> ``tanh²(-0.75)``: a negative number is bracketed, and so was its place."""
    import re

    return re.sub(r"\(\((-[^()]*)\)\)", r"(\1)", formula)


def _number_in_formula(value):
    array = np.asarray(value)
    if array.dtype.kind == "b":
        return None
    if array.size == 1:
        text = _format.number(array.reshape(()).item())
        return f"({text})" if text.startswith("-") else text
    if array.size <= 4:
        return _format.value(array)
    return None


def _reduced_count(input_value, out_value):
    if input_value is None or out_value is None:
        return None
    n_in, n_out = np.size(input_value), np.size(out_value)
    return n_in // n_out if n_out and n_in % n_out == 0 and n_in > n_out else None


def _replace_n(formula, count):
    import re

    return re.sub(r"(?<![\w\\{])N(?!\w)", str(count), formula)


def _local_and_unreduced(op, node, values, out_value, upstream, i):
    """Run the op table's rule for input ``i`` on the saved numbers: with a gradient of ones (the
    local derivative, where it is elementwise) and with the real upstream gradient (to see whether
    broadcasting has to be undone)."""
    if hasattr(op, "function_class") or op.variadic:
        return None, None
    rule, reads = op.rule_for(i)
    known = dict(node.params or {})
    for j, (name, value) in enumerate(zip(op.inputs, values)):
        if value is not None:
            known[name] = np.asarray(value) if isinstance(value, (np.ndarray, np.generic)) else value
            known[f"{name}_shape"] = np.shape(value)
    if out_value is not None:
        known["result"] = out_value
    if any(name not in known for name in reads):  # a value the trace did not see
        return None, None
    local = unreduced = None
    try:
        with np.errstate(all="ignore"):
            unreduced = np.asarray(rule(np.asarray(upstream), *[known[name] for name in reads]))
            elementwise = op.explain is None or np.size(out_value) == 1
            if elementwise and out_value is not None:
                ones = np.ones(np.shape(out_value), dtype=np.asarray(upstream).dtype)
                local = np.asarray(rule(ones, *[known[name] for name in reads]))
    except Exception:  # an unusual input must not stop the trace; the value is only extra
        return None, None
    return local, unreduced


def reduction_note(from_shape, to_shape):
    """``sum over dim 0 to fit shape (3,)``: how broadcasting is undone (see ``ops.sum_to_shape``)."""
    dims = ops.reduced_dims(to_shape, from_shape)
    if not dims:
        return f"reshape to fit shape {_format.shape_text(to_shape)}"
    which = f"dim {dims[0]}" if len(dims) == 1 else "dims " + ", ".join(map(str, dims))
    return f"sum over {which} to fit shape {_format.shape_text(to_shape)}"


# ---------------------------------------------------------------------------------------------
# The two entry points


def trace(labels=None, namespace=None):
    """Record the forward values and every backward step of the code in a ``with`` block.

        with ad.trace() as t:
            z = ad.log(x**2)
            z.backward()
        print(t)

    ``labels={"x": x}`` names tensors explicitly; otherwise the variable names of the calling code
    are used where they can be found, and ``v1``, ``v2``… elsewhere. ``namespace`` is an extra dict
    of variables to look names up in (the ``%%trace`` magic passes the notebook's).

    Given a matrix instead, ``trace(m)`` is PyTorch's ``torch.trace``: the sum of its diagonal.
    """
    if isinstance(labels, Tensor):
        return labels.trace()
    return Trace(labels=labels, namespace=namespace)


def _learner_frame(frame):
    """The nearest frame outside autodidact: a widget calling explain() should not lend its own
    local names (like ``f_or_output``) to the learner's tensors."""
    while frame.f_back is not None and frame.f_globals.get("__name__", "").startswith("autodidact."):
        frame = frame.f_back
    return frame


def explain(output, labels=None, namespace=None, gradient=None, _frame_depth=1):
    """The backward steps of ``output`` (built outside a trace), worked out without running backward.

    No ``.grad`` changes and the graph is not freed: the same steps are computed on the side. Works
    until ``backward()`` has freed the graph (call it before, or use ``retain_graph=True``).
    """
    if not isinstance(output, Tensor):
        from .learner import explain_learner, looks_like_learner_value

        if looks_like_learner_value(output):  # a value of the learner's own engine (lessons 9, 10)
            return explain_learner(output, labels=labels)
        raise TypeError(f"explain() needs a tensor, or a value of your own engine with .data and "
                        f".parents (see autodidact.tracing.learner), got {type(output).__name__}")
    if output.grad_fn is None:
        raise RuntimeError(
            "explain() needs a tensor computed from others: this one has no grad_fn (it is a leaf, "
            "or it was computed without requires_grad=True inputs or under no_grad()). Compute it "
            "from a tensor made with requires_grad=True, then call explain on the result.")
    frame = _learner_frame(sys._getframe(_frame_depth))
    result = Trace(labels=labels, namespace=namespace)
    leaves = _leaves_of(output.grad_fn)
    retained = _retained_grads(output.grad_fn)
    if gradient is None:
        start = np.ones(output._array.shape, dtype=output._array.dtype)
    else:
        start = np.asarray(gradient._array if isinstance(gradient, Tensor) else gradient,
                           dtype=output._array.dtype)
        if start.shape != output._array.shape:
            raise RuntimeError(f"gradient has shape {list(start.shape)} but the output has shape "
                               f"{list(output.shape)}; they must match")
    saved_observers = list(graph.observers)
    graph.observers[:] = [result._recorder]  # an open trace must not record this side calculation
    try:
        if leaves:  # their gradients, without writing .grad
            backward_api.gradients([output], [start], leaves, retain_graph=True, create_graph=False,
                                   allow_unused=True)
        else:
            graph.run_backward([output], [start], retain_graph=True, create_graph=False)
    except RuntimeError as error:
        if "second time" in str(error):
            raise RuntimeError(
                "explain() cannot work out the steps: backward() has already freed the values this "
                "graph saved. Call ad.explain(output) before output.backward(), or call "
                "output.backward(retain_graph=True).") from None
        raise
    finally:
        graph.observers[:] = saved_observers
        for tensor, grad in retained:
            tensor._grad = grad
    result._node_values.setdefault(output.grad_fn, output._array.copy())
    _recompute_values(result, output.grad_fn)
    result._node_tensor[output.grad_fn] = output
    result._look_up_names([frame.f_locals, frame.f_globals, {"_output": output}])
    result._root_tensors.append(output)
    return result


def _recompute_values(trace, root):
    """explain() on a graph built outside a trace: a node keeps only what its rules read (x.sum()
    keeps x's shape, not x), so the other intermediate values are worked out again here, in the
    order the nodes were made, with each op's own forward. A sum started from a constant tensor
    (``total = torch.tensor(0.0)`` before a loop) keeps nothing of that constant: it is worked out
    backwards from the output, so the forward pass shows every number."""
    _forward_values(trace, root)
    if _solve_sum_constants(trace, root):
        _forward_values(trace, root)


def _input_values(trace, node, inputs):
    values = []
    for edge, value in zip(node.edges, inputs):
        if isinstance(edge, Node):
            value = trace._node_values.get(edge)
        elif isinstance(value, Tensor):
            value = value._array
        values.append(value)
    return values


def _solve_sum_constants(trace, root):
    """For a one-number add or sub whose output is known and one input is not: that input is the
    difference (out = a + b, so a = out - b). Returns whether anything was found."""
    found = False
    for node in sorted(_walk(root), key=lambda n: -n.sequence_nr):  # from the output down
        out, inputs = trace._node_values.get(node), trace._node_inputs.get(node)
        if out is None or inputs is None or node.params or getattr(node.op, "name", "") not in ("add", "sub"):
            continue
        values = _input_values(trace, node, inputs)
        unknown = [i for i, v in enumerate(values) if v is None]
        if len(values) != 2 or len(unknown) != 1 or np.size(out) != 1 or np.size(values[1 - unknown[0]]) != 1:
            continue
        i, other = unknown[0], np.asarray(values[1 - unknown[0]], dtype=float).reshape(())
        total = np.asarray(out, dtype=float).reshape(())
        solved = total - other if node.op.name == "add" or i == 1 else total + other
        if node.op.name == "sub" and i == 1:
            solved = other - total  # a - b = out, so b = a - out
        if isinstance(node.edges[i], Node):
            trace._node_values[node.edges[i]] = np.asarray(solved, dtype=np.asarray(out).dtype).reshape(np.shape(out))
        else:  # the constant itself: shown as its number
            for known in (trace._node_inputs, trace._node_inputs_live):
                if node in known:
                    known[node] = tuple(float(solved) if k == i else v for k, v in enumerate(known[node]))
        found = True
    return found


def _forward_values(trace, root):
    for node in sorted(_walk(root), key=lambda n: n.sequence_nr):
        inputs = trace._node_inputs.get(node)
        if node in trace._node_values or inputs is None or hasattr(node.op, "function_class"):
            continue
        arrays = []
        for edge, value in zip(node.edges, inputs):
            if isinstance(edge, Node):
                value = trace._node_values.get(edge)
            elif isinstance(value, Tensor):
                value = value._array
            if value is None:
                break
            arrays.append(value)
        else:
            try:
                with np.errstate(all="ignore"):
                    trace._node_values[node] = np.asarray(node.op.forward(*arrays, **(node.params or {})))
            except Exception:  # a value that cannot be worked out is shown as —
                pass


def _walk(root):
    seen, stack, nodes = {root}, [root], []
    while stack:
        node = stack.pop()
        nodes.append(node)
        for edge in node.edges:
            if isinstance(edge, Node) and edge not in seen:
                seen.add(edge)
                stack.append(edge)
    return nodes


def _leaves_of(root):
    leaves, seen = [], set()
    for node in _walk(root):
        for edge in node.edges:
            if isinstance(edge, Tensor) and id(edge) not in seen:
                seen.add(id(edge))
                leaves.append(edge)
    return leaves


def _retained_grads(root):
    """Non-leaf tensors with retain_grad(): backward writes their .grad, so explain() puts it back."""
    kept = []
    for node in _walk(root):
        tensor = node.retained() if node.retained is not None else None
        if tensor is not None:
            kept.append((tensor, tensor._grad))
    return kept
