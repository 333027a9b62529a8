"""``autodidact.autograd``: backward, grad, custom Functions and gradient checking (as ``torch.autograd``)."""
from ..engine import backward, enable_grad, grad, is_grad_enabled, no_grad, set_grad_enabled
from . import forward_ad, functional
from .function import Function, FunctionCtx
from .gradcheck import gradcheck, gradgradcheck
from .variable import Variable

__all__ = ["backward", "grad", "forward_ad", "functional", "Function", "FunctionCtx", "gradcheck", "gradgradcheck", "Variable", "no_grad",
           "enable_grad", "set_grad_enabled", "is_grad_enabled"]
