# "What is torch.nn really?": a Lambda layer in nn.Sequential, preprocess with view, a WrappedDataLoader.
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


class Lambda(nn.Module):
    def __init__(self, func):
        super().__init__()
        self.func = func

    def forward(self, x):
        return self.func(x)


def preprocess(x):
    return x.view(-1, 1, 4, 4)


class WrappedDataLoader:
    def __init__(self, dl, func):
        self.dl = dl
        self.func = func

    def __len__(self):
        return len(self.dl)

    def __iter__(self):
        for b in self.dl:
            yield (self.func(*b))


x = torch.arange(10 * 16, dtype=torch.float32).reshape(10, 16) / 160
y = torch.arange(10) % 2
dl = WrappedDataLoader(DataLoader(TensorDataset(x, y), batch_size=4), lambda x, y: (preprocess(x), y))
model = nn.Sequential(
    Lambda(lambda x: x.view(x.size(0), -1)),
    nn.Linear(16, 2),
)
print(model)
with torch.no_grad():
    model[1].weight.copy_(torch.linspace(-1, 1, 32).reshape(2, 16))
    model[1].bias.zero_()
print(len(dl))
for xb, yb in dl:
    print(xb.shape, yb, model(xb).argmax(dim=1))
print(nn.Flatten()(torch.ones(2, 1, 4, 4)).shape, nn.Unflatten(1, (4, 4))(torch.ones(2, 16)).shape)
