"""torch.utils.data: datasets, batching, collate and splits, compared with PyTorch.

Shuffled orders come from autodidact's generator, so they are compared as permutations (every
example once per epoch, reproducible from a seed), not index by index with PyTorch's.
"""
from collections import namedtuple

import numpy as np
import pytest

import autodidact as ad
from autodidact.utils.data import (BatchSampler, ConcatDataset, DataLoader, Dataset, IterableDataset,
                                   SequentialSampler, Subset, TensorDataset, default_collate, random_split)


def same(ours, theirs):
    """Equal structure, types, dtypes, shapes and values (tensors compared by their repr)."""
    if isinstance(ours, ad.Tensor):
        return repr(ours) == repr(theirs)
    if isinstance(ours, dict):
        return type(ours).__name__ == type(theirs).__name__ and ours.keys() == theirs.keys() and all(
            same(ours[k], theirs[k]) for k in ours)
    if isinstance(ours, (list, tuple)):
        return type(ours).__name__ == type(theirs).__name__ and len(ours) == len(theirs) and all(
            same(a, b) for a, b in zip(ours, theirs))
    return ours == theirs


Point = namedtuple("Point", "x y")


@pytest.mark.parametrize("make_batch", [
    lambda t: [(1, 2.0, True, "a"), (3, 4.0, False, "b")],
    lambda t: [{"x": t.ones(2), "y": 1}, {"x": t.zeros(2), "y": 0}],
    lambda t: [np.ones(2, dtype=np.float32), np.zeros(2, dtype=np.float32)],
    lambda t: [np.float64(1.0), np.float64(2)],
    lambda t: [[1, 2], [3, 4]],
    lambda t: [Point(t.tensor(1.0), 2), Point(t.tensor(3.0), 4)],
    lambda t: [(t.tensor([1, 2]), t.tensor(0.5)), (t.tensor([3, 4]), t.tensor(1.5))],
    lambda t: [t.tensor(2.0, dtype=t.float64), t.tensor(3.0, dtype=t.float64)],
])
def test_default_collate_builds_pytorchs_batch(torch, make_batch):
    from torch.utils.data import default_collate as reference

    assert same(default_collate(make_batch(ad)), reference(make_batch(torch)))


@pytest.mark.parametrize("make_batch", [
    lambda t: [t.ones(2), t.ones(3)],
    lambda t: [object(), object()],
    lambda t: [[1, 2], [3]],
])
def test_default_collate_errors_as_pytorch(torch, make_batch):
    from torch.utils.data import default_collate as reference

    with pytest.raises(Exception) as ours:
        default_collate(make_batch(ad))
    with pytest.raises(Exception) as theirs:
        reference(make_batch(torch))
    assert type(ours.value) is type(theirs.value)


def test_tensor_dataset_and_sequential_loader_match_pytorch(torch):
    def batches(t, **options):
        dataset = t.utils.data.TensorDataset(t.arange(10.0).reshape(5, 2), t.arange(5))
        loader = t.utils.data.DataLoader(dataset, **options)
        return len(dataset), dataset[1], len(loader), list(loader)

    import torch.utils.data  # noqa: F401  (the submodule, for torch.utils.data below)
    for options in ({}, {"batch_size": 2}, {"batch_size": 2, "drop_last": True}, {"batch_size": None},
                    {"batch_size": 5}, {"batch_size": 7}):
        ours, theirs = batches(ad, **options), batches(torch, **options)
        assert ours[0] == theirs[0] and ours[2] == theirs[2]
        assert same(ours[1], theirs[1]) and same(ours[3], theirs[3]), options


def test_shuffle_visits_every_example_once_per_epoch_reproducibly():
    data = TensorDataset(ad.arange(10))

    def epoch(loader):
        return [int(i) for (batch,) in loader for i in batch]

    loader = DataLoader(data, batch_size=3, shuffle=True, generator=ad.Generator().manual_seed(7))
    first, second = epoch(loader), epoch(loader)
    assert sorted(first) == sorted(second) == list(range(10))
    assert first != second  # a new order each epoch
    again = DataLoader(data, batch_size=3, shuffle=True, generator=ad.Generator().manual_seed(7))
    assert epoch(again) == first
    ad.manual_seed(3)
    global_one = epoch(DataLoader(data, batch_size=4, shuffle=True))
    ad.manual_seed(3)
    assert epoch(DataLoader(data, batch_size=4, shuffle=True)) == global_one
    assert [len(b) for (b,) in DataLoader(data, batch_size=4, shuffle=True, drop_last=True)] == [4, 4]


def test_random_split_lengths_and_fractions_as_pytorch(torch):
    from torch.utils.data import random_split as reference

    for lengths in ([3, 7], [0.5, 0.5], [0.3, 0.3, 0.4], [0.33, 0.33, 0.34], [0.25, 0.75]):
        ours = random_split(range(10), lengths, generator=ad.Generator().manual_seed(0))
        theirs = reference(range(10), lengths, generator=torch.Generator().manual_seed(0))
        assert [len(p) for p in ours] == [len(p) for p in theirs]
        assert sorted(i for part in ours for i in part.indices) == list(range(10))
    first = random_split(range(10), [5, 5], generator=ad.Generator().manual_seed(1))
    second = random_split(range(10), [5, 5], generator=ad.Generator().manual_seed(1))
    assert [p.indices for p in first] == [p.indices for p in second]
    with pytest.raises(ValueError, match="Sum of input lengths"):
        random_split(range(10), [2, 2])
    with pytest.raises(ValueError, match="Sum of input lengths"):
        random_split(range(10), [0.5, 0.6])


@pytest.mark.parametrize("options", [
    {"batch_size": 0}, {"batch_size": 2.5}, {"shuffle": True, "sampler": [0]},
    {"batch_sampler": [[0]], "batch_size": 2}, {"batch_size": None, "drop_last": True}, {"num_workers": -1},
])
def test_loader_option_mistakes_raise_pytorchs_value_error(torch, options):
    from torch.utils.data import DataLoader as Reference

    with pytest.raises(ValueError) as ours:
        DataLoader(list(range(4)), **options)
    with pytest.raises(ValueError) as theirs:
        Reference(list(range(4)), **options)
    assert str(ours.value) == str(theirs.value)


def test_custom_dataset_subset_concat_and_iterable(torch):
    class Squares(Dataset):
        def __len__(self):
            return 6

        def __getitem__(self, i):
            return {"x": ad.tensor([float(i)]), "y": i * i}

    batches = list(DataLoader(Squares(), batch_size=4))
    assert batches[0]["x"].shape == (4, 1) and batches[1]["y"].tolist() == [16, 25]
    assert Subset(Squares(), [5, 0])[0]["y"] == 25
    both = Squares() + Squares()
    assert isinstance(both, ConcatDataset) and len(both) == 12 and both[7]["y"] == 1 and both[-1]["y"] == 25
    with pytest.raises(NotImplementedError, match="__getitem__"):
        Dataset()[0]

    class Stream(IterableDataset):
        def __iter__(self):
            return iter(range(5))

    assert [b.tolist() for b in DataLoader(Stream(), batch_size=2)] == [[0, 1], [2, 3], [4]]
    with pytest.raises(ValueError):
        DataLoader(Stream(), shuffle=True)
    assert list(BatchSampler(SequentialSampler(range(5)), 2, drop_last=True)) == [[0, 1], [2, 3]]
    with pytest.raises(AssertionError, match="Size mismatch"):
        TensorDataset(ad.ones(2), ad.ones(3))


def test_generator_seeds_as_pytorch_reports(torch):
    assert ad.Generator().initial_seed() == torch.Generator().initial_seed()
    generator = ad.Generator()
    assert generator.manual_seed(5) is generator and generator.initial_seed() == 5
    assert repr(generator).startswith("<torch._C.Generator object at 0x")
