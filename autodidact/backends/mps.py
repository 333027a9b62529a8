"""``torch.backends.mps``: Apple's GPU backend, absent here (as in PyTorch on Linux)."""


def is_available():
    return False


def is_built():
    return False
