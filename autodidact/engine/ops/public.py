"""The public names generated from the specs: module functions (``autodidact.log``), Tensor
methods (``t.log()``), in-place variants (``t.log_()``) and ``nn.functional`` entries.

An op with ``api=(...)`` and one or two tensor inputs and no parameters gets its function made
here, with PyTorch's signature (``log(input)``, ``logaddexp(input, other)``) and a docstring
written from its spec. Ops with structured arguments register a hand-written function with
``@public`` instead; both end up in ``PUBLIC`` and are installed the same way.
"""

from ...parity import dtypes
from ..arguments import _not_a_tensor, check_broadcast, check_tensors  # noqa: F401  (check_tensors: ops use it from here)
from ..spec import OPS, Tensor

PUBLIC = {}  # public name -> (function, api kinds): what becomes autodidact.*, Tensor methods...


def public(*api, name=None, tensors=()):
    """Register a hand-written public function (an argument maker for structured ops) under
    ``api`` kinds, as ``op(..., api=...)`` does for simple ops. ``tensors`` names the arguments that
    must be Tensors (``torch.log(2.0)`` is a TypeError in PyTorch)."""
    def register(function):
        function.tensor_arguments = tensors
        PUBLIC[name or function.__name__] = (function, api)
        return function
    return register

_SIGNATURE_NAMES = {"self": "input"}  # PyTorch's functions call the first tensor ``input``


def docstring(spec):
    """A docstring from the spec: what ``help(autodidact.log)`` shows."""
    arguments = ", ".join(_SIGNATURE_NAMES.get(n, n) for n in spec.inputs)
    lines = [f"{spec.name}({arguments}) -> Tensor", ""]
    if spec.doc:
        lines += [spec.doc, ""]
    if spec.shows_as:
        lines.append(f"Written as: {spec.shows_as.format(**{n: _SIGNATURE_NAMES.get(n, n) for n in spec.inputs})}")
    for name in spec.inputs:
        text = spec.local.get(name, ("", ""))[0]
        if text:
            shown = {n: _SIGNATURE_NAMES.get(n, n) for n in spec.inputs}
            lines.append(f"Local derivative with respect to {shown[name]}: {text.format_map(_Keep(shown))}")
    lines.append(f"Backward node: {spec.grad_fn}. Inputs are differentiable where: {spec.domain}.")
    return "\n".join(lines)


class _Keep(dict):
    def __missing__(self, key):
        return "{" + key + "}"


def _float_operands(*tensors):
    """The arrays of ``tensors`` in their common dtype, made floating point (ints become float32)."""
    first = tensors[0]._array.dtype
    if first.kind == "f" and all(t._array.dtype == first for t in tensors[1:]):
        return [t._array for t in tensors]  # the common case, all float of one dtype: nothing to do
    dtype = dtypes.result_type(tensors)
    if not dtype.is_floating_point:
        dtype = dtypes.DEFAULT_FLOAT
    return [t._array if t._array.dtype == dtype.numpy else t._array.astype(dtype.numpy) for t in tensors]


def _generated(spec):
    """The module function of a simple op: tensors in (``torch.log(2.0)`` is PyTorch's TypeError),
    NumPy's warnings off (log(0) is -inf, as in PyTorch, without a warning), integer inputs computed
    in float32. (A one-input function checks its Tensor itself rather than through ``check_tensors``,
    whose wrapper would cost every call of tanh or exp one more Python call.)"""
    name, names = spec.name, tuple(_SIGNATURE_NAMES.get(n, n) for n in spec.inputs)
    if len(spec.inputs) == 1:
        def function(input):
            if not isinstance(input, Tensor):
                raise _not_a_tensor(name, names[0], 1, input)
            array = input._array  # computed in float32 when it holds integers:
            arrays = (array,) if array.dtype.kind == "f" else _float_operands(input)
            return spec.on(arrays, (input,))  # spec.on silences NumPy's warnings
    elif len(spec.inputs) == 2:
        def function(input, other):
            check_broadcast(input._array.shape, other._array.shape)
            arrays = _float_operands(input, other)
            return spec.on(arrays, (input, other))
    else:
        raise TypeError(f"op {spec.name!r}: only ops with one or two tensor inputs and no parameters get "
                        "a generated function; write one by hand and register it with @public")
    function.__name__ = function.__qualname__ = spec.name
    function.__doc__ = docstring(spec)
    function.spec = spec  # made from the spec alone: the checks and trace tests are generated too
    if len(spec.inputs) == 2:  # its check wraps it: torch.logaddexp(2.0) names the number, not a missing `other`
        return check_tensors(function, names)
    function.checks_tensors = names  # read by tensor_arguments()
    return function


def _inplace(function, name):
    def method(self, *args, **kwargs):
        return self._inplace(lambda t: function(t, *args, **kwargs))

    method.__name__ = method.__qualname__ = name
    method.__doc__ = f"In-place version of {function.__name__}(): writes the result into this tensor."
    return method


def _method(function, name, others):
    """The Tensor method of ``function``: ``self`` is a Tensor already, the ``others`` must be too
    (``x.hypot(2.0)`` is PyTorch's TypeError), counted from position 1 as PyTorch counts in a method."""
    if not others:
        return function

    def method(self, *args, **kwargs):
        for position, (argument, value) in enumerate(zip(others, args), start=1):
            if not isinstance(value, Tensor):
                raise _not_a_tensor(name, argument, position, value)
        return function(self, *args, **kwargs)

    method.__name__ = method.__qualname__ = name
    method.__doc__, method.__wrapped__ = function.__doc__, function
    return method


def generate():
    """Make the functions of the specs that declare an ``api`` (once, at import)."""
    for spec in OPS.values():
        if spec.api and spec.name not in PUBLIC:
            PUBLIC[spec.name] = (_generated(spec), spec.api)


def install(tensor_class, namespace, functional=None):
    """Put the public functions into ``namespace`` (the engine's functions), ``tensor_class``
    (methods and in-place variants) and, when given, ``functional`` (nn.functional). A hand-written
    function registered with ``@public(..., tensors=(...))`` goes into ``namespace`` refusing
    non-Tensors in those arguments, and its method in those after ``self``."""
    for name, (function, api) in PUBLIC.items():
        declared = getattr(function, "tensor_arguments", ())  # hand-written: its check is added here
        tensors = declared or getattr(function, "checks_tensors", ())  # generated: it checks already
        if "function" in api:
            namespace[name] = check_tensors(function, declared, name) if declared else function
        if "method" in api:
            setattr(tensor_class, name, _method(getattr(function, "__wrapped__", function), name, tensors[1:]))
        if "inplace" in api:
            setattr(tensor_class, name + "_", _inplace(function, name + "_"))
        if functional is not None and "functional" in api:
            functional[name] = function


def generated_specs():
    """The specs whose public function was made here from the spec alone (one or two tensors in,
    no parameters): their gradient checks and trace tests are generated as well."""
    return [function.spec for function, _ in PUBLIC.values() if getattr(function, "spec", None) is not None]


def single_argument_functions():
    """Public functions callable with one tensor alone (``exp(x)``, ``sum(x)``): what
    ``autodidact trace`` lets an expression call."""
    import inspect

    names = []
    for name, (function, api) in PUBLIC.items():
        if "function" not in api:
            continue
        parameters = inspect.signature(getattr(function, "__wrapped__", function)).parameters.values()
        required = [p for p in parameters if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY,
                                                                                 p.POSITIONAL_OR_KEYWORD)]
        if len(required) == 1:
            names.append(name)
    return tuple(sorted(names))


def tensor_arguments(namespace):
    """``{name: arguments}``: which leading arguments of each function in ``namespace`` must be
    Tensors (``torch.log(2.0)`` is PyTorch's TypeError), read from the functions themselves: the
    generated ones, those registered with ``@public(..., tensors=...)`` and those marked
    ``@takes_tensors``. Nothing keeps this list by hand."""
    return {name: function.checks_tensors for name, function in namespace.items()
            if getattr(function, "checks_tensors", None)}
