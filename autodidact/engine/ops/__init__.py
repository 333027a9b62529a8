"""The op table: every differentiable operation, one ``op(...)`` declaration each (the form is
explained in ``engine/spec.py``), grouped by kind:

    arithmetic.py   + - * / **                           elementwise.py  exp, log, tanh, sigmoid, relu
    arithmetic_more.py  2 - x, %, //, clamp, where...    elementwise_more.py  sqrt, abs, erf, gelu...
    trigonometry.py sin, cos, tan, asin...               gradient_ops.py  tanh_backward...
    reductions.py   sum, mean, max, var, softmax...      linalg.py       mm, matmul, addmm...
    shape.py        reshape, transpose, cat, stack...    indexing.py     t[key], t[key] = v
    nn.py           losses and normalization layers      convolution.py  conv2d, max/avg pooling
    resampling.py   interpolate: nearest, (bi)linear
    predicates.py   isnan, isclose... (bools, no gradient)
    search_more.py  tensordot, kthvalue, cdist, bucketize, histc... (built from the ops above)
    shape_extra.py  rot90, cummax, cross, block_diag, index_copy, masked_scatter, cov, tensor_split...
    elementwise_extra.py  addcmul, lerp, atan2, hypot, xlogy, logit, nan_to_num, copysign...
    gamma_functions.py    lgamma, digamma, polygamma

``arithmetic.py`` and ``elementwise.py`` are the ones to read first: they hold only specs, of the
ops a learner meets first. ``OPS`` maps each op's name to its spec. The public functions, Tensor
methods and in-place variants of the ops that declare an ``api`` are generated in ``public.py``; ops
with structured arguments (dims, shapes, dtypes) write theirs by hand, after their specs, and
register them with ``@public``.
"""
from ..broadcast import reduced_dims, sum_to_shape  # noqa: F401
from ..spec import OPS, Spec, fill  # noqa: F401
from .public import PUBLIC  # noqa: F401
from .arithmetic import *  # noqa: F401,F403
from .elementwise import *  # noqa: F401,F403
from .gradient_ops import *  # noqa: F401,F403
from .arithmetic_more import *  # noqa: F401,F403
from .elementwise_more import *  # noqa: F401,F403
from .indexing import *  # noqa: F401,F403
from .linalg import *  # noqa: F401,F403
from .nn import *  # noqa: F401,F403
from .convolution import *  # noqa: F401,F403
from .predicates import *  # noqa: F401,F403
from .bitwise import *  # noqa: F401,F403
from .reductions import *  # noqa: F401,F403
from .shape import *  # noqa: F401,F403
from .strided import *  # noqa: F401,F403
from .trigonometry import *  # noqa: F401,F403
from .decompositions import *  # noqa: F401,F403
from .search_more import *  # noqa: F401,F403
from .shape_extra import *  # noqa: F401,F403
from .elementwise_extra import *  # noqa: F401,F403
from .resampling import *  # noqa: F401,F403
from .gamma_functions import *  # noqa: F401,F403
