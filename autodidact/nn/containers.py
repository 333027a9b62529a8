"""Containers: modules that hold other modules, so that their parameters are found.

A plain Python list or dict of layers is invisible to ``parameters()`` (and so to the optimizer);
these register every layer they hold. ``Sequential`` also calls them in order; ``ModuleList`` and
``ModuleDict`` only hold them, and your ``forward`` decides how they are used.
"""
from collections import OrderedDict
from collections.abc import Mapping

from ..engine.tensor import Tensor
from .module import Module
from .parameter import Parameter


def _indent(text, spaces=2):
    """Indent every line but the first (how a child's repr nests inside its parent's)."""
    return text.replace("\n", "\n" + " " * spaces)


def _position(index, length, kind="index"):
    """``index`` (negative counts from the end) as a position in 0..length-1, or IndexError."""
    index = int(index.__index__())
    if not -length <= index < length:
        raise IndexError(f"{kind} {index} is out of range")
    return index % length


class _NumberedModules(Module):
    """What Sequential and ModuleList share: modules named "0", "1", "2"... kept in order."""

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules.values())

    def __delitem__(self, index):
        keys = list(self._modules)
        for key in (keys[index] if isinstance(index, slice) else [keys[_position(index, len(keys))]]):
            delattr(self, key)
        self._renumber(list(self._modules.values()))

    def _renumber(self, modules):
        """Hold ``modules`` under the names "0", "1", "2"... (as PyTorch does after a deletion)."""
        object.__setattr__(self, "_modules", OrderedDict())
        for index, module in enumerate(modules):
            self.add_module(str(index), module)

    def append(self, module):
        self.add_module(str(len(self)), module)
        return self

    def insert(self, index, module):
        modules = list(self._modules.values())
        modules.insert(index, module)
        self._renumber(modules)
        return self

    def pop(self, index=-1):
        module = self[index]
        del self[index]
        return module


class Sequential(_NumberedModules):
    """Modules applied one after the other: ``Sequential(a, b, c)(x)`` is ``c(b(a(x)))``.

    The modules are named "0", "1", "2"... (or by the keys of an OrderedDict), which is where the
    parameter names ``"0.weight"`` come from. Index it (``model[0]``), slice it, loop over it.
    """

    def __init__(self, *args):
        super().__init__()
        if len(args) == 1 and isinstance(args[0], OrderedDict):
            for name, module in args[0].items():
                self.add_module(name, module)
        else:
            for index, module in enumerate(args):
                self.add_module(str(index), module)

    def forward(self, input):
        for module in self:
            input = module(input)
        return input

    def __getitem__(self, index):
        items = list(self._modules.items())
        if isinstance(index, slice):
            return type(self)(OrderedDict(items[index]))
        return items[_position(index, len(items))][1]

    def __setitem__(self, index, module):
        key = list(self._modules)[_position(index, len(self))]
        self.add_module(key, module)

    def extend(self, modules):
        for module in modules:
            self.append(module)
        return self


class ModuleList(_NumberedModules):
    """A list of modules whose parameters are registered, e.g. a stack of layers built in a loop::

        self.layers = nn.ModuleList([nn.Linear(16, 16) for _ in range(4)])

    It has no ``forward``: loop over it in your own. Printing groups identical neighbours,
    ``(0-3): 4 x Linear(...)``, as PyTorch does.
    """

    def __init__(self, modules=None):
        super().__init__()
        if modules is not None:
            self.extend(modules)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return type(self)(list(self._modules.values())[index])
        return self._modules[str(_position(index, len(self)))]

    def __setitem__(self, index, module):
        self.add_module(str(_position(index, len(self))), module)

    def __iadd__(self, modules):
        return self.extend(modules)

    def __add__(self, other):
        return ModuleList(list(self) + list(other))

    def extend(self, modules):
        if isinstance(modules, Module) and not isinstance(modules, (ModuleList, Sequential)) \
                or not hasattr(modules, "__iter__"):
            raise TypeError(f"ModuleList.extend should be called with an iterable, but got "
                            f"{type(modules).__name__}")
        for module in modules:
            self.append(module)
        return self

    def __repr__(self):
        reprs = [repr(module) for module in self]
        if not reprs:
            return self._get_name() + "()"
        blocks = []  # [first index, last index, repr] for each run of identical neighbours
        for index, text in enumerate(reprs):
            if blocks and blocks[-1][2] == text:
                blocks[-1][1] = index
            else:
                blocks.append([index, index, text])
        lines = [_indent(f"({first}): {text}" if first == last else
                         f"({first}-{last}): {last - first + 1} x {text}")
                 for first, last, text in blocks]
        return self._get_name() + "(\n  " + "\n  ".join(lines) + "\n)"


class ModuleDict(Module):
    """A dict of modules whose parameters are registered: ``self.heads = nn.ModuleDict({"a": ...})``.

    Keys keep the order they were added in, as in a Python dict."""

    def __init__(self, modules=None):
        super().__init__()
        if modules is not None:
            self.update(modules)

    def __getitem__(self, key):
        return self._modules[key]

    def __setitem__(self, key, module):
        self.add_module(key, module)

    def __delitem__(self, key):
        del self._modules[key]

    def __len__(self):
        return len(self._modules)

    def __iter__(self):
        return iter(self._modules)

    def __contains__(self, key):
        return key in self._modules

    def keys(self):
        return self._modules.keys()

    def items(self):
        return self._modules.items()

    def values(self):
        return self._modules.values()

    def clear(self):
        self._modules.clear()

    def pop(self, key):
        module = self[key]
        del self[key]
        return module

    def update(self, modules):
        pairs = modules.items() if hasattr(modules, "items") else modules
        for key, module in pairs:
            self[key] = module


def _parameter_line(key, value, type_name):
    """One line of a ParameterList/ParameterDict repr, as PyTorch prints it (a summary, no values)."""
    if isinstance(value, Tensor):
        size = "x".join(str(size) for size in value.shape)
        kind = "Parameter" if isinstance(value, Parameter) else "Tensor"
        return f"  ({key}): {kind} containing: [{type_name(value)} of size {size}]"
    return f"  ({key}): Object of type: {type(value).__name__}"


def _as_parameter(value):
    """A plain tensor put into a ParameterList/Dict becomes a Parameter (so it is trained)."""
    if isinstance(value, Tensor) and not isinstance(value, Parameter):
        return Parameter(value)
    return value


class ParameterList(Module):
    """A list of parameters that a module registers, named "0", "1", "2"...::

        self.weights = nn.ParameterList([nn.Parameter(torch.randn(4, 4)) for _ in range(3)])

    A plain Python list of Parameters is invisible to ``parameters()``; this one is not.
    """

    def __init__(self, values=None):
        super().__init__()
        self._size = 0
        if values is not None:
            self += values

    def _absolute_key(self, index):
        return str(_position(index, len(self)))

    def __getitem__(self, index):
        if isinstance(index, slice):
            return type(self)([self[i] for i in range(len(self))[index]])
        return getattr(self, self._absolute_key(index))

    def __setitem__(self, index, value):
        setattr(self, self._absolute_key(index), _as_parameter(value))

    def __len__(self):
        return self._size

    def __iter__(self):
        return iter(self[i] for i in range(len(self)))

    def __iadd__(self, values):
        return self.extend(values)

    def __call__(self, *args, **kwargs):
        raise RuntimeError("ParameterList should not be called.")

    def append(self, value):
        index = len(self)
        self._size += 1
        self[index] = value
        return self

    def extend(self, values):
        if not hasattr(values, "__iter__") or isinstance(values, Tensor):
            raise TypeError("ParameterList.extend should be called with an iterable, but got "
                            + type(values).__name__)
        for value in values:
            self.append(value)
        return self

    def extra_repr(self):
        return "\n".join(_parameter_line(index, value, lambda p: str(p.dtype))
                         for index, value in enumerate(self))


class ParameterDict(Module):
    """A dict of parameters that a module registers under their (string) keys::

        self.choices = nn.ParameterDict({"left": nn.Parameter(torch.ones(2)), ...})

    Their names in ``named_parameters()`` are ``"choices.left"``. A plain dict is sorted by key
    when added (as PyTorch does); an OrderedDict or a list of pairs keeps its order.
    """

    def __init__(self, parameters=None):
        super().__init__()
        self._keys = {}
        if parameters is not None:
            self.update(parameters)

    @staticmethod
    def _check_key(key):
        if not isinstance(key, str):
            raise TypeError(f"Index given to ParameterDict cannot be used as a key as it is not a "
                            f"string (type is '{type(key).__name__}'). Open an issue on github if "
                            f"you need non-string keys.")
        return key

    def __getitem__(self, key):
        return getattr(self, self._check_key(key))

    def __setitem__(self, key, value):
        self._keys[key] = None
        setattr(self, self._check_key(key), _as_parameter(value))

    def __delitem__(self, key):
        del self._keys[key]
        delattr(self, self._check_key(key))

    def __len__(self):
        return len(self._keys)

    def __iter__(self):
        return iter(self._keys)

    def __reversed__(self):
        return reversed(list(self._keys))

    def __contains__(self, key):
        return key in self._keys

    def __call__(self, input):
        raise RuntimeError("ParameterDict should not be called.")

    def keys(self):
        return self._keys.keys()

    def values(self):
        return (self[key] for key in self._keys)

    def items(self):
        return ((key, self[key]) for key in self._keys)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def setdefault(self, key, default=None):
        if key not in self:
            self[key] = default
        return self[key]

    def pop(self, key):
        value = self[key]
        del self[key]
        return value

    def popitem(self):
        key = next(reversed(self._keys))
        return key, self.pop(key)

    def clear(self):
        for key in list(self._keys):
            del self[key]

    def copy(self):
        return ParameterDict(OrderedDict(self.items()))

    def fromkeys(self, keys, default=None):
        return ParameterDict((key, default) for key in keys)

    def update(self, parameters):
        if not hasattr(parameters, "__iter__"):
            raise TypeError("ParametersDict.update should be called with an iterable of key/value "
                            "pairs, but got " + type(parameters).__name__)
        if isinstance(parameters, (OrderedDict, ParameterDict)):
            pairs = list(parameters.items())
        elif isinstance(parameters, Mapping):
            pairs = sorted(parameters.items())
        else:
            pairs = []
            for number, pair in enumerate(parameters):
                if not hasattr(pair, "__iter__"):
                    raise TypeError(f"ParameterDict update sequence element #{number} should be "
                                    f"Iterable; is{type(pair).__name__}")
                if len(pair) != 2:
                    raise ValueError(f"ParameterDict update sequence element #{number} has length "
                                     f"{len(pair)}; 2 is required")
                pairs.append(pair)
        for key, value in pairs:
            self[key] = value

    def __or__(self, other):
        copy = self.copy()
        copy.update(other)
        return copy

    def __ror__(self, other):
        copy = other.copy()
        copy.update(self)
        return copy

    def __ior__(self, other):
        self.update(other)
        return self

    def extra_repr(self):
        return "\n".join(_parameter_line(key, value, lambda p: p.type()) for key, value in self.items())
