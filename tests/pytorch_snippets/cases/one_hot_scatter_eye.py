# Three ways to one-hot encode labels: torch.eye(C)[y], zeros().scatter_, and F.one_hot; and gathering back.
import torch
import torch.nn.functional as F

y = torch.tensor([2, 0, 1, 2])
C = 3
print(torch.eye(C)[y])
oh = torch.zeros(len(y), C).scatter_(1, y.unsqueeze(1), 1)
print(oh)
print(F.one_hot(y, num_classes=C), F.one_hot(y).dtype)
logp = torch.log_softmax(torch.tensor([[1.0, 2.0, 3.0], [1.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.5, 0.5, 0.5]]), dim=1)
print(logp.gather(1, y.unsqueeze(1)).squeeze(1))
print(-(oh * logp).sum(1))
print(torch.equal(logp.gather(1, y[:, None]).flatten(), logp[torch.arange(4), y]))
