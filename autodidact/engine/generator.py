"""Random-number generators: ``torch.Generator`` and the default one behind ``torch.manual_seed``.

The numbers come from NumPy's generator, so a seed gives the same sequence every run, but not the
sequence PyTorch's generator would give (a documented difference). Every random function takes
``generator=``: pass ``torch.Generator().manual_seed(n)`` for a stream of one's own that the global
seed does not touch.
"""
import numpy as np

from ..parity.devices import check_device, device

_DEFAULT_SEED = 67280421310721  # what PyTorch reports as a fresh generator's initial_seed()


class Generator:
    """``g = torch.Generator().manual_seed(42)``: pass it as ``generator=g`` to get reproducible
    random tensors, shuffles (DataLoader) and splits (random_split) without touching the global seed."""

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

    @property
    def device(self):
        return device("cpu")

    def __repr__(self):
        return f"<torch._C.Generator object at {hex(id(self))}>"


# The generator random functions use when given none. Seeded with 0 at import, so a script that
# never calls manual_seed still gets the same numbers every run.
default_generator = Generator().manual_seed(0)


def manual_seed(seed):
    """Seed the default generator: randn, rand, randint, dropout and nn.init become reproducible."""
    return default_generator.manual_seed(seed)


def initial_seed():
    return default_generator.initial_seed()


def seed():
    return default_generator.seed()


def numpy_generator(generator, function):
    """The NumPy generator behind ``generator=`` (the default one for None); ``function`` names the
    caller in the error for anything that is not a Generator."""
    if generator is None:
        return default_generator.numpy
    if not isinstance(generator, Generator):
        raise TypeError(f"{function}(): argument 'generator' must be torch.Generator, not "
                        f"{type(generator).__name__}. Make one with torch.Generator().manual_seed(0).")
    return generator.numpy
