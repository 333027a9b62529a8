# pytorch/tutorials recipes_source/recipes/tensorboard_with_pytorch without the SummaryWriter: the
# x = arange(-5, 5, 0.1).view(-1, 1) regression, Linear(1, 1), MSELoss, SGD(lr=0.1) train_model loop
# (deterministic noise and initial weights instead of randn), and the transforms tutorial's
# one-hot target_transform via scatter_.
import torch

x = torch.arange(-5, 5, 0.1).view(-1, 1)
y = -5 * x + 0.1 * torch.sin(torch.arange(x.numel(), dtype=torch.float)).view(x.size())
print(x.shape, x[:3].flatten(), y[:3].flatten())
model = torch.nn.Linear(1, 1)
with torch.no_grad():
    model.weight.fill_(0.3)
    model.bias.fill_(-0.1)
criterion = torch.nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
scalars = []


def train_model(iter):
    for epoch in range(iter):
        y1 = model(x)
        loss = criterion(y1, y)
        scalars.append(("Loss/train", round(loss.item(), 2), epoch))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()


train_model(10)
print(scalars[:3], scalars[-1])
print(model.weight, model.bias)

target_transform = lambda y: torch.zeros(10, dtype=torch.float).scatter_(0, torch.tensor(y), value=1)
print(target_transform(3))
batch = torch.stack([target_transform(label) for label in [0, 9, 4]])
print(batch, batch.argmax(1))
