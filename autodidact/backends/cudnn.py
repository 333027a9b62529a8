"""``torch.backends.cudnn``: NVIDIA's library for GPU layers. Absent here; the switches that
tutorials set for reproducibility (``deterministic``, ``benchmark``) can be set and do nothing."""
enabled = True
deterministic = False
benchmark = False


def is_available():
    return False


def version():
    return None
