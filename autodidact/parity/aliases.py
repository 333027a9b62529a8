"""NumPy's argument names, which PyTorch accepts too: ``x.sum(axis=0, keepdims=True)``,
``torch.zeros(size=(2, 3))``.

PyTorch's argument parser treats ``axis`` as another name for ``dim``, ``keepdims`` for
``keepdim``, ``x``/``a``/``x1`` for ``input`` and ``x2`` for ``other``, in every function and
method written in C++ (the Python-written ones, such as ``F.softmax`` or ``Tensor.split``, do not).
Functions taking a shape as ``*size`` also accept it by keyword. Rather than spell these names in
every signature, the engine passes each function through :func:`numpy_names` once, when it is
defined; a function with none of these parameters comes back unchanged and costs nothing.
"""
import functools
import inspect

# PyTorch's alias table (python_arg_parser.cpp, numpy_compatibility_arg_names).
ALIASES = {"dim": ("axis",), "keepdim": ("keepdims",), "input": ("x", "a", "x1"), "other": ("x2",)}

# The keyword under which PyTorch accepts a shape given as separate numbers (``zeros(2, 3)``):
# ``size`` unless listed here.
SHAPE_KEYWORDS = {"reshape": "shape", "permute": "dims", "repeat": "repeats", "tile": "dims"}


def numpy_names(function, name=None):
    """``function``, accepting PyTorch's NumPy-style argument names as well as its own.

    ``name`` is what error messages call it (PyTorch's name, e.g. ``"sum"``).
    """
    name = name or function.__name__
    parameters = inspect.signature(function).parameters
    renames = {alias: real for real, aliases in ALIASES.items() if real in parameters for alias in aliases
               if alias not in parameters}
    variadic = any(p.kind is p.VAR_POSITIONAL for p in parameters.values())
    keywords = {p.name for p in parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)}
    shape_keyword = SHAPE_KEYWORDS.get(name, "size") if variadic else None
    if shape_keyword in keywords:
        shape_keyword = None
    if not renames and shape_keyword is None:
        return function
    leading = 1 if next(iter(parameters), None) == "self" else 0  # a method's shape comes after self

    @functools.wraps(function)
    def accepting_numpy_names(*args, **kwargs):
        if kwargs:
            for alias, real in renames.items():
                if alias in kwargs:
                    if real in kwargs:  # dim=0, axis=1: PyTorch does not choose either
                        raise TypeError(f"{name}() got an unexpected keyword argument '{alias}'")
                    kwargs[real] = kwargs.pop(alias)
            if shape_keyword is not None and shape_keyword in kwargs:
                if len(args) > leading:
                    raise TypeError(f"{name}() got multiple values for argument '{shape_keyword}'")
                shape = kwargs.pop(shape_keyword)
                if not isinstance(shape, (tuple, list)):
                    raise TypeError(f"{name}(): argument '{shape_keyword}' must be tuple of ints, not "
                                    f"{type(shape).__name__}")
                args = args + (tuple(shape),)
        return function(*args, **kwargs)

    return accepting_numpy_names

