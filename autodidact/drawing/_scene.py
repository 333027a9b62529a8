"""From a trace to a picture: graph nodes and edges, their layout, and the shapes to draw.

A tensor is a rounded box (label, value, gradient); an op is an ellipse (its name). Edges run left
to right, from inputs to the op and from the op to its result. An edge into an op carries the
local derivative of that input. With ``step=k`` the k-th backward step is drawn in red: its op,
the tensor whose gradient it starts from, and the edges it sends gradient along; gradients that
are not known yet at that step are shown as ``?``.
"""
from dataclasses import dataclass, field
from typing import List, Optional

import numpy as np

from ..tracing import format_number, format_value
from . import _layout

FONT = "DejaVu Sans Mono, Menlo, Consolas, monospace"
CHAR_WIDTH = 0.602  # DejaVu Sans Mono: advance width per em
LABEL_SIZE = 13
TEXT_SIZE = 11
EDGE_SIZE = 10

# Outlines, arrows and text keep WCAG's contrast on white and on their own fill: 3:1 for the
# shapes and lines that carry the graph (1.4.11), 4.5:1 for the text (1.4.3).
COLORS = {
    "leaf": ("#e7f0fb", "#4a78b5"),
    "constant": ("#f2f2f2", "#808080"),
    "tensor": ("#f6f8fa", "#6e7781"),
    "output": ("#e9f6ec", "#3d8b4f"),
    "op": ("#fff3dc", "#b07b12"),
    "highlight": ("#ffebe9", "#cf222e"),
    "edge": "#848d97",
    "edge_highlight": "#cf222e",
    "edge_label": "#57606a",
    "text": "#1f2328",
    "muted": "#57606a",
}


@dataclass
class GraphNode:
    key: str
    kind: str  # "leaf", "constant", "tensor", "output" (tensors) or "op"
    lines: List[str]  # first line is the title (label or op name)
    title: str = ""  # tooltip
    highlighted: bool = False
    order: int = 0


@dataclass
class GraphEdge:
    source: str
    target: str
    label: str = ""
    highlighted: bool = False


@dataclass
class Shape:
    """One thing to draw; both the SVG and the PNG backends draw exactly these."""

    kind: str  # "box", "ellipse", "curve", "arrow", "text"
    points: list = field(default_factory=list)
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0
    fill: Optional[str] = None
    stroke: Optional[str] = None
    stroke_width: float = 1.0
    text: str = ""
    size: float = TEXT_SIZE
    bold: bool = False
    color: str = COLORS["text"]
    anchor: str = "middle"  # start, middle, end
    title: str = ""


def text_width(text, size):
    return len(text) * size * CHAR_WIDTH


def short_value(v):
    """Values as they fit in a graph node: numbers, vectors of up to 4, else the shape."""
    if v is None:
        return "?"
    array = np.asarray(v)
    if array.size == 1:
        return format_number(array.reshape(()).item())
    if array.ndim == 1 and array.size <= 4:
        return format_value(array)
    return "×".join(map(str, array.shape)) + " tensor"


def _clip(text, limit=30):
    return text if len(text) <= limit else text[:limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# Nodes and edges from a trace


def graph_parts(trace, step=None):
    """The nodes and edges of ``trace``'s computation graph, highlighted for backward step ``step``."""
    forward = trace.forward
    steps = trace.steps
    if step is not None:
        if not steps:
            raise ValueError("this trace has no backward steps to highlight; run backward() inside "
                             "the trace, or use ad.explain(output)")
        if not isinstance(step, (int, np.integer)) or not 0 <= step <= len(steps):
            raise IndexError(f"step must be between 0 (before the backward pass) and {len(steps)} "
                             f"(the trace's backward steps), got {step!r}")
    chosen = steps[step - 1] if step else None  # step 0: the forward pass, no gradient known yet
    backward_pass = chosen.backward_pass if chosen else (steps[-1].backward_pass if steps else 1)
    pass_steps = [s for s in steps if s.backward_pass == backward_pass]
    limit = step if step is not None else float("inf")
    step_of_node = {id(s.node): s for s in pass_steps}

    nodes, edges = [], []
    tensor_key = {}  # label -> node key, for the tensors of this trace
    received = {}  # label -> [(step index, value)]
    for s in pass_steps:
        for c in s.contributions:
            received.setdefault(c.input, []).append((s.index, c.value))
    root = pass_steps[0].output if pass_steps else None
    used_as_input = {label for r in forward for label in r.inputs}

    def gradient_line(label, node_step):
        if not steps:
            return None
        if node_step is not None and node_step.index <= limit:
            return "grad " + short_value(node_step.upstream)
        parts = received.get(label, [])
        arrived = [v for index, v in parts if index <= limit]
        if not parts:
            return None
        if not arrived:
            return "grad ?"
        total = arrived[0]
        for v in arrived[1:]:
            total = total + v
        return "grad " + short_value(total) + (" + …" if len(arrived) < len(parts) else "")

    for order, record in enumerate(forward):
        if record.kind == "op":
            op_key = f"op{record.index}"
            node_step = step_of_node.get(id(record.node))
            params = {k: v for k, v in (record.node.params or {}).items() if k not in ("ctx", "key")}
            lines = [record.op if record.op else record.grad_fn]
            if params and record.op in ("pow", "rpow", "sum_dim", "mean_dim", "max_dim", "min_dim",
                                        "transpose", "unsqueeze", "squeeze_dim", "cat", "stack", "clamp"):
                lines.append(", ".join(f"{k}={_param_short(v)}" for k, v in params.items()
                                       if k != "indices"))
            nodes.append(GraphNode(op_key, "op", lines, title=f"{record.grad_fn}: {record.label} = "
                                   f"{record.expression}", highlighted=bool(chosen and node_step is chosen),
                                   order=2 * order))
            for i, label in enumerate(record.inputs):
                source = tensor_key.get(label)
                if source is None:  # a Python number used directly, e.g. the 3 in x * 3
                    source = f"const{record.index}_{i}"
                    nodes.append(GraphNode(source, "constant", [label], title="a number",
                                           order=2 * order - 1))
                    tensor_key.setdefault(label, source)
                label_text, used = _edge_label(node_step, i, chosen)
                edges.append(GraphEdge(source, op_key, label_text, used))
            kind = "output" if record.label == root or record.label not in used_as_input else "tensor"
            lines = [record.label, "= " + short_value(record.value)]
            grad = gradient_line(record.label, node_step)
            if grad:
                lines.append(grad)
            out_key = f"t{record.index}"
            nodes.append(GraphNode(out_key, kind, lines, title=f"{record.label} = {record.expression}\n"
                                   f"value: {format_value(record.value)}",
                                   highlighted=bool(chosen and node_step is chosen), order=2 * order + 1))
            edges.append(GraphEdge(op_key, out_key))
            tensor_key[record.label] = out_key
        else:
            key = f"t{record.index}"
            lines = [record.label]
            if record.label != format_value(record.value):
                lines.append("= " + short_value(record.value))
            if record.kind == "leaf":
                grad = gradient_line(record.label, None)
                if grad:
                    lines.append(grad)
            highlighted = bool(chosen and any(c.input == record.label for c in chosen.contributions))
            nodes.append(GraphNode(key, record.kind, lines, title=f"{record.label}: {record.kind}\n"
                                   f"value: {format_value(record.value)}", highlighted=False,
                                   order=2 * order))
            tensor_key[record.label] = key
    return nodes, edges


def _param_short(v):
    if isinstance(v, (int, float, np.generic)) and not isinstance(v, bool):
        return format_number(v)
    if isinstance(v, tuple) and len(v) == 1:
        return str(v[0])
    return str(v)


def _edge_label(node_step, i, chosen):
    """The local derivative on the edge into the op; the whole product on the highlighted step."""
    if node_step is None:
        return "", False
    for c in node_step.contributions:
        if c.input_index == i:
            local = c.formula
            if c.local_value is not None and np.size(c.local_value) == 1:
                shown = format_number(np.asarray(c.local_value).reshape(()).item())
                if shown != local:
                    local = f"{local} = {shown}"
            used = node_step is chosen
            if used and np.size(c.value) == 1:
                local = f"{_clip(local, 22)}; × {short_value(node_step.upstream)} → {short_value(c.value)}"
                return local, True
            return _clip(local), used
    return "", False


# ---------------------------------------------------------------------------------------------
# Layout and shapes


def _node_size(node):
    widths = [text_width(line, LABEL_SIZE if n == 0 else TEXT_SIZE) for n, line in enumerate(node.lines)]
    if node.kind == "op":
        width = max(widths) + 30
        return max(width, 48), 22 + 14 * (len(node.lines) - 1) + 10
    return max(max(widths) + 20, 44), 10 + 17 + 15 * (len(node.lines) - 1) + 4


def scene(nodes, edges):
    """Lay the graph out and list the shapes to draw. Returns ``(shapes, width, height)``."""
    boxes = []
    for node in nodes:
        width, height = _node_size(node)
        boxes.append(_layout.Box(node.key, width, height, order=node.order))
    label_widths = {(e.source, e.target): text_width(e.label, EDGE_SIZE) for e in edges if e.label}
    routes, width, height = _layout.layout(boxes, [(e.source, e.target) for e in edges], label_widths)
    placed = {box.key: box for box in boxes}
    shapes = []
    labels = []
    # Edges first, so that nodes are drawn over their ends.
    for edge in sorted(edges, key=lambda e: e.highlighted):
        points = list(routes[(edge.source, edge.target)])
        start, end = placed[edge.source], placed[edge.target]
        points[0] = (start.x + start.width / 2, start.y)
        points[-1] = (end.x - end.width / 2 - 2, end.y)
        color = COLORS["edge_highlight"] if edge.highlighted else COLORS["edge"]
        shapes.append(Shape("curve", points=points, stroke=color, stroke_width=2.4 if edge.highlighted else 1.2))
        shapes.append(Shape("arrow", points=_arrowhead(points[-2], points[-1]), fill=color))
        if edge.label:
            (x0, y0), (x1, y1) = points[-2], points[-1]
            t = 0.5
            labels.append(Shape("text", x=x0 + (x1 - x0) * t, y=y0 + (y1 - y0) * t - 9, text=edge.label,
                                size=EDGE_SIZE, bold=edge.highlighted,
                                color=COLORS["edge_highlight"] if edge.highlighted else COLORS["edge_label"]))
    kinds = {node.key: node for node in nodes}
    for box in boxes:
        node = kinds[box.key]
        fill, stroke = COLORS["highlight"] if node.highlighted else COLORS[node.kind]
        stroke_width = 2.4 if node.highlighted else 1.3
        left, top = box.x - box.width / 2, box.y - box.height / 2
        if node.kind == "op":
            shapes.append(Shape("ellipse", x=box.x, y=box.y, width=box.width, height=box.height,
                                fill=fill, stroke=stroke, stroke_width=stroke_width, title=node.title))
            first = box.y - 7 * (len(node.lines) - 1)
            for n, line in enumerate(node.lines):
                shapes.append(Shape("text", x=box.x, y=first + 14 * n, text=line,
                                    size=LABEL_SIZE if n == 0 else TEXT_SIZE - 1, bold=n == 0,
                                    color=COLORS["text"] if n == 0 else COLORS["muted"]))
        else:
            shapes.append(Shape("box", x=left, y=top, width=box.width, height=box.height, fill=fill,
                                stroke=stroke, stroke_width=stroke_width, title=node.title))
            y = top + 5 + 17 / 2
            for n, line in enumerate(node.lines):
                shapes.append(Shape("text", x=box.x, y=y, text=line, size=LABEL_SIZE if n == 0 else TEXT_SIZE,
                                    bold=n == 0, color=COLORS["text"] if n == 0 else COLORS["muted"]))
                y += 17 / 2 + 15 / 2 if n == 0 else 15
    shapes += labels  # labels last: on top of everything
    return shapes, width, height


def _arrowhead(before, tip, length=8.0, half=3.6):
    # Curves arrive horizontally (see curve_segments), so the arrow always points right.
    x, y = tip
    return [(x + 2, y), (x + 2 - length, y + half), (x + 2 - length, y - half)]


def curve_segments(points):
    """Cubic Bézier pieces through ``points``, leaving and arriving horizontally (left to right)."""
    segments = []
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        bend = (x1 - x0) * 0.5
        segments.append(((x0, y0), (x0 + bend, y0), (x1 - bend, y1), (x1, y1)))
    return segments
