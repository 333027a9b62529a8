import torch
from torch.utils.data import DataLoader, Dataset, TensorDataset

for attempt in (lambda: TensorDataset(torch.ones(3), torch.ones(4)),
                lambda: DataLoader([1, 2], batch_size=0),
                lambda: DataLoader([1, 2], shuffle=True, sampler=[0, 1]),
                lambda: Dataset()[0],
                lambda: next(iter(DataLoader([torch.ones(2), torch.ones(3)], batch_size=2)))):
    try:
        attempt()
        print("worked")
    except Exception as error:
        print(type(error).__name__)
