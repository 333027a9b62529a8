# makemore part 4 style: manual gradients of a small softmax layer compared with autograd using retain_grad and cmp().
import torch
import torch.nn.functional as F


def cmp(s, dt, t):
    app = torch.allclose(dt, t.grad)
    print(f"{s:15s} | approximate: {str(app):5s} | shape: {tuple(dt.shape)}")


n = 4
Xb = torch.tensor([[1.0, 0.5, -1.0], [0.0, 2.0, 1.0], [-0.5, -0.5, 0.5], [1.5, 0.0, 0.0]], dtype=torch.float64)
Yb = torch.tensor([2, 0, 1, 1])
W = torch.tensor([[0.1, -0.2, 0.3], [0.0, 0.4, -0.1], [0.2, 0.1, 0.0]], dtype=torch.float64, requires_grad=True)
b = torch.tensor([0.0, 0.1, -0.1], dtype=torch.float64, requires_grad=True)
logits = Xb @ W + b
logit_maxes = logits.max(1, keepdim=True).values
norm_logits = logits - logit_maxes
counts = norm_logits.exp()
counts_sum = counts.sum(1, keepdims=True)
counts_sum_inv = counts_sum**-1
probs = counts * counts_sum_inv
logprobs = probs.log()
loss = -logprobs[range(n), Yb].mean()
for t in [logprobs, probs, counts, counts_sum, counts_sum_inv, norm_logits, logit_maxes, logits]:
    t.retain_grad()
loss.backward()
print(loss)
dlogprobs = torch.zeros_like(logprobs)
dlogprobs[range(n), Yb] = -1.0 / n
dprobs = (1.0 / probs) * dlogprobs
dcounts_sum_inv = (counts * dprobs).sum(1, keepdim=True)
dcounts = counts_sum_inv * dprobs
dcounts_sum = (-counts_sum**-2) * dcounts_sum_inv
dcounts += torch.ones_like(counts) * dcounts_sum
dnorm_logits = counts * dcounts
dlogits = dnorm_logits.clone()
dlogit_maxes = (-dnorm_logits).sum(1, keepdim=True)
dlogits += F.one_hot(logits.max(1).indices, num_classes=logits.shape[1]) * dlogit_maxes
dW = Xb.T @ dlogits
db = dlogits.sum(0)
cmp("logprobs", dlogprobs, logprobs)
cmp("probs", dprobs, probs)
cmp("counts_sum_inv", dcounts_sum_inv, counts_sum_inv)
cmp("counts_sum", dcounts_sum, counts_sum)
cmp("counts", dcounts, counts)
cmp("norm_logits", dnorm_logits, norm_logits)
cmp("logit_maxes", dlogit_maxes, logit_maxes)
cmp("logits", dlogits, logits)
cmp("W", dW, W)
cmp("b", db, b)
dlogits_fast = F.softmax(logits, 1)
dlogits_fast[range(n), Yb] -= 1
dlogits_fast /= n
cmp("logits (fast)", dlogits_fast, logits)
