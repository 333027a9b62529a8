"""Datasets: anything with ``len(ds)`` and ``ds[i]`` (one example) is a map-style dataset."""
import bisect
import math
import warnings

from ...engine import Tensor
from . import sampler as _sampler


class Dataset:
    """Base class of a map-style dataset: subclass it and write ``__getitem__`` and ``__len__``::

        class Squares(Dataset):
            def __len__(self):
                return 100

            def __getitem__(self, i):
                return torch.tensor([float(i)]), torch.tensor([float(i * i)])
    """

    def __getitem__(self, index):
        raise NotImplementedError("Subclasses of Dataset should implement __getitem__.")

    def __add__(self, other):
        return ConcatDataset([self, other])


class IterableDataset(Dataset):
    """A dataset that is a stream: subclass it and write ``__iter__`` (no indexing, no shuffling)."""

    def __iter__(self):
        raise NotImplementedError("Subclasses of IterableDataset should implement __iter__.")


class TensorDataset(Dataset):
    """Example ``i`` is ``(t[i] for t in tensors)``: inputs and labels stored as whole tensors."""

    def __init__(self, *tensors):
        if not all(isinstance(t, Tensor) for t in tensors):
            raise TypeError("TensorDataset takes tensors: wrap the data first, e.g. torch.tensor(x)")
        if any(t.shape[0] != tensors[0].shape[0] for t in tensors):
            raise AssertionError("Size mismatch between tensors: every tensor needs the same first "
                                 f"size (one row per example), got {[t.shape[0] for t in tensors]}")
        self.tensors = tensors

    def __getitem__(self, index):
        return tuple(t[index] for t in self.tensors)

    def __len__(self):
        return self.tensors[0].shape[0]


class ConcatDataset(Dataset):
    """Several datasets one after the other (``ds1 + ds2`` makes one)."""

    def __init__(self, datasets):
        self.datasets = list(datasets)
        if not self.datasets:
            raise AssertionError("datasets should not be an empty iterable")
        self.cumulative_sizes = []
        total = 0
        for dataset in self.datasets:
            if isinstance(dataset, IterableDataset):
                raise AssertionError("ConcatDataset does not support IterableDataset")
            total += len(dataset)
            self.cumulative_sizes.append(total)

    def __len__(self):
        return self.cumulative_sizes[-1]

    def __getitem__(self, index):
        if index < 0:
            if -index > len(self):
                raise ValueError("absolute value of index should not exceed dataset length")
            index += len(self)
        which = bisect.bisect_right(self.cumulative_sizes, index)
        start = self.cumulative_sizes[which - 1] if which else 0
        return self.datasets[which][index - start]


class Subset(Dataset):
    """The examples of ``dataset`` at ``indices``, in that order (what random_split returns)."""

    def __init__(self, dataset, indices):
        self.dataset = dataset
        self.indices = indices

    def __getitem__(self, index):
        if isinstance(index, list):
            return self.dataset[[self.indices[i] for i in index]]
        return self.dataset[self.indices[index]]

    def __len__(self):
        return len(self.indices)


def random_split(dataset, lengths, generator=None):
    """Split ``dataset`` at random into parts of the given ``lengths`` (counts, or fractions that
    add up to 1, e.g. ``[0.8, 0.2]``), as Subsets. Pass ``generator=torch.Generator().manual_seed(0)``
    for the same split every run (our split differs from PyTorch's for the same seed)."""
    lengths = list(lengths)
    if math.isclose(sum(lengths), 1) and sum(lengths) <= 1:
        counts = [int(math.floor(len(dataset) * fraction)) for fraction in lengths]
        for i in range(len(dataset) - sum(counts)):  # the remainder, one each, round-robin
            counts[i % len(counts)] += 1
        for i, count in enumerate(counts):
            if count == 0:
                warnings.warn(f"Length of split at index {i} is 0. This might result in an empty dataset.",
                              UserWarning, stacklevel=2)
        lengths = counts
    if sum(lengths) != len(dataset):
        raise ValueError("Sum of input lengths does not equal the length of the input dataset!")
    order = _sampler.random_permutation(sum(lengths), generator).tolist()
    parts, start = [], 0
    for length in lengths:
        parts.append(Subset(dataset, order[start:start + length]))
        start += length
    return parts
