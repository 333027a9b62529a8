"""Time autodidact against PyTorch (and MyGrad when installed) on two small workloads.

    python benchmarks/bench_engine.py            # prints a table with ratios to PyTorch
    python benchmarks/bench_engine.py --quick    # fewer repetitions
    python benchmarks/bench_engine.py --profile mlp   # where autodidact spends its time (cProfile)
    python benchmarks/bench_engine.py --runs 3   # the table 3 times, then each ratio's range

(a) seed:  the seed notebook's 50-epoch training loop (linear model, MSE, clone/detach each epoch,
           and its f-string formatting of the parameters).
(b) mlp:   one training step of a 2-16-16-1 tanh MLP on 100 points (forward, MSE, backward, SGD
           update under no_grad, zero the grads).
(c) wide:  one training step of a 784-256-10 ReLU network on a batch of 512 (MNIST-sized; nn.Linear,
           cross_entropy, optim.SGD). NumPy's and PyTorch's matmul kernels dominate here. MyGrad has
           no cross-entropy with these semantics in its core API, so it sits this one out.

Everything runs in this one process on one thread: BLAS and PyTorch are pinned to a single thread
before they load. The engines take turns, round after round, so a busy machine slows them alike;
each figure is the median over the rounds. Ratios below 1.0 mean autodidact is faster. On a shared
machine the figures still move between runs: ``--runs N`` repeats the whole table and prints the
range of each ratio, with the load average before and after (``os.getloadavg``).
"""
import os

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[variable] = "1"

import argparse  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import autodidact  # noqa: E402


# ---------------------------------------------------------------------------------------------
# Workloads, written once against the torch API (autodidact and torch both provide it)


def seed_training_loop(torch):
    def f_linear(x, params):
        return params[0] * x + params[1]

    def mse_loss(y, y_hat):
        return (y - y_hat) ** 2

    model_params = torch.tensor([1.0, 1.0])
    x = torch.tensor([1.0, 2.0, 3.0])
    y = torch.tensor([1.0, 1.5, 2.0])
    alpha = 0.05
    lines = []
    for epoch in range(50):
        x = x.clone()
        model_params = model_params.clone().detach().requires_grad_(True)
        y_hat = f_linear(x, model_params)
        loss = mse_loss(y, y_hat).mean()
        lines.append(f"Epoch {epoch}: loss={loss.item()}, param_a={model_params[0]}, param_b={model_params[1]}")
        loss.backward()
        model_params = model_params - alpha * model_params.grad
    return lines


def mlp_data(torch, seed=0):
    rng = np.random.default_rng(seed)
    X = torch.tensor(rng.standard_normal((100, 2)).astype(np.float32))
    Y = torch.tensor(rng.standard_normal((100, 1)).astype(np.float32))
    shapes = [(2, 16), (16,), (16, 16), (16,), (16, 1), (1,)]
    params = [torch.tensor((rng.standard_normal(s) * 0.5).astype(np.float32), requires_grad=True)
              for s in shapes]
    return X, Y, params


def mlp_training_step(torch, X, Y, params, lr=0.01):
    W1, b1, W2, b2, W3, b3 = params
    h1 = torch.tanh(X @ W1 + b1)
    h2 = torch.tanh(h1 @ W2 + b2)
    out = h2 @ W3 + b3
    loss = ((out - Y) ** 2).mean()
    loss.backward()
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad
            p.grad.zero_()
    return loss


def wide_data(torch, seed=0):
    rng = np.random.default_rng(seed)
    torch.manual_seed(seed)
    X = torch.tensor(rng.standard_normal((512, 784)).astype(np.float32))
    labels = torch.tensor(rng.integers(0, 10, 512))
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01)
    return X, labels, model, optimizer


def wide_training_step(torch, X, labels, model, optimizer):
    optimizer.zero_grad()
    loss = torch.nn.functional.cross_entropy(model(X), labels)
    loss.backward()
    optimizer.step()
    return loss


# MyGrad has its own API: the same two workloads, written for it.
def mygrad_seed_loop(mg):
    params = np.array([1.0, 1.0], dtype=np.float32)
    x = mg.tensor(np.array([1.0, 2.0, 3.0], dtype=np.float32))
    y = mg.tensor(np.array([1.0, 1.5, 2.0], dtype=np.float32))
    lines = []
    for epoch in range(50):
        p = mg.tensor(params.copy())
        loss = mg.mean((y - (p[0] * x + p[1])) ** 2)
        lines.append(f"Epoch {epoch}: loss={loss.item()}, param_a={p.data[0]}, param_b={p.data[1]}")
        loss.backward()
        params = p.data - 0.05 * p.grad
    return lines


def mygrad_mlp_step(mg, X, Y, params, lr=0.01):
    W1, b1, W2, b2, W3, b3 = params
    h1 = mg.tanh(mg.matmul(X, W1) + b1)
    h2 = mg.tanh(mg.matmul(h1, W2) + b2)
    out = mg.matmul(h2, W3) + b3
    loss = mg.mean((out - Y) ** 2)
    loss.backward()
    for p in params:
        p.data -= lr * p.grad
    return loss


# ---------------------------------------------------------------------------------------------


def engines():
    found = {"autodidact": autodidact}
    try:
        import torch

        torch.set_num_threads(1)
        found["torch"] = torch
    except ImportError:
        print("(PyTorch is not installed: no ratios. pip install torch==2.13.0)")
    try:
        import mygrad

        found["mygrad"] = mygrad
    except ImportError:
        pass
    return found


def workloads(name, module):
    """Return {workload: zero-argument callable} for one engine."""
    if name == "mygrad":
        rng = np.random.default_rng(0)
        X = rng.standard_normal((100, 2)).astype(np.float32)
        Y = rng.standard_normal((100, 1)).astype(np.float32)
        params = [module.tensor((rng.standard_normal(s) * 0.5).astype(np.float32))
                  for s in [(2, 16), (16,), (16, 16), (16,), (16, 1), (1,)]]
        return {"seed": lambda: mygrad_seed_loop(module),
                "mlp": lambda: mygrad_mlp_step(module, X, Y, params)}
    X, Y, params = mlp_data(module)
    wide = wide_data(module)
    return {"seed": lambda: seed_training_loop(module),
            "mlp": lambda: mlp_training_step(module, X, Y, params),
            "wide": lambda: wide_training_step(module, *wide)}


def measure(found, rounds, repeats):
    """Median seconds per call: for each round, every engine runs each workload `repeats` times."""
    calls = {name: workloads(name, module) for name, module in found.items()}
    samples = {(name, w): [] for name in calls for w in calls[name]}
    for name in calls:  # warm up caches and lazy imports
        for function in calls[name].values():
            function()
    for _ in range(rounds):
        for name in calls:
            for workload, function in calls[name].items():
                start = time.perf_counter()
                for _ in range(repeats[workload]):
                    function()
                samples[(name, workload)].append((time.perf_counter() - start) / repeats[workload])
    return {key: statistics.median(values) for key, values in samples.items()}


def profile(workload, top=15):
    """Print where autodidact spends its time on ``workload``: cProfile's top entries, own time first."""
    import cProfile
    import pstats

    function = workloads("autodidact", autodidact)[workload]
    function()  # warm up
    calls = {"seed": 20, "mlp": 500, "wide": 10}[workload]
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(calls):
        function()
    profiler.disable()
    print(f"{workload}: {calls} calls, under the profiler (which slows Python code several times)")
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


def print_table(found, medians):
    """One line per workload and engine: the median time and its ratio to PyTorch's."""
    print(f"{'workload':<8} {'engine':<11} {'median':>12} {'vs PyTorch':>11}")
    for workload, unit, scale in (("seed", "ms", 1e3), ("mlp", "µs", 1e6), ("wide", "ms", 1e3)):
        for name in found:
            if (name, workload) not in medians:
                continue
            seconds = medians[(name, workload)]
            ratio = ""
            if "torch" in found:
                ratio = f"{seconds / medians[('torch', workload)]:.2f}×"
            print(f"{workload:<8} {name:<11} {seconds * scale:>9.1f} {unit} {ratio:>11}")


def load_average():
    return "load average " + ", ".join(f"{load:.2f}" for load in os.getloadavg())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a rough figure)")
    parser.add_argument("--runs", type=int, default=1, help="repeat the table this many times; print "
                        "the range of each ratio")
    parser.add_argument("--profile", choices=("seed", "mlp", "wide"),
                        help="profile autodidact on one workload instead of timing")
    args = parser.parse_args(argv)
    if args.profile:
        return profile(args.profile)
    found = engines()
    rounds = 5 if args.quick else 21
    runs = []
    print(load_average())
    for _ in range(args.runs):
        medians = measure(found, rounds, {"seed": 5, "mlp": 50, "wide": 3})
        print_table(found, medians)
        print(load_average())
        runs.append(medians)
    if args.runs > 1 and "torch" in found:
        print("ratios to PyTorch over the runs (lowest-highest):")
        for workload in ("seed", "mlp", "wide"):
            for name in found:
                if name != "torch" and (name, workload) in runs[0]:
                    ratios = [medians[(name, workload)] / medians[("torch", workload)] for medians in runs]
                    print(f"  {workload:<8} {name:<11} {min(ratios):.2f}-{max(ratios):.2f}×")
    return runs[-1]


if __name__ == "__main__":
    main()
