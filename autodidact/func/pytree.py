"""Nested containers of tensors ("pytrees"), as ``torch.func`` takes and returns them.

A function transformed by ``grad`` or ``vmap`` may take a dict of parameters, a tuple of tensors, or
a list of dicts: a *tree* whose *leaves* are tensors (or other values). The transforms work on the
flat list of leaves and rebuild the same structure around their results:

    leaves, structure = flatten({"w": w, "b": [b1, b2]})    # [w, b1, b2]
    unflatten([gw, gb1, gb2], structure)                    # {"w": gw, "b": [gb1, gb2]}

Tuples (and named tuples), lists and dicts are containers; anything else is a leaf.
"""


class Structure:
    """The shape of a tree without its leaves: a container type and the structures inside it."""

    def __init__(self, kind, keys=None, children=()):
        self.kind = kind  # None for a leaf, else tuple, list, dict or a namedtuple class
        self.keys = keys  # a dict's keys, in order
        self.children = children

    @property
    def is_leaf(self):
        return self.kind is None

    @property
    def num_leaves(self):
        return 1 if self.is_leaf else sum(child.num_leaves for child in self.children)

    def __eq__(self, other):
        return (isinstance(other, Structure) and self.kind is other.kind and self.keys == other.keys
                and self.children == other.children)

    def __repr__(self):
        if self.is_leaf:
            return "*"
        inside = ", ".join(repr(child) if self.keys is None else f"{key!r}: {child!r}"
                           for key, child in zip(self.keys or [None] * len(self.children), self.children))
        return {tuple: "({},)" if len(self.children) == 1 else "({})", list: "[{}]", dict: "{{{}}}"}.get(
            self.kind, self.kind.__name__ + "({})").format(inside)


LEAF = Structure(None)


def _is_namedtuple(value):
    return isinstance(value, tuple) and hasattr(type(value), "_fields")


def flatten(tree):
    """``(leaves, structure)``: the leaves in order (dicts in their insertion order)."""
    if isinstance(tree, dict):
        keys = list(tree)
        parts = [flatten(tree[key]) for key in keys]
        return [leaf for leaves, _ in parts for leaf in leaves], Structure(dict, keys, [s for _, s in parts])
    if isinstance(tree, (tuple, list)):
        parts = [flatten(item) for item in tree]
        kind = type(tree) if _is_namedtuple(tree) else (tuple if isinstance(tree, tuple) else list)
        return [leaf for leaves, _ in parts for leaf in leaves], Structure(kind, None, [s for _, s in parts])
    return [tree], LEAF


def unflatten(leaves, structure):
    """The tree of ``structure`` with ``leaves`` put in, in order."""
    leaves = iter(leaves)

    def build(node):
        if node.is_leaf:
            return next(leaves)
        items = [build(child) for child in node.children]
        if node.kind is dict:
            return dict(zip(node.keys, items))
        if node.kind in (tuple, list):
            return node.kind(items)
        return node.kind(*items)  # a named tuple

    return build(structure)


def broadcast_prefix(prefix, structure, is_leaf_value):
    """One value per leaf of ``structure``, from ``prefix``: a tree that matches ``structure`` down to
    some depth, with a single value (``is_leaf_value(value)``) standing for a whole subtree.
    ``in_dims=(0, None)`` for ``f(x, params)`` gives 0 for x and None for every tensor in params.
    Returns None when the prefix does not fit."""
    if is_leaf_value(prefix):
        return [prefix] * structure.num_leaves
    if structure.is_leaf:
        return None
    if isinstance(prefix, dict) and structure.kind is dict:
        if list(prefix) != structure.keys and set(prefix) != set(structure.keys):
            return None
        prefix_items = [prefix[key] for key in structure.keys]
    elif isinstance(prefix, (tuple, list)) and structure.kind is not dict:
        prefix_items = list(prefix)
    else:
        return None
    if len(prefix_items) != len(structure.children):
        return None
    values = []
    for item, child in zip(prefix_items, structure.children):
        part = broadcast_prefix(item, child, is_leaf_value)
        if part is None:
            return None
        values.extend(part)
    return values
