import torch
from torch.utils.data import TensorDataset, DataLoader

x_train = torch.arange(20.0).reshape(10, 2)
y_train = torch.arange(10)
train_ds = TensorDataset(x_train, y_train)
print(len(train_ds))
print(train_ds[0])
print(train_ds[2:4])
xb, yb = train_ds[0:3]
print(xb.shape, yb)
train_dl = DataLoader(train_ds, batch_size=4)
print(len(train_dl))
for xb, yb in train_dl:
    print(xb.shape, yb)
print(len(DataLoader(train_ds, batch_size=4, drop_last=True)))
for xb, yb in DataLoader(train_ds, batch_size=4, drop_last=True):
    print(yb)
batch = next(iter(train_dl))
print(type(batch).__name__, len(batch))
