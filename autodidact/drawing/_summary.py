"""Big graphs drawn as a readable summary: the part nearest the output, and one box for the rest.

A picture of 10,000 nodes is neither readable nor quick to lay out. Beyond ``MAX_DRAWN_NODES``
the drawing keeps the nodes closest to the output (a breadth-first walk back along the edges) and
stands one grey box, "… 9,940 more values and ops", for everything further back.
"""
from collections import deque

from ._scene import GraphEdge, GraphNode

MAX_DRAWN_NODES = 60
SUMMARY_KEY = "summary-of-hidden-nodes"


def prune(nodes, edges, limit=MAX_DRAWN_NODES):
    """``(nodes, edges, hidden)``: at most ``limit`` nodes nearest the outputs, plus a summary box."""
    if len(nodes) <= limit:
        return nodes, edges, 0
    predecessors, has_successor = {}, set()
    for edge in edges:
        predecessors.setdefault(edge.target, []).append(edge.source)
        has_successor.add(edge.source)
    outputs = [node.key for node in reversed(nodes) if node.key not in has_successor]
    kept, queue = set(), deque()
    for key in outputs[:max(1, limit // 4)]:
        kept.add(key)
        queue.append(key)
    while queue and len(kept) < limit:
        key = queue.popleft()
        for source in predecessors.get(key, ()):
            if source not in kept and len(kept) < limit:
                kept.add(source)
                queue.append(source)
    hidden = [node for node in nodes if node.key not in kept]
    ops = sum(1 for node in hidden if node.kind == "op")
    values = len(hidden) - ops
    shown_nodes = [node for node in nodes if node.key in kept]
    shown_edges = [edge for edge in edges if edge.source in kept and edge.target in kept]
    fed = []
    for edge in edges:
        if edge.source not in kept and edge.target in kept and edge.target not in fed:
            fed.append(edge.target)
    if hidden:
        first_order = min((node.order for node in shown_nodes), default=0) - 1
        words = [f"… {values:,} more values", f"and {ops:,} ops"] if ops else [f"… {values:,} more values"]
        summary = GraphNode(SUMMARY_KEY, "constant", words, order=first_order,
                            title=f"{len(hidden):,} nodes further from the output are not drawn")
        shown_nodes.insert(0, summary)
        shown_edges += [GraphEdge(SUMMARY_KEY, target) for target in fed]
    return shown_nodes, shown_edges, len(hidden)
