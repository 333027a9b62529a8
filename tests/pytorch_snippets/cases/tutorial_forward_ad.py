# Tutorial "Forward-mode Automatic Differentiation": dual tensors, unpack_dual, a jvp through a function.
import warnings

import torch
import torch.autograd.forward_ad as fwAD

# PyTorch's forward AD warns on first use that it uses torch.jit.script: not the tutorial's business.
warnings.filterwarnings("ignore", message="`torch.jit.script` is deprecated")

primal = torch.tensor([0.5, -1.0, 2.0])
tangent = torch.tensor([1.0, 0.0, 0.5])


def fn(x, y):
    return x ** 2 + y ** 2


with fwAD.dual_level():
    dual_input = fwAD.make_dual(primal, tangent)
    plain_tensor = torch.tensor([1.0, 2.0, 3.0])
    dual_output = fn(dual_input, plain_tensor)
    jvp = fwAD.unpack_dual(dual_output).tangent
    print(jvp)
    print(fwAD.unpack_dual(dual_output).primal)
print(fwAD.unpack_dual(dual_output).tangent)
