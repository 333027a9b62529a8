# makemore part 2: why F.cross_entropy: exp() of large logits overflows, subtracting the max fixes it.
import torch
import torch.nn.functional as F

logits = torch.tensor([-2.0, -3.0, 0.0, 5.0])
counts = logits.exp()
probs = counts / counts.sum()
print(probs)
logits = torch.tensor([-100.0, -3.0, 0.0, 100.0])
counts = logits.exp()
probs = counts / counts.sum()
print(counts, probs)
stable = (logits - logits.max()).exp()
print(stable / stable.sum())
print(F.cross_entropy(logits.unsqueeze(0), torch.tensor([3])), F.softmax(logits, dim=0))
print(F.cross_entropy(logits.unsqueeze(0), torch.tensor([0])))
block_size = 3
C = torch.arange(27 * 2, dtype=torch.float32).reshape(27, 2) / 27
context = [0] * block_size
emb = C[torch.tensor([context])]
print(emb.shape, emb.view(1, -1))
logits = torch.tensor([[1.0, 2.0, 0.5]])
probs = F.softmax(logits, dim=1)
print(probs, torch.multinomial(torch.tensor([[0.0, 0.0, 1.0]]), num_samples=1).item())


@torch.no_grad()
def split_loss(x, y):
    return F.cross_entropy(x, y)


print(split_loss(torch.tensor([[2.0, 1.0], [0.0, 3.0]]), torch.tensor([0, 1])))
