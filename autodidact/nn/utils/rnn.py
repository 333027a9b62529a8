"""``nn.utils.rnn``: batching sequences of different lengths for the recurrent layers."""
from ...engine.tensor import full

__all__ = ["pad_sequence"]


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
