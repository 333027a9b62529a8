"""Drawing a value of the learner's own engine (lessons 9 and 10) through the learner-engine
protocol (see ``autodidact.tracing.learner``): each value is a box with its label, data and grad
as they are now, each operation an ellipse with its ``op`` name. Reading the graph runs none of
the learner's code; ``step=k`` runs their ``backward()`` through ``ad.explain`` and highlights
its k-th step, exactly as for autodidact's own tensors.

A big graph is drawn as the values nearest the output and one box for all the others; only the
drawn values are formatted, so a 10,000-value graph takes well under a second.
"""
from collections import deque

from ..tracing import format_value
from ..tracing.learner import (assign_labels, caller_namespaces, explain_learner, expression,
                               no_garbage_collection, read_graph)
from ._scene import GraphEdge, GraphNode, short_value
from ._summary import MAX_DRAWN_NODES, SUMMARY_KEY


def graph_parts_of_value(root, labels=None, namespaces=None, limit=MAX_DRAWN_NODES):
    """``(nodes, edges, hidden)``: the graph that led to ``root``, with data and grad as they are
    now; ``hidden`` values are too far from the output to be drawn."""
    with no_garbage_collection():
        graph = read_graph(root)
        assign_labels(graph, namespaces if namespaces is not None else caller_namespaces(), labels)
        shown = _nearest_the_output(graph, limit)
        return (*_parts(graph, shown), len(graph.nodes) - len(shown))


def _nearest_the_output(graph, limit):
    """Indices of the values to draw: breadth first from the output, about ``limit`` boxes."""
    nodes = graph.nodes
    shown, queue, boxes = {graph.root.index}, deque([graph.root.index]), 0
    while queue:
        index = queue.popleft()
        boxes += 2 if nodes[index].parents else 1
        for p in nodes[index].parents:
            if p not in shown and boxes + len(shown) - 1 < limit:
                shown.add(p)
                queue.append(p)
    return shown


def _parts(graph, shown):
    used = {p for node in graph.nodes for p in node.parents}
    nodes, edges, fed = [], [], []
    for index in sorted(shown):
        node = graph.nodes[index]
        value_key = f"t{index}"
        lines = [node.label]
        if node.parents or node.label != format_value(node.data):
            lines.append("= " + short_value(node.data))
        lines.append("grad " + (short_value(node.grad) if node.grad is not None else "None"))
        title = f"{node.label}: data {format_value(node.data)}, grad {format_value(node.grad)}"
        if node.parents:
            op_key = f"op{index}"
            nodes.append(GraphNode(op_key, "op", [node.op], order=2 * index,
                                   title=f"{node.label} = {expression(node, graph)}"))
            for p in node.parents:
                if p in shown:
                    edges.append(GraphEdge(f"t{p}", op_key))
                elif op_key not in fed:
                    fed.append(op_key)
            edges.append(GraphEdge(op_key, value_key))
            kind = "output" if index == graph.root.index or index not in used else "tensor"
        else:
            kind = "leaf"
        nodes.append(GraphNode(value_key, kind, lines, title=title, order=2 * index + 1))
    hidden = len(graph.nodes) - len(shown)
    if hidden:
        ops = sum(1 for node in graph.nodes if node.parents and node.index not in shown)
        words = [f"… {hidden:,} more values"] + ([f"made by {ops:,} ops"] if ops else [])
        nodes.insert(0, GraphNode(SUMMARY_KEY, "constant", words, order=-1,
                                  title=f"{hidden:,} values further from the output are not drawn"))
        edges += [GraphEdge(SUMMARY_KEY, key) for key in fed]
    return nodes, edges


def graph_of_value(root, step=None, labels=None):
    """``ad.graph(v)`` for a learner's value: the graph as it is now, or step ``step`` of its
    narrated backward pass."""
    from . import Graph, graph_of_trace

    namespaces = caller_namespaces()
    if step is not None:
        return graph_of_trace(explain_learner(root, labels=labels, namespaces=namespaces), step)
    nodes, edges, hidden = graph_parts_of_value(root, labels, namespaces)
    return Graph(nodes, edges, hidden=hidden)
