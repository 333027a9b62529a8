"""autodidact: learn automatic differentiation on a small, readable engine that behaves like PyTorch.

    import autodidact as torch
    x = torch.tensor([5.0], requires_grad=True)
    z = torch.log(x**2)
    z.backward()
    print(x.grad)            # tensor([0.4000])

The engine lives in ``engine/``: ``tensor.py`` (the Tensor), ``spec.py`` (how an op is
declared, and the one backward step), ``ops/`` (the op table: every derivative rule, one
declaration per op) and ``graph.py`` (nodes and the backward pass); what exists only to match
PyTorch to the letter (dtype promotion, printing, float32 rounding order) lives in ``parity/``. Tracing, drawing, widgets and grading are
layered on top and imported only when used, so ``import autodidact`` stays fast.
"""
import math as _math

from .parity import dtypes as _dtypes
from .parity.dtypes import DType as dtype
from .parity.dtypes import float16, float32, float64, int8, int16, int32, int64, uint8
from .engine.grad_mode import (enable_grad, inference_mode, is_grad_enabled, is_inference_mode_enabled, no_grad,
                               set_grad_enabled)
from .engine.tensor import (
    Size, Tensor, allclose, arange, as_tensor, broadcast_shapes, broadcast_tensors, broadcast_to, cat, clip, concat, concatenate,
    divide, empty, empty_like, equal, expand, eye, from_numpy, full, full_like, ger, is_tensor, linspace,
    multiply, negative, numel, ones, ones_like, permute, reshape, stack, subtract, tensor, true_divide, zeros,
    zeros_like, remainder, floor_divide, flip,
)
from .engine.tensor import logspace
from .engine import tensor as _tensor
from .engine.ops.public import PUBLIC as _PUBLIC

# The math functions made from the op specs (engine/ops/): autodidact.log, autodidact.sum, ...
globals().update({_name: getattr(_tensor, _name) for _name, (_, _api) in _PUBLIC.items() if "function" in _api})
from .engine import random  # noqa: E402
from .engine.generator import default_generator, initial_seed, manual_seed, seed  # noqa: E402
from .engine.random import (bernoulli, multinomial, normal, rand, rand_like, randint, randint_like, randn,  # noqa: E402
                            randn_like, randperm)
from . import autograd
from . import accelerator, backends, cuda
from .parity.devices import device
from .parity.printing import set_printoptions
from .engine.generator import Generator
from .engine.legacy_types import (BoolTensor, ByteTensor, CharTensor, DoubleTensor, FloatTensor, HalfTensor,
                                  IntTensor, LongTensor, ShortTensor)

bool = _dtypes.bool_  # noqa: A001  (torch.bool; defined last so the builtin is not shadowed above)
float = float32  # noqa: A001
double = float64
long = int64
int = int32  # noqa: A001
short = int16
half = float16

# The constants torch has: plain Python floats, as in PyTorch (torch.pi is math.pi).
pi = _math.pi
e = _math.e
inf = _math.inf
nan = _math.nan

__version__ = "0.1.0"

# Submodules that pull in more (nn, optim, tracing, widgets...) load on first use.
_LAZY = {"nn", "linalg", "special", "distributions", "optim", "utils", "serialization", "tracing", "drawing", "widgets", "grading",
         "cli", "testing", "func"}
_LAZY_ATTRIBUTES = {"trace": "tracing", "explain": "tracing", "graph": "drawing", "save": "serialization",
                    "load": "serialization", "vmap": "func"}


def __getattr__(name):
    import importlib

    if name in _LAZY_ATTRIBUTES:
        return getattr(__getattr__(_LAZY_ATTRIBUTES[name]), name)
    if name in _LAZY:
        module = importlib.import_module(f".{name}", __name__)
        if name == "tracing":  # drawing registers Trace.graph() in tracing (which cannot import it)
            importlib.import_module(".drawing", __name__)
        return module
    if name in _dtypes.UNSUPPORTED:
        raise _dtypes.unsupported_dtype_error(name)
    raise AttributeError(f"module 'autodidact' has no attribute '{name}'")


def get_default_dtype():
    return float32


def promote_types(type1, type2):
    """The smallest dtype both convert to: ``promote_types(torch.int64, torch.float32)`` is float32."""
    return _dtypes.promote_types(type1, type2)


def result_type(tensor1, tensor2):
    """The dtype ``tensor1 + tensor2`` would have (either may be a Python number), by PyTorch's rules:
    a 0-d tensor or a number only raises the category (int to float), never the size."""
    return _dtypes.result_type((tensor1, tensor2))


def load_ipython_extension(ipython):
    """``%load_ext autodidact``: adds the ``%%trace`` cell magic."""
    from .tracing.magic import load_ipython_extension as load

    load(ipython)


def _install_pytorch_conventions():
    """axis=/keepdims=/size= and out= on the functions above and on Tensor methods (engine/conventions.py)."""
    from .engine import conventions

    conventions.install(globals())


_install_pytorch_conventions()
