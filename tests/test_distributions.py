"""torch.distributions (autodidact/distributions/) as a learner sees it: what each distribution
prints, its shapes, log_prob/entropy/mean/variance values and their gradients, KL divergences and
PyTorch's ValueErrors, run on autodidact and on PyTorch and compared line by line.

Samples come from autodidact's own generator, so only their shapes, dtypes and sums are compared.
"""
import math

import pytest

import autodidact
from test_breadth_ops import seen


def everything_a_learner_prints(torch, print):
    D = torch.distributions
    Normal, Uniform, Bernoulli, Categorical = D.Normal, D.Uniform, D.Bernoulli, D.Categorical
    Multinomial, OneHotCategorical, kl_divergence = D.Multinomial, D.OneHotCategorical, D.kl_divergence

    def shown(*values):
        print(" ".join(str(v) for v in values))

    torch.manual_seed(0)
    n=Normal(0.,1.); shown(n, n.batch_shape, n.event_shape, n.mean, n.variance, n.stddev, n.entropy(), n.log_prob(torch.tensor(0.5)), n.cdf(torch.tensor(0.)), n.mode)
    n=Normal(torch.zeros(2,3), 2.); shown(n, n.batch_shape, n.sample().shape, n.sample((4,)).shape, n.rsample().requires_grad, n.sample().dtype)
    n=Normal(torch.tensor([0.]), torch.tensor([1.])); shown(n)
    for f in [lambda: Normal(0., -1.), lambda: Normal(torch.tensor([0.,1.]), torch.tensor([1.,0.])), lambda: Bernoulli(1.5), lambda: Bernoulli(probs=0.5, logits=0.), lambda: Categorical(torch.tensor([-0.1, 1.1])), lambda: Uniform(1., 0.), lambda: Bernoulli(0.5).log_prob(torch.tensor(0.5)), lambda: Normal(0.,1.).log_prob(torch.tensor(float('nan'))), lambda: Multinomial(10, torch.tensor([0.5,-0.5])), lambda: Categorical(torch.tensor([0.5,0.5])).log_prob(torch.tensor(2)), lambda: Uniform(0.,1.).log_prob(torch.tensor(2.)), lambda: Bernoulli(), lambda: Categorical(torch.tensor(1.)), lambda: Normal(torch.zeros(2), 1.).log_prob(torch.zeros(3)), lambda: Normal(0., 1.).log_prob(0.5), lambda: Multinomial(3, torch.ones(2)).log_prob(torch.tensor([1., 1.])), lambda: Normal(0., 1., validate_args=False).log_prob(torch.tensor(float('nan'))), lambda: Multinomial(2.5, torch.ones(2))]:
        try:
            shown(f())
        except Exception as e:  # noqa: BLE001 - the message is compared
            shown(type(e).__name__, e)
    u=Uniform(torch.tensor([0.,1.]), 3.); shown(u, u.mean, u.variance, u.stddev, u.entropy(), u.log_prob(torch.tensor([1.,2.])), u.sample().shape, u.cdf(torch.tensor([1.,2.])))
    b=Bernoulli(torch.tensor([0.3,0.9])); shown(b, b.probs, b.logits, b.mean, b.variance, b.entropy(), b.log_prob(torch.tensor([1.,0.])), b.sample((2,)).shape, b.sample().dtype, b.param_shape, b.has_rsample, b)
    b=Bernoulli(logits=torch.tensor([0.,2.])); shown(b, b.probs, b.logits, b.mode, Bernoulli(0.3).mode, b.enumerate_support())
    c=Categorical(torch.tensor([1.,2.,7.])); shown(c, c.probs, c.logits, c.entropy(), c.log_prob(torch.tensor([0,2])), c.sample((3,)).shape, c.sample().dtype, c.batch_shape, c.event_shape, c.param_shape, c.mean, c.variance, c.enumerate_support(), c.mode)
    c=Categorical(logits=torch.tensor([[0.,1.],[2.,2.]])); shown(c, c.probs, c.logits, c.entropy(), c.batch_shape, c.sample((5,)).shape, c.enumerate_support())
    m=Multinomial(10, torch.tensor([1.,1.,2.])); shown(m, m.probs, m.mean, m.variance, m.log_prob(torch.tensor([3.,3.,4.])), m.batch_shape, m.event_shape, m.sample().dtype, m.total_count, m.sample().sum(), m.sample((2, 4)).shape, m.logits)
    m=Multinomial(5, logits=torch.zeros(2, 3)); shown(m.sample((7,)).shape, m.sample().sum(-1), m.log_prob(torch.tensor([[5., 0., 0.], [1., 2., 2.]])))
    o=OneHotCategorical(torch.tensor([0.2,0.8])); shown(o, o.sample().shape, o.sample().sum(), o.log_prob(torch.tensor([0.,1.])), o.entropy(), o.mean, o.variance, o.event_shape, o.mode, o.sample((3,)).shape)
    shown(Categorical(probs=torch.ones(2,3)), Multinomial(probs=torch.ones(3)))
    shown(Uniform(0.,2.).stddev, Normal(0,1).support, Bernoulli(0.5).support, Categorical(torch.ones(3)).support, Uniform(0., 2.).support, Multinomial(3, torch.ones(2)).support)
    loc = torch.tensor([0.5, -1.0], requires_grad=True); scale = torch.tensor([1.0, 2.0], requires_grad=True)
    d = Normal(loc, scale); x = d.rsample((3,)); shown(x.shape, x.requires_grad)
    lp = d.log_prob(torch.tensor([0.0, 1.0])).sum() + d.entropy().sum(); lp.backward(); shown(loc.grad, scale.grad, lp)
    p = torch.tensor([0.2, 0.3, 0.5], requires_grad=True); Categorical(p).log_prob(torch.tensor(1)).backward(); shown(p.grad)
    q = torch.tensor([0.4], requires_grad=True); Bernoulli(q).entropy().sum().backward(); shown(q.grad)
    w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True); Multinomial(4, w).log_prob(torch.tensor([1., 1., 2.])).backward(); shown(w.grad)
    shown(kl_divergence(Normal(0., 1.), Normal(1., 2.)), kl_divergence(Categorical(torch.tensor([0.2, 0.8])), Categorical(torch.tensor([0.5, 0.5]))), kl_divergence(Bernoulli(0.3), Bernoulli(0.6)), kl_divergence(OneHotCategorical(torch.tensor([0.2, 0.8])), OneHotCategorical(torch.tensor([0.5, 0.5]))))
    shown(Normal(torch.tensor([0.], dtype=torch.float64), 1.).sample().dtype, Normal(0., torch.tensor(1., dtype=torch.float64)).mean.dtype, Bernoulli(torch.tensor(0.5, dtype=torch.float64)).sample().dtype)
    shown(Normal(0., 1.).perplexity(), Normal(0., 1.).has_rsample, Categorical(torch.ones(2)).has_enumerate_support)


def test_distributions_print_what_pytorch_prints(torch):
    import torch.distributions  # noqa: F401  (the submodule, as a learner imports it)

    ours, theirs = seen(autodidact, everything_a_learner_prints), seen(torch, everything_a_learner_prints)
    assert "raises" not in ours
    for number, (mine, reference) in enumerate(zip(ours.splitlines(), theirs.splitlines())):
        assert mine == reference, f"line {number}"
    assert len(ours.splitlines()) == len(theirs.splitlines())


def test_submodules_import_as_in_pytorch():
    from autodidact.distributions.bernoulli import Bernoulli
    from autodidact.distributions.categorical import Categorical
    from autodidact.distributions.multinomial import Multinomial
    from autodidact.distributions.normal import Normal
    from autodidact.distributions.one_hot_categorical import OneHotCategorical
    from autodidact.distributions.uniform import Uniform

    assert autodidact.distributions.Normal is Normal and Multinomial.__module__.endswith("multinomial")
    D = autodidact.distributions
    assert (D.Bernoulli, D.Categorical, D.OneHotCategorical, D.Uniform) == (Bernoulli, Categorical,
                                                                            OneHotCategorical, Uniform)


def test_sampling_follows_manual_seed_and_the_law():
    D = autodidact.distributions
    autodidact.manual_seed(3)
    first = D.Normal(autodidact.zeros(4), 1.0).sample((1000,))
    autodidact.manual_seed(3)
    again = D.Normal(autodidact.zeros(4), 1.0).sample((1000,))
    assert autodidact.equal(first, again)
    assert abs(first.mean().item()) < 0.1 and abs(first.std().item() - 1) < 0.1
    counts = D.Multinomial(10000, autodidact.tensor([0.2, 0.3, 0.5])).sample()
    assert counts.sum().item() == 10000 and abs(counts[2].item() / 10000 - 0.5) < 0.03
    draws = D.Categorical(autodidact.tensor([0.1, 0.9])).sample((2000,))
    assert draws.dtype is autodidact.int64 and abs(draws.float().mean().item() - 0.9) < 0.03
    flips = D.Bernoulli(autodidact.full((2000,), 0.25)).sample()
    assert abs(flips.mean().item() - 0.25) < 0.03
    uniform = D.Uniform(2.0, 4.0).sample((2000,))
    assert 2 <= uniform.min().item() and uniform.max().item() < 4 and abs(uniform.mean().item() - 3) < 0.05


def test_rsample_carries_gradients_to_the_parameters():
    D = autodidact.distributions
    loc = autodidact.tensor(1.0, requires_grad=True)
    scale = autodidact.tensor(2.0, requires_grad=True)
    autodidact.manual_seed(0)
    x = D.Normal(loc, scale).rsample((5,))
    eps = (x.detach() - 1.0) / 2.0
    x.sum().backward()
    assert loc.grad.item() == 5.0 and math.isclose(scale.grad.item(), eps.sum().item(), rel_tol=1e-6)
    with pytest.raises(NotImplementedError, match="rsample"):
        D.Categorical(autodidact.ones(3)).rsample()


def test_missing_distributions_name_what_there_is():
    with pytest.raises(AttributeError, match="Beta is not part of autodidact.*Normal"):
        autodidact.distributions.Beta
