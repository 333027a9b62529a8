"""How an op describes itself to traces, the gradient checks and the cheat sheet.

``spec.py`` declares an op and runs it; nothing here is needed for that. The tracer, the checks in
``testing.py`` and ``docs/make_cheatsheet.py`` read an op through the methods below: the name of
input ``i``, its rule and its local derivative as text and LaTeX, the domain its values are drawn
from, and formula templates filled with names or numbers.
"""
import re
import weakref

from .tensor_core import Tensor


class OpDescription:
    """What an op spec (``spec.Spec``) says about itself; Spec inherits these methods."""

    def __init__(self, local, shows_as, domain, api, explain, doc):
        self.local = local or {}  # per input: its local derivative as (text, LaTeX)
        self.shows_as = shows_as  # how a trace writes the expression, e.g. "log({self})"
        self.domain = domain  # where the gradient checks draw inputs (see domain_of)
        self.api = tuple(api)  # the public names generated (ops/public.py)
        self.explain = explain  # for ops that are not elementwise: the vector-Jacobian product in words
        self.doc = doc  # one sentence for the generated docstring

    def __repr__(self):
        return f"<op {self.name}: {self.grad_fn}>"

    def domain_of(self, name):
        """Where input ``name`` may lie for the gradient checks: ``domain`` is one word for every
        input ("positive") or a dict per input ({"other": "nonzero"}; "any" for the others)."""
        if isinstance(self.domain, dict):
            return self.domain.get(name, "any")
        return self.domain

    def input_name(self, i):
        return self.inputs[0] if self.variadic else self.inputs[i]

    def rule_for(self, i):
        return self.rules[0 if self.variadic else i]

    def local_for(self, i):
        return self.local.get(self.input_name(i), ("", ""))[0]

    def latex_for(self, i):
        return self.local.get(self.input_name(i), ("", ""))[1]


def known_inputs(node):
    """The inputs of ``node`` as far as it still knows them, for traces of a graph built outside
    one (``explain``): what the rules kept, leaves (from the edges), constants still alive; None
    for an input whose value the node did not keep (a trace then shows its name without a number)."""
    if node.inputs is not None:
        return node.inputs
    spec, saved, constants = node.op, node.saved or {}, node.constants
    known = []
    for i, edge in enumerate(node.edges):
        name = None if spec.variadic else spec.inputs[i]
        if name in saved:
            known.append(saved[name])
        elif isinstance(edge, Tensor):
            known.append(edge)
        elif constants is not None and constants[i] is not None:
            constant = constants[i]
            known.append(constant() if isinstance(constant, weakref.ref) else constant)
        else:
            known.append(None)
    return tuple(known)


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill(template, values):
    """Put names or numbers into a formula template: ``fill("1/{self}", {"self": "h"})`` is ``1/h``.

    Only ``{name}`` with a known name is replaced, so LaTeX braces (``\\frac{1}{{self}}``) survive.
    """
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0),
                            template)
