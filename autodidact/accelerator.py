"""``torch.accelerator``: the newer tutorials' way to pick a device. There is none here::

    device = torch.accelerator.current_accelerator().type if torch.accelerator.is_available() else "cpu"
"""


def is_available():
    return False


def device_count():
    return 0


def current_accelerator(check_available=False):
    """None: no accelerator (GPU, MPS...) is present, as in PyTorch on a CPU-only machine."""
    return None
