"""Pictures of computation graphs: SVG (for Jupyter), PNG and Graphviz DOT text.

    g = ad.graph(z)            # or t.graph() for a trace
    g                          # drawn as SVG in Jupyter
    g.save("chain.png")        # or .svg
    g.to_dot()                 # Graphviz text, if you want to lay it out with Graphviz

Each tensor shows its label, value and gradient; each op its name; an edge into an op carries the
local derivative of that input. ``step=k`` highlights the k-th backward step. The layout is our own
(layered, left to right; see ``_layout.py``), so nothing outside Python is needed; matplotlib is
only imported to write PNGs.
"""
import os

from .. import tracing
from . import _backends, _scene, _summary

__all__ = ["graph", "graph_of_trace", "Graph"]


class Graph:
    """A drawn computation graph. ``_repr_svg_`` shows it in Jupyter."""

    def __init__(self, nodes, edges, step=None, hidden=0):
        self.nodes = nodes
        self.edges = edges
        self.step = step
        self.hidden = hidden  # nodes left out of the picture of a big graph (see _summary.py)
        self._drawn = None

    def _scene(self):
        if self._drawn is None:
            nodes, edges, hidden = _summary.prune(self.nodes, self.edges)
            self.hidden += hidden
            self._drawn = _scene.scene(nodes, edges)
        return self._drawn

    @property
    def size(self):
        """(width, height) in pixels."""
        _, width, height = self._scene()
        return width, height

    def to_svg(self):
        return _backends.to_svg(*self._scene())

    def _repr_svg_(self):
        return self.to_svg()

    def describe(self):
        """The graph in words (its text alternative): each node's lines, then each edge."""
        names = {node.key: node.lines[0] if node.lines else node.key for node in self.nodes}
        parts = []
        for node in sorted(self.nodes, key=lambda n: n.order):
            what = "operation" if node.kind == "op" else "tensor"
            mark = " (highlighted)" if node.highlighted else ""
            lines = [line.strip() for line in node.lines]
            parts.append(f"{what} {' '.join(lines[:1] + [', '.join(lines[1:])]).strip()}{mark}")
        edges = [f"{names.get(e.source, e.source)} to {names.get(e.target, e.target)}"
                 + (f" (local derivative {e.label})" if e.label else "") for e in self.edges]
        text = f"Computation graph, left to right. Nodes: {'; '.join(parts)}."
        if edges:
            text += f" Arrows: {'; '.join(edges)}."
        if self.hidden:
            text += f" {self.hidden} nodes further from the output are left out."
        return text

    def _repr_html_(self):
        """The SVG as an image with its text alternative (JupyterLab shows a bare SVG output as an
        image without one, and a screen reader then has nothing to read)."""
        import base64
        from html import escape

        data = base64.b64encode(self.to_svg().encode("utf-8")).decode("ascii")
        width, _ = self.size
        return (f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(self.describe(), quote=True)}" '
                f'style="max-width:100%;width:{width:.0f}px">')

    def to_png(self, scale=2.0):
        """PNG bytes (matplotlib's Agg canvas; ``scale=2`` gives crisp images on high-DPI screens)."""
        return _backends.to_png(*self._scene(), scale=scale)

    def to_dot(self):
        return _backends.to_dot(self.nodes, self.edges)

    def save(self, path, scale=2.0):
        """Write the graph to ``path``: ``.svg``, ``.png`` or ``.dot``, by its extension."""
        extension = os.path.splitext(str(path))[1].lower()
        if extension == ".svg":
            data = self.to_svg().encode("utf-8")
        elif extension == ".png":
            data = self.to_png(scale=scale)
        elif extension in (".dot", ".gv"):
            data = self.to_dot().encode("utf-8")
        else:
            raise ValueError(f"cannot save a graph as '{extension or path}': use a file name ending "
                             "in .svg, .png or .dot")
        with open(path, "wb") as file:
            file.write(data)
        return path

    def __repr__(self):
        tensors = sum(1 for n in self.nodes if n.kind != "op" and n.key != _summary.SUMMARY_KEY)
        ops = len(self.nodes) - tensors - any(n.key == _summary.SUMMARY_KEY for n in self.nodes)
        highlight = f", step {self.step} highlighted" if self.step else ""
        if self.hidden or len(self.nodes) > _summary.MAX_DRAWN_NODES:
            highlight += "; a big graph: the picture shows the part nearest the output"
        return f"<Graph: {tensors} tensors, {ops} ops{highlight}; .save('graph.png') or show it in Jupyter>"


def graph_of_trace(trace, step=None):
    nodes, edges = _scene.graph_parts(trace, step)
    return Graph(nodes, edges, step)


def graph(output, step=None, labels=None):
    """Draw the graph that computed ``output`` (a tensor) with values and gradients.

    Gradients are those ``output.backward()`` would give (worked out on the side: no ``.grad``
    changes). ``output`` may also be a trace. ``step=k`` highlights the k-th backward step.
    """
    from ..tracing import Trace, explain
    from ..tracing.learner import looks_like_learner_value

    if isinstance(output, Trace):
        return graph_of_trace(output, step)
    if looks_like_learner_value(output):  # a value of the learner's own engine (lessons 9 and 10)
        from .learner import graph_of_value

        return graph_of_value(output, step=step, labels=labels)
    return graph_of_trace(explain(output, labels=labels, _frame_depth=2), step)


# Trace.graph() draws through this registration (tracing sits below drawing and cannot import it).
tracing.register_graph_drawer(graph_of_trace)
