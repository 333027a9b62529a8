"""``nn.utils.rnn``: batching sequences of different lengths for the recurrent layers.

Two ways to batch them. *Padding* (``pad_sequence``) fills the short ones up to the longest.
*Packing* (``pack_padded_sequence``, ``pack_sequence``) keeps only the real steps: step 0 of every
sequence, then step 1 of those that have one, and so on, with ``batch_sizes`` saying how many
sequences are still running at each step; ``pad_packed_sequence`` turns it back into a padded batch.
"""
from collections import namedtuple

import numpy as np

from ...engine import Tensor, ops
from ...engine.tensor import full, tensor, zeros

__all__ = ["pad_sequence", "PackedSequence", "pack_padded_sequence", "pad_packed_sequence", "pack_sequence"]


def pad_sequence(sequences, batch_first=False, padding_value=0.0, padding_side="right"):
    """Stack sequences of different lengths into one tensor, filling the short ones with
    ``padding_value``: shape (longest, batch, *) or, with ``batch_first``, (batch, longest, *).
    Each sequence is written into the padded tensor (``CopySlices``), so gradients flow back."""
    sequences = list(sequences)
    if not sequences:
        raise RuntimeError("received an empty list of sequences")
    if padding_side not in ("left", "right"):
        raise RuntimeError(f"Expected padding_side to be one of left or right, but got {padding_side}.")
    longest = max(s.shape[0] for s in sequences)
    trailing = tuple(sequences[0].shape[1:])
    shape = (len(sequences), longest) if batch_first else (longest, len(sequences))
    padded = full(shape + trailing, padding_value, dtype=sequences[0].dtype)
    for i, sequence in enumerate(sequences):
        n = sequence.shape[0]
        steps = slice(0, n) if padding_side == "right" else slice(longest - n, longest)
        if batch_first:
            padded[i, steps] = sequence
        else:
            padded[steps, i] = sequence
    return padded


class PackedSequence(namedtuple("PackedSequence", ["data", "batch_sizes", "sorted_indices", "unsorted_indices"])):
    """Sequences of different lengths, packed: ``data`` holds the real steps (step 0 of every
    sequence, then step 1...), ``batch_sizes[t]`` how many sequences have a step ``t``.
    ``sorted_indices`` is the order (longest first) the sequences were packed in, when it was not
    the given one; ``unsorted_indices`` undoes it."""

    def __new__(cls, data, batch_sizes=None, sorted_indices=None, unsorted_indices=None):
        if unsorted_indices is None and sorted_indices is not None:
            unsorted_indices = _inverse(sorted_indices)
        return super().__new__(cls, data, batch_sizes, sorted_indices, unsorted_indices)

    @property
    def is_cuda(self):
        return False

    def to(self, *args, **kwargs):
        data = self.data.to(*args, **kwargs)
        return self if data is self.data else type(self)(data, self.batch_sizes, self.sorted_indices,
                                                          self.unsorted_indices)


def _inverse(permutation):
    inverse = np.empty_like(permutation.numpy())
    inverse[permutation.numpy()] = np.arange(len(inverse))
    return tensor(inverse)


def pack_padded_sequence(input, lengths, batch_first=False, enforce_sorted=True):
    """Pack a padded batch (longest, batch, *) (or (batch, longest, *) with ``batch_first``) whose
    sequences have the given ``lengths``. With ``enforce_sorted`` the lengths must be decreasing;
    otherwise the sequences are sorted first (longest first) and the order is remembered."""
    lengths = np.asarray(lengths.numpy() if isinstance(lengths, Tensor) else lengths, dtype=np.int64)
    batch_dim = 0 if batch_first else 1
    if enforce_sorted:
        if np.any(np.diff(lengths) > 0):
            raise RuntimeError("`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. "
                               "You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence to "
                               "sidestep this requirement if you do not need ONNX exportability.")
        sorted_indices = None
    else:
        order = np.argsort(-lengths, kind="stable")
        lengths, sorted_indices = lengths[order], tensor(order)
        input = input.index_select(batch_dim, sorted_indices)
    if len(lengths) != input.shape[batch_dim]:
        raise RuntimeError(f"Expected `len(lengths)` to be equal to batch_size, but got {len(lengths)} "
                           f"(batch_size={input.shape[batch_dim]})")
    if lengths.size and lengths[-1] <= 0:
        raise RuntimeError("Length of all samples has to be greater than 0, but found an element in 'lengths' "
                           "that is <= 0")
    if lengths.size and lengths[0] > input.shape[1 - batch_dim]:
        raise RuntimeError(f"Expected sequence length to be at most {input.shape[1 - batch_dim]}, but got "
                           f"{lengths[0]}: a length is longer than the padded input.")
    batch_sizes = np.array([(lengths > t).sum() for t in range(lengths[0] if lengths.size else 0)], dtype=np.int64)
    steps = np.concatenate([np.full(n, t) for t, n in enumerate(batch_sizes)]).astype(np.int64)
    rows = np.concatenate([np.arange(n) for n in batch_sizes]).astype(np.int64)
    key = (rows, steps) if batch_first else (steps, rows)
    return PackedSequence(ops.PACK_PADDED_SEQUENCE(input, key=key), tensor(batch_sizes), sorted_indices, None)


def pad_packed_sequence(sequence, batch_first=False, padding_value=0.0, total_length=None):
    """Undo packing: a padded batch (longest, batch, *) (or batch first), and each sequence's
    length, in the order the sequences were given. Each step is written in (CopySlices)."""
    data, batch_sizes = sequence.data, sequence.batch_sizes.tolist()
    longest = len(batch_sizes)
    if total_length is not None:
        if total_length < longest:
            raise ValueError("Expected total_length to be at least the length of the longest sequence in input, "
                             f"but got total_length={total_length} and max sequence length being {longest}")
        longest = total_length
    batch = batch_sizes[0] if batch_sizes else 0
    padded = full((longest, batch) + tuple(data.shape[1:]), padding_value, dtype=data.dtype)
    offset = 0
    for t, n in enumerate(batch_sizes):
        padded[t, :n] = data[offset:offset + n]
        offset += n
    lengths = np.array([sum(1 for n in batch_sizes if n > b) for b in range(batch)], dtype=np.int64)
    if batch_first:
        padded = padded.transpose(0, 1)
    if sequence.unsorted_indices is not None:
        padded = padded.index_select(0 if batch_first else 1, sequence.unsorted_indices)
        lengths = lengths[sequence.unsorted_indices.numpy()]
    return padded, tensor(lengths)


def pack_sequence(sequences, enforce_sorted=True):
    """Pack a list of sequences (each (length, *)) of different lengths: pad them, then pack."""
    lengths = [s.shape[0] for s in sequences]
    return pack_padded_sequence(pad_sequence(sequences), lengths, enforce_sorted=enforce_sorted)
