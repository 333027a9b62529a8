# torch.distributions docs with fixed parameters: Normal (log_prob, cdf, icdf, entropy, mean, stddev,
# rsample's reparameterised gradient shape), Categorical (probs/logits normalisation, log_prob,
# entropy), Bernoulli, Uniform, OneHotCategorical and kl_divergence between Normals.
import torch
from torch.distributions import Bernoulli, Categorical, Normal, OneHotCategorical, Uniform, kl_divergence

m = Normal(torch.tensor([0.0]), torch.tensor([1.0]))
print(m)
value = torch.tensor([-1.0, 0.0, 1.5])
print(m.log_prob(value), m.cdf(value))
print(m.entropy(), m.mean, m.stddev, m.variance, m.batch_shape, m.event_shape)
loc = torch.tensor([0.5, -1.0], requires_grad=True)
scale = torch.tensor([1.0, 2.0], requires_grad=True)
d = Normal(loc, scale)
lp = d.log_prob(torch.tensor([1.0, 1.0])).sum()
lp.backward()
print(lp, loc.grad, scale.grad)
print(d.rsample((4,)).shape, d.sample().requires_grad, d.rsample().requires_grad)

c = Categorical(torch.tensor([0.25, 0.25, 0.25, 0.25]))
print(c, c.probs, c.logits)
c = Categorical(probs=torch.tensor([1.0, 2.0, 1.0]))
print(c.probs, c.log_prob(torch.tensor([0, 1, 2])), c.entropy())
logits = torch.tensor([[1.0, 2.0, 0.5], [0.0, 0.0, 3.0]], requires_grad=True)
c = Categorical(logits=logits)
print(c.probs, c.batch_shape, c.sample().shape)
(-c.log_prob(torch.tensor([1, 2])).mean()).backward()
print(logits.grad)

b = Bernoulli(torch.tensor([0.3]))
print(b, b.log_prob(torch.tensor([1.0, 0.0])), b.entropy(), b.mean, b.variance)
b = Bernoulli(logits=torch.tensor([0.0, 2.0]))
print(b.probs, b.log_prob(torch.tensor([1.0, 1.0])))

u = Uniform(torch.tensor([0.0]), torch.tensor([5.0]))
print(u, u.log_prob(torch.tensor([2.0])), u.entropy(), u.cdf(torch.tensor([1.0, 2.5])), u.mean)
o = OneHotCategorical(torch.tensor([0.25, 0.25, 0.25, 0.25]))
print(o.sample().shape, o.log_prob(torch.tensor([0.0, 1.0, 0.0, 0.0])), o.entropy())

p = Normal(torch.tensor([0.0, 1.0]), torch.tensor([1.0, 2.0]))
q = Normal(torch.tensor([1.0, 1.0]), torch.tensor([1.0, 1.0]))
print(kl_divergence(p, q), kl_divergence(q, p))
print(kl_divergence(Categorical(torch.tensor([0.5, 0.5])), Categorical(torch.tensor([0.9, 0.1]))))
