import torch


class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(input, weight, bias):
        return input @ weight.t() + bias

    @staticmethod
    def setup_context(ctx, inputs, output):
        input, weight, bias = inputs
        ctx.save_for_backward(input, weight)

    @staticmethod
    def backward(ctx, grad_output):
        input, weight = ctx.saved_tensors
        return grad_output @ weight, grad_output.t() @ input, grad_output.sum(0)


x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
w = torch.tensor([[0.5, -1.0], [2.0, 0.0], [1.0, 1.0]], requires_grad=True)
b = torch.tensor([0.1, 0.2, 0.3], requires_grad=True)
y = LinearFunction.apply(x, w, b)
print(y)
y.sum().backward()
print(x.grad, w.grad, b.grad, sep="\n")
x64 = x.detach().double().requires_grad_()
w64 = w.detach().double().requires_grad_()
b64 = b.detach().double().requires_grad_()
print(torch.autograd.gradcheck(LinearFunction.apply, (x64, w64, b64)))
