"""Conversions between probabilities and logits, as PyTorch's distributions make them."""
import numpy as np

from .distribution import broadcast_all, lazy_property

__all__ = ["broadcast_all", "lazy_property", "clamp_probs", "probs_to_logits", "logits_to_probs"]


def clamp_probs(probs):
    """Probabilities kept eps away from 0 and 1, so that their logs stay finite."""
    eps = float(np.finfo(probs.dtype.numpy).eps)
    return probs.clamp(min=eps, max=1 - eps)


def probs_to_logits(probs, is_binary=False):
    """log(p) (or, for one event, the log-odds log(p) - log(1 - p))."""
    clamped = clamp_probs(probs)
    return clamped.log() - (-clamped).log1p() if is_binary else clamped.log()


def logits_to_probs(logits, is_binary=False):
    """sigmoid of log-odds, or softmax of the logits along the last dim."""
    return logits.sigmoid() if is_binary else logits.softmax(dim=-1)
