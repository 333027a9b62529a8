"""A layered left-to-right layout for small directed acyclic graphs (no Graphviz needed).

The classic recipe (Sugiyama et al., 1981), kept short:

1. **Layers.** Each node goes one layer right of its furthest input (longest path). Inputs that
   feed nothing else are then moved right, next to the op that uses them.
2. **Dummy nodes.** An edge that skips layers gets an invisible node in each layer it crosses, so
   that it can be routed around other nodes.
3. **Order within a layer.** Sweeps left to right and back, sorting each layer by the average
   position of its neighbours (the barycenter heuristic); the order with fewest crossings wins.
4. **Coordinates.** Each node wants to sit at the average height of its neighbours; nodes of a
   layer keep their order and their spacing (an isotonic regression, solved exactly with the
   pool-adjacent-violators algorithm). Layers are as far apart as their widest node and the widest
   edge label between them need.
"""
from collections import defaultdict


class Box:
    """A node to place: its size in pixels; ``x``, ``y`` (centre) are set by ``layout``."""

    def __init__(self, key, width, height, order=0):
        self.key = key
        self.width = width
        self.height = height
        self.order = order  # tie-breaker for a stable first ordering
        self.layer = 0
        self.x = 0.0
        self.y = 0.0
        self.dummy = False


def layout(boxes, edges, label_widths=None, node_gap=18.0, layer_gap=48.0, margin=16.0):
    """Place ``boxes`` (a list of Box) for ``edges`` (pairs of keys, source → target).

    ``label_widths`` maps an edge to the width of its label, so that layers leave room for it.
    Returns ``(routes, width, height)``: ``routes[edge]`` is the list of points the edge passes.
    """
    label_widths = label_widths or {}
    by_key = {box.key: box for box in boxes}
    successors, predecessors = defaultdict(list), defaultdict(list)
    for source, target in edges:
        successors[source].append(target)
        predecessors[target].append(source)

    _assign_layers(boxes, by_key, successors, predecessors)

    # Dummy boxes along edges that skip layers.
    chains = {}
    layers = defaultdict(list)
    for box in boxes:
        layers[box.layer].append(box)
    adjacency_down, adjacency_up = defaultdict(list), defaultdict(list)
    for source, target in edges:
        a, b = by_key[source], by_key[target]
        chain = [a]
        for layer in range(a.layer + 1, b.layer):
            dummy = Box(("dummy", source, target, layer), 0, 2, order=a.order)
            dummy.dummy = True
            dummy.layer = layer
            layers[layer].append(dummy)
            chain.append(dummy)
        chain.append(b)
        chains[(source, target)] = chain
        for upper, lower in zip(chain, chain[1:]):
            adjacency_down[id(upper)].append(lower)
            adjacency_up[id(lower)].append(upper)

    count = max(layers) + 1 if layers else 0
    ordered = [sorted(layers[i], key=lambda b: b.order) for i in range(count)]
    ordered = _reduce_crossings(ordered, adjacency_down, adjacency_up)
    _place_x(ordered, chains, label_widths, layer_gap, margin)
    height = _place_y(ordered, adjacency_down, adjacency_up, node_gap, margin)
    width = max((b.x + b.width / 2 for layer in ordered for b in layer), default=0) + margin
    routes = {edge: [(b.x, b.y) for b in chain] for edge, chain in chains.items()}
    return routes, width, height


def _assign_layers(boxes, by_key, successors, predecessors):
    order = _topological(boxes, successors, predecessors)
    for box in order:
        box.layer = max((by_key[p].layer + 1 for p in predecessors[box.key]), default=0)
    # Sources sit just left of their first consumer rather than all in layer 0.
    for box in reversed(order):
        if not predecessors[box.key] and successors[box.key]:
            box.layer = min(by_key[s].layer for s in successors[box.key]) - 1


def _topological(boxes, successors, predecessors):
    remaining = {box.key: len(predecessors[box.key]) for box in boxes}
    by_key = {box.key: box for box in boxes}
    ready = sorted((box for box in boxes if remaining[box.key] == 0), key=lambda b: b.order)
    result = []
    while ready:
        box = ready.pop(0)
        result.append(box)
        for target in successors[box.key]:
            remaining[target] -= 1
            if remaining[target] == 0:
                ready.append(by_key[target])
    if len(result) != len(boxes):
        raise ValueError("the graph has a cycle; a computation graph never does")
    return result


def _crossings(ordered, adjacency_down):
    total = 0
    for upper, lower in zip(ordered, ordered[1:]):
        position = {id(b): i for i, b in enumerate(lower)}
        pairs = [(i, position[id(t)]) for i, b in enumerate(upper) for t in adjacency_down[id(b)]]
        pairs.sort()
        for n, (_, a) in enumerate(pairs):  # count inversions (small graphs: quadratic is fine)
            total += sum(1 for _, b in pairs[n + 1:] if b < a)
    return total


def _reduce_crossings(ordered, adjacency_down, adjacency_up, sweeps=12):
    best = [list(layer) for layer in ordered]
    best_count = _crossings(best, adjacency_down)
    current = [list(layer) for layer in ordered]
    for sweep in range(sweeps):
        downward = sweep % 2 == 0
        indices = range(1, len(current)) if downward else range(len(current) - 2, -1, -1)
        for i in indices:
            fixed = current[i - 1] if downward else current[i + 1]
            neighbours = adjacency_up if downward else adjacency_down
            position = {id(b): n for n, b in enumerate(fixed)}

            def barycenter(box, n):
                near = [position[id(o)] for o in neighbours[id(box)] if id(o) in position]
                return (sum(near) / len(near), n) if near else (n, n)

            current[i] = [box for _, box in sorted(
                ((barycenter(box, n), box) for n, box in enumerate(current[i])), key=lambda p: p[0])]
        count = _crossings(current, adjacency_down)
        if count < best_count:
            best, best_count = [list(layer) for layer in current], count
        if best_count == 0:
            break
    return best


def _place_x(ordered, chains, label_widths, layer_gap, margin):
    widths = [max((b.width for b in layer), default=0) for layer in ordered]
    # The gap after a layer must fit the labels of edges that start in it.
    gaps = [layer_gap] * len(ordered)
    for edge, chain in chains.items():
        width = label_widths.get(edge, 0)
        if width:
            layer = chain[-2].layer  # labels sit on the last segment, just before the target
            gaps[layer] = max(gaps[layer], width + 24)
    x = margin
    for i, layer in enumerate(ordered):
        centre = x + widths[i] / 2
        for box in layer:
            box.x = centre
        x += widths[i] + gaps[i]


def _place_y(ordered, adjacency_down, adjacency_up, node_gap, margin):
    for layer in ordered:  # a first stacking
        y = margin
        for box in layer:
            box.y = y + box.height / 2
            y += box.height + node_gap
    for sweep in range(8):
        sequence = ordered if sweep % 2 == 0 else ordered[::-1]
        for layer in sequence:
            desired = []
            for box in layer:
                near = adjacency_up[id(box)] + adjacency_down[id(box)]
                desired.append(sum(o.y for o in near) / len(near) if near else box.y)
            _fit(layer, desired, node_gap)
    top = min((b.y - b.height / 2 for layer in ordered for b in layer), default=0)
    shift = margin - top
    bottom = 0
    for layer in ordered:
        for box in layer:
            box.y += shift
            bottom = max(bottom, box.y + box.height / 2)
    return bottom + margin


def _fit(layer, desired, gap):
    """Put the boxes of one layer as near ``desired`` as possible, in order and without overlap."""
    if not layer:
        return
    offsets = [0.0]
    for a, b in zip(layer, layer[1:]):
        space = (a.height + b.height) / 2 + (gap if not (a.dummy and b.dummy) else gap / 3)
        offsets.append(offsets[-1] + space)
    targets = [d - o for d, o in zip(desired, offsets)]
    # Pool adjacent violators: the closest non-decreasing sequence to targets.
    blocks = []  # [sum, count]
    for t in targets:
        blocks.append([t, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, n = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += n
    values = []
    for total, n in blocks:
        values += [total / n] * n
    for box, value, offset in zip(layer, values, offsets):
        box.y = value + offset
