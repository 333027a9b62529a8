"""Graded exercises: the checks, ``check("2.1")`` for the notebook, and ``autodidact grade``.

    from autodidact.grading import check
    check("2.1")          # in the notebook, right after the exercise cell

The kernel is an oracle; the judge is outside
---------------------------------------------
A learner's notebook is untrusted code. ``autodidact grade`` runs it in its own kernel, in a sandbox
(:mod:`.sandbox`), and then only *asks* that kernel for values: the grader draws the inputs, the
kernel calls the learner's functions on them and answers in plain data (numbers, arrays, tensors'
values, shapes, dtypes, ``grad_fn`` names, ``requires_grad``, exceptions by class; :mod:`.plain`).
Every comparison, score and total is computed in the grader's own process (:mod:`.judge`), with the
grader's own engine. Nothing the kernel prints or displays counts, and no check scores more than it
is worth. ``check("2.1")`` in a notebook runs the same probes and judgements in-process, for
feedback while learning; marks come only from the judge.

The check format
----------------
An exercise is data: ``Exercise(id, title, points, checks, names)``, registered with
:func:`register` in a module of :mod:`.checks` (one per lesson; importing the package fills the
registry). Each :class:`Check` has three functions and progressive hints::

    def inputs(rng):                       # grader: draw the inputs (plain JSON data)
        return {"xs": rng.uniform(-3, 3, size=3).round(3).tolist()}

    def probe(learner, inputs):            # kernel: call the learner's code, return what it gave
        f_prime = learner.get("f_prime")   # a clear "not defined"/"syntax error" if it is missing
        return [f_prime(x) for x in inputs["xs"]]

    def judge(inputs, answer):             # grader: compare with the engine; fail() says what was seen
        for x, value in zip(inputs["xs"], answer):
            expect_close(value, engine_derivative(f, x), "f_prime(x)", f" at x = {x}")

    Check("agrees with autograd at random points",
          ("where to look first", "a little more, never the formula itself"),
          inputs, probe, judge)

Rules for authors:

- ``inputs`` gets a NumPy generator (fresh entropy in a notebook; derived from the assignment's
  secret and the student's id when grading, so a regrade gives the same marks) and returns only
  JSON data: numbers, strings, lists, dicts. Both probe and judge see exactly that data.
- ``probe`` runs in the learner's kernel with the engine the learner imported (``import autodidact
  as ad`` at the top of the lesson module is fine). It builds tensors from the inputs
  (:func:`.checks.common.t64`), calls the learner's objects, and returns them: a value, a tensor, a
  list/tuple/dict of those. It decides nothing. If it raises, the learner's exception is the
  answer (an untouched ``raise NotImplementedError("Exercise 2.1: ...")`` means "not attempted").
  It must only call the learner's code and read results; keep it short and deterministic.
- The answer reaches ``judge`` decoded (:mod:`.plain`): Python numbers, strings, ``None``, lists,
  tuples, dicts, NumPy arrays, :class:`~.plain.TensorFacts` for tensors (``values``, ``shape``,
  ``dtype``, ``requires_grad``, ``is_leaf``, ``grad_fn`` name) and :class:`~.plain.Opaque` for
  anything else. ``judge`` recomputes the expected answer with the grader's engine from ``inputs``
  and raises :class:`CheckFailed` (``fail(...)``, ``expect_close``, ``expect_array_close``,
  ``as_float``, ``as_tensor``, ``as_tuple``) with a message about what the learner's code did. Where
  a typical mistake can be recognised (a sign slip, a sum for a mean, an old gradient kept), say so.
- ``hints`` go from where to look to more detail; the formula itself is never a hint.
- Hidden checks (``--checks DIR``) use the same format; see :mod:`.hidden`.

Modules: :mod:`.core` (exercises, results, judging one answer), :mod:`.probe` (the kernel's side),
:mod:`.plain` (the plain data between them), :mod:`.notebook` (``check()``), :mod:`.judge` (grading
a submission), :mod:`.sandbox`, :mod:`.worker` (runs inside the sandbox), :mod:`.assignment`,
:mod:`.classroom` (``grade-class``), :mod:`.gradescope`, :mod:`.report`. This package uses the
engine only: no tracing, drawing or widgets.
"""
from .core import (Check, CheckFailed, CheckResult, Exercise, ExerciseResult, all_exercises, fail,
                   get_exercise, run_exercise)
from .notebook import Feedback, check

__all__ = ["check", "Feedback", "Check", "CheckFailed", "CheckResult", "Exercise", "ExerciseResult",
           "all_exercises", "fail", "get_exercise", "run_exercise"]
