# "Learning PyTorch with examples" nn version: x.unsqueeze(-1).pow(p), Linear(3, 1) and Flatten(0, 1).
import math
import torch

x = torch.linspace(-math.pi, math.pi, 100)
y = torch.sin(x)
p = torch.tensor([1, 2, 3])
xx = x.unsqueeze(-1).pow(p)
print(xx.shape, xx.dtype, xx[0], xx[-1])
model = torch.nn.Sequential(torch.nn.Linear(3, 1), torch.nn.Flatten(0, 1))
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[0.5, 0.0, -0.05]]))
    model[0].bias.fill_(0.0)
loss_fn = torch.nn.MSELoss(reduction="sum")
print(model(xx).shape, model)
learning_rate = 1e-6
for t in range(50):
    y_pred = model(xx)
    loss = loss_fn(y_pred, y)
    model.zero_grad()
    loss.backward()
    with torch.no_grad():
        for param in model.parameters():
            param -= learning_rate * param.grad
linear_layer = model[0]
print(linear_layer.weight.shape, linear_layer.bias.shape, linear_layer.weight.grad.shape)
print(model[1].start_dim, model[1].end_dim)
