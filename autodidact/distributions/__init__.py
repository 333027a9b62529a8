"""torch.distributions, the part a course needs: Normal, Uniform, Bernoulli, Categorical,
Multinomial and OneHotCategorical, with sample/rsample, log_prob, entropy, mean, variance,
probs/logits, batch_shape/event_shape, PyTorch's argument checks (ValueError) and KL divergences.

Samples come from autodidact's generator (seeded by ``torch.manual_seed``): the same seed gives
other numbers than PyTorch's, the same shapes and dtypes. Everything here is built from tensor ops,
so log_prob, entropy and rsample are differentiable with respect to the parameters.
"""
from . import constraints
from .bernoulli import Bernoulli
from .categorical import Categorical
from .distribution import Distribution
from .kl import kl_divergence, register_kl
from .multinomial import Multinomial
from .normal import Normal
from .one_hot_categorical import OneHotCategorical
from .uniform import Uniform

__all__ = ["Distribution", "Normal", "Uniform", "Bernoulli", "Categorical", "Multinomial", "OneHotCategorical",
           "constraints", "kl_divergence", "register_kl"]


def __getattr__(name):  # torch.distributions.Beta and the like: say what is there
    raise AttributeError(f"torch.distributions.{name} is not part of autodidact: its distributions are "
                         f"{', '.join(__all__[1:7])}.")
