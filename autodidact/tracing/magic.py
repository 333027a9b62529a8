"""``%load_ext autodidact`` adds the ``%%trace`` cell magic.

    %%trace
    h = x**2
    z = ad.log(h)
    z.backward()

traces the whole cell and shows the trace (forward values, backward steps, leaf gradients and the
graph). ``%%trace --graph`` shows the graph on its own as well; ``%%trace --step 2`` highlights
backward step 2 in it. The trace is kept in the variable ``_trace``.
"""
import shlex


def trace_cell(line, cell, ipython):
    """Run ``cell`` in the notebook's namespace inside a trace; return the trace."""
    from . import trace

    options = shlex.split(line or "")
    unknown = [o for o in options if o not in ("--graph",) and not o.startswith("--step")]
    step = None
    for i, option in enumerate(options):
        if option.startswith("--step"):
            value = option.partition("=")[2] or (options[i + 1] if i + 1 < len(options) else "")
            if value in unknown:
                unknown.remove(value)
            if not value.isdigit():
                raise ValueError(f"%%trace --step needs a step number, e.g. %%trace --step 2 (got '{value}')")
            step = int(value)
    if unknown:
        raise ValueError(f"%%trace: unknown option(s) {' '.join(unknown)}; use %%trace, %%trace --graph "
                         "or %%trace --step K")
    namespace = ipython.user_ns
    with trace(namespace=namespace) as recorded:
        exec(compile(cell, "<%%trace cell>", "exec"), namespace)
    namespace["_trace"] = recorded
    return recorded, ("--graph" in options or step is not None), step


def load_ipython_extension(ipython):
    from IPython.core.magic import register_cell_magic  # noqa: F401  (IPython is there when this runs)
    from IPython.display import display

    from .. import drawing  # noqa: F401  (registers Trace.graph(), used by --graph)

    def trace_magic(line, cell):
        recorded, show_graph, step = trace_cell(line, cell, ipython)
        display(recorded)
        if show_graph and recorded.steps:
            display(recorded.graph(step=step))

    trace_magic.__doc__ = __doc__
    ipython.register_magic_function(trace_magic, magic_kind="cell", magic_name="trace")
