# Softmax with a temperature, as in sampling from a language model: flatter for T > 1, sharper for T < 1.
import torch
import torch.nn.functional as F

logits = torch.tensor([2.0, 1.0, 0.1, -1.0])
for T in [0.5, 1.0, 2.0, 10.0]:
    probs = F.softmax(logits / T, dim=-1)
    print(T, probs, probs.argmax().item())
print(torch.softmax(logits, 0), logits.softmax(dim=0).sum(), logits.log_softmax(0).exp())
batch = torch.tensor([[1.0, 2.0, 3.0], [1.0, 1.0, 1.0]])
print(F.softmax(batch, dim=1), F.softmax(batch, dim=0))
print(torch.nn.Softmax(dim=-1)(batch), torch.nn.LogSoftmax(dim=1)(batch))
x = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
s = F.softmax(x, dim=0)
s[2].backward()
print(x.grad, s.grad_fn.name())
