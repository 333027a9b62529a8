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

from . import _backends, _scene

__all__ = ["graph", "graph_of_trace", "Graph"]


class Graph:
    """A drawn computation graph. ``_repr_svg_`` shows it in Jupyter."""

    def __init__(self, nodes, edges, step=None):
        self.nodes = nodes
        self.edges = edges
        self.step = step
        self._drawn = None

    def _scene(self):
        if self._drawn is None:
            self._drawn = _scene.scene(self.nodes, self.edges)
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
        tensors = sum(1 for n in self.nodes if n.kind != "op")
        ops = len(self.nodes) - tensors
        highlight = f", step {self.step} highlighted" if self.step else ""
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

    if isinstance(output, Trace):
        return graph_of_trace(output, step)
    return graph_of_trace(explain(output, labels=labels, _frame_depth=2), step)
