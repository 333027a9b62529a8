"""Undoing broadcasting: the one place a gradient is summed back to its input's shape.

``x + b`` with ``x`` of shape (4, 3) and ``b`` of shape (3,) uses each element of ``b`` in all four
rows. The rule of ``add`` returns a gradient shaped like the result, (4, 3); ``b``'s gradient is
the sum of its four copies' gradients, over dim 0. Every node's backward step (``spec.py``,
``backward_step``) ends here when a gradient's shape differs from its input's.
"""
import numpy as np

from ..parity.float32_order import torch_sum
from .tensor_core import Tensor


def sum_to_shape(v, shape):
    """Sum a broadcast gradient back down to ``shape``: the one place broadcasting is undone."""
    shape = tuple(shape)
    if v.shape == shape:
        return v
    dims = reduced_dims(shape, tuple(v.shape))
    if isinstance(v, Tensor):  # under create_graph: summed as recorded ops, so it can be differentiated
        summed = v.sum(dim=dims, keepdim=True) if dims else v
        return summed.reshape(shape)
    summed = torch_sum(v, dims, keepdims=True) if dims else v
    return summed.reshape(shape)  # the array's method: np.reshape would add three Python calls


def reduced_dims(shape, result_shape):
    """Which dims broadcasting added or stretched to go from ``shape`` to ``result_shape``."""
    lead = len(result_shape) - len(shape)
    return tuple(range(lead)) + tuple(
        lead + i for i, size in enumerate(shape) if size == 1 and result_shape[lead + i] != 1
    )
