"""Containers: modules that hold other modules, so that their parameters are found.

A plain Python list or dict of layers is invisible to ``parameters()`` (and so to the optimizer);
these register every layer they hold. ``Sequential`` also calls them in order; ``ModuleList`` and
``ModuleDict`` only hold them, and your ``forward`` decides how they are used.
"""
from collections import OrderedDict

from .module import Module


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
