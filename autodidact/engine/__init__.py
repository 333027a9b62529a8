"""The engine: tensors, the graph they record, the backward pass and the op table.

What the layers above use is named here; everything else in the engine is private to it.
"""
# The teaching core: the files a learner reads in one sitting, top to bottom (docs/architecture.md).
# tests/test_teaching_core.py keeps them within their line budget.
TEACHING_CORE = ("engine/tensor_core.py", "engine/spec.py", "engine/ops/arithmetic.py",
                 "engine/ops/elementwise.py", "engine/graph.py")

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
