"""Gradients that are ops of their own, as in PyTorch.

PyTorch computes the gradient of tanh, sigmoid and relu with one op each (``tanh_backward``...), so
under ``create_graph=True`` that gradient's ``grad_fn`` is ``TanhBackwardBackward0``, not a
``MulBackward0``. The specs below are those ops: each is a gradient that can itself be
differentiated. On arrays (a plain backward) the helpers compute the same values directly.
"""
import numpy as np

from ..spec import op
from .helpers import _is_tensor

TANH_BACKWARD = op("tanh_backward", grad_fn="TanhBackwardBackward0",
                   forward=lambda grad_output, output: grad_output * (1 - output * output),
                   vjp={"grad_output": lambda grad, output: tanh_backward(grad, output),
                        "output": lambda grad, grad_output, output: -2 * grad * grad_output * output},
                   local={"grad_output": ("1 - {output}²", r"1 - {output}^2"),
                          "output": ("-2·{grad_output}·{output}", r"-2\,{grad_output}\,{output}")},
                   shows_as="tanh_backward({grad_output}, {output})")
SIGMOID_BACKWARD = op("sigmoid_backward", grad_fn="SigmoidBackwardBackward0",
                      forward=lambda grad_output, output: grad_output * (1 - output) * output,
                      vjp={"grad_output": lambda grad, output: sigmoid_backward(grad, output),
                           "output": lambda grad, grad_output, output: grad * grad_output * (1 - 2 * output)},
                      local={"grad_output": ("{output}·(1 - {output})", r"{output}\,(1 - {output})"),
                             "output": ("{grad_output}·(1 - 2·{output})", r"{grad_output}\,(1 - 2\,{output})")},
                      shows_as="sigmoid_backward({grad_output}, {output})")
THRESHOLD_BACKWARD = op("threshold_backward", grad_fn="ThresholdBackwardBackward0",
                        forward=lambda grad_output, self, threshold: np.where(
                            self <= threshold, grad_output.dtype.type(0), grad_output),
                        vjp={"grad_output": lambda grad, self, threshold: threshold_backward(grad, self, threshold),
                             "self": lambda grad: grad * 0.0},
                        local={"grad_output": ("1 if {self} > {threshold} else 0",
                                               r"\mathbb{1}[{self} > {threshold}]"),
                               "self": ("0", "0")},
                        shows_as="threshold_backward({grad_output}, {self})", domain="nonzero")


def tanh_backward(grad, output):
    """The gradient of tanh: ``grad · (1 - tanh²)``, recorded as one node under create_graph."""
    return TANH_BACKWARD(grad, output) if _is_tensor(grad) else grad * (1 - output * output)


def sigmoid_backward(grad, output):
    """The gradient of sigmoid: ``grad · σ · (1 - σ)``, one node under create_graph."""
    return SIGMOID_BACKWARD(grad, output) if _is_tensor(grad) else grad * (1 - output) * output


def threshold_backward(grad, self, threshold):
    """The gradient of relu (and threshold): ``grad`` where ``self > threshold``, else 0."""
    if _is_tensor(grad):
        return THRESHOLD_BACKWARD(grad, self, threshold=threshold)
    return np.where(self <= threshold, grad.dtype.type(0), grad)


__all__ = ['TANH_BACKWARD', 'SIGMOID_BACKWARD', 'THRESHOLD_BACKWARD']
