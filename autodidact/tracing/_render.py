"""A trace as plain text (terminal), Markdown with LaTeX (notebooks, nbconvert) and HTML.

All three read the same data (``trace.forward``, ``trace.steps``, ``trace.leaf_grads``), so they
always tell the same story: each backward step multiplies the upstream gradient by the op table's
local derivative, and the parts arriving at one tensor are summed.
"""
import html as _html
import re

import numpy as np

from . import _format
from ._core import latex_label

# ---------------------------------------------------------------------------------------------
# Pieces shared by the renderings


def term(v):
    """A value as a factor or summand: negative numbers in brackets, ``0.4 × (-2)``."""
    text = _format.value(v)
    return f"({text})" if text.startswith("-") else text


def local_text(c):
    """``∂z/∂h = 1/h = 1/25 = 0.04``: the local derivative, with names, numbers, value."""
    parts = [c.local_symbol, c.formula]
    if c.substituted and c.substituted != c.formula:
        parts.append(c.substituted)
    if c.local_value is not None:
        shown = _format.value(c.local_value)
        if shown != parts[-1] and f"({shown})" != parts[-1]:
            parts.append(shown)
    return " = ".join(parts)


def passed_name(step, c):
    """What the step's product is: the whole ``∂z/∂x`` when it is the input's only path, else one
    path's part, ``contribution via h`` (the parts are summed where they meet, under ∂z/∂x)."""
    return f"contribution via {step.output}" if c.paths > 1 else c.gradient_symbol


def product_text(step, c):
    """``∂z/∂x = 0.04 × 10 = 0.4``: what the step passes on to input ``c``.

    At fan-in it is one part of the sum: ``contribution via a = 5 × 0.2 = 1``. After broadcasting,
    the product has one term per copy of the input, and only their sum is named:
    ``[[1, 2], [3, 4]] × 1 = [[1, 2], [3, 4]], then sum over dim 0 to fit shape (2,): ∂L/∂b = [4, 6]``.
    """
    result = _format.value(c.value)
    name = passed_name(step, c)
    if c.local_value is not None:
        before = c.unreduced_value if c.unreduced_value is not None else c.value
        product = f"{term(step.upstream)} × {term(c.local_value)} = {_format.value(before)}"
        if c.reduction:
            return f"{product}, then {c.reduction}: {name} = {result}"
        return f"{name} = {product}"
    if c.reduction:
        return f"{_format.value(c.unreduced_value)}, then {c.reduction}: {name} = {result}"
    return f"{name} = {result}"


def upstream_text(step):
    """``∂z/∂h = 0.4 (via a) + 3 (via b) = 3.4`` at fan-in, ``∂z/∂z = 1`` otherwise."""
    if step.upstream_parts:
        terms = " + ".join(f"{term(v)} (via {via})" for v, via in step.upstream_parts)
        return f"{step.upstream_symbol} = {terms} = {_format.value(step.upstream)}"
    return f"{step.upstream_symbol} = {_format.value(step.upstream)}"


def _empty_message(trace):
    if trace.active:
        return "(the trace is still open: look at it after the with block)"
    return ("No backward step ran inside the trace. Call .backward() inside the with block, "
            "or use ad.explain(output) for a result you computed earlier.")


def _leaf_heading(trace):
    if any(leaf.accumulated for leaf in trace.leaf_grads):
        return "Gradients of the leaves (summed into .grad)"
    return "Gradients of the leaves (what backward() would put into .grad; nothing was changed)"


# ---------------------------------------------------------------------------------------------
# Plain text


def text(trace):
    lines = ["Forward pass"]
    forward = trace.forward
    width = max((len(r.line) for r in forward), default=0)
    for record in forward:
        note = record.grad_fn or ("leaf, requires grad" if record.requires_grad else "constant")
        lines.append(f"  {record.line:<{width}}   {note}")
    if not forward:
        lines.append("  (nothing was computed from tensors that require grad)")
    steps = trace.steps
    lines.append("")
    if not steps:
        lines.append(_empty_message(trace))
        return "\n".join(lines)
    lines.append(f"Backward pass: from {steps[0].root}, each step multiplies the upstream gradient "
                 "by the local derivative")
    index_width = len(str(len(steps)))
    for step in steps:
        head = f"  {step.index:>{index_width}}  {step.equation}"
        lines.append(f"{head}    {step.grad_fn}    upstream {upstream_text(step)}")
        indent = " " * (index_width + 4)
        if step.explain:
            lines.append(f"{indent}rule: {step.explain}")
        for c in step.contributions:
            lines.append(f"{indent}{local_text(c)}    → {product_text(step, c)}")
    if trace.leaf_grads:
        lines += ["", _leaf_heading(trace)]
        lines += [f"  {leaf.line}" for leaf in trace.leaf_grads]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Markdown with LaTeX


def latex_value(v):
    """A number, or a small tensor as a matrix; large tensors as a one-line summary."""
    array = np.asarray(v)
    if array.size == 1:
        return _format.number(array.reshape(()).item())
    if array.size <= _format.FULL_SIZE and array.ndim <= 2:
        rows = array.reshape(1, -1) if array.ndim == 1 else array
        body = r" \\ ".join(" & ".join(_format.number(x) for x in row) for row in rows)
        return r"\begin{bmatrix}" + body + r"\end{bmatrix}"
    return r"\text{" + _escape_latex_text(_format.value(array)) + "}"


def _escape_latex_text(s):
    return s.replace("\\", r"\backslash ").replace("_", r"\_").replace("<", r"\langle ").replace(
        ">", r"\rangle ").replace("×", r"\times ").replace("#", r"\#").replace("%", r"\%")


def partial(top, bottom):
    return rf"\frac{{\partial {latex_label(top)}}}{{\partial {latex_label(bottom)}}}"


def _latex_symbol(symbol):
    top, bottom = symbol[1:].split("/∂", 1)
    return partial(top, bottom)


def _cell(s):
    return s.replace("|", r"\|")


def _code(s):
    return "`" + s.replace("`", "'") + "`"


def markdown(trace):
    out = ["**Forward pass**", "", "| tensor | computed as | value | grad_fn |", "|---|---|---|---|"]
    for r in trace.forward:
        kind = r.grad_fn or ("leaf (requires grad)" if r.requires_grad else "constant")
        expression = _code(r.expression) if r.expression else "—"
        out.append(f"| {_code(r.label)} | {_cell(expression)} | ${latex_value(r.value) if r.value is not None else '?'}$ | {kind} |")
    steps = trace.steps
    out.append("")
    if not steps:
        out.append(_empty_message(trace))
        return "\n".join(out)
    out += [f"**Backward pass** from {_code(steps[0].root)}: each step multiplies the upstream "
            "gradient by the local derivative.", "",
            "| # | step | upstream | local derivative | passed on |", "|---|---|---|---|---|"]
    for step in steps:
        upstream = rf"{_latex_symbol(step.upstream_symbol)} = "
        if step.upstream_parts:
            upstream += " + ".join(latex_value(v) for v, _ in step.upstream_parts) + " = "
        upstream += latex_value(step.upstream)
        first = f"| {step.index} | {_code(step.equation)} <br>{step.grad_fn}"
        if step.explain:
            first += f"<br>*{_cell(step.explain)}*"
        first += f" | ${_cell(upstream)}$ "
        if not step.contributions:
            out.append(first + "| | |")
        for n, c in enumerate(step.contributions):
            local = [_latex_symbol(c.local_symbol), c.latex]
            if c.latex_substituted and c.latex_substituted != c.latex:
                local.append(c.latex_substituted)
            if c.local_value is not None and latex_value(c.local_value) != local[-1]:
                local.append(latex_value(c.local_value))
            name = (rf"\text{{contribution via }} {latex_label(step.output)}" if c.paths > 1
                    else _latex_symbol(c.gradient_symbol))
            before = c.unreduced_value if c.unreduced_value is not None else c.value
            passed = latex_value(before)
            if c.local_value is not None:
                passed = rf"{latex_value(step.upstream)} \times {latex_value(c.local_value)} = {passed}"
            if c.reduction:  # one term per broadcast copy: only the sum is the gradient
                cell = f"${_cell(passed)}$<br>then {c.reduction}: ${_cell(name)} = {latex_value(c.value)}$"
            else:
                cell = f"${_cell(name + ' = ' + passed)}$"
            prefix = first if n == 0 else "| | | "
            out.append(f"{prefix}| ${_cell(' = '.join(local))}$ | {cell} |")
    if trace.leaf_grads:
        out += ["", f"**{_leaf_heading(trace)}**", ""]
        for leaf in trace.leaf_grads:
            terms = []
            if leaf.before is not None:
                terms.append(latex_value(leaf.before) + r"\ (\text{already in .grad})")
            terms += [latex_value(v) + rf"\ (\text{{via }} {latex_label(via)})" for v, via in leaf.parts]
            body = " + ".join(terms) + " = " + latex_value(leaf.after) if len(terms) > 1 else \
                latex_value(leaf.after)
            out.append(rf"- ${latex_label(leaf.label)}.\mathrm{{grad}} = {body}$")
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------
# HTML

_STYLE = """<style>
.ad-trace {font-family: -apple-system, 'Segoe UI', Helvetica, Arial, sans-serif; font-size: 13px;
  color: var(--jp-content-font-color1, #1f2328)}
.ad-trace table {border-collapse: collapse; margin: 4px 0 12px 0}
.ad-trace th, .ad-trace td {border-bottom: 1px solid var(--jp-border-color2, #d8dee4); padding: 3px 10px; text-align: left; vertical-align: top}
.ad-trace th {background: var(--jp-layout-color2, #f3f5f7); font-weight: 600}
.ad-trace code {font-family: Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 12px}
.ad-trace .ad-note {color: var(--jp-content-font-color1, #1f2328); font-size: 12px; font-style: italic}
.ad-trace .ad-value {font-family: Menlo, Consolas, 'DejaVu Sans Mono', monospace; font-size: 12px}
.ad-trace h4 {margin: 8px 0 2px 0; font-size: 14px}
</style>"""


def _e(s):
    return _html.escape(str(s))


def _scrolling(what):
    """The opening of a box that scrolls sideways when a table or graph is wider than the page (at
    320 CSS px, WCAG 1.4.10) and takes keyboard focus, so the arrow keys scroll it too (WCAG 2.1.1)."""
    label = _html.escape(f"{what}, scrolls sideways with the arrow keys when wider than the page", quote=True)
    return (f'<div class="ad-scroll" tabindex="0" role="group" aria-label="{label}" '
            f'style="overflow-x: auto; max-width: 100%;">')


def html(trace, with_graph=True):
    out = [_STYLE, '<div class="ad-trace">', "<h4>Forward pass</h4>", _scrolling("forward pass table"),
           "<table><tr><th>tensor</th><th>computed as</th><th>value</th><th>grad_fn</th></tr>"]
    for r in trace.forward:
        kind = r.grad_fn or ("leaf (requires grad)" if r.requires_grad else "constant")
        out.append(f"<tr><td><code>{_e(r.label)}</code></td><td><code>{_e(r.expression or '—')}</code></td>"
                   f"<td class='ad-value'>{_e(_format.value(r.value))}</td><td class='ad-note'>{_e(kind)}</td></tr>")
    out.append("</table></div>")
    steps = trace.steps
    if not steps:
        out.append(f"<p>{_e(_empty_message(trace))}</p></div>")
        return "\n".join(out)
    out.append(f"<h4>Backward pass from <code>{_e(steps[0].root)}</code></h4>"
               "<p class='ad-note'>Each step multiplies the upstream gradient by the local derivative "
               "and passes the product on to each input.</p>")
    out.append(_scrolling("backward pass table"))
    out.append("<table><tr><th>#</th><th>step</th><th>upstream</th><th>local derivative</th>"
               "<th>passed on</th></tr>")
    for step in steps:
        rows = max(1, len(step.contributions))
        head = (f"<td rowspan='{rows}'>{step.index}</td><td rowspan='{rows}'><code>{_e(step.equation)}</code>"
                f"<br><span class='ad-note'>{_e(step.grad_fn)}</span>")
        if step.explain:
            head += f"<br><span class='ad-note'>{_e(step.explain)}</span>"
        head += f"</td><td rowspan='{rows}' class='ad-value'>{_e(upstream_text(step))}</td>"
        if not step.contributions:
            out.append(f"<tr>{head}<td></td><td></td></tr>")
        for n, c in enumerate(step.contributions):
            passed = _e(product_text(step, c))
            out.append(f"<tr>{head if n == 0 else ''}<td class='ad-value'>{_e(local_text(c))}</td>"
                       f"<td class='ad-value'>{passed}</td></tr>")
    out.append("</table></div>")
    if trace.leaf_grads:
        out.append(f"<h4>{_e(_leaf_heading(trace))}</h4><ul>")
        out += [f"<li class='ad-value'>{_e(leaf.line)}</li>" for leaf in trace.leaf_grads]
        out.append("</ul>")
    if with_graph:
        try:
            out.append(f"{_scrolling('computation graph')}{trace.graph().to_svg()}</div>")
        except Exception as error:  # the tables above are the main content; say why the picture is missing
            out.append(f"<p class='ad-note'>(graph not drawn: {_e(error)})</p>")
    out.append("</div>")
    return "\n".join(out)


def strip_tags(s):
    return re.sub(r"<[^>]+>", "", s)
