# micrograd's demo training loop (max-margin loss + L2, accuracy by sign) written with a torch MLP.
import torch
from torch import nn

X = torch.tensor([[0.0, 1.0], [1.0, 0.5], [-1.0, 0.2], [0.5, -0.5], [-0.5, -1.0], [1.5, 1.0], [-1.2, -0.3], [0.2, 0.8]])
y = torch.tensor([1.0, 1.0, -1.0, 1.0, -1.0, 1.0, -1.0, 1.0])
model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 1))
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        p.copy_(torch.linspace(-0.5, 0.5, p.numel()).reshape(p.shape) * (1 if i % 2 == 0 else 0.1))
print("number of parameters", sum(p.numel() for p in model.parameters()))


def loss_fn():
    scores = model(X).squeeze(1)
    losses = [(1 + -yi * scorei).relu() for yi, scorei in zip(y, scores)]
    data_loss = sum(losses) * (1.0 / len(losses))
    alpha = 1e-4
    reg_loss = alpha * sum((p * p).sum() for p in model.parameters())
    total_loss = data_loss + reg_loss
    accuracy = [(yi > 0) == (scorei.data > 0) for yi, scorei in zip(y, scores)]
    return total_loss, sum(accuracy) / len(accuracy)


for k in range(10):
    total_loss, acc = loss_fn()
    model.zero_grad()
    total_loss.backward()
    learning_rate = 1.0 - 0.9 * k / 10
    for p in model.parameters():
        p.data -= learning_rate * p.grad
    if k % 3 == 0:
        print(f"step {k} loss {total_loss.data:.4f}, accuracy {acc * 100:.1f}%")
print(type(acc).__name__, total_loss.grad_fn.name())
