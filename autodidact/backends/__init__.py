"""``torch.backends``: switches for GPU libraries. Only their names exist here (no GPU)."""
from . import cudnn, mps

__all__ = ["cudnn", "mps"]
