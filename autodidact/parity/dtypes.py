"""Data types, and PyTorch's rules for which dtype an operation produces.

A tensor's dtype is one of the objects below (``autodidact.float32`` and so on). Each wraps the
NumPy dtype that actually stores the numbers.
"""
import numpy as np


class DType:
    """A tensor element type; prints like PyTorch's (``torch.float32``)."""

    __slots__ = ("name", "numpy", "is_floating_point", "category")

    def __init__(self, name, numpy_dtype):
        self.name = name
        self.numpy = np.dtype(numpy_dtype)
        self.is_floating_point = self.numpy.kind == "f"
        self.category = "bif".index("b" if self.numpy.kind == "b" else "f" if self.is_floating_point else "i")

    @property
    def itemsize(self):
        return self.numpy.itemsize

    @property
    def is_signed(self):
        return self.numpy.kind in "if"

    def __repr__(self):
        return f"torch.{self.name}"

    def __reduce__(self):  # dtypes are singletons, also after pickling
        return (by_name, (self.name,))


bool_ = DType("bool", np.bool_)
uint8 = DType("uint8", np.uint8)  # images: pixel values 0..255
int8 = DType("int8", np.int8)
int16 = DType("int16", np.int16)
int32 = DType("int32", np.int32)
int64 = DType("int64", np.int64)
float16 = DType("float16", np.float16)
float32 = DType("float32", np.float32)
float64 = DType("float64", np.float64)

ALL = (bool_, uint8, int8, int16, int32, int64, float16, float32, float64)
_FROM_NUMPY = {d.numpy: d for d in ALL}
DEFAULT_FLOAT = float32  # what Python floats become, as in PyTorch

# PyTorch's own names for the dtypes, used in its messages ("Float", "Long") and by .type().
TYPE_NAMES_SHORT = {"float32": "Float", "float64": "Double", "float16": "Half", "int64": "Long", "int32": "Int",
                    "int16": "Short", "int8": "Char", "uint8": "Byte", "bool": "Bool"}

# PyTorch's dtypes that autodidact does not have, with the names torch also gives them. Asking for one
# (torch.bfloat16, torch.from_numpy of a uint16 array) fails with a message that says so.
UNSUPPORTED = {"bfloat16": "bfloat16", "complex64": "complex64", "cfloat": "complex64", "complex32": "complex32",
               "chalf": "complex32", "complex128": "complex128", "cdouble": "complex128", "uint16": "uint16",
               "uint32": "uint32", "uint64": "uint64", "quint8": "quint8", "qint8": "qint8", "qint32": "qint32",
               "float8_e4m3fn": "float8_e4m3fn", "float8_e5m2": "float8_e5m2"}


def unsupported_dtype_error(name):
    """The AttributeError for ``torch.<name>`` when ``name`` is one of PyTorch's dtypes not kept here."""
    return AttributeError(
        f"torch.{name} ({UNSUPPORTED[name]}) is not supported by autodidact; its dtypes are "
        f"{', '.join(d.name for d in ALL)}. Use torch.float32 for real numbers.")


_PYTHON_TYPES = {bool: bool_, int: int64, float: float64}


def resolve(dtype, function="tensor"):
    """``dtype`` as a DType. Like PyTorch, accept the Python types ``bool``, ``int`` and ``float``
    (which mean torch.bool, torch.int64 and torch.float64)."""
    if dtype is None or isinstance(dtype, DType):
        return dtype
    if isinstance(dtype, type) and dtype in _PYTHON_TYPES:
        return _PYTHON_TYPES[dtype]
    raise TypeError(
        f"{function}(): argument 'dtype' must be torch.dtype, not {type(dtype).__name__}. "
        f"Pass one of {', '.join(repr(d) for d in ALL)}."
    )


def by_name(name):
    """The DType called ``name`` ("float32")."""
    return next(d for d in ALL if d.name == name)


_by_name = by_name  # the name pickles made before it was public refer to


def from_numpy_dtype(numpy_dtype):
    """The DType that stores NumPy's ``numpy_dtype``; TypeError for ones PyTorch-style tensors lack."""
    try:
        return _FROM_NUMPY[np.dtype(numpy_dtype)]
    except KeyError:
        supported = ", ".join(str(d.numpy) for d in ALL)
        raise TypeError(
            f"can't convert a NumPy array of type {np.dtype(numpy_dtype)}; "
            f"the supported types are {supported}. Convert it first, e.g. array.astype('float32')."
        ) from None


def promote_types(a, b):
    """The smallest dtype both ``a`` and ``b`` convert to (``int64`` with ``float32`` gives ``float32``).

    Across categories (bool < integer < floating point) the higher category's type wins whatever its
    size (``int64`` with ``float16`` is ``float16``); within one, the smallest type that holds both
    (``uint8`` with ``int8`` is ``int16``), which is NumPy's rule for these types too."""
    if a is b:
        return a
    if a.category != b.category:
        return a if a.category > b.category else b
    return _FROM_NUMPY[np.promote_types(a.numpy, b.numpy)]


def scalar_dtype(value):
    """The dtype PyTorch gives a bare Python number in arithmetic."""
    if isinstance(value, (bool, np.bool_)):
        return bool_
    if isinstance(value, (int, np.integer)):
        return int64
    return DEFAULT_FLOAT


def _combine(higher, lower):
    # PyTorch's combine_categories: a lower-priority operand only changes the result when it is of a
    # higher category (e.g. a float scalar with an int tensor), never within the same category.
    if higher is None:
        return lower
    if lower is None:
        return higher
    if higher.is_floating_point:
        return higher
    if higher is bool_ or lower.is_floating_point:
        return promote_types(higher, lower)
    return higher


def result_type(operands):
    """The dtype of an arithmetic result, by PyTorch's three-tier rule.

    Tensors with dimensions come first, then 0-d tensors, then Python numbers: ``float32 vector *
    float64 0-d tensor`` stays float32, while ``int64 vector * 1.5`` becomes float32.
    """
    dimensioned = zero_dim = wrapped = None
    for operand in operands:
        if isinstance(operand, np.generic):  # a NumPy scalar counts as a Python number
            dtype = None
        elif isinstance(operand, np.ndarray):  # an array as the tensor it becomes
            dtype = from_numpy_dtype(operand.dtype)
        else:
            dtype = getattr(operand, "dtype", None)
        if dtype is None:
            current = scalar_dtype(operand)
            wrapped = current if wrapped is None else promote_types(wrapped, current)
        elif operand.ndim:
            dimensioned = dtype if dimensioned is None else promote_types(dimensioned, dtype)
        else:
            zero_dim = dtype if zero_dim is None else promote_types(zero_dim, dtype)
    return _combine(dimensioned, _combine(zero_dim, wrapped))


def cast_back(grad, numpy_dtype, recorded):
    """A gradient cast back to its input's dtype, undoing type promotion (a float32 input of a
    float64 op gets a float32 gradient). ``recorded``: ``grad`` is a Tensor under create_graph."""
    return grad.to(from_numpy_dtype(numpy_dtype)) if recorded else grad.astype(numpy_dtype)
