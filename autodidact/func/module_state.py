"""A module as a function of its parameters: ``functional_call`` and ``stack_module_state``.

``grad`` and ``vmap`` transform functions of tensors. A module keeps its parameters inside, so
``functional_call(model, params, (x,))`` runs ``model(x)`` with the tensors of the dict ``params``
(keyed as ``model.named_parameters()`` names them) in place of its own, and puts its own back
afterwards. Then ``grad(lambda p: loss(functional_call(model, p, (x,))))(params)`` is the gradient
with respect to those parameters, and ``vmap`` can map over a stack of parameter sets
(``stack_module_state``): an ensemble of models run as one.
"""
from contextlib import contextmanager

from ..engine.tensor import stack


def _owner(module, name):
    """``(submodule, attribute)`` for a dotted name such as ``"layers.0.weight"``."""
    path, _, attribute = name.rpartition(".")
    return (module.get_submodule(path) if path else module), attribute


@contextmanager
def _swapped(module, tensors):
    """Inside the block, ``module`` uses ``tensors`` (name -> tensor) as its parameters and buffers."""
    saved = []
    try:
        for name, tensor in tensors.items():
            owner, attribute = _owner(module, name)
            for registry in (owner._parameters, owner._buffers):
                if attribute in registry:
                    saved.append((registry, attribute, registry[attribute]))
                    registry[attribute] = tensor  # written directly: a plain tensor may stand in for a Parameter
                    break
            else:
                saved.append((owner.__dict__, attribute, owner.__dict__.get(attribute, _MISSING)))
                owner.__dict__[attribute] = tensor
        yield
    finally:
        for registry, attribute, original in reversed(saved):
            if original is _MISSING:
                del registry[attribute]
            else:
                registry[attribute] = original


_MISSING = object()


def _merged(parameter_and_buffer_dicts):
    if isinstance(parameter_and_buffer_dicts, dict):
        return dict(parameter_and_buffer_dicts)
    dicts = list(parameter_and_buffer_dicts)
    merged, repeated = {}, []
    for given in dicts:
        for name, tensor in given.items():
            if name in merged:
                repeated.append(name)
            merged[name] = tensor
    if repeated:
        raise ValueError(f"{sorted(set(repeated))} appeared in multiple dictionaries; behavior of functional call is "
                         "ambiguous")
    return merged


def _with_tied(module, tensors):
    """Tied weights (one tensor under two names, e.g. an embedding and an output layer): a new tensor
    given for one name replaces it under every name, as PyTorch's tie_weights=True does."""
    names_of = {}
    for name, tensor in [*module.named_parameters(remove_duplicate=False), *module.named_buffers(remove_duplicate=False)]:
        names_of.setdefault(id(tensor), []).append(name)
    result = dict(tensors)
    for names in names_of.values():
        given = [name for name in names if name in tensors]
        for name in names:
            if given and name not in result:
                result[name] = tensors[given[0]]
    return result


def functional_call(module, parameter_and_buffer_dicts, args=None, kwargs=None, *, tie_weights=True, strict=False):
    """``module(*args, **kwargs)`` computed with the given parameters and buffers (a dict, or a tuple of
    dicts, name -> tensor) instead of the module's own; names not given keep the module's tensors.
    ``strict=True`` requires exactly the module's names. The module is unchanged afterwards."""
    tensors = _merged(parameter_and_buffer_dicts)
    if tie_weights:
        tensors = _with_tied(module, tensors)
    if strict:
        expected = [name for name, _ in (*module.named_parameters(), *module.named_buffers())]
        unexpected = [name for name in tensors if name not in expected]
        missing = [name for name in expected if name not in tensors]
        if unexpected or missing:
            lines = [f"Error(s) in reparametrizing for {type(module).__name__}:"]
            if unexpected:
                lines.append("\tUnexpected key(s): " + ", ".join(repr(name) for name in unexpected) + ".")
            if missing:
                lines.append("\tMissing key(s): " + ", ".join(repr(name) for name in missing) + ".")
            raise RuntimeError("\n".join(lines))
    args = () if args is None else (args if isinstance(args, tuple) else (args,))
    with _swapped(module, tensors):
        return module(*args, **(kwargs or {}))


def _stacked_leaf(tensors, name):
    requiring = [t.requires_grad for t in tensors]
    if any(requiring) and not all(requiring):
        raise RuntimeError(f"Expected {name} from each model to have the same .requires_grad")
    result = stack(tensors)
    return result.detach().requires_grad_() if all(requiring) else result


def stack_module_state(models):
    """``(params, buffers)``: each parameter and buffer of models of one class, stacked along a new
    first dimension (one slice per model). Stacked parameters are new leaves that require grad."""
    models = list(models)
    if not models:
        raise RuntimeError("stack_module_state: Expected at least one model, got 0.")
    if len({model.training for model in models}) > 1:
        raise RuntimeError("stack_module_state: Expected all models to have the same training/eval mode.")
    if len({type(model) for model in models}) > 1:
        raise RuntimeError("stack_module_state: Expected all models to be of the same class.")
    states = []
    for named in ("named_parameters", "named_buffers"):
        per_model = [dict(getattr(model, named)()) for model in models]
        states.append({name: _stacked_leaf([state[name] for state in per_model], name) for name in per_model[0]})
    return tuple(states)
