"""``torch.Generator``: a random-number generator of one's own, seeded independently of
``torch.manual_seed``. The numbers come from NumPy's generator, so a seed gives the same sequence
every run, but not the sequence PyTorch's generator would give."""
import numpy as np

from ..parity.devices import check_device

_DEFAULT_SEED = 67280421310721  # what PyTorch reports as a fresh generator's initial_seed()


class Generator:
    """``g = torch.Generator().manual_seed(42)``: pass it as ``generator=g`` to get reproducible
    shuffles (DataLoader) and splits (random_split) without touching the global seed."""

    def __init__(self, device="cpu"):
        check_device(device)
        self.manual_seed(_DEFAULT_SEED)

    def manual_seed(self, seed):
        self._initial_seed = int(seed)
        self.numpy = np.random.default_rng(self._initial_seed)
        return self  # so that Generator().manual_seed(42) is the generator itself

    def initial_seed(self):
        return self._initial_seed

    def seed(self):
        """Seed with a fresh non-deterministic number and return it."""
        new_seed = int(np.random.SeedSequence().entropy % (2 ** 63))
        self.manual_seed(new_seed)
        return new_seed

    def __repr__(self):
        return f"<torch._C.Generator object at {hex(id(self))}>"
