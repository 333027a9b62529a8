"""Lesson 9, Build a scalar engine: a topological order, a Value class, its ops, and training with it.

The learner's engine is compared with autodidact on random expression programs (see
:mod:`.programs`): the probe runs a program with the learner's ``Value`` in the kernel and answers
with plain numbers (the output's data and each input's grad); the judge runs the same program with
autodidact in float64. A wrong answer is compared with the typical mistakes (``=`` instead of
``+=``, no visited set, no seed of 1) so that the message can name the one it looks like.
"""
import autodidact as ad

from ..core import Check, CheckFailed, Exercise, as_float, describe, fail, register
from . import programs

CHAIN_LENGTH = 10_000
MISTAKES = {
    "overwrite": "a value used more than once keeps only its last contribution: each backward step "
                 "must add to a parent's grad with +=, not set it with =.",
    "no visited set": "a value reached along two paths is stepped twice: keep a set of the values "
                      "already visited, so that the order lists each value once.",
    "no seed": "every gradient is 0: backward() must start with self.grad = 1.",
    "forward order": "the output's grad is 1 but nothing is passed on from it. Either the backward "
                     "steps run parents first, so the output's step runs last, after the others have "
                     "passed on gradients that were still 0 (run the steps in "
                     "reversed(topological_order(self)), the output's first); or every step adds 0: "
                     "a step adds local derivative × out.grad, with the local derivative made from the "
                     ".data of the values (not their .grad), and each op stores its step in "
                     "out.backward_step.",
}


class _Node:
    """A bare graph node for topological_order: only ``parents`` (the learner-engine protocol)."""

    def __init__(self, index, parents=()):
        self.index = index
        self.parents = parents

    def __repr__(self):
        return f"node {self.index}"


# 9.1 ----------------------------------------------------------------------------------------

def _random_dag(rng):
    """Parents of each node as indices (earlier nodes only); the last node is the root."""
    count = int(rng.integers(8, 13))
    parents = [[] for _ in range(3)]
    for index in range(3, count):
        k = int(rng.integers(1, 3))
        chosen = sorted({int(p) for p in rng.integers(0, index, size=k)})
        if index == count - 1 or rng.random() < 0.5:
            chosen = sorted(set(chosen) | {index - 1})  # keep most nodes connected to the root
        parents.append(chosen)
    return {"parents": parents}


def _probe_order(learner, inputs):
    topological_order = learner.get("topological_order")
    nodes = []
    for index, parent_indices in enumerate(inputs["parents"]):
        nodes.append(_Node(index, tuple(nodes[p] for p in parent_indices)))
    order = topological_order(nodes[-1])
    return [node.index if isinstance(node, _Node) else describe(node) for node in order]


def _reachable(parents):
    seen, stack = {len(parents) - 1}, [len(parents) - 1]
    while stack:
        for p in parents[stack.pop()]:
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return seen


def _judge_order(inputs, answer):
    parents = inputs["parents"]
    if not isinstance(answer, list):
        fail(f"topological_order should return a list of values, but it returned {describe(answer)}.")
    strangers = [item for item in answer if not isinstance(item, int)]
    if strangers:
        fail(f"the list holds {strangers[0]}, which is not one of the graph's values.")
    counts = {}
    for index in answer:
        counts[index] = counts.get(index, 0) + 1
    twice = [index for index, n in counts.items() if n > 1]
    if twice:
        fail(f"value {twice[0]} appears {counts[twice[0]]} times in the order: it is reached along "
             "more than one path. Keep a set of visited values and list each one once.")
    missing = sorted(_reachable(parents) - set(answer))
    if missing:
        fail(f"{len(missing)} of the {len(_reachable(parents))} values that lead to the root are missing "
             f"(value {missing[0]}, for one). Follow .parents from the root to every value.")
    position = {index: n for n, index in enumerate(answer)}
    for index in answer:
        for p in parents[index]:
            if position[p] > position[index]:
                if position[len(parents) - 1] == 0:
                    fail("the root comes first: the order must list parents before the values made "
                         "from them (the root last). Reverse your list, or append a value after its parents.")
                fail(f"value {index} comes before its parent {p}: a value may only be listed after "
                     "every value it was computed from.")


def _probe_chain_order(learner, inputs):
    topological_order = learner.get("topological_order")
    node = _Node(0)
    for index in range(1, inputs["length"] + 1):
        node = _Node(index, (node,))
    try:
        order = topological_order(node)
    except RecursionError:
        return {"recursion": True}
    return {"length": len(order), "first": getattr(order[0], "index", None) if order else None,
            "last": getattr(order[-1], "index", None) if order else None}


def _judge_chain_order(inputs, answer):
    if answer.get("recursion"):
        fail(f"on a chain {inputs['length']:,} values deep, your function raised RecursionError: it "
             "calls itself once per value, and Python stops at about 1,000 nested calls. Use a loop and "
             "a list as your own stack.")
    expected = inputs["length"] + 1
    if answer["length"] != expected or answer["first"] != 0 or answer["last"] != inputs["length"]:
        fail(f"on a chain of {expected:,} values the order has {answer['length']:,} values, from value "
             f"{answer['first']} to value {answer['last']}; it should run from the input (0) to the root "
             f"({inputs['length']:,}).")


register(Exercise("9.1", "A topological order without recursion", 3, [
    Check("lists each value once, parents before the values made from them",
          ("Start at the root and follow .parents; a value reached twice is listed once.",
           "Push (value, parents_done) pairs on a stack: a value is appended after all its parents are."),
          _random_dag, _probe_order, _judge_order),
    Check(f"handles a chain {CHAIN_LENGTH:,} values deep",
          ("Deep graphs are common: a training loop of 10,000 steps builds one.",
           "A function that calls itself once per value stops at Python's recursion limit; a while "
           "loop with a list as a stack does not."),
          lambda rng: {"length": CHAIN_LENGTH}, _probe_chain_order, _judge_chain_order),
], names=("topological_order",)))


# Programs run by the learner's Value ----------------------------------------------------------

def _probe_program(learner, inputs):
    Value = learner.get("Value", kind="class")
    for op in inputs.get("first", ()):
        operands = [0] if op in programs.UNARY else [0, 1] if op != "pow" else [0, 2]
        programs.run_program({"inputs": [0.5, 0.75], "steps": [[op] + operands]}, [Value(0.5), Value(0.75)])
    program = inputs["program"]
    leaves = [Value(x) for x in program["inputs"]]
    out = programs.run_program(program, leaves)[-1]
    out.backward()
    return {"data": getattr(out, "data", None), "grads": [getattr(leaf, "grad", None) for leaf in leaves],
            "output_grad": getattr(out, "grad", None)}


def _judge_program(inputs, answer):
    program = inputs["program"]
    value, grads = programs.reference(program)
    where = f"\n  for {programs.describe(program)}\n  with " + ", ".join(
        f"x{i} = {x}" for i, x in enumerate(program["inputs"]))
    data = as_float(answer["data"], "the output's .data")
    if not programs.close(data, value, 1e-6, 1e-9):
        fail(f"the output's .data is {data:.6g}, but should be {value:.6g}{where}.")
    learner_grads = [as_float(g, f"x{i}.grad") for i, g in enumerate(answer["grads"])]
    wrong = [i for i, (g, r) in enumerate(zip(learner_grads, grads)) if not programs.close(g, r, 1e-6, 1e-9)]
    if not wrong:
        return
    i = wrong[0]
    message = f"x{i}.grad is {learner_grads[i]:.6g}, but should be {grads[i]:.6g}{where}."
    mistake = programs.looks_like(program, learner_grads)
    if mistake == "no seed" and _is_one(answer.get("output_grad")):
        mistake = "forward order"  # the output's grad is 1, so it was seeded: its step ran too late
    if mistake:
        message += "\n  That is what an engine gives when " + MISTAKES[mistake]
    fail(message)


def _is_one(value):
    try:
        return programs.close(as_float(value, "the output's grad"), 1.0)
    except CheckFailed:
        return False


def _programs(ops, n_steps=8, reuse=False, first=()):
    """Random programs over ``ops``. ``first``: ops to try alone before the program, so that an
    exercise not attempted yet says so (and not that an earlier one is missing)."""
    def inputs(rng):
        for _ in range(50):
            program = programs.random_program(rng, ops, n_steps=n_steps)
            if not reuse or programs.reused(program):
                break
        return {"program": program, "first": list(first)}
    return inputs


def _fixed(program):
    """Fresh inputs for a fixed program, each with the sign of the program's own."""
    def inputs(rng):
        values = [round(float(rng.uniform(0.4, 1.6)) * (-1 if x < 0 else 1), 3) for x in program["inputs"]]
        return {"program": {"inputs": values, "steps": program["steps"]}}
    return inputs


# 9.2 ----------------------------------------------------------------------------------------

register(Exercise("9.2", "A Value class with + and ×", 4, [
    Check("values and gradients match autodidact on random programs of + and ×",
          ("Each operation returns a new Value that remembers its parents, its op and a backward_step.",
           "backward() sets self.grad = 1, then runs backward_step of every value in reversed "
           "topological_order(self)."),
          _programs(("add", "mul")), _probe_program, _judge_program),
    Check("a value used more than once receives the sum of its contributions",
          ("Look at a value used twice, as in x * x + x: how many contributions reach it?",
           "In each backward_step, add to a parent's grad with +=: one step must not erase another's."),
          _programs(("add", "mul"), reuse=True), _probe_program, _judge_program),
    Check("plain numbers work on either side: 2 * a, a * 3, a + 1, 1.5 + a",
          ("2 * a calls float.__mul__ first, which gives up, then Value.__rmul__(a, 2).",
           "Inside __add__ and __mul__, wrap plain numbers in a Value before reading .data."),
          _fixed({"inputs": [1.0, 1.0], "steps": [["mul", [2.0], 0], ["mul", 0, [3.0]], ["add", 2, 3],
                                                 ["add", 4, [1.0]], ["add", [1.5], 5], ["add", 6, 1]]}),
          _probe_program, _judge_program),
    Check(f"backward() works on a chain {CHAIN_LENGTH:,} values deep",
          ("backward() should use topological_order from Exercise 9.1, which needs no recursion.",
           "If this raises RecursionError, something in backward() calls itself once per value."),
          lambda rng: {"program": programs.chain_program(CHAIN_LENGTH, "mul", 1.0001)},
          _probe_program, _judge_program),
], names=("Value",)))


# 9.3 ----------------------------------------------------------------------------------------

ARITHMETIC_ALONE = [
    {"inputs": [1.0, 1.0], "steps": [["sub", 0, 1]]},
    {"inputs": [1.0], "steps": [["sub", [2.5], 0]]},
    {"inputs": [1.0, 1.0], "steps": [["div", 0, 1]]},
    {"inputs": [1.0], "steps": [["div", [3.0], 0]]},
    {"inputs": [1.0], "steps": [["pow", 0, 3]]},
    {"inputs": [1.0], "steps": [["pow", 0, -1]]},
    {"inputs": [1.0], "steps": [["pow", 0, 0.5]]},
]


def _each_alone(cases):
    def inputs(rng):
        return {"programs": [_fixed(case)(rng)["program"] for case in cases]}
    return inputs


def _probe_each(learner, inputs):
    return [_probe_program(learner, {"program": program}) for program in inputs["programs"]]


def _judge_each(inputs, answer):
    for program, result in zip(inputs["programs"], answer):
        _judge_program({"program": program}, result)


register(Exercise("9.3", "Subtract, divide, power", 3, [
    Check("each of a - b, 2.5 - a, a / b, 3 / a, a**3, a**-1, a**0.5 alone",
          ("Some of these can be written with ops you already have: a - b is a + (-1 * b).",
           "a ** n with a number n has local derivative n * a**(n - 1); __rsub__ and __rtruediv__ "
           "handle a plain number on the left."),
          _each_alone(ARITHMETIC_ALONE), _probe_each, _judge_each),
    Check("values and gradients match autodidact on random programs of + - × ÷ **",
          ("When one op alone is right, combinations are right too, if backward() adds contributions.",
           "Look at the first wrong gradient and the op that uses that value."),
          _programs(("add", "sub", "mul", "div", "pow"), first=("sub", "div", "pow")), _probe_program,
          _judge_program),
], names=("Value",)))


# 9.4 ----------------------------------------------------------------------------------------

FUNCTIONS_ALONE = [
    {"inputs": [1.0], "steps": [["exp", 0]]},
    {"inputs": [1.0], "steps": [["log", 0]]},
    {"inputs": [1.0], "steps": [["tanh", 0]]},
    {"inputs": [1.0], "steps": [["relu", 0]]},
    {"inputs": [-1.0], "steps": [["relu", 0]]},  # a negative number (without `-`: 9.3 may be unfinished)
]


register(Exercise("9.4", "exp, log, tanh, relu", 3, [
    Check("each of exp, log, tanh and relu alone (relu on both sides of 0)",
          ("Each is an op with one parent: out = Value(f(self.data), (self,), name).",
           "The local derivatives: exp(a) (the output itself), 1/a, 1 - tanh(a)² (from the output), and "
           "1 where a > 0, else 0."),
          _each_alone(FUNCTIONS_ALONE), _probe_each, _judge_each),
    Check("values and gradients match autodidact on random programs of every op",
          ("If each op alone passes, look at how backward() combines them.",
           "The first wrong gradient in the message points at the value to look at."),
          _programs(programs.ALL_OPS, n_steps=10, first=programs.UNARY), _probe_program, _judge_program),
], names=("Value",)))


# 9.5 ----------------------------------------------------------------------------------------

def _line_inputs(rng):
    xs = sorted(round(float(x), 2) for x in rng.uniform(0, 3, size=4))
    slope, intercept = round(float(rng.uniform(-1, 1)), 2), round(float(rng.uniform(-1, 1)), 2)
    ys = [round(slope * x + intercept + float(rng.normal(0, 0.05)), 3) for x in xs]
    return {"xs": xs, "ys": ys, "lr": 0.05, "epochs": int(rng.integers(20, 60))}


def _probe_line(learner, inputs):
    train_line = learner.get("train_line")
    result = train_line(inputs["xs"], inputs["ys"], inputs["lr"], inputs["epochs"])
    if isinstance(result, tuple) and len(result) == 2:
        return [getattr(v, "data", v) for v in result]
    return result


def _reference_line(inputs, zero_grads=True):
    xs, ys = ad.tensor(inputs["xs"], dtype=ad.float64), ad.tensor(inputs["ys"], dtype=ad.float64)
    a = ad.tensor(1.0, dtype=ad.float64, requires_grad=True)
    b = ad.tensor(1.0, dtype=ad.float64, requires_grad=True)
    for _ in range(inputs["epochs"]):
        loss = ((ys - (a * xs + b)) ** 2).mean()
        loss.backward()
        with ad.no_grad():
            a -= inputs["lr"] * a.grad
            b -= inputs["lr"] * b.grad
            if zero_grads:
                a.grad.zero_()
                b.grad.zero_()
    return float(a.item()), float(b.item())


def _judge_line(inputs, answer):
    if not isinstance(answer, (list, tuple)) or len(answer) != 2:
        fail(f"train_line should return the pair (a, b), but it returned {describe(answer)}.")
    got = [as_float(v, name) for v, name in zip(answer, ("a", "b"))]
    want = _reference_line(inputs)
    if all(programs.close(g, w, 1e-6, 1e-9) for g, w in zip(got, want)):
        return
    where = (f" after {inputs['epochs']} epochs with lr = {inputs['lr']}, from a = b = 1, on "
             f"xs = {inputs['xs']}, ys = {inputs['ys']}")
    message = f"(a, b) is ({got[0]:.6g}, {got[1]:.6g}), but should be ({want[0]:.6g}, {want[1]:.6g}){where}."
    kept = _reference_line(inputs, zero_grads=False)
    if all(programs.close(g, k, 1e-6, 1e-9) for g, k in zip(got, kept)):
        message += ("\n  That is what training gives when the gradients are never reset: set a.grad and "
                    "b.grad back to 0 after each update, or they keep the sum of every epoch's gradient.")
    fail(message)


register(Exercise("9.5", "Train the tutorial's line with your engine", 3, [
    Check("the same (a, b) as autodidact's training loop",
          ("Each epoch: build the loss from a and b, call loss.backward(), step a.data and b.data "
           "downhill by lr times their grad.",
           "Your Value never forgets a gradient by itself: reset a.grad and b.grad to 0 every epoch."),
          _line_inputs, _probe_line, _judge_line),
], names=("train_line",)))

