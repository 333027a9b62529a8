"""``torch.utils.data``: feed a model its examples in mini-batches.

    dataset = TensorDataset(x, y)                  # example i is (x[i], y[i])
    loader = DataLoader(dataset, batch_size=32, shuffle=True)
    for xb, yb in loader:                          # xb: the next 32 rows of x, stacked
        ...

Read ``dataset.py`` (what an example is), then ``dataloader.py`` (how examples become batches).
Everything runs in this process: ``num_workers`` is accepted and makes no difference to the result.
"""
from .dataloader import DataLoader, default_collate, default_convert
from .dataset import ConcatDataset, Dataset, IterableDataset, Subset, TensorDataset, random_split
from .sampler import BatchSampler, RandomSampler, Sampler, SequentialSampler, SubsetRandomSampler

__all__ = ["Dataset", "IterableDataset", "TensorDataset", "ConcatDataset", "Subset", "random_split",
           "DataLoader", "default_collate", "default_convert", "Sampler", "SequentialSampler",
           "RandomSampler", "SubsetRandomSampler", "BatchSampler"]
