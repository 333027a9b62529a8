"""Random expression programs: one computation, run by the learner's engine and by autodidact.

Lessons 9 and 10 check a learner's engine against the reference on programs drawn at random. A
program is plain data, so the grader can send it to the learner's kernel::

    {"inputs": [0.7, -1.2, 1.5],
     "steps": [["mul", 0, 1], ["add", 3, [2.0]], ["tanh", 4], ["pow", 5, 2], ["sub", [1.5], 2], ...]}

Registers ``0 .. n-1`` hold the inputs; step ``k`` writes register ``n + k``; the last register is
the output. An operand is a register number, or a plain number written as a one-element list
(``[2.0]``), on either side of a binary op, so that ``2 * x`` (``__rmul__``) is exercised too.

- :func:`random_program` draws a program over the ops the learner has written. It keeps every
  value in the domain of the next op (log of a positive number, division by a number away from
  zero, no overflowing exp), reuses values (fan-in), and adds the loose ends into the output, so
  every input reaches the output.
- :func:`run_program` runs a program with any engine whose values support ``+ - * / **`` and the
  methods ``exp() log() tanh() relu()``: the learner's ``Value`` (in the kernel) or autodidact's
  tensors (in the grader).
- :func:`reference` gives autodidact's output and input gradients in float64.
- :func:`emulate` runs the program with a typical mistake (``=`` instead of ``+=``, no visited
  set in the topological sort, backward not seeded with 1), so that a judgement can say which
  mistake a wrong answer looks like.
"""
import math

import numpy as np

import autodidact as ad

BINARY = ("add", "sub", "mul", "div")
UNARY = ("exp", "log", "tanh", "relu")
ALL_OPS = BINARY + ("pow",) + UNARY
SYMBOLS = {"add": "+", "sub": "-", "mul": "*", "div": "/"}


# ---------------------------------------------------------------------------------------------
# Drawing a program


def _operand_value(values, operand):
    return operand[0] if isinstance(operand, list) else values[operand]


def _local(op, a, b, out):
    """Local derivatives (∂out/∂a, ∂out/∂b) of one step, for the float emulator."""
    if op == "add":
        return 1.0, 1.0
    if op == "sub":
        return 1.0, -1.0
    if op == "mul":
        return b, a
    if op == "div":
        return 1.0 / b, -a / b**2
    if op == "pow":
        return b * a ** (b - 1), 0.0
    if op == "exp":
        return out, 0.0
    if op == "log":
        return 1.0 / a, 0.0
    if op == "tanh":
        return 1.0 - out**2, 0.0
    if op == "relu":
        return (1.0 if a > 0 else 0.0), 0.0
    raise ValueError(f"unknown op {op!r}")


def _forward(op, a, b=None):
    if op == "add":
        return a + b
    if op == "sub":
        return a - b
    if op == "mul":
        return a * b
    if op == "div":
        return a / b
    if op == "pow":
        return a**b
    if op == "exp":
        return math.exp(a)
    if op == "log":
        return math.log(a)
    if op == "tanh":
        return math.tanh(a)
    if op == "relu":
        return max(a, 0.0)
    raise ValueError(f"unknown op {op!r}")


def _allowed(op, a, b=None):
    """Whether ``op`` is safe on these values: in its domain, away from kinks, no overflow."""
    if op == "div":
        return abs(b) > 0.3 and abs(a / b) < 50
    if op == "mul":
        return abs(a * b) < 50
    if op == "pow":
        if b == int(b):
            return (b > 0 or abs(a) > 0.3) and abs(a) ** b < 50
        return a > 0.2
    if op == "exp":
        return a < 3
    if op == "log":
        return a > 0.2
    if op == "relu":
        return abs(a) > 0.05  # away from the kink, where the derivative is not defined
    return abs(a) < 1e3


def random_program(rng, ops=ALL_OPS, n_inputs=3, n_steps=8, low=0.3, high=1.8, numbers=True):
    """A program over ``ops`` (plain data), with values kept in each op's domain; ``numbers=False``
    leaves out plain-number operands (for tensors of one shape, where a number would broadcast)."""
    inputs = [round(float(rng.uniform(low, high) * rng.choice([-1.0, 1.0])), 3) for _ in range(n_inputs)]
    if "log" in ops and "add" not in ops:
        inputs = [abs(x) for x in inputs]
    values = list(inputs)
    steps = []
    uses = [0] * n_inputs
    unary = [op for op in ops if op in UNARY or op == "pow"]
    binary = [op for op in ops if op in BINARY]
    attempts = 0
    while len(steps) < n_steps and attempts < 500:
        attempts += 1
        # Prefer values used least so far; unused inputs first, so that every input appears.
        unused = [i for i, n in enumerate(uses) if n == 0]
        first = int(unused[0]) if unused and rng.random() < 0.7 else int(rng.integers(len(values)))
        if binary and (not unary or rng.random() < 0.6):
            op = str(rng.choice(binary))
            if numbers and rng.random() < 0.25:
                second = [round(float(rng.uniform(0.5, 3.0) * rng.choice([-1.0, 1.0])), 2)]
            else:
                second = int(rng.integers(len(values)))  # may equal first: x * x, a value used twice
            operands = [first, second]
            if isinstance(second, list) and rng.random() < 0.5:
                operands = [second, first]  # a number on the left: __radd__, __rsub__, __rmul__...
            a, b = (_operand_value(values, o) for o in operands)
            if not _allowed(op, a, b):
                continue
            out = _forward(op, a, b)
        else:
            op = str(rng.choice(unary))
            a = values[first]
            if op == "pow":
                exponent = float(rng.choice([2, 3, -1, 0.5]))
                if not _allowed("pow", a, exponent):
                    continue
                operands, out = [first, int(exponent) if exponent == int(exponent) else exponent], a**exponent
            else:
                if not _allowed(op, a):
                    continue
                operands, out = [first], _forward(op, a)
        if not math.isfinite(out) or abs(out) > 1e3:
            continue
        steps.append([op] + operands)
        for o in operands[:1] if op == "pow" else operands:
            if not isinstance(o, list):
                uses[o] += 1
        values.append(out)
        uses.append(0)
    # Loose ends (values nobody used, inputs included) are added into the output.
    loose = [i for i, n in enumerate(uses) if n == 0]
    if "add" in ops:
        while len(loose) > 1:
            a, b = loose.pop(0), loose.pop(0)
            steps.append(["add", a, b])
            values.append(values[a] + values[b])
            uses.append(0)
            loose.append(len(values) - 1)
    return {"inputs": inputs, "steps": steps}


def chain_program(length, op="mul", number=1.0001):
    """x, then ``length`` steps of x op number: a graph as deep as it is long."""
    return {"inputs": [0.5], "steps": [[op, i, [number]] for i in range(length)]}


MAX_DESCRIBED_STEPS = 16


def describe(program, names=None, max_steps=MAX_DESCRIBED_STEPS):
    """The program as Python lines, ``v3 = x0 * x1``, for failure messages. A longer program (a
    chain 10,000 deep) shows its first and last steps around a count of the ones left out."""
    n = len(program["inputs"])
    names = names or [f"x{i}" for i in range(n)]

    def name(o):
        return repr(o[0]) if isinstance(o, list) else (names[o] if o < n else f"v{o}")

    lines = []
    for k, (op, *operands) in enumerate(program["steps"]):
        if op in SYMBOLS:
            text = f"{name(operands[0])} {SYMBOLS[op]} {name(operands[1])}"
        elif op == "pow":
            text = f"{name(operands[0])} ** {operands[1]!r}"
        else:
            text = f"{name(operands[0])}.{op}()"
        lines.append(f"v{n + k} = {text}")
    if len(lines) > max_steps:
        left_out = len(lines) - 5
        lines = lines[:3] + [f"... ({left_out:,} more steps) ..."] + lines[-2:]
    return "; ".join(lines)


# ---------------------------------------------------------------------------------------------
# Running a program


def run_program(program, leaves):
    """Run ``program`` on ``leaves`` (one value per input, of any engine); returns every register."""
    registers = list(leaves)

    def get(o):
        return o[0] if isinstance(o, list) else registers[o]

    for op, *operands in program["steps"]:
        if op == "add":
            out = get(operands[0]) + get(operands[1])
        elif op == "sub":
            out = get(operands[0]) - get(operands[1])
        elif op == "mul":
            out = get(operands[0]) * get(operands[1])
        elif op == "div":
            out = get(operands[0]) / get(operands[1])
        elif op == "pow":
            out = registers[operands[0]] ** operands[1]
        elif op in UNARY:
            out = getattr(registers[operands[0]], op)()
        else:
            raise ValueError(f"unknown op {op!r} in a program")
        registers.append(out)
    return registers


def reference(program):
    """autodidact's answer in float64: ``(output value, [gradient of each input])``."""
    leaves = [ad.tensor(x, dtype=ad.float64, requires_grad=True) for x in program["inputs"]]
    out = run_program(program, leaves)[-1]
    out.backward()
    return float(out.item()), [0.0 if x.grad is None else float(x.grad.item()) for x in leaves]


def emulate(program, mistake=None):
    """The input gradients a scalar engine with ``mistake`` would give (None: the right ones).

    ``"overwrite"``: a backward step writes ``grad = ...`` instead of adding to it.
    ``"no visited set"``: the topological sort lists a value once per path to it, so its step runs
    more than once. ``"no seed"``: backward() does not start with the output's grad = 1.
    ``"forward order"``: the steps run in the topological order itself, not reversed, so the
    output's step runs last, after the others have passed on gradients that were still 0.
    """
    n = len(program["inputs"])
    values = list(program["inputs"])
    parents = [[] for _ in range(n)]
    locals_ = [[] for _ in range(n)]
    for op, *operands in program["steps"]:
        a = _operand_value(values, operands[0])
        b = operands[1] if op == "pow" else (_operand_value(values, operands[1]) if len(operands) > 1 else None)
        out = _forward(op, a, b)
        da, db = _local(op, a, b, out)
        edges = []
        if not isinstance(operands[0], list):
            edges.append((operands[0], da))
        if op in BINARY and not isinstance(operands[1], list):
            edges.append((operands[1], db))
        parents.append([p for p, _ in edges])
        locals_.append([d for _, d in edges])
        values.append(out)
    root = len(values) - 1
    if mistake == "no visited set":
        order, stack = [], [(root, False)]
        while stack:
            node, done = stack.pop()
            if done:
                order.append(node)
            else:
                stack.append((node, True))
                stack.extend((p, False) for p in parents[node])
        order.reverse()
    elif mistake == "forward order":
        order = list(range(root + 1))
    else:
        order = list(range(root, -1, -1))  # registers were made in order: reversed is topological
    grads = [0.0] * len(values)
    grads[root] = 0.0 if mistake == "no seed" else 1.0
    for node in order:
        for p, local in zip(parents[node], locals_[node]):
            contribution = local * grads[node]
            if mistake == "overwrite":
                grads[p] = contribution
            else:
                grads[p] += contribution
    return grads[:n]


def close(a, b, rtol=1e-6, atol=1e-9):
    return abs(a - b) <= atol + rtol * abs(b)


def looks_like(program, grads, mistakes=("overwrite", "no visited set", "no seed", "forward order")):
    """The first typical mistake whose gradients equal ``grads`` (and differ from the right ones)."""
    right = emulate(program)
    for mistake in mistakes:
        wrong = emulate(program, mistake)
        if all(close(g, w) for g, w in zip(grads, wrong)) and not all(close(r, w) for r, w in zip(right, wrong)):
            return mistake
    return None


def reused(program):
    """Indices of inputs used more than once (directly): where forgetting += shows."""
    counts = {}
    for op, *operands in program["steps"]:
        for o in operands[:1] if op == "pow" else operands:
            if not isinstance(o, list):
                counts[o] = counts.get(o, 0) + 1
    return [i for i in range(len(program["inputs"])) if counts.get(i, 0) > 1]


__all__ = ["ALL_OPS", "BINARY", "UNARY", "random_program", "chain_program", "describe", "run_program",
           "reference", "emulate", "looks_like", "reused"]
