"""The backward engine: graph nodes and reverse-mode differentiation.

Every op on a tensor that requires grad records a *node* (its ``grad_fn``). A node knows which op
made it, what its derivative needs, and one *edge* per input: the input's own node, the input
itself when it is a leaf (its gradient goes into ``.grad``), or ``None`` when no gradient flows there.

``backward`` walks these edges from the output to the leaves. It first counts, for every node, how
many edges lead into it; then it runs the nodes whose count has dropped to zero, the most recently
created first, as PyTorch does. That is a topological order, found without recursion (a chain of
100,000 ops is fine), and floating-point sums happen in PyTorch's order.

Read ``Node``, then ``run_backward`` (the loop) and its steps ``_step`` and ``_pass_on``. Elsewhere:
``.grad`` is written by ``accumulate.py``; ``backward()`` and ``autograd.grad()`` check their
arguments in ``backward_api.py``; ``no_grad`` is in ``grad_mode.py``.
"""
import heapq
import itertools

from ..parity import next_functions, versions
from ..parity.float_errors import silently
from .accumulate import accumulate, fill_retained_grad, is_tensor
from .errors import released_error
from .grad_mode import _grad_mode
from .hooks import run_gradient_hooks, run_leaf_hooks

observers = []  # the tracing layer registers here (the engine knows nothing of tracing)


# ---------------------------------------------------------------------------------------------
# Nodes

_sequence = itertools.count()
_node_classes = {}


class Node(next_functions.GradFnView):
    """A backward function in the graph (what ``tensor.grad_fn`` holds). ``type(node).__name__``
    is PyTorch's class name, e.g. ``MulBackward0``; ``GradFnView`` adds ``name()``, its repr and
    ``next_functions``, as PyTorch shows them."""

    __slots__ = ("op", "inputs", "edges", "params", "out", "sequence_nr", "released",
                 "retained", "label", "saved_versions", "saved", "shapes", "dtypes", "constants",
                 "hooks", "__weakref__")

    def __init__(self, op, inputs, edges, params, out):
        self.op = op  # the op's spec (see spec.py and ops/)
        self.inputs = inputs  # the input tensors (or Python numbers)
        self.edges = edges  # per input: Node, leaf Tensor, or None
        self.params = params  # non-tensor arguments: dims, exponents, indices
        self.out = out  # the output's values, for rules that use them (exp, tanh, sigmoid)
        self.sequence_nr = next(_sequence)
        self.released = False
        self.retained = None  # weak reference to the output tensor after retain_grad()
        self.label = None  # an explicit name for the output, for traces
        self.saved_versions = None  # the saved tensors' versions: backward refuses changed ones
        self.saved = None  # what the op's rules read (see engine/spec.py), by name
        self.shapes = self.dtypes = None  # each input's shape and dtype, to undo broadcasting
        self.constants = None  # inputs needing no gradient: numbers, weak references to tensors
        self.hooks = None  # the output's register_hook functions (engine/hooks.py), by handle id


def node_class(name):
    """The Node subclass named ``name`` (made once), so that ``type(grad_fn).__name__`` is right."""
    cls = _node_classes.get(name)
    if cls is None:
        cls = _node_classes[name] = type(name, (Node,), {"__slots__": ()})
    return cls


# ---------------------------------------------------------------------------------------------
# Backward. This module reads the Tensor's fields and never imports the class (which imports it);
# it makes new tensors (gradients) with ``tensor._plain(array)``.


@silently  # a rule's 1/0 or log(0) gives inf, as in PyTorch: no NumPy warning
def run_backward(roots, grads, retain_graph, create_graph, targets=None, running=None):
    """Backpropagate ``grads`` from the ``roots`` tensors into the ``.grad`` of the leaves.

    Gradients are NumPy arrays, or Tensors under ``create_graph`` (to be differentiated again).
    ``autograd.grad`` passes ``targets`` (whose gradients it wants) and ``running`` (the only nodes
    to run): then no ``.grad`` changes, and ``{target: gradient}`` is returned (``backward_api.py``).
    """
    buffers = {}  # node or leaf -> the sum of the gradients it has received so far
    for root, grad in zip(roots, grads):
        key = key_of(root)
        buffers[key] = buffers[key] + grad if key in buffers else grad
    dependencies = _graph_dependencies(buffers)
    watchers = list(observers)  # a snapshot: an observer may remove itself
    reached = {}  # leaf (or a target node) -> the gradient that reached it
    ready = []  # heap of nodes all of whose gradients have arrived: the most recent runs first
    for key in list(buffers):
        if dependencies[key] == 0:
            _make_ready(key, buffers, ready, reached)

    recording = _grad_mode.enabled
    _grad_mode.enabled = create_graph  # backward rules build a graph only for higher-order grads
    try:
        while ready:
            node = heapq.heappop(ready)[1]
            grad = buffers.pop(node, None)  # None: every path into it carried no gradient
            if node.hooks and grad is not None:  # the output's register_hook functions see it first
                grad = run_gradient_hooks(node.hooks, grad, create_graph)
            if targets is not None and node in targets:
                reached[node] = grad
            input_grads = _step(node, grad, retain_graph, create_graph, watchers, running)
            _pass_on(node, input_grads, buffers, dependencies, ready, reached)
        run_leaf_hooks(reached, create_graph)  # a leaf's register_hook functions see its gradient first
        if targets is not None:
            return reached
        for leaf, grad in reached.items():  # .grad is written once the pass is over
            accumulate(leaf, grad, create_graph)
            for watcher in watchers:
                watcher.on_accumulate(leaf, grad)
    finally:
        _grad_mode.enabled = recording


def _step(node, grad, retain_graph, create_graph, watchers, running=None):
    """One node of the backward pass, in named steps: its inputs' gradients from the upstream ``grad``."""
    if grad is None:  # every path into this node carried no gradient: nothing to pass on
        return (None,) * len(node.edges)
    if node.retained is not None:
        fill_retained_grad(node, grad, create_graph)  # 1. retain_grad(): keep it in .grad
    if running is not None and node not in running:  # (autograd.grad: below its inputs, not run)
        return (None,) * len(node.edges)
    if node.released:
        raise released_error(node)  # 2. freed by an earlier backward(): refuse
    if node.saved_versions is not None:
        versions.check_saved_versions(node)  # 3. saved values changed in place since: refuse
    input_grads = node.op.backward_step(node, grad, create_graph)  # 4. the rule: upstream × local
    for watcher in watchers:
        watcher.on_backward_step(node, grad, input_grads)  # 5. tell the trace, when one is open
    if not retain_graph and node.op.saves:
        _free_saved_values(node)  # 6. drop what the rule read, as PyTorch does
    return input_grads


def _pass_on(node, input_grads, buffers, dependencies, ready, reached):
    """Add each input's gradient to what its node has received; queue the nodes now complete."""
    for edge, input_grad in zip(node.edges, input_grads):
        if edge is None:
            continue
        if input_grad is not None:
            buffers[edge] = buffers[edge] + input_grad if edge in buffers else input_grad
        remaining = dependencies[edge] - 1
        dependencies[edge] = remaining
        if remaining == 0:
            _make_ready(edge, buffers, ready, reached)


def _make_ready(key, buffers, ready, reached):
    """A node whose gradient is complete joins the queue; a leaf's gradient is final: keep it."""
    if isinstance(key, Node):
        heapq.heappush(ready, (-key.sequence_nr, key))
    elif key in buffers:
        reached[key] = buffers.pop(key)


def key_of(tensor):
    """Where a tensor sits in the graph: its node, or the tensor itself for a leaf."""
    return tensor.grad_fn if tensor.grad_fn is not None else tensor


def _graph_dependencies(roots):
    """How many edges lead into each node and leaf reachable from ``roots`` (iterative DFS)."""
    dependencies = dict.fromkeys((root for root in roots if root is not None), 0)
    stack = list(dependencies)  # the dict doubles as the set of nodes already seen
    while stack:
        node = stack.pop()
        for edge in node.edges if isinstance(node, Node) else ():
            if edge is not None:
                count = dependencies.get(edge)
                if count is None:
                    stack.append(edge)  # seen for the first time
                dependencies[edge] = 1 if count is None else count + 1
    return dependencies


def _free_saved_values(node):
    """What the rule read is dropped after use, as in PyTorch (unless ``retain_graph=True``)."""
    node.released = True
    node.inputs = node.saved = node.out = None
