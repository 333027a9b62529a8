# float32 order: PyTorch's (a row of probabilities sums to 0.99999994 with its order, printed tensor(1.0000))
# makemore part 2: the forward pass written out (counts, prob, -prob[arange, Y].log().mean()) vs cross_entropy.
import torch
import torch.nn.functional as F

X = torch.tensor([[0, 0, 5], [0, 5, 13], [5, 13, 13], [13, 13, 1], [13, 1, 0]])
Y = torch.tensor([5, 13, 13, 1, 0])
C = (torch.arange(27 * 2).reshape(27, 2) % 5 - 2).float().requires_grad_()
W1 = (torch.arange(6 * 10).reshape(6, 10) % 7 / 10 - 0.3).requires_grad_()
b1 = torch.zeros(10, requires_grad=True)
W2 = (torch.arange(10 * 27).reshape(10, 27) % 11 / 10 - 0.5).requires_grad_()
b2 = torch.zeros(27, requires_grad=True)
parameters = [C, W1, b1, W2, b2]
print(sum(p.nelement() for p in parameters))
emb = C[X]
h = torch.tanh(emb.view(-1, 6) @ W1 + b1)
logits = h @ W2 + b2
counts = logits.exp()
prob = counts / counts.sum(1, keepdims=True)
print(prob.shape, prob[0].sum())
loss = -prob[torch.arange(5), Y].log().mean()
print(loss)
print(F.cross_entropy(logits, Y))
for p in parameters:
    p.requires_grad = True
for _ in range(3):
    emb = C[X]
    h = torch.tanh(emb.view(-1, 6) @ W1 + b1)
    logits = h @ W2 + b2
    loss = F.cross_entropy(logits, Y)
    for p in parameters:
        p.grad = None
    loss.backward()
    for p in parameters:
        p.data += -0.1 * p.grad
    print(loss.item() < 10, loss)
print(C.grad[0], C.grad[5], C.grad[2])
print(h.shape, (h.abs() > 0.99).float().mean())
print(logits.max(1).indices, Y)
