# "Writing custom datasets, dataloaders and transforms": a Dataset returning dicts, callable transforms.
import numpy as np
import torch
from torch.utils.data import DataLoader, Dataset


class FaceLandmarksDataset(Dataset):
    def __init__(self, n, transform=None):
        self.images = [np.full((4, 6, 3), i, dtype=np.uint8) for i in range(n)]
        self.landmarks = [np.array([[i, i + 1], [2 * i, 3.0]]) for i in range(n)]
        self.transform = transform

    def __len__(self):
        return len(self.images)

    def __getitem__(self, idx):
        if torch.is_tensor(idx):
            idx = idx.tolist()
        sample = {"image": self.images[idx], "landmarks": self.landmarks[idx]}
        if self.transform:
            sample = self.transform(sample)
        return sample


class ToTensor:
    def __call__(self, sample):
        image, landmarks = sample["image"], sample["landmarks"]
        image = image.transpose((2, 0, 1))
        return {"image": torch.from_numpy(image), "landmarks": torch.from_numpy(landmarks)}


class Crop:
    def __init__(self, output_size):
        assert isinstance(output_size, (int, tuple))
        self.output_size = output_size

    def __call__(self, sample):
        image, landmarks = sample["image"], sample["landmarks"]
        h, w = image.shape[:2]
        new_h, new_w = self.output_size
        image = image[0:new_h, 0:new_w]
        return {"image": image, "landmarks": landmarks - [0, 0]}


class Compose:
    def __init__(self, transforms):
        self.transforms = transforms

    def __call__(self, sample):
        for t in self.transforms:
            sample = t(sample)
        return sample


face_dataset = FaceLandmarksDataset(6)
for i, sample in enumerate(face_dataset):
    print(i, sample["image"].shape, sample["landmarks"].shape)
    if i == 2:
        break
transformed_dataset = FaceLandmarksDataset(6, transform=Compose([Crop((2, 3)), ToTensor()]))
sample = transformed_dataset[torch.tensor(3)]
print(sample["image"].size(), sample["image"].dtype, sample["landmarks"].dtype)
dataloader = DataLoader(transformed_dataset, batch_size=4, shuffle=False, num_workers=0)
for i_batch, sample_batched in enumerate(dataloader):
    print(i_batch, sample_batched["image"].size(), sample_batched["landmarks"].size())
    print(sample_batched["landmarks"][:, 0])
print(sample_batched["image"].dtype, sample_batched["image"][0, 0])
