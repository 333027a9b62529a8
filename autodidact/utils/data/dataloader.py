"""DataLoader: turns a dataset into mini-batches.

Each batch is made in two steps: a sampler picks ``batch_size`` indices (in order, or shuffled
anew every epoch), and ``collate_fn`` merges those examples into one batch. The default collate
stacks tensors along a new first dim and keeps the structure of an example: a batch of ``(x, y)``
pairs becomes ``[X, Y]``, a batch of dicts one dict of stacked values.
"""
import collections.abc
import numbers

import numpy as np

from ...engine import Tensor
from ...engine import tensor as _tensor
from ...parity import dtypes as _dtypes
from .dataset import IterableDataset
from .sampler import BatchSampler, RandomSampler, SequentialSampler


def default_convert(data):
    """Like default_collate for one example that is not batched: NumPy arrays become tensors."""
    if isinstance(data, np.ndarray) and data.dtype.kind not in "OSUV":
        return _tensor.as_tensor(data)
    if isinstance(data, collections.abc.Mapping):
        return type(data)({key: default_convert(value) for key, value in data.items()})
    if isinstance(data, tuple) and hasattr(data, "_fields"):
        return type(data)(*(default_convert(d) for d in data))
    if isinstance(data, collections.abc.Sequence) and not isinstance(data, (str, bytes)):
        return [default_convert(d) for d in data]
    return data


def default_collate(batch):
    """Merge a list of examples into one batch, as PyTorch does.

    tensors -> stacked (a new first dim); NumPy arrays -> stacked tensors; Python floats ->
    a float64 tensor, ints -> int64, bools -> bool; strings -> a list as they are; dicts -> a dict
    of collated values; tuples and lists -> a list of collated fields (a named tuple stays one).
    """
    first = batch[0]
    if isinstance(first, Tensor):
        shapes = [tuple(t.shape) for t in batch]
        for index, shape in enumerate(shapes):
            if shape != shapes[0]:
                raise RuntimeError(f"stack expects each tensor to be equal size, but got {list(shapes[0])} at "
                                   f"entry 0 and {list(shape)} at entry {index}")
        return _tensor.stack(list(batch))
    if isinstance(first, np.ndarray) and first.dtype.kind not in "OSUV":
        return default_collate([_tensor.as_tensor(array) for array in batch])
    if isinstance(first, np.generic) and first.dtype.kind in "biuf":
        return _tensor.as_tensor(np.array(batch))
    if isinstance(first, bool):
        return _tensor.tensor(list(batch), dtype=_dtypes.bool_)
    if isinstance(first, numbers.Integral):
        return _tensor.tensor(list(batch), dtype=_dtypes.int64)
    if isinstance(first, numbers.Real):
        return _tensor.tensor(list(batch), dtype=_dtypes.float64)
    if isinstance(first, (str, bytes)):
        return batch
    if isinstance(first, collections.abc.Mapping):
        return type(first)({key: default_collate([example[key] for example in batch]) for key in first})
    if isinstance(first, tuple) and hasattr(first, "_fields"):
        return type(first)(*(default_collate(field) for field in zip(*batch)))
    if isinstance(first, collections.abc.Sequence):
        if any(len(example) != len(first) for example in batch):
            raise RuntimeError("each element in list of batch should be of equal size")
        fields = [default_collate(field) for field in zip(*batch)]
        return fields if isinstance(first, tuple) else type(first)(fields)
    raise TypeError("default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; "
                    f"found {type(first)}")


class DataLoader:
    """Iterate over ``dataset`` in batches of ``batch_size``.

    ``shuffle=True`` visits the examples in a new random order every epoch (from ``generator`` if
    given, else the global generator seeded by ``torch.manual_seed``); ``drop_last=True`` leaves out
    a last, smaller batch. ``batch_size=None`` gives the examples one by one, unbatched.
    """

    def __init__(self, dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None, num_workers=0,
                 collate_fn=None, pin_memory=False, drop_last=False, timeout=0, worker_init_fn=None,
                 multiprocessing_context=None, generator=None, *, prefetch_factor=None,
                 persistent_workers=False, pin_memory_device="", in_order=True):
        if isinstance(num_workers, bool) or not isinstance(num_workers, int) or num_workers < 0:
            raise ValueError("num_workers option should be non-negative; use num_workers=0 to disable "
                             "multiprocessing.")
        if isinstance(dataset, IterableDataset):
            if shuffle not in (None, False):
                raise ValueError(f"DataLoader with IterableDataset: expected unspecified shuffle option, but "
                                 f"got shuffle={shuffle}")
            if sampler is not None or batch_sampler is not None:
                raise ValueError("DataLoader with IterableDataset: expected unspecified sampler option")
        if sampler is not None and shuffle:
            raise ValueError("sampler option is mutually exclusive with shuffle")
        if batch_sampler is not None:
            if batch_size != 1 or shuffle or sampler is not None or drop_last:
                raise ValueError("batch_sampler option is mutually exclusive with batch_size, shuffle, "
                                 "sampler, and drop_last")
            batch_size, drop_last = None, False
        elif batch_size is None and drop_last:
            raise ValueError("batch_size=None option disables auto-batching and is mutually exclusive "
                             "with drop_last")
        if sampler is None and not isinstance(dataset, IterableDataset):
            sampler = RandomSampler(dataset, generator=generator) if shuffle else SequentialSampler(dataset)
        if batch_size is not None and batch_sampler is None and not isinstance(dataset, IterableDataset):
            batch_sampler = BatchSampler(sampler, batch_size, drop_last)
        elif batch_size is not None and (isinstance(batch_size, bool) or not isinstance(batch_size, int)
                                         or batch_size <= 0):
            raise ValueError(f"batch_size should be a positive integer value, but got batch_size={batch_size}")
        self.dataset = dataset
        self.batch_size = batch_size
        self.drop_last = drop_last
        self.sampler = sampler
        self.batch_sampler = batch_sampler
        self.num_workers = num_workers
        self.generator = generator
        self.collate_fn = collate_fn or (default_collate if batch_size is not None or batch_sampler is not None
                                         else default_convert)

    def __iter__(self):
        if isinstance(self.dataset, IterableDataset):
            yield from self._iterate_stream()
        elif self.batch_sampler is not None:
            for indices in self.batch_sampler:
                yield self.collate_fn([self.dataset[i] for i in indices])
        else:
            for index in self.sampler:
                yield self.collate_fn(self.dataset[index])

    def _iterate_stream(self):
        if self.batch_size is None:
            for example in self.dataset:
                yield self.collate_fn(example)
            return
        batch = []
        for example in self.dataset:
            batch.append(example)
            if len(batch) == self.batch_size:
                yield self.collate_fn(batch)
                batch = []
        if batch and not self.drop_last:
            yield self.collate_fn(batch)

    def __len__(self):
        if isinstance(self.dataset, IterableDataset):
            length = len(self.dataset)  # TypeError if the stream has no length, as in PyTorch
            if self.batch_size is None:
                return length
            return length // self.batch_size if self.drop_last else -(-length // self.batch_size)
        if self.batch_sampler is not None:
            return len(self.batch_sampler)
        return len(self.sampler)
