import torch
from torch.utils.data import Dataset, DataLoader


class SquaresDataset(Dataset):
    def __init__(self, n):
        self.x = torch.arange(n, dtype=torch.float32)

    def __len__(self):
        return len(self.x)

    def __getitem__(self, idx):
        value = self.x[idx]
        return {"x": value.unsqueeze(0), "y": value ** 2, "label": int(idx) % 2}


ds = SquaresDataset(7)
print(len(ds), ds[3])
loader = DataLoader(ds, batch_size=3)
for batch in loader:
    print(batch["x"].shape, batch["y"], batch["label"])
print(len(loader))
