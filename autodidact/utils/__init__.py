"""``torch.utils``: here only ``utils.data`` (datasets and batching)."""
from . import data

__all__ = ["data"]
