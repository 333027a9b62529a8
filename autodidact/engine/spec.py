"""The op spec: how one differentiable operation is declared, once, and how backward runs it.

Every op of the engine is one ``op(...)`` declaration in ``engine/ops/``. Here is ``log``:

    LOG = op("log", grad_fn="LogBackward0", forward=np.log,
             vjp={"self": lambda grad, self: grad / self},
             local={"self": ("1/{self}", r"\\frac{1}{{self}}")},
             shows_as="log({self})", domain="positive",
             api=("function", "method", "inplace"))

The fields:

* ``name``: the op's name; ``grad_fn``: PyTorch's name for its backward node.
* ``forward``: computes the result from NumPy arrays (inputs first, parameters by keyword).
* ``vjp``: one rule per input, named as in PyTorch's signature (``self``, ``other``, ``input``...).
  A rule gets the upstream gradient ``grad`` (shaped like the result) and returns ``grad`` times the
  local derivative: for log, d/dx ln(x) = 1/x, so ``grad / self``.
* ``local``: that local derivative as (text, LaTeX) for traces and the cheat sheet.
* ``shows_as``: how a trace writes the expression; ``domain``: where the op is differentiable (the
  gradient checks draw inputs there); ``api``: which public names ``ops/public.py`` generates
  (``autodidact.log``, ``t.log()``, ``t.log_()``, ``nn.functional``).

What a rule reads is what the node keeps. The names of a rule's parameters after ``grad`` say what
it needs: inputs by name (``self``), ``result`` (the op's output), an input's shape (``self_shape``),
or a parameter (``dim``). A node keeps exactly those values: ``x * 3`` keeps the 3 and nothing of
``x``; ``x.sum()`` keeps only ``x``'s shape (as PyTorch's derivatives.yaml says).

Rules run in two modes. Normally ``grad`` and the inputs are NumPy arrays (fast). Under
``create_graph=True`` they are Tensors, so the same rule records a graph that can be differentiated
again. That is why rules call the helpers of ``ops/helpers.py`` (``cos``, ``where``...), which work
on both, rather than NumPy directly.
"""
import inspect
import weakref

from ..parity.dtypes import cast_back
from ..parity.float_errors import quietly
from ..parity.versions import note_view, saved_versions
from . import dual, graph
from .broadcast import sum_to_shape
from .graph import _grad_mode, node_class
from .op_description import OpDescription, fill, known_inputs  # noqa: F401 (read by tracing, docs)
from .tensor_core import Tensor

OPS = {}  # name -> Spec: every op, for the tracer, the checks and the cheat sheet


class Spec(OpDescription):
    """One op, as declared by ``op(...)`` (see the module docstring)."""

    def __init__(self, name, grad_fn, forward, vjp, inputs, **described):
        super().__init__(**described)  # local, shows_as, domain, api, explain, doc (op_description.py)
        self.name = name
        self.grad_fn = grad_fn
        self.forward = forward
        self.inputs = tuple(inputs or vjp)  # input names, in the order forward takes them
        # Per input: (rule, the names it reads after grad), or None when no gradient flows there.
        # ``tensors`` (cat, stack) is one rule for any number of inputs; it reads ``index``.
        self.variadic = self.inputs == ("tensors",)
        self.rules = tuple((rule, tuple(inspect.signature(rule).parameters)[1:]) if rule else None
                           for rule in map(vjp.get, self.inputs))
        self.reads = reads = {name for rule in self.rules if rule for name in rule[1]}  # all of them
        self.reads_result = "result" in reads
        # Which inputs each rule needs kept: rule i reads inputs keeps[i] (positions)
        self.keeps = tuple(tuple(j for j, n in enumerate(self.inputs) if rule and n in rule[1])
                           for rule in self.rules)
        # The node must be freed after backward (and refuse a second one) when it keeps values.
        self.saves = any(self.keeps) or self.reads_result
        self.shape_reads = tuple((f"{n}_shape", j) for j, n in enumerate(self.inputs)
                                 if f"{n}_shape" in reads)
        self.node_class = node_class(grad_fn)  # the Node subclass named grad_fn (MulBackward0)

    def __call__(self, *inputs, **params):
        """Run the op on ``inputs`` (Tensors or numbers) and record it for autograd."""
        arrays = [v._array if isinstance(v, Tensor) else v for v in inputs]
        return self.on(arrays, inputs, params)

    def on(self, arrays, inputs, params=None):
        """The same, when the caller has already converted the inputs (``arrays``, e.g. promoted
        to a common dtype): forward runs on ``arrays``, the node points to ``inputs``."""
        out = quietly(self.forward, arrays, params)  # log(0), 1/0: inf without NumPy's warning, as in PyTorch
        result = record(self, out, inputs, params or None)
        if dual._level is not None:  # forward-mode AD is on (dual.py): the result gets its tangent
            dual.propagate(self, result, inputs, params)
        return result


def op(name, *, grad_fn, forward, vjp, local=None, shows_as=None, domain="any", api=(), inputs=None,
       explain=None, doc=None):
    """Declare an op (see the module docstring); it is added to ``OPS`` and its ``api`` generated."""
    spec = Spec(name, grad_fn, forward, vjp, inputs, local=local, shows_as=shows_as, domain=domain,
                api=api, explain=explain, doc=doc)
    OPS[name] = spec
    return spec


# ---------------------------------------------------------------------------------------------
# Recording: the node keeps what the rules read


def record(spec, out, inputs, params):
    """Wrap the forward result ``out``; when gradients are needed, attach a node for ``spec``. The
    node keeps what the rules read (``saved``), each input's shape and dtype (to undo broadcasting
    and promotion), and the inputs that need no gradient, weakly (traces name them). It keeps the
    input tensors themselves (``node.inputs``) only while a trace is watching."""
    result = Tensor._wrap(out)
    array = result._array
    if array.base is not None or (inputs and array is getattr(inputs[0], "_array", None)):
        # a view (t[0], t.view(...), t.t()) of an input's memory: it shares the input's version count
        note_view(result, inputs, spec.forward, params, _grad_mode.enabled)
    if not _grad_mode.enabled:
        return result
    # Per input: an edge (its node, the input itself for a leaf, or None: no gradient), shape, dtype
    edges, shapes, dtypes = [], [], []
    needed = constants = False
    for v in inputs:
        if isinstance(v, Tensor):
            if v._view_of is None:
                node, needs = v._grad_fn, v._requires_grad
            else:  # a view first catches up with in-place changes of its base (Tensor.grad_fn)
                node, needs = v.grad_fn, v.requires_grad
            if needs:
                edges.append(node if node is not None else v)
                needed = True
            else:
                edges.append(None)
                constants = True
            shapes.append(v._array.shape)
            dtypes.append(v._array.dtype)
        else:  # a Python number
            edges.append(None)
            constants = True
            shapes.append(None)
            dtypes.append(None)
    if not needed:
        return result  # no input needs a gradient: nothing to record
    node = spec.node_class(spec, None, tuple(edges), params, array if spec.reads_result else None)
    node.shapes, node.dtypes = tuple(shapes), tuple(dtypes)
    node.saved = {}
    if spec.saves:  # what the rules read, and its versions now: backward refuses values changed since
        node.saved = _keep(spec, inputs, edges)
        node.saved_versions = saved_versions(node.saved, result if spec.reads_result else None)
    if constants:
        node.constants = tuple([None if edge is not None else weakref.ref(v) if isinstance(v, Tensor) else v
                                for v, edge in zip(inputs, edges)])
    result._grad_fn = node
    result._requires_grad = True
    if graph.observers:
        node.inputs = inputs  # a trace is watching: it reads every input's value
        for watcher in graph.observers:
            watcher.on_forward(node, result)
    return result


def _keep(spec, inputs, edges):
    """What the rules of the inputs that need a gradient read, by name."""
    saved = {}
    for i, edge in enumerate(edges):
        if edge is not None:
            for j in spec.keeps[0 if spec.variadic else i]:
                saved.setdefault(spec.inputs[j], inputs[j])
    return saved


def saved_values(node, create_graph):
    """What the rules of ``node`` may read, by name: kept inputs, shapes, parameters, the result."""
    values = dict(node.params) if node.params else {}
    spec = node.op
    for name, value in node.saved.items():
        values[name] = value if create_graph or not isinstance(value, Tensor) else value._array
    for name, j in spec.shape_reads:
        values[name] = node.shapes[j]
    if spec.variadic:
        values["tensors_shape"] = node.shapes
    if spec.reads_result:
        values["result"] = Tensor._from_node(node) if create_graph else node.out
    return values


# ---------------------------------------------------------------------------------------------
# Backward: the one step every node takes


def backward_step(spec, node, grad, create_graph):
    """Each input's gradient (None where no edge): upstream ``grad`` × local derivative, by the
    spec's rule, then summed back to the input's shape (broadcasting undone, here only) and cast
    to the input's dtype. Arrays normally; Tensors when ``create_graph`` is True."""
    values = saved_values(node, create_graph) if spec.reads or spec.variadic else None  # x + y: none
    grads = []
    for i, edge in enumerate(node.edges):
        if edge is None:
            grads.append(None)
            continue
        if spec.variadic:
            (rule, reads), values["index"] = spec.rules[0], i
        else:
            rule, reads = spec.rules[i]
        g = rule(grad, *map(values.__getitem__, reads)) if reads else rule(grad)  # the values it reads
        if g.shape != node.shapes[i]:  # the input was broadcast: sum the copies' gradients
            g = sum_to_shape(g, node.shapes[i])
        if (g._array.dtype if create_graph else g.dtype) != node.dtypes[i]:  # promoted (int * float)
            g = cast_back(g, node.dtypes[i], create_graph)
        grads.append(g)
    return grads


Spec.backward_step = backward_step  # graph.py calls node.op.backward_step(node, grad, create_graph)
