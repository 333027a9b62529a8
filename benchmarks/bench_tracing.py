"""How much does tracing cost? One training step of a 2-16-16-1 MLP, with and without ad.trace().

    python benchmarks/bench_tracing.py

Recording (the engine calling the trace's observer) must stay within 3x of an untraced step.
Working the steps out into formulas and text happens only when someone looks at the trace; that
cost is reported separately.
"""
import os
import sys
import timeit

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import autodidact as ad  # noqa: E402
from autodidact.engine import graph  # noqa: E402

BATCH = 32


def make_model():
    ad.manual_seed(0)
    sizes = [2, 16, 16, 1]
    params = []
    for fan_in, fan_out in zip(sizes, sizes[1:]):
        params.append((ad.randn(fan_in, fan_out) * (1 / fan_in ** 0.5)).requires_grad_())
        params.append(ad.zeros(fan_out, requires_grad=True))
    X = ad.randn(BATCH, 2)
    y = (X[:, :1] * X[:, 1:]).tanh()
    return params, X, y


def step(params, X, y, lr=0.05):
    W1, b1, W2, b2, W3, b3 = params
    h1 = ad.tanh(X @ W1 + b1)
    h2 = ad.tanh(h1 @ W2 + b2)
    out = h2 @ W3 + b3
    loss = ((out - y) ** 2).mean()
    for p in params:
        p.grad = None
    loss.backward()
    with ad.no_grad():
        for p in params:
            p -= lr * p.grad
    return loss


def traced_step(params, X, y):
    with ad.trace() as t:
        step(params, X, y)
    return t


def best_of(function, number, repeat=7):
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number


def main():
    params, X, y = make_model()
    assert not graph.observers, "tracing must be off for the untraced measurement"
    plain = best_of(lambda: step(params, X, y), number=200)
    traced = best_of(lambda: traced_step(params, X, y), number=200)
    assert not graph.observers, "the trace must remove its observer"
    built = best_of(lambda: traced_step(params, X, y).steps, number=50)
    rendered = best_of(lambda: str(traced_step(params, X, y)), number=20)
    ratio = traced / plain
    print(f"MLP 2-16-16-1, batch {BATCH}, one training step:")
    print(f"  untraced                    {plain * 1e6:9.1f} µs")
    print(f"  traced (recording)          {traced * 1e6:9.1f} µs   ratio {ratio:.2f}x (limit 3x)")
    print(f"  traced + steps worked out   {built * 1e6:9.1f} µs")
    print(f"  traced + printed as text    {rendered * 1e6:9.1f} µs")
    return ratio


if __name__ == "__main__":
    ratio = main()
    sys.exit(0 if ratio <= 3.0 else 1)
