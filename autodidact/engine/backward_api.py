"""``backward()`` and ``autograd.grad()`` as PyTorch takes them: their arguments checked, the
gradient each output starts with, then ``graph.run_backward`` does the work."""
import numpy as np

from ..parity.once import warn_once
from .accumulate import accumulate, is_tensor
from .graph import Node, key_of, run_backward


def backward(tensors, grad_tensors=None, retain_graph=None, create_graph=False, inputs=None):
    """Accumulate the gradients of ``tensors`` into the ``.grad`` of every leaf that requires grad."""
    outputs = _as_list(tensors)
    given = _as_list(grad_tensors) or [None] * len(outputs)
    if retain_graph is None:
        retain_graph = create_graph
    grads = _initial_grads(outputs, given, create_graph)
    if create_graph:
        warn_once(
            "Using backward() with create_graph=True will create a reference cycle between the parameter "
            "and its gradient which can cause a memory leak. We recommend using autograd.grad when creating "
            "the graph to avoid this. If you have to use this function, make sure to reset the .grad fields "
            "of your parameters to None after use to break the cycle and avoid the leak.", stacklevel=3)
    if inputs is not None:
        inputs = _as_list(inputs)
        results = gradients(outputs, grads, inputs, retain_graph, create_graph, allow_unused=True)
        for tensor, result in zip(inputs, results):
            if result is not None:
                accumulate(tensor, result if create_graph else result._array, create_graph)
        return
    run_backward(outputs, grads, retain_graph, create_graph)


def grad(outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False,
         allow_unused=False, materialize_grads=False):
    """The gradients of ``outputs`` with respect to ``inputs``, returned as a tuple.

    Unlike ``backward()``, nothing is written into ``.grad``. With ``create_graph=True`` the results
    are themselves differentiable, which is how second derivatives are taken.
    """
    outputs = _as_list(outputs)
    inputs_list = _as_list(inputs)
    for position, tensor in enumerate(inputs_list):
        if not is_tensor(tensor) or not tensor.requires_grad:
            raise RuntimeError(
                f"One of the differentiated Tensors (input {position}) does not require grad. Create it "
                "with requires_grad=True."
            )
    given = _as_list(grad_outputs) or [None] * len(outputs)
    if retain_graph is None:
        retain_graph = create_graph
    grads = _initial_grads(outputs, given, create_graph)
    results = gradients(outputs, grads, inputs_list, retain_graph, create_graph,
                        allow_unused=allow_unused or materialize_grads)
    if materialize_grads:
        results = tuple(r if r is not None else t._plain(np.zeros_like(t._array))
                        for r, t in zip(results, inputs_list))
    return results


def _initial_grads(outputs, grad_outputs, create_graph):
    """The gradient each output starts with: given, or 1 for a scalar (an error otherwise)."""
    grads = []
    for position, (output, given) in enumerate(zip(outputs, grad_outputs)):
        if not is_tensor(output):
            raise TypeError(f"backward() needs tensors as outputs, got {type(output).__name__}")
        if not output.requires_grad:
            raise RuntimeError(
                f"element {position} of tensors does not require grad and does not have a grad_fn. "
                "Nothing that led to this tensor requires a gradient: create your inputs with "
                "requires_grad=True (e.g. torch.tensor(5.0, requires_grad=True)), and make sure the "
                "computation did not run under torch.no_grad() or use .detach()."
            )
        if given is None:
            if output._array.size != 1:
                raise RuntimeError(
                    "grad can be implicitly created only for scalar outputs. This output has shape "
                    f"{list(output.shape)}: backward() needs to know how much each element matters. "
                    "Reduce it to one number first (e.g. y.sum().backward()), or pass the upstream "
                    "gradient yourself: y.backward(torch.ones_like(y))."
                )
            grads.append(np.ones(output._array.shape, dtype=output._array.dtype))
            continue
        given = given if is_tensor(given) else output._plain(np.asarray(given, output._array.dtype))
        if given._array.shape != output._array.shape:
            raise RuntimeError(
                f"Mismatch in shape: grad_output[{position}] has a shape of {given.shape} and "
                f"output[{position}] has a shape of {output.shape}. The gradient passed to backward() "
                "must have the same shape as the tensor it is called on."
            )
        grads.append(given._array if not create_graph else given)
    if create_graph:
        grads = [g if is_tensor(g) else output._plain(g) for g, output in zip(grads, outputs)]
    return grads


def _as_list(value):
    if value is None:
        return None
    return list(value) if isinstance(value, (list, tuple)) else [value]


# ---------------------------------------------------------------------------------------------
# autograd.grad: the gradients of chosen inputs, returned rather than accumulated


def gradients(outputs, grads, inputs, retain_graph, create_graph, allow_unused):
    """The gradients of ``inputs`` (tensors), backpropagated from ``outputs``; no ``.grad`` changes."""
    wanted = _positions(inputs)
    running = _nodes_leading_to([key_of(output) for output in outputs], wanted)
    reached = run_backward(outputs, grads, retain_graph, create_graph, targets=wanted, running=running)
    return _results(inputs, wanted, reached, allow_unused)


def _positions(inputs):
    """``autograd.grad``'s inputs: their graph keys, each with its positions in ``inputs``."""
    wanted = {}
    for position, tensor in enumerate(inputs):
        wanted.setdefault(key_of(tensor), []).append(position)
    return wanted


def _results(inputs, wanted, reached, allow_unused):
    """The gradient of each of ``inputs`` (``autograd.grad``), as tensors."""
    results = [None] * len(inputs)
    for key, positions in wanted.items():
        for position in positions:
            results[position] = reached.get(key)
    for position, (tensor, grad) in enumerate(zip(inputs, results)):
        if grad is None and not allow_unused:
            raise RuntimeError(
                f"One of the differentiated Tensors (input {position}) appears to not have been used in "
                "the graph: no path leads from the output to it. Pass allow_unused=True if that is "
                "expected; its gradient will then be None."
            )
        if grad is not None and not is_tensor(grad):
            results[position] = tensor._plain(grad)
    return tuple(results)


def _nodes_leading_to(roots, targets):
    """The nodes that must run so that gradients reach ``targets`` (``autograd.grad``'s inputs).

    A node runs only when one of its edges leads to a target, as in PyTorch: a target's own node
    does not run, nor anything below it that leads to no other target (its saved tensors are
    kept, and a custom Function's backward there is not called).
    """
    order, seen = [], set()  # post-order: every node after the nodes its edges lead to
    stack = [(root, False) for root in roots if root is not None]
    while stack:
        key, expanded = stack.pop()
        if expanded:
            order.append(key)
            continue
        if key in seen:
            continue
        seen.add(key)
        stack.append((key, True))
        if isinstance(key, Node):
            stack.extend((edge, False) for edge in key.edges if edge is not None and edge not in seen)
    reaching, running = set(targets), set()
    for key in order:
        if isinstance(key, Node) and any(edge in reaching for edge in key.edges if edge is not None):
            running.add(key)
            reaching.add(key)
    return running
