"""How long from setting a widget control to the new picture being ready? (headless, kernel side)

    python benchmarks/bench_widgets.py            # prints a table; exit code 1 if a target is missed
    python benchmarks/bench_widgets.py --quick    # fewer repetitions

Each case sets a control the way the browser does (the widget's own slider or button) and stops
the clock when the new PNG (or SVG) and the readouts are in the widgets, i.e. ready to be sent to
the browser. Targets (median): GradientExplorer and BackpropStepper <= 30 ms, TrainingLab rerun of
200 epochs <= 150 ms. The Playground has no target; one frame (5 training steps + redraw) is shown
for reference. The browser adds its own ~50-60 ms to show a new image (see the notes in
../shared/notes/jupyter-testing.md).
"""
import argparse
import os
import statistics
import sys
import time

for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import autodidact as ad  # noqa: E402
from autodidact.widgets import BackpropStepper, GradientExplorer, Playground, TrainingLab  # noqa: E402


def timings(action, values, warmup=3):
    """``(wall, cpu)``: milliseconds for ``action(value)`` for each value, after a few warm-ups.

    Wall-clock time is what a learner waits. On a machine shared with other jobs it also counts
    time spent waiting for a core; the CPU time this process used does not, so both are kept.
    """
    for value in values[:warmup]:
        action(value)
    wall, cpu = [], []
    for value in values:
        start, start_cpu = time.perf_counter(), time.process_time()
        action(value)
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu


def bench_explorer(repeats):
    explorer = GradientExplorer(lambda x: ad.log(x ** 2), x=5.0)
    xs = [1.0 + 0.037 * i for i in range(repeats)]  # a new x every time, as when dragging

    def move(x):
        explorer._slider.value = x
        assert explorer._image.value and "f′(x)" in explorer._readout.value

    return timings(move, xs)


def bench_stepper(repeats):
    x = ad.tensor([1.0, 2.0, 3.0])
    y = ad.tensor([1.0, 1.5, 2.0])
    params = ad.tensor([1.0, 1.0], requires_grad=True)
    loss = ((params[0] * x + params[1] - y) ** 2).mean()
    first_visits, revisits = ([], []), ([], [])
    for _ in range(max(1, repeats // 8)):
        stepper = BackpropStepper(loss)  # a fresh stepper: nothing cached

        def visit(k):
            stepper._slider.value = k
            assert "<svg" in stepper._graph.value

        for totals, ks in ((first_visits, range(1, stepper.steps + 1)),
                           (revisits, range(stepper.steps, -1, -1))):
            wall, cpu = timings(visit, list(ks), warmup=0)
            totals[0].extend(wall)
            totals[1].extend(cpu)
    return first_visits, revisits


def bench_training(repeats):
    lab = TrainingLab(epochs=200)
    lab.run()
    stops = [value for _, value in lab._lr.options if 0.01 <= value <= 0.2]  # 0.01 ... 0.2
    rates = [stops[i % len(stops)] for i in range(repeats)]

    def rerun(lr):
        lab._lr.value = lr  # as the browser sets it
        lab._run_button.click()
        assert len(lab.history) == 200 or lab.history.diverged

    return timings(rerun, rates)


def bench_playground(repeats):
    pg = Playground(dataset="moons", steps_per_frame=5)

    def tick(_):
        pg.play.value += 1

    return timings(tick, list(range(repeats)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    repeats = 15 if args.quick else 60

    first, again = bench_stepper(repeats)
    cases = [
        ("GradientExplorer: move x", bench_explorer(repeats), 30),
        ("BackpropStepper: step (first visit)", first, 30),
        ("BackpropStepper: step (visited before)", again, 30),
        ("TrainingLab: Run, 200 epochs", bench_training(max(10, repeats // 3)), 150),
        ("Playground: one Play frame (5 steps)", bench_playground(repeats), None),
    ]
    print(f"{'case':42} {'median':>8} {'p90':>8} {'max':>8} {'CPU':>6}  target (median)")
    missed = False
    for name, (times, cpu), target in cases:
        times = sorted(times)
        median = statistics.median(times)
        p90 = times[int(0.9 * (len(times) - 1))]
        verdict = "" if target is None else (f"<= {target} ms " + ("ok" if median <= target else "MISSED"))
        missed |= target is not None and median > target
        print(f"{name:42} {median:7.1f}  {p90:7.1f}  {times[-1]:7.1f} {statistics.median(cpu):6.1f}   {verdict}")
    print("(milliseconds; median, p90 and max are wall-clock, CPU is this process's median CPU time)")
    try:
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    except OSError:
        pass
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
