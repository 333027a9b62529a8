# "Extending PyTorch": a custom LinearFunction with ctx.needs_input_grad, checked by gradcheck.
import torch
from torch.autograd import Function, gradcheck


class LinearFunction(Function):
    @staticmethod
    def forward(ctx, input, weight, bias=None):
        ctx.save_for_backward(input, weight, bias)
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)
        return grad_input, grad_weight, grad_bias


linear = LinearFunction.apply
input = (torch.arange(20, dtype=torch.double).reshape(4, 5) / 10, )
weight = torch.linspace(-1, 1, 15, dtype=torch.double).reshape(3, 5).requires_grad_()
x = input[0].clone().requires_grad_()
test = gradcheck(linear, (x, weight), eps=1e-6, atol=1e-4)
print(test)
bias = torch.tensor([0.1, 0.2, 0.3], dtype=torch.double, requires_grad=True)
out = linear(x, weight, bias)
print(out.grad_fn.name(), out.shape)
out.sum().backward()
print(bias.grad, weight.grad[0])
x2 = input[0]
out = linear(x2, weight, bias)
out.pow(2).sum().backward()
print(x2.grad, bias.grad)


class MulConstant(Function):
    @staticmethod
    def forward(ctx, tensor, constant):
        ctx.constant = constant
        return tensor * constant

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.constant, None


a = torch.tensor([1.0, 2.0], requires_grad=True)
b = MulConstant.apply(a, 5.5)
b.sum().backward()
print(b, a.grad)
