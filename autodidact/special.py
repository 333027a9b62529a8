"""torch.special: the mathematical functions PyTorch also files under their scientific names.

Most are the functions of ``autodidact`` itself under a second name (``special.expit`` is
``sigmoid``, ``special.erf`` is ``erf``), with the same op and grad_fn, as in PyTorch. ``entr`` is
only here (SpecialEntrBackward0).
"""
from .engine import tensor as _tensor
from .engine.ops.elementwise_extra import entr

__all__ = ["digamma", "entr", "erf", "erfc", "exp2", "expit", "expm1", "gammaln", "log1p", "log_softmax", "logit",
           "logsumexp", "polygamma", "psi", "sinc", "softmax", "xlogy"]

erf, erfc, exp2, expm1, log1p = _tensor.erf, _tensor.erfc, _tensor.exp2, _tensor.expm1, _tensor.log1p
expit = _tensor.sigmoid  # the logistic function, by its name in statistics
logit, xlogy, sinc, logsumexp = _tensor.logit, _tensor.xlogy, _tensor.sinc, _tensor.logsumexp
softmax, log_softmax = _tensor.softmax, _tensor.log_softmax
gammaln, digamma, polygamma = _tensor.lgamma, _tensor.digamma, _tensor.polygamma
psi = digamma
