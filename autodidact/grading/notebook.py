"""``check("2.1")``: grade one exercise inside the notebook, right after its cell.

With the environment variable ``AUTODIDACT_STRICT_CHECKS=1`` a failing check raises instead of
only showing ✗, so ``pytest --nbval-lax solutions/`` fails when a solution stops passing.

It runs the exercise's checks on the objects in the notebook (the caller's namespace): each probe
and its judgement, in this process. The score it shows is feedback for learning; marks come only
from ``autodidact grade``, whose judge runs outside the learner's kernel. It returns a
:class:`Feedback` that Jupyter shows as a ✓/✗ list with hints and the score (plain text elsewhere).

Hints are progressive: the first failed attempt at a check shows its first hint (where to look),
each further attempt one more.
"""
import html
import os
import sys

from .core import DEFAULT_TIME_LIMIT, ERROR, NOT_ATTEMPTED, PASSED, TIMEOUT, get_exercise, run_exercise

STRICT_VARIABLE = "AUTODIDACT_STRICT_CHECKS"
SYMBOLS = {PASSED: "✓", NOT_ATTEMPTED: "·", TIMEOUT: "⧗"}
# Text and background are set together (the marks sit on a white chip), so they keep at least
# 4.5:1 contrast in JupyterLab's Light and Dark themes alike.
COLOURS = {PASSED: "#1a7f37", NOT_ATTEMPTED: "#57606a"}
CHIP = "background:#ffffff;padding:0 3px;border-radius:3px"
NOT_ATTEMPTED_TEXT = ("Write your code in place of the `raise NotImplementedError(...)` line (in a find-the-bug "
                      "exercise: fix the code, then delete that line), run the cell, then run this check again.")


def _format_points(value):
    return f"{value:g}" if value == int(value) else f"{value:.2f}"


def symbol(status):
    return SYMBOLS.get(status, "✗")


_ATTEMPTS = {}  # (exercise id, check name) -> failed attempts so far in this kernel


class Feedback:
    """The result of ``check(...)``: shown as HTML in Jupyter and as text anywhere else."""

    def __init__(self, result, hints=None):
        self.result = result
        self.hints = hints or {c.name: [c.hint] if c.hint else [] for c in result.checks}

    @property
    def score(self):
        return self.result.score

    @property
    def passed(self):
        return self.result.status == PASSED

    def headline(self):
        result = self.result
        state = {PASSED: "all checks pass", NOT_ATTEMPTED: "not attempted yet"}.get(
            result.status, f"{result.passed_checks} of {len(result.checks)} checks pass")
        return (f"Exercise {result.exercise.id} · {result.exercise.title}: {state} — "
                f"{_format_points(result.score)}/{_format_points(result.max_score)} points")

    def __repr__(self):
        lines = [self.headline()]
        if self.result.status == NOT_ATTEMPTED:
            return "\n".join(lines + ["  " + NOT_ATTEMPTED_TEXT])
        for check in self.result.checks:
            lines.append(f"  {symbol(check.status)} {check.name}")
            if not check.passed:
                lines += ["      " + line for line in check.detail.splitlines()]
                if check.status != NOT_ATTEMPTED:
                    lines += [f"      hint: {hint}" for hint in self.hints.get(check.name, [])]
        lines += ["  note: " + note for note in self.result.notes]
        return "\n".join(lines)

    def _repr_html_(self):
        result = self.result
        colour = COLOURS.get(result.status, "#cf222e")
        parts = [f'<div style="border-left:4px solid {colour};padding:4px 10px;font-family:sans-serif">',
                 f'<b style="color:{colour};{CHIP}">{html.escape(self.headline())}</b>', "<ul style='list-style:none;padding-left:0.5em;margin:4px 0'>"]
        if result.status == NOT_ATTEMPTED:
            parts.append(f"<li>{html.escape(NOT_ATTEMPTED_TEXT)}</li>")
        else:
            for check in result.checks:
                mark_colour = COLOURS.get(check.status, "#cf222e")
                parts.append(f'<li><span style="color:{mark_colour};{CHIP}">{symbol(check.status)}</span> '
                             f"{html.escape(check.name)}")
                if not check.passed:
                    parts.append(f'<pre style="margin:2px 0 2px 1.5em;white-space:pre-wrap">'
                                 f"{html.escape(check.detail)}</pre>")
                    for hint in self.hints.get(check.name, []):
                        parts.append(f'<div style="margin-left:1.5em"><i>hint:</i> {html.escape(hint)}</div>')
                parts.append("</li>")
        parts += [f"<li><i>note:</i> {html.escape(note)}</li>" for note in result.notes]
        parts.append("</ul></div>")
        return "".join(parts)


def check(exercise_id, namespace=None, time_limit=DEFAULT_TIME_LIMIT):
    """Grade exercise ``exercise_id`` (e.g. ``"2.1"``) on the objects defined in the notebook."""
    if namespace is None:
        namespace = sys._getframe(1).f_globals  # the notebook's namespace when called from a cell
    try:
        exercise = get_exercise(exercise_id)
    except KeyError as error:
        raise ValueError(error.args[0]) from None
    result = run_exercise(exercise, namespace, time_limit)
    feedback = Feedback(result, _progressive_hints(exercise, result))
    if os.environ.get(STRICT_VARIABLE) and not feedback.passed:
        # for CI on the solutions (`pytest --nbval-lax solutions/`): a failing check fails the cell
        raise AssertionError(f"{STRICT_VARIABLE} is set and a check failed:\n{feedback!r}")
    return feedback


def _progressive_hints(exercise, result):
    """For each failing check, its first hints: one more on every failed attempt, up to all of them."""
    shown = {}
    for check, outcome in zip(exercise.checks, result.checks):
        if outcome.passed or outcome.status == NOT_ATTEMPTED:
            continue
        key = (exercise.id, check.name)
        _ATTEMPTS[key] = _ATTEMPTS.get(key, 0) + 1
        shown[check.name] = list(check.hints[: _ATTEMPTS[key]])
    return shown
