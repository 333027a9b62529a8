"""How fast the course's tools read a learner's own engine (the learner-engine protocol).

    python benchmarks/bench_learner_engine.py

Issue 13 asks that ``ad.graph`` and ``ad.explain``, given a learner's graph of 10,000 values (or an
object that breaks the protocol), answer within a second. Each figure is the median of 5 runs.
"""
import math
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import autodidact as ad  # noqa: E402
from autodidact.tracing.learner import ProtocolError  # noqa: E402


class Value:
    def __init__(self, data, parents=(), op=""):
        self.data, self.grad, self.parents, self.op = float(data), 0.0, parents, op
        self.backward_step = lambda: None

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other), "*")

        def backward_step():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out.backward_step = backward_step
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,), "tanh")

        def backward_step():
            self.grad += (1 - out.data**2) * out.grad
        out.backward_step = backward_step
        return out

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, done = stack.pop()
            if done:
                order.append(node)
            elif id(node) not in seen:
                seen.add(id(node))
                stack.append((node, True))
                stack.extend((p, False) for p in node.parents)
        self.grad = 1.0
        for node in reversed(order):
            node.backward_step()


def chain(length):
    z = Value(0.5)
    for n in range(length):
        z = z * 1.0001 if n % 2 else z.tanh()
    return z


def median_seconds(task, repeats=5):
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        task()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def cycle():
    a = Value(1.0)
    b = a * 2.0
    a.parents = (b,)
    try:
        ad.graph(b)
    except ProtocolError:
        pass


def main():
    z = chain(10_000)  # 10,000 ops: 15,001 values (5,000 constants)
    rows = [
        ("ad.graph(v) and its SVG, 10,000 ops", lambda: ad.graph(z).to_svg()),
        ("ad.explain(v) and its text, 10,000 steps", lambda: str(ad.explain(z))),
        ("ad.graph(v) of a cycle (refused)", cycle),
    ]
    for name, task in rows:
        print(f"{name:<45} {median_seconds(task) * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
