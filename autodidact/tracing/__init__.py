"""Step-by-step chain rule: record a backward pass and read it as text, Markdown, HTML or a graph.

    import autodidact as ad
    x = ad.tensor(5.0, requires_grad=True)
    with ad.trace() as t:
        h = x**2
        z = ad.log(h)
        z.backward()
    print(t)            # forward values, each backward step, and x.grad
    t.steps[1].contributions[0].value    # 0.4 = ∂z/∂x
    t.graph()           # the computation graph (SVG in Jupyter)

``ad.explain(z)`` works the same steps out for a graph built outside a trace, without changing any
``.grad``. In Jupyter, ``%load_ext autodidact`` adds a ``%%trace`` cell magic.
"""
from ._core import (Contribution, ForwardRecord, LeafGrad, Step, Trace, explain, find_names,
                    reduction_note, register_graph_drawer, trace)
from ._format import number as format_number
from ._format import value as format_value
from ._render import html, local_text, product_text, upstream_text

__all__ = ["trace", "explain", "Trace", "Step", "Contribution", "ForwardRecord", "LeafGrad",
           "format_value", "format_number", "reduction_note", "find_names", "register_graph_drawer", "html",
           "local_text", "product_text", "upstream_text"]
