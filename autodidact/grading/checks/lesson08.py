"""Lesson 8, Inside the engine: walking autodidact's graph through ``grad_fn.next_functions``, the
order of the backward pass, and which dimensions undoing broadcasting sums over.

The probes build autodidact tensors from a random expression program (see :mod:`.programs`) and
call the learner's function on the result. Nodes travel as their position in a canonical walk of
the graph, which the judge repeats with its own engine on the same program, so both sides number
the nodes alike.
"""
import numpy as np

import autodidact as ad

from ..core import Check, Exercise, describe, fail, register
from . import programs

CHAIN_LENGTH = 10_000


def build(program):
    """The program's output tensor (float64 leaves that require grad)."""
    leaves = [ad.tensor(x, dtype=ad.float64, requires_grad=True) for x in program["inputs"]]
    return programs.run_program(program, leaves)[-1], leaves


def canonical_nodes(output):
    """Every node reachable from ``output.grad_fn``, breadth first, in next_functions order."""
    first = output.grad_fn
    nodes, index, at = [first], {first: 0}, 0
    while at < len(nodes):
        for next_node, _ in nodes[at].next_functions:
            if next_node is not None and next_node not in index:
                index[next_node] = len(nodes)
                nodes.append(next_node)
        at += 1
    return nodes


def _structure(output):
    nodes = canonical_nodes(output)
    index = {node: n for n, node in enumerate(nodes)}
    edges = sorted({(index[node], index[nxt]) for node in nodes for nxt, _ in node.next_functions
                    if nxt is not None})
    return nodes, edges


def _program_inputs(rng):
    return {"program": programs.random_program(rng, programs.ALL_OPS, n_steps=9)}


def _chain_inputs(rng):
    return {"program": programs.chain_program(CHAIN_LENGTH, "mul", 1.0001)}


def _probe_nodes(function_name):
    def probe(learner, inputs):
        function = learner.get(function_name)
        output, _ = build(inputs["program"])
        index = {node: n for n, node in enumerate(canonical_nodes(output))}
        try:
            result = function(output)
        except RecursionError:
            return {"recursion": True}
        if not isinstance(result, (list, tuple)):
            return {"not a list": describe(result)}
        positions = [index.get(node, -1) if _hashable(node) else -1 for node in result]
        strangers = [describe(node) for node, n in zip(result, positions) if n == -1][:3]
        # An array, not a list: a 10,000-node answer must travel whole (lists are cut at 1,000 items).
        return {"nodes": np.array(positions, dtype=np.int64), "strangers": strangers}
    return probe


def _hashable(obj):
    try:
        hash(obj)
    except TypeError:
        return False
    return True


def _names(output):
    return [node.name() for node in canonical_nodes(output)]


def _common_failures(answer, function_name, length=None):
    if answer.get("recursion"):
        fail(f"on a chain {length:,} operations deep your function raised RecursionError: it calls itself "
             "once per node, and Python stops at about 1,000 nested calls. Walk the graph with a loop "
             "and a list as your own stack.")
    if "not a list" in answer:
        fail(f"{function_name} should return a list of nodes, but it returned {answer['not a list']}.")
    if answer["strangers"]:
        fail(f"the list holds {answer['strangers'][0]}, which is not a node of the graph: list the "
             "grad_fn objects themselves (output.grad_fn, and what next_functions leads to).")
    answer["nodes"] = [int(n) for n in answer["nodes"]]


def _judge_nodes(inputs, answer):
    output, _ = build(inputs["program"])
    nodes, _ = _structure(output)
    length = len(inputs["program"]["steps"])
    _common_failures(answer, "graph_nodes", length)
    listed = answer["nodes"]
    counts = {}
    for n in listed:
        counts[n] = counts.get(n, 0) + 1
    twice = [n for n, c in counts.items() if c > 1]
    if twice:
        fail(f"{nodes[twice[0]].name()} is listed {counts[twice[0]]} times: it is reached along more than "
             "one path. Keep a set of the nodes already seen.")
    missing = [n for n in range(len(nodes)) if n not in counts]
    if missing:
        kinds = sorted({nodes[n].name() for n in missing})
        fail(f"{len(missing)} of the graph's {len(nodes)} nodes are missing, such as {', '.join(kinds[:3])}. "
             "Follow next_functions from every node you reach, and skip the None entries (inputs that "
             "need no gradient), not the nodes after them.")


register(Exercise("8.1", "Walk the graph", 2, [
    Check("lists every node once, on random expressions",
          ("Start at output.grad_fn; each node's next_functions is a tuple of (node, index) pairs.",
           "Use a list as a stack and a set of the nodes seen; skip entries that are None."),
          _program_inputs, _probe_nodes("graph_nodes"), _judge_nodes),
    Check(f"handles a chain {CHAIN_LENGTH:,} operations deep",
          ("A graph as deep as a long training loop makes.",
           "A function that calls itself once per node stops near 1,000; a loop with a stack does not."),
          _chain_inputs, _probe_nodes("graph_nodes"), _judge_nodes),
], names=("graph_nodes",)))


# 8.2 ----------------------------------------------------------------------------------------

def _judge_order(inputs, answer):
    output, _ = build(inputs["program"])
    nodes, edges = _structure(output)
    _common_failures(answer, "backward_order", len(inputs["program"]["steps"]))
    listed = answer["nodes"]
    if sorted(listed) != list(range(len(nodes))):
        fail(f"the order lists {len(listed)} nodes, but the graph has {len(nodes)}, each to be listed once.")
    if listed[0] != 0:
        fail(f"the order starts with {nodes[listed[0]].name()}; backward starts at output.grad_fn "
             f"({nodes[0].name()}).")
    position = {n: k for k, n in enumerate(listed)}
    for user, used in edges:
        if position[used] < position[user]:
            fail(f"{nodes[used].name()} comes before {nodes[user].name()}, which passes gradient to it: "
                 f"backward would run {nodes[used].name()} before all its gradient had arrived. Count, for "
                 "each node, how many nodes pass gradient to it, and make it ready only when that count "
                 "reaches 0.")


def _fan_in_inputs(rng):
    for _ in range(50):
        program = programs.random_program(rng, programs.ALL_OPS, n_steps=9)
        if programs.reused(program):
            break
    return {"program": program}


register(Exercise("8.2", "The order of the backward pass", 3, [
    Check("every node comes after all the nodes that pass gradient to it (random expressions with fan-in)",
          ("A node may run only when every node that uses its result has run: count those users first.",
           "Kahn's algorithm: a dict of waiting counts, a list of ready nodes, start from output.grad_fn."),
          _fan_in_inputs, _probe_nodes("backward_order"), _judge_order),
    Check(f"handles a chain {CHAIN_LENGTH:,} operations deep",
          ("graph_nodes from Exercise 8.1 finds the nodes without recursion; reuse it.",
           "The counting loop needs no recursion either."),
          _chain_inputs, _probe_nodes("backward_order"), _judge_order),
], names=("backward_order",)))


# 8.3 ----------------------------------------------------------------------------------------

def reference_dims(shape, grad_shape):
    """The dims of grad_shape that undoing broadcasting sums over (the engine's rule)."""
    extra = len(grad_shape) - len(shape)
    dims = list(range(extra))
    dims += [extra + i for i, size in enumerate(shape) if size == 1 and grad_shape[extra + i] != 1]
    return tuple(dims)


def _shape_pairs(rng):
    pairs = []
    for _ in range(6):
        big = [int(n) for n in rng.integers(2, 5, size=int(rng.integers(1, 4)))]
        keep = int(rng.integers(0, len(big) + 1))
        small = big[len(big) - keep:]
        small = [1 if rng.random() < 0.4 else size for size in small]
        pairs.append({"shape": small, "grad_shape": big})
    pairs.append({"shape": [3], "grad_shape": [4, 3]})
    pairs.append({"shape": [4, 1], "grad_shape": [4, 3]})
    pairs.append({"shape": [4, 1], "grad_shape": [2, 4, 3]})
    return {"pairs": pairs}


def _probe_dims(learner, inputs):
    broadcast_dims = learner.get("broadcast_dims")
    results = []
    for pair in inputs["pairs"]:
        result = broadcast_dims(tuple(pair["shape"]), tuple(pair["grad_shape"]))
        results.append(list(result) if isinstance(result, (list, tuple)) else describe(result))
    return results


def _judge_dims(inputs, answer):
    for pair, result in zip(inputs["pairs"], answer):
        shape, grad_shape = tuple(pair["shape"]), tuple(pair["grad_shape"])
        want = reference_dims(shape, grad_shape)
        call = f"broadcast_dims({shape}, {grad_shape})"
        if isinstance(result, str):
            fail(f"{call} returned {result}; it should return a tuple of dims.")
        got = tuple(int(d) for d in result)
        if tuple(sorted(got)) == want:
            continue
        message = f"{call} is {got}, but should be {want}."
        extra = len(grad_shape) - len(shape)
        misaligned = tuple(range(extra)) + tuple(i for i, size in enumerate(shape)
                                                 if size == 1 and grad_shape[extra + i] != 1)
        if extra and not any(d < extra for d in got):
            message += (f" The gradient has {extra} more dimension(s) than the tensor: broadcasting added "
                        "them in front, and they are summed too.")
        elif extra and tuple(sorted(got)) == misaligned:
            message += (" The tensor's dims line up with the right end of grad_shape: its dim i is dim "
                        f"i + {extra} of the gradient.")
        fail(message)


register(Exercise("8.3", "Which dimensions broadcasting adds", 2, [
    Check("the dims to sum over, for random shape pairs",
          ("Line the two shapes up at their right ends, as NumPy does.",
           "Sum over the dims grad_shape has in front of shape, and over dims where shape has 1 and "
           "grad_shape does not."),
          _shape_pairs, _probe_dims, _judge_dims),
], names=("broadcast_dims",)))
