# PyTorch quickstart: train() and test() loops with the printed progress, on a tiny synthetic dataset.
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

X = torch.arange(60 * 4, dtype=torch.float32).reshape(60, 4) % 7 / 7
y = (torch.arange(60) * 7 // 3) % 3
train_dataloader = DataLoader(TensorDataset(X, y), batch_size=16)
test_dataloader = DataLoader(TensorDataset(X[:20], y[:20]), batch_size=16)
for Xb, yb in test_dataloader:
    print(f"Shape of X [N, C, H, W]: {Xb.shape}")
    print(f"Shape of y: {yb.shape} {yb.dtype}")
    break
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
with torch.no_grad():
    for p in model.parameters():
        p.copy_(torch.linspace(-0.5, 0.5, p.numel()).reshape(p.shape))
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=1e-1)


def train(dataloader, model, loss_fn, optimizer):
    size = len(dataloader.dataset)
    model.train()
    for batch, (X, y) in enumerate(dataloader):
        pred = model(X)
        loss = loss_fn(pred, y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if batch % 2 == 0:
            loss, current = loss.item(), (batch + 1) * len(X)
            print(f"loss: {loss:>7.4f}  [{current:>5d}/{size:>5d}]")


def test(dataloader, model, loss_fn):
    size = len(dataloader.dataset)
    num_batches = len(dataloader)
    model.eval()
    test_loss, correct = 0, 0
    with torch.no_grad():
        for X, y in dataloader:
            pred = model(X)
            test_loss += loss_fn(pred, y).item()
            correct += (pred.argmax(1) == y).type(torch.float).sum().item()
    test_loss /= num_batches
    correct /= size
    print(f"Test Error: \n Accuracy: {(100*correct):>0.1f}%, Avg loss: {test_loss:>6.4f} \n")


epochs = 2
for t in range(epochs):
    print(f"Epoch {t+1}\n-------------------------------")
    train(train_dataloader, model, loss_fn, optimizer)
    test(test_dataloader, model, loss_fn)
print("Done!")
