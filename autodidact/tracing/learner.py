"""Your own engine, drawn and traced: the learner-engine protocol.

In lessons 9 and 10 you write an engine of your own. The course's tools can draw its graph and
narrate its backward pass, as they do for autodidact, when each value of your engine has:

    data           its number (a float; a NumPy array in a tensor engine)
    grad           its gradient, a number or array (0 before backward)
    parents        the values it was computed from: a tuple, empty for an input
    op             the name of the operation that made it: "+", "*", "tanh"... ("" for an input)
    backward_step  a function without arguments that adds local derivative × self.grad into the
                   grad of each parent (only needed to narrate the steps)
    label          optional: a name to show, such as "x"

micrograd's spellings work as well: ``_prev`` for parents, ``_op`` for op, ``_backward`` for
backward_step.

    ad.graph(z)       # draws the values and their current grads; runs none of your code
    ad.explain(z)     # runs your z.backward() and narrates each step it takes

``ad.explain`` calls your ``backward()`` with each ``backward_step`` wrapped, so the narration is
your engine's own pass: your order, your rules. Each step reads "upstream × local derivative =
contribution", where the contribution is what your step added to a parent's grad and the local
derivative is that contribution divided by the upstream gradient. Afterwards every grad is put back
as it was. Steps that run too early (before all gradient reached their value) are reported.

An object that breaks the protocol (a missing field, a value that is its own ancestor, a data field
that is not a number) gets a ``ProtocolError`` that names the value and says what to fix.
"""
import contextlib
import gc
import numbers
import signal
import sys
import threading
from dataclasses import dataclass, field
from typing import Any, List

import numpy as np

from .. import Tensor
from . import _format
from ._core import Contribution, ForwardRecord, LeafGrad, Step, Trace

# Each field of the protocol and the spellings accepted for it, the first one preferred.
FIELDS = {
    "data": ("data",),
    "grad": ("grad",),
    "parents": ("parents", "_prev", "_children"),
    "op": ("op", "_op"),
    "backward_step": ("backward_step", "_backward"),
}
# Beyond this many values a graph is not read at all (it would not fit in memory as a picture).
MAX_VALUES = 1_000_000
# How long explain() lets your backward() run before it stops it.
TIME_LIMIT_SECONDS = 10.0
INFIX = {"+", "-", "*", "/", "@", "**"}


class ProtocolError(TypeError):
    """An object does not follow the learner-engine protocol; the message says what to change."""


@dataclass
class LearnerNode:
    """One value of a learner's graph, read through the protocol."""

    index: int  # position in topological order: every parent comes before its children
    value: Any = field(repr=False)  # the learner's object itself
    data: Any
    grad: Any
    op: str
    parents: List[int]  # indices of the parents, in the order the value lists them
    label: str = ""


@dataclass
class LearnerGraph:
    """The values that led to ``root``, parents first; ``nodes[-1]`` is the root."""

    nodes: List[LearnerNode]

    @property
    def root(self):
        return self.nodes[-1]

    def __len__(self):
        return len(self.nodes)


# ---------------------------------------------------------------------------------------------
# Reading a graph through the protocol


def looks_like_learner_value(obj):
    """True for an object that means to follow the protocol: it has ``data`` or some spelling of
    ``parents`` (a NumPy array's ``data`` buffer and autodidact's own tensors do not count)."""
    if isinstance(obj, (np.ndarray, Tensor)):
        return False
    return any(_has(obj, name) for name in ("data",) + FIELDS["parents"])


def _has(obj, name):
    try:
        getattr(obj, name)
    except Exception:  # a learner's property may raise anything
        return False
    return True


def _field(obj, key, describe, required=True):
    for name in FIELDS[key]:
        try:
            return getattr(obj, name)
        except AttributeError:
            continue
        except Exception as error:
            raise ProtocolError(f"reading .{name} of {describe()} raised {type(error).__name__}: "
                                f"{error}") from None
    if not required:
        return None
    spellings = " or ".join(f".{n}" for n in FIELDS[key])
    raise ProtocolError(f"{describe()} has no {spellings}. {_WHAT[key]}")


_WHAT = {
    "data": "Every value needs .data, its number.",
    "grad": "Every value needs .grad, its gradient (0.0 before backward()).",
    "parents": "Every value needs .parents, the tuple of values it was computed from (an empty "
               "tuple for an input), so that the graph can be followed back.",
    "op": "Every value needs .op, the name of the operation that made it ('' for an input).",
}


def _number_or_array(value, what, describe, allow_none=False):
    """A float or a float array, or a ProtocolError that says what the value was."""
    if type(value) is float:  # the common case first: graphs of 10,000 values must read fast
        return value
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or isinstance(value, np.bool_):
        raise ProtocolError(f"{what} of {describe()} is {value!r}, a bool; it should be a number.")
    if isinstance(value, numbers.Real):
        return float(value)
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiu":
        return value
    shown = repr(value)
    shown = shown if len(shown) <= 40 else shown[:37] + "..."
    raise ProtocolError(f"{what} of {describe()} is {type(value).__name__} {shown}; it should be a "
                        "number (or a NumPy array of numbers in a tensor engine).")


def read_graph(root, max_values=MAX_VALUES):
    """Follow ``parents`` back from ``root`` without recursion; check every value on the way.

    Returns a LearnerGraph in topological order. Raises ProtocolError for a missing field, a
    non-number ``data``, a value that is its own ancestor, or more than ``max_values`` values.
    """
    state = {}  # id -> "open" (on the current path) or the node's index once finished
    objects = {}  # id -> the learner's object
    parents_of = {}  # id -> list of parent objects
    data_of = {}  # id -> .data, read once
    nodes = []
    stack = [(root, None, False)]  # (object, position path, parents already pushed)
    while stack:
        obj, where, expanded = stack.pop()
        key = id(obj)
        if expanded:
            state[key] = len(nodes)
            nodes.append(_make_node(len(nodes), obj, where, data_of.pop(key),
                                    [state[id(p)] for p in parents_of[key]]))
            continue
        if key in state:
            if state[key] == "open":
                raise ProtocolError(_cycle_message(obj, stack, objects))
            continue
        if len(objects) >= max_values:
            raise ProtocolError(f"the graph has more than {max_values:,} values; the course's tools "
                                "stop reading there. Draw or explain a smaller expression.")
        describe = _place(where)
        data_of[key] = _number_or_array(_field(obj, "data", describe), ".data", describe)
        parents = _field(obj, "parents", describe)
        try:
            parents = list(parents)
        except TypeError:
            raise ProtocolError(f".parents of {describe()} is {type(parents).__name__}, not a tuple of "
                                "values. Use a tuple, e.g. (self, other); () for an input.") from None
        for n, parent in enumerate(parents):
            if isinstance(parent, (numbers.Number, np.ndarray)):
                kind = type(parent).__name__
                raise ProtocolError(f"parent {n + 1} of {describe()} is a {kind} ({parent!r:.40}), not a "
                                    "value: wrap plain numbers in your Value class before using them "
                                    "(other = other if isinstance(other, Value) else Value(other)).")
        state[key] = "open"
        objects[key] = obj
        parents_of[key] = parents
        stack.append((obj, where, True))
        for n, parent in reversed(list(enumerate(parents))):
            parent_state = state.get(id(parent))
            if parent_state == "open":
                raise ProtocolError(_cycle_message(parent, stack, objects))
            if parent_state is None:
                stack.append((parent, (n, where), False))
    return LearnerGraph(nodes)


def _place(where):
    """``where`` is None for the output, else (position among the parents, the child's where)."""
    def describe():
        steps = []
        link = where
        while link is not None:
            steps.append(link[0])
            link = link[1]
        if not steps:
            return "the output"
        words = " of ".join(f"parent {i + 1}" for i in steps[:4])
        if len(steps) > 4:
            words += f" of … ({len(steps)} steps back from the output)"
            return "the value at " + words
        return words + " of the output"
    return describe


def _cycle_message(obj, stack, objects):
    # The open values on the stack, in order from the root, are the current path.
    on_path = [o for o, _, expanded in stack if expanded]
    try:
        start = next(i for i, o in enumerate(on_path) if o is obj)
        loop = on_path[start:] + [obj]
    except StopIteration:
        loop = [obj, obj]
    names = " → ".join(_short_name(o) for o in loop[:8]) + (" → …" if len(loop) > 8 else "")
    return (f"a value is its own ancestor: {names}. A computation graph never loops back; check "
            "that each operation makes a new value (out = Value(...)) instead of changing "
            ".parents of an existing one.")


def _short_name(obj):
    label = getattr(obj, "label", "") if _has(obj, "label") else ""
    if isinstance(label, str) and label:
        return label
    try:
        data = obj.data
        return f"value {_format.number(data)}" if isinstance(data, numbers.Real) else "a value"
    except Exception:
        return "a value"


def _make_node(index, obj, where, data, parents):
    describe = _place(where)
    grad = _number_or_array(_field(obj, "grad", describe, required=False), ".grad", describe,
                            allow_none=True)
    op = _field(obj, "op", describe, required=False)
    if op is None or op == ():
        op = ""
    if not isinstance(op, str):
        op = getattr(op, "__name__", None) or str(op)
    if parents and not op:
        op = "?"
    try:
        label = getattr(obj, "label", "")
    except Exception:
        label = ""
    return LearnerNode(index, obj, data, grad, op, parents, label if isinstance(label, str) else "")


# ---------------------------------------------------------------------------------------------
# Names for the values


def assign_labels(graph, namespaces=(), labels=None):
    """Give each node a unique label: its own ``label``, a variable name, or v1, v2…"""
    by_id = {id(node.value): node for node in graph.nodes}
    explicit = {}
    for key, value in (labels or {}).items():
        name, obj = (key, value) if isinstance(key, str) else (value, key)
        explicit[id(obj)] = name
    found = {}
    for namespace in namespaces:
        for name, value in list((namespace or {}).items()):
            if not isinstance(name, str) or name.startswith("_") or id(value) not in by_id:
                continue
            best = found.get(id(value))
            if best is None or len(name) < len(best):
                found[id(value)] = name
    used, count = set(), 0
    for node in graph.nodes:
        name = explicit.get(id(node.value)) or node.label or found.get(id(node.value))
        if name and name in used:
            suffix = 2
            while f"{name}_{suffix}" in used:
                suffix += 1
            name = f"{name}_{suffix}"
        if not name:
            if not node.parents and isinstance(node.data, float):
                text = _format.number(node.data)  # an input without a name: a constant, by its value
                if text not in used:
                    name = text
            while not name or name in used:
                count += 1
                name = f"v{count}"
        used.add(name)
        node.label = name
    return graph


def caller_namespaces():
    """The locals and globals of the nearest caller outside autodidact."""
    frame = sys._getframe(1)
    while frame.f_back is not None and frame.f_globals.get("__name__", "").startswith("autodidact"):
        frame = frame.f_back
    return [frame.f_locals, frame.f_globals]


def expression(node, graph):
    labels = [graph.nodes[p].label for p in node.parents]
    op = node.op
    if op in INFIX and len(labels) == 2:
        return f"{labels[0]} {op} {labels[1]}"
    if op.startswith("**") and len(labels) == 1:
        return f"{labels[0]}{op}"
    return f"{op}({', '.join(labels)})"


# ---------------------------------------------------------------------------------------------
# Narrating the learner's own backward pass


class LearnerTrace(Trace):
    """A narrated backward pass of a learner's engine: same ``forward``, ``steps`` and
    ``leaf_grads`` as a Trace (so it prints and draws the same way), plus ``problems``."""

    def __init__(self, graph, forward, steps, leaf_grads, problems):
        super().__init__()
        self.learner_graph = graph
        self._learner_built = {"forward": forward, "steps": steps, "leaf_grads": leaf_grads,
                               "node_labels": {}, "leaf_labels": {}}
        self.problems = problems

    def _build(self):
        return self._learner_built

    def label_of(self, value):
        for node in self.learner_graph.nodes:
            if node.value is value:
                return node.label
        return None

    def __str__(self):
        from ._render import text

        return _with_problems(text(_shortened(self)), self, "\n\n", "  ")

    __repr__ = __str__

    def _repr_markdown_(self):
        from ._render import markdown

        return _with_problems(markdown(_shortened(self)), self, "\n\n", "- ")

    def _repr_html_(self):
        from ._render import html

        body = html(_shortened(self), with_graph=len(self.learner_graph) <= SHOWN_STEPS)
        if self.problems or len(self.steps) > SHOWN_STEPS:
            from html import escape

            notes = "".join(f"<li>{escape(p)}</li>" for p in _notes(self))
            body = body.replace('<div class="ad-trace">', '<div class="ad-trace"><ul>' + notes + "</ul>", 1)
        return body


# Traces longer than this are printed as their first and last steps.
SHOWN_STEPS = 20


def _notes(trace):
    notes = []
    if len(trace.steps) > SHOWN_STEPS:
        notes.append(f"{len(trace.learner_graph):,} values and {len(trace.steps):,} steps: only the "
                     f"first and last {SHOWN_STEPS // 2} are shown; .steps and .forward hold them all.")
    return notes + [f"Problem: {p}" for p in trace.problems]


def _with_problems(rendered, trace, separator, bullet):
    notes = _notes(trace)
    if not notes:
        return rendered
    return rendered + separator + "\n".join(bullet + note for note in notes)


class _Shortened:
    """The first and last steps and values of a long trace, for printing."""

    def __init__(self, trace):
        half = SHOWN_STEPS // 2
        self.active = False
        self.forward = trace.forward[:half] + trace.forward[-half:]
        self.steps = trace.steps[:half] + trace.steps[-half:]
        self.leaf_grads = trace.leaf_grads[:SHOWN_STEPS]
        self.graph = trace.graph


def _shortened(trace):
    return _Shortened(trace) if len(trace.steps) > SHOWN_STEPS or len(trace.forward) > SHOWN_STEPS else trace


class _StepNode:
    """Stands for a learner's value where the drawing code expects an engine node."""

    params = {}

    def __init__(self, node):
        self.learner_node = node


def _copy(value):
    return value.copy() if isinstance(value, np.ndarray) else value


def _zero_like(node):
    return np.zeros_like(node.data, dtype=float) if isinstance(node.data, np.ndarray) else 0.0


def _difference(after, before):
    if after is None:
        return None
    if before is None:
        return after
    try:
        return np.asarray(after, dtype=float) - np.asarray(before, dtype=float) if isinstance(
            after, np.ndarray) or isinstance(before, np.ndarray) else float(after) - float(before)
    except (TypeError, ValueError):
        return None


class _StepRecorder:
    """Wraps each value's step function; records upstream and what each step added to parents."""

    def __init__(self, graph):
        self.graph = graph
        self.calls = []  # (node index, upstream, {parent index: delta})
        self.arrived_after_step = {}  # node index -> delta that came after its step ran
        self.stepped = set()

    def wrap(self, node, original):
        graph = self.graph
        parent_indices = list(dict.fromkeys(node.parents))

        def recorded_step(*args, **kwargs):
            upstream = _copy(_read_grad(node))
            before = {p: _copy(_read_grad(graph.nodes[p])) for p in parent_indices}
            result = original(*args, **kwargs)
            deltas = {}
            for p in parent_indices:
                delta = _difference(_read_grad(graph.nodes[p]), before[p])
                deltas[p] = delta
                if p in self.stepped and delta is not None and np.any(np.asarray(delta) != 0):
                    self.arrived_after_step.setdefault(p, delta)
            self.stepped.add(node.index)
            self.calls.append((node.index, upstream, deltas))
            return result

        return recorded_step


def _read_grad(node):
    try:
        return node.value.grad
    except Exception:
        return None


def _step_function(node):
    for name in FIELDS["backward_step"]:
        try:
            step = getattr(node.value, name)
        except Exception:
            continue
        if callable(step):
            return name, step
    return None, None


@dataclass
class _Saved:
    value: Any
    name: str
    had_own: bool
    own: Any


def explain_learner(root, labels=None, namespaces=None, time_limit=TIME_LIMIT_SECONDS):
    """Run ``root.backward()`` of a learner's engine and narrate every step it takes.

    Nothing is left changed: every grad and every step function is put back afterwards.
    """
    with no_garbage_collection():
        return _explain_learner(root, labels, namespaces, time_limit)


@contextlib.contextmanager
def no_garbage_collection():
    """Reading a big graph makes many small objects; collecting garbage meanwhile only walks the
    same live objects again and again (it tripled the time for 10,000 values)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _explain_learner(root, labels, namespaces, time_limit):
    graph = read_graph(root)
    assign_labels(graph, namespaces if namespaces is not None else caller_namespaces(), labels)
    backward = getattr(root, "backward", None)
    if not callable(backward):
        raise ProtocolError("explain() runs your engine's backward(): give your Value class a "
                            "backward(self) method that sets self.grad = 1 and runs each value's "
                            "backward_step from the output back to the inputs.")
    recorder = _StepRecorder(graph)
    saved_grads = [(node, _read_grad(node)) for node in graph.nodes]
    wrapped, missing_steps = [], 0
    try:
        for node in graph.nodes:
            try:
                node.value.grad = _zero_like(node)
            except Exception as error:
                raise ProtocolError(f"explain() could not set .grad of {node.label}: "
                                    f"{type(error).__name__}: {error}") from None
            if not node.parents:
                continue
            name, step = _step_function(node)
            if step is None:
                missing_steps += 1
                continue
            own = vars(node.value) if hasattr(node.value, "__dict__") else {}
            saved = _Saved(node.value, name, name in own, own.get(name))
            try:
                setattr(node.value, name, recorder.wrap(node, step))
            except Exception:
                missing_steps += 1
                continue
            wrapped.append(saved)
        _run_limited(backward, time_limit)
        final_grads = [_copy(_read_grad(node)) for node in graph.nodes]
    finally:
        for saved in wrapped:
            if saved.had_own:
                setattr(saved.value, saved.name, saved.own)
            else:
                try:
                    delattr(saved.value, saved.name)
                except AttributeError:
                    pass
        for node, grad in saved_grads:
            try:
                node.value.grad = grad
            except Exception:
                pass
    return _build_trace(graph, recorder, final_grads, missing_steps)


def _run_limited(backward, seconds):
    """Call the learner's backward(); a clear error for recursion, a time limit, or a crash."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()

    class _TooLong(BaseException):
        pass

    def on_alarm(signum, frame):
        raise _TooLong()

    previous = signal.signal(signal.SIGALRM, on_alarm) if usable else None
    if usable:
        signal.setitimer(signal.ITIMER_REAL, seconds, 0.1)
    try:
        backward()
    except RecursionError:
        raise RuntimeError(
            "your backward() went past Python's recursion limit: a topological sort that calls "
            "itself for each parent fails on deep graphs. Walk the graph with a loop and a stack "
            "of your own instead.") from None
    except _TooLong:
        raise RuntimeError(f"your backward() ran for more than {seconds:g} s and was stopped; look "
                           "for a loop that never ends.") from None
    except Exception as error:
        raise RuntimeError(f"your backward() raised {type(error).__name__}: {error}") from error
    finally:
        if usable:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _as_float(v):
    return v if type(v) is float else float(np.asarray(v).reshape(()))


def _is_scalar(v):
    return type(v) is float or (v is not None and np.size(v) == 1)


def _build_trace(graph, recorder, final_grads, missing_steps):
    nodes = graph.nodes
    step_nodes = {node.index: _StepNode(node) for node in nodes}
    consumers = {}
    for node in nodes:
        for p in node.parents:
            consumers.setdefault(p, set()).add(node.index)
    forward = []
    for node in nodes:
        is_leaf = not node.parents
        forward.append(ForwardRecord(
            index=node.index, label=node.label, kind="leaf" if is_leaf else "op",
            expression=None if is_leaf else expression(node, graph), op=None if is_leaf else node.op,
            grad_fn=None if is_leaf else node.op, value=node.data, shape=() if type(node.data) is float else np.shape(node.data),
            requires_grad=True, inputs=[nodes[p].label for p in node.parents],
            node=None if is_leaf else step_nodes[node.index], tensor=node.value))
    root = graph.root.label
    steps, received, sent = [], {}, []
    for index, upstream, deltas in recorder.calls:
        node = nodes[index]
        parts = received.get(index, [])
        step = Step(index=len(steps) + 1, output=node.label, grad_fn=node.op, op=node.op,
                    expression=expression(node, graph), upstream=upstream,
                    upstream_symbol=f"∂{root}/∂{node.label}",
                    upstream_parts=list(parts) if len(parts) > 1 else [], contributions=[],
                    root=root, node=step_nodes[index])
        for position, p in enumerate(dict.fromkeys(node.parents)):
            delta = deltas.get(p)
            if delta is None:
                continue
            local = None
            if _is_scalar(delta) and _is_scalar(upstream) and _as_float(upstream) != 0:
                local = _as_float(delta) / _as_float(upstream)
            shown = _format.number(local) if local is not None else "(your backward_step)"
            input_index = node.parents.index(p)
            label = nodes[p].label
            step.contributions.append(Contribution(
                input_index=input_index, input=label, local_symbol=f"∂{node.label}/∂{label}",
                gradient_symbol=f"∂{root}/∂{label}", formula_template="", formula=shown,
                latex=shown, substituted=None, latex_substituted=None, local_value=local,
                value=delta, input_is_leaf=not nodes[p].parents))
            received.setdefault(p, []).append((delta, node.label))
            sent.append((step.contributions[-1], p))
        steps.append(step)
    for contribution, p in sent:  # at fan-in a contribution is one part of the sum, not ∂root/∂p
        contribution.paths = len(received[p])
    leaf_grads = []
    for node in nodes:
        if node.parents or node.index not in received:
            continue
        parts = received[node.index]
        total = final_grads[node.index]
        leaf_grads.append(LeafGrad(node.label, parts, None, total, total, False, tensor=node.value))
    problems = _problems(graph, recorder, final_grads, missing_steps, received)
    return LearnerTrace(graph, forward, steps, leaf_grads, problems)


def _problems(graph, recorder, final_grads, missing_steps, received):
    nodes = graph.nodes
    problems = []
    root_grad = final_grads[graph.root.index]
    if root_grad is None or not _is_scalar(root_grad) or float(np.asarray(root_grad).reshape(())) != 1.0:
        if _is_scalar(graph.root.data):
            problems.append(f"after backward(), {graph.root.label}.grad is "
                            f"{_format.value(root_grad)}: backward() should start with "
                            "self.grad = 1 (the output's derivative with respect to itself).")
    for p, delta in list(recorder.arrived_after_step.items())[:3]:
        problems.append(f"the step of {nodes[p].label} ran before all of its gradient had arrived "
                        f"(a later step added {_format.value(delta)}): backward() must run a value's "
                        "step only after the steps of every value that uses it (a topological order).")
    counts = {}
    for index, _, _ in recorder.calls:
        counts[index] = counts.get(index, 0) + 1
    twice = [nodes[i].label for i, n in counts.items() if n > 1]
    if twice:
        problems.append(f"the step of {', '.join(twice[:5])} ran more than once: visit each value once.")
    if recorder.calls or not missing_steps:
        never = [node.label for node in nodes if node.parents and node.index not in counts
                 and node.index in received]
        if never:
            problems.append(f"the step of {', '.join(never[:5])} never ran: backward() did not reach "
                            "it, so its parents got no gradient through it.")
    if missing_steps:
        problems.append(f"{missing_steps} value(s) have no backward_step (or _backward) function, so "
                        "their steps cannot be shown; only the final gradients are.")
    return problems
