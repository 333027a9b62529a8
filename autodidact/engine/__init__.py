"""The engine: tensors, the graph they record, the backward pass and the op table.

What the layers above use is named here; everything else in the engine is private to it.
"""
from . import graph
from .backward_api import backward, grad
from .grad_mode import (enable_grad, inference_mode, is_grad_enabled, is_inference_mode_enabled, no_grad,
                        set_grad_enabled)
from .graph import Node, node_class, run_backward
from .generator import numpy_generator
from .accumulate import accumulate as accumulate_grad
from .tensor import Tensor
from . import ops  # noqa: E402  (after Tensor: the op specs use it)
from .tensor import _apply as apply_op
from .arguments import check_broadcast, dim_arg
