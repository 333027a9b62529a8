# "Datasets & DataLoaders": a custom Dataset with transform and target_transform, iterated with next(iter(...)).
import torch
from torch.utils.data import DataLoader, Dataset


class CustomImageDataset(Dataset):
    def __init__(self, labels, transform=None, target_transform=None):
        self.img_labels = labels
        self.transform = transform
        self.target_transform = target_transform

    def __len__(self):
        return len(self.img_labels)

    def __getitem__(self, idx):
        image = torch.full((1, 3, 3), idx, dtype=torch.uint8)
        label = self.img_labels[idx]
        if self.transform:
            image = self.transform(image)
        if self.target_transform:
            label = self.target_transform(label)
        return image, label


def to_float(image):
    return image.float() / 255


target_transform = lambda y: torch.zeros(4, dtype=torch.float).scatter_(0, torch.tensor(y), value=1)
ds = CustomImageDataset([0, 3, 1, 2, 2, 0, 1], transform=to_float, target_transform=target_transform)
img, label = ds[1]
print(img.dtype, img.shape, label)
train_dataloader = DataLoader(ds, batch_size=3, shuffle=False)
train_features, train_labels = next(iter(train_dataloader))
print(f"Feature batch shape: {train_features.size()}")
print(f"Labels batch shape: {train_labels.size()}")
img = train_features[2].squeeze()
label = train_labels[2]
print(img, label)
plain = DataLoader(CustomImageDataset([0, 3, 1, 2, 2]), batch_size=2)
for images, labels in plain:
    print(images.dtype, images.shape, labels, labels.dtype)
