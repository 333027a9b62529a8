# REINFORCE's loss from the PyTorch RL examples (Categorical log_prob of chosen actions) and a VAE's
# reparameterized sample and KL term (Normal, rsample, kl_divergence); printed values are deterministic.
import torch
import torch.nn.functional as F
from torch.distributions import Categorical, Normal, kl_divergence

torch.manual_seed(0)
scores = torch.tensor([[1.0, 2.0, 0.5], [0.1, 0.1, 3.0]], requires_grad=True)
m = Categorical(F.softmax(scores, dim=1))
print(m)
print(m.batch_shape, m.event_shape, m.sample().shape, m.sample().dtype)
actions = torch.tensor([1, 2])
returns = torch.tensor([1.5, -0.5])
loss = (-m.log_prob(actions) * returns).sum()
loss.backward()
print(loss, scores.grad)
print(m.entropy(), Categorical(logits=scores.detach()).probs)

mu = torch.tensor([[0.5, -1.0]], requires_grad=True)
logvar = torch.tensor([[0.0, 0.4]], requires_grad=True)
q = Normal(mu, torch.exp(0.5 * logvar))
z = q.rsample()
print(z.shape, z.requires_grad, z.grad_fn.name())
kl = kl_divergence(q, Normal(torch.zeros_like(mu), torch.ones_like(mu))).sum()
kl.backward()
print(kl, mu.grad, logvar.grad)
print(q.log_prob(torch.tensor([[0.0, 0.0]])), q.mean, q.stddev)
try:
    Normal(torch.tensor([0.0]), torch.tensor([-1.0]))
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0][:60])
