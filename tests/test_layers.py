"""The package's layers, checked from its imports (``../shared/DESIGN.md``, "the layer order";
``docs/architecture.md`` restates it).

Every ``import`` and ``from ... import`` in ``autodidact/`` is read with ``ast``, at module level and
inside functions alike, and each is placed in a unit:

    0  parity      PyTorch-parity code: dtypes, printing, float32 order (imports nothing of ours)
    1  engine      Tensor, graph nodes, backward, the op table
    2  api         the torch-shaped namespace (``autodidact``), autograd, nn, optim, utils, save/load,
                   cuda/backends/accelerator (which say there is no GPU)
    3  tracing, grading, testing     (beside each other: none imports another; the grader uses the
                                     engine and the API its exercises are about, e.g. autograd.Function)
    4  drawing
    5  widgets
    6  cli, course

A unit may import its own modules and the units below it. Three things fail the test: an import
of a higher layer (an upward import), a cycle between units, and an import of another unit's
private module or private name (a leading underscore): a unit exposes what others use.

One exception, stated here so it stays visible: the namespace ``autodidact/__init__.py`` loads
higher units *inside functions* (``ad.trace``, ``ad.graph``, ``%load_ext autodidact``) on first use;
that is how ``import autodidact`` stays fast. Its module-level imports are checked like any other.
"""
import ast
import functools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "autodidact"

LAYERS = {
    "parity": 0,
    "engine": 1,
    "api": 2,
    "tracing": 3, "grading": 3, "testing": 3,
    "drawing": 4,
    "widgets": 5,
    "cli": 6,
}
# The first dotted parts of a module's name (after ``autodidact``) -> its unit.
UNIT_OF = {
    "parity": "parity", "engine": "engine",
    "autograd": "api", "nn": "api", "optim": "api", "utils": "api", "serialization": "api", "linalg": "api", "distributions": "api", "func": "api", "special": "api",
    "cuda": "api", "backends": "api", "accelerator": "api",
    "tracing": "tracing", "grading": "grading", "testing": "testing",
    "drawing": "drawing", "widgets": "widgets",
    "cli": "cli", "course": "cli", "__main__": "cli",
    # Entry points that live in the tracing folder: the `autodidact trace` command and the %%trace
    # magic. They sit on top, like the CLI (they show graphs, so they load drawing).
    "tracing.cli": "cli", "tracing.magic": "cli",
}
NAMESPACE = "autodidact"


def module_name(path):
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def unit(module):
    parts = module.split(".")
    if parts == [NAMESPACE]:
        return "api"
    return UNIT_OF.get(".".join(parts[1:3]), UNIT_OF.get(parts[1]))


def is_package(module):
    return MODULES.get(module, Path()).name == "__init__.py"


def imports_of(module):
    """``(target module, imported name or None, inside a function?, line)`` for every import."""
    return list(_imports_of(module))


@functools.cache  # each test reads every module's imports: parse each file once
def _imports_of(module):
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    package = module if is_package(module) else module.rsplit(".", 1)[0]
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name.split(".")[0] == NAMESPACE:
                        found.append((alias.name, None, in_function, child.lineno))
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package.split(".")
                    base = base[:len(base) - child.level + 1]
                    source = ".".join(base + ([child.module] if child.module else []))
                else:
                    source = child.module or ""
                if source.split(".")[0] != NAMESPACE:
                    continue
                for alias in child.names:
                    submodule = f"{source}.{alias.name}"
                    if submodule in MODULES:  # ``from . import graph``: the module itself
                        found.append((submodule, None, in_function, child.lineno))
                    else:
                        found.append((source, alias.name, in_function, child.lineno))
            visit(child, inner)

    visit(tree, False)
    return tuple(found + private_attributes_of(tree, package))


def private_attributes_of(tree, package):
    """``module._name`` where ``module`` names one of our modules (``from ..engine import tensor as
    _t`` then ``_t._random``): reaching into a module through an attribute is an import of the
    name all the same, so it is reported like ``from ..engine.tensor import _random``."""
    aliases = {}  # local name -> our module it is bound to
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == NAMESPACE:
                    aliases[alias.asname or alias.name.split(".")[0]] = alias.name if alias.asname else NAMESPACE
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            source = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                if f"{source}.{alias.name}" in MODULES:
                    aliases[alias.asname or alias.name] = f"{source}.{alias.name}"
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and _private(node.attr)):
            continue
        chain, value = [], node.value
        while isinstance(value, ast.Attribute):
            chain.insert(0, value.attr)
            value = value.value
        if not isinstance(value, ast.Name) or value.id not in aliases:
            continue
        module = aliases[value.id]
        for part in chain:
            if f"{module}.{part}" not in MODULES:
                break
            module = f"{module}.{part}"
        else:
            found.append((module, node.attr, True, node.lineno))
    return found


def all_imports():
    for module in MODULES:
        for target, name, in_function, line in imports_of(module):
            yield module, target, name, in_function, line


def test_every_module_has_a_unit():
    assert [m for m in MODULES if unit(m) is None] == [], "add the new folder to UNIT_OF and LAYERS"


def test_no_upward_imports():
    upward = []
    for module, target, name, in_function, line in all_imports():
        if module == NAMESPACE and in_function:
            continue  # the namespace's lazy loaders (see the module docstring)
        source_unit, target_unit = unit(module), unit(target)
        if source_unit == target_unit:
            continue
        if LAYERS[target_unit] > LAYERS[source_unit] or (
                LAYERS[target_unit] == LAYERS[source_unit] and source_unit != "api"):
            upward.append(f"{module}:{line} imports {target} ({source_unit} -> {target_unit})")
    assert upward == []


def test_no_private_imports_across_units():
    private = []
    for module, target, name, in_function, line in all_imports():
        if unit(module) == unit(target):
            continue
        hidden = [part for part in target.split(".") + [name or ""] if _private(part)]
        if hidden:
            private.append(f"{module}:{line} imports {target}{'.' + name if name else ''}")
    assert private == [], "import what the other unit exposes (its package or a public module)"


def test_no_cycles_between_units():
    edges = {}
    for module, target, name, in_function, line in all_imports():
        if module == NAMESPACE and in_function:
            continue
        if unit(module) != unit(target):
            edges.setdefault(unit(module), set()).add(unit(target))
    assert _cycles(edges) == []


def test_no_cycles_between_modules_at_import_time():
    edges = {}
    for module, target, name, in_function, line in all_imports():
        if not in_function and target != module:
            edges.setdefault(module, set()).add(target)
    # A package imports its own submodules in __init__ and they import it back for nothing else:
    # only cycles that do not pass through a package's own __init__ are real.
    assert [c for c in _cycles(edges) if not any(is_package(m) and c[0].startswith(m) for m in c)] == []


def _private(name):
    return name.startswith("_") and not name.endswith("__")  # __version__, __main__ are public


def _cycles(edges):
    """Each cycle found by a depth-first search, as a list of nodes (empty when there is none)."""
    cycles, state = [], {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == "open":
                cycles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    return cycles


@pytest.mark.parametrize("source, target, name, expected", [
    # the engine never imports the autograd API, tracing, drawing or widgets
    ("autodidact.engine.tensor", "autodidact.tracing", None, "upward"),
    ("autodidact.engine.graph", "autodidact.autograd", "Function", "upward"),
    ("autodidact.engine.spec", "autodidact.drawing", None, "upward"),
    ("autodidact.engine.tensor_core", "autodidact.widgets", None, "upward"),
    ("autodidact.parity.printing", "autodidact.engine", "Tensor", "upward"),
    # tracing never imports drawing (drawing registers itself with tracing instead)
    ("autodidact.tracing._core", "autodidact.drawing", "graph_of_trace", "upward"),
    # the grader imports neither tracing, drawing nor widgets
    ("autodidact.grading.judge", "autodidact.tracing", "trace", "upward"),
    ("autodidact.grading.checks.lesson01", "autodidact.drawing", None, "upward"),
    ("autodidact.widgets.backprop", "autodidact.tracing._render", "text", "private"),
    ("autodidact.nn.functional", "autodidact.engine.tensor", "_apply", "private"),
])
def test_the_checks_catch_what_they_are_for(source, target, name, expected, monkeypatch):
    """The rules above, on made-up imports: each one must be reported."""
    real = imports_of

    def with_extra(module):
        extra = [(target, name, False, 1)] if module == source else []
        return real(module) + extra

    monkeypatch.setitem(globals(), "imports_of", with_extra)
    check = test_no_upward_imports if expected == "upward" else test_no_private_imports_across_units
    with pytest.raises(AssertionError):
        check()


def test_private_attributes_of_other_modules_are_caught():
    """``module._name`` counts as importing ``_name``: the check above sees it."""
    source = ("from ..engine import tensor as _t\n"
              "import autodidact as ad\n"
              "def f(t):\n"
              "    return _t._random, ad.engine.tensor._apply, t._array, _t.tensor\n")
    found = private_attributes_of(ast.parse(source), "autodidact.nn")
    assert sorted(found) == [("autodidact.engine.tensor", "_apply", True, 4),
                             ("autodidact.engine.tensor", "_random", True, 4)]
