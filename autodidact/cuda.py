"""``torch.cuda`` as on a PyTorch build without a GPU: nothing is available, and asking for a GPU
raises PyTorch's AssertionError. ``is_available()`` is what tutorials test before choosing a device."""
from .parity.devices import check_device


def is_available():
    return False


def device_count():
    return 0


def is_initialized():
    return False


def manual_seed(seed):
    """Accepted and ignored, as by PyTorch without a GPU (there is no GPU generator to seed)."""


def manual_seed_all(seed):
    """Accepted and ignored, as by PyTorch without a GPU."""


def current_device():
    check_device("cuda")


def get_device_name(device=None):
    check_device("cuda")


def synchronize(device=None):
    check_device("cuda")
