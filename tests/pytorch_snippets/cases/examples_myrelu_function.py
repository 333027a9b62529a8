# "Learning PyTorch with examples" (classic edition): a custom MyReLU autograd Function in a two-layer net.
import torch


class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return input.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        grad_input = grad_output.clone()
        grad_input[input < 0] = 0
        return grad_input


dtype = torch.float
x = torch.tensor([[1.0, -2.0, 0.5], [0.0, 1.5, -1.0]], dtype=dtype)
y = torch.tensor([[1.0], [-1.0]], dtype=dtype)
w1 = torch.tensor([[0.5, -0.5], [0.25, 0.75], [-1.0, 0.5]], dtype=dtype, requires_grad=True)
w2 = torch.tensor([[1.0], [-0.5]], dtype=dtype, requires_grad=True)
learning_rate = 0.05
for t in range(4):
    relu = MyReLU.apply
    y_pred = relu(x.mm(w1)).mm(w2)
    loss = (y_pred - y).pow(2).sum()
    print(t, loss.item(), y_pred.grad_fn.name())
    loss.backward()
    with torch.no_grad():
        w1 -= learning_rate * w1.grad
        w2 -= learning_rate * w2.grad
        w1.grad.zero_()
        w2.grad.zero_()
h = x.mm(w1)
print(MyReLU.apply(h), MyReLU.apply(h).grad_fn.__class__.__name__)
