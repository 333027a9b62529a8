"""NumPy's argument names, which PyTorch accepts too: ``x.sum(axis=0, keepdims=True)``,
``torch.zeros(size=(2, 3))``.

PyTorch's argument parser treats ``axis`` as another name for ``dim``, ``keepdims`` for
``keepdim``, ``x``/``a``/``x1`` for ``input`` and ``x2`` for ``other``, in every function and
method written in C++ (the Python-written ones, such as ``F.softmax`` or ``Tensor.split``, do not).
Functions taking a shape as separate numbers also accept it whole, by keyword. Rather than spell these names in
every signature, the engine passes each function through :func:`numpy_names` once, when it is
defined; a function with none of these parameters comes back unchanged and costs nothing.
"""
import functools
import inspect

# PyTorch's alias table (python_arg_parser.cpp, numpy_compatibility_arg_names), less ``x2`` for
# ``other`` (which would cost every binary method a wrapper for a name nobody writes); and ``size``
# for a parameter ours call ``shape`` (``full``, ``broadcast_to``), which PyTorch calls ``size``.
ALIASES = {"dim": ("axis",), "keepdim": ("keepdims",), "input": ("x", "a", "x1"), "shape": ("size",)}

# Functions taking a shape as separate numbers (``zeros(2, 3)``), and the keyword under which
# PyTorch also takes it whole (``zeros(size=(2, 3))``).
SHAPE_KEYWORDS = {"zeros": "size", "ones": "size", "empty": "size", "rand": "size", "randn": "size",
                  "view": "size", "expand": "size", "new_zeros": "size", "new_ones": "size",
                  "new_empty": "size", "reshape": "shape", "permute": "dims", "repeat": "repeats", "tile": "dims",
                  "flip": "dims"}

# Functions and methods PyTorch writes in Python (torch/functional.py, torch/_tensor.py): they take
# only the names in their own signatures, so ``x.norm(axis=1)`` is a TypeError there too.
PYTHON_WRITTEN = frozenset({
    "norm", "split", "einsum", "unique", "unique_consecutive", "unflatten", "tensordot", "meshgrid", "cdist",
    "broadcast_tensors", "broadcast_shapes", "block_diag", "cartesian_prod", "chain_matmul", "stft", "istft",
    "lu", "atleast_1d", "atleast_2d", "atleast_3d", "unravel_index", "backward", "register_hook",
    "set_printoptions", "manual_seed", "seed", "initial_seed", "load", "save", "get_default_dtype",
    "promote_types", "result_type", "is_tensor", "is_grad_enabled", "is_inference_mode_enabled",
    "set_grad_enabled", "load_ipython_extension",
})

# The functions whose result PyTorch can write into a given tensor: torch.add(a, b, out=c).
FUNCTIONS_WITH_OUT = frozenset("""
    abs ceil cos exp floor log log10 log1p log2 neg negative reciprocal round rsqrt sigmoid sign sin sqrt square tanh
    add sub subtract mul multiply div divide true_divide floor_divide remainder maximum minimum pow matmul mm dot
    outer ger mv addmm sum mean prod std var argmax argmin cumsum logsumexp softmax log_softmax max min sort topk
    cat concat concatenate stack clamp clip where zeros ones empty full eye arange linspace
    rand randn randint randperm normal bernoulli multinomial
    addcmul addcdiv lerp atan2 arctan2 hypot xlogy logit nan_to_num copysign float_power heaviside frac sgn
    deg2rad rad2deg exp2 sinc erfc fmax fmin logaddexp2 gcd lcm signbit ldexp lgamma digamma polygamma
    asinh acosh atanh arcsin arccos arctan arcsinh arccosh arctanh absolute fix
    cummax cummin logcumsumexp inner kron cross masked_select index_copy renorm aminmax
""".split())

# Of those, the ones that make a new tensor: given out=, they take its dtype unless told another.
CREATION_FUNCTIONS = frozenset("zeros ones empty full eye arange linspace rand randn randint randperm".split())


def numpy_names(function, name=None, *, method=False):
    """``function``, accepting PyTorch's NumPy-style argument names as well as its own.

    ``name`` is what error messages call it (PyTorch's name, e.g. ``"sum"``). For a Tensor
    ``method`` the first parameter is the tensor itself, never given by keyword.
    """
    name = name or function.__name__
    parameters = inspect.signature(function).parameters
    keywords = [p.name for p in parameters.values() if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    if method:
        keywords = keywords[1:]
    renames = {alias: real for real, aliases in ALIASES.items() if real in keywords for alias in aliases
               if alias not in parameters}
    variadic = any(p.kind is p.VAR_POSITIONAL for p in parameters.values())
    shape_keyword = SHAPE_KEYWORDS.get(name) if variadic else None
    if not renames and shape_keyword is None:
        return function
    leading = 1 if method else 0  # a method's shape comes after the tensor

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

