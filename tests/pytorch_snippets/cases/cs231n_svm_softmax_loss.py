# CS231n: vectorized multiclass SVM and softmax losses, the gradient by hand vs autograd.
import torch

N, D, C = 5, 4, 3
X = (torch.arange(N * D, dtype=torch.float64).reshape(N, D) % 5 - 2) / 2
y = torch.tensor([0, 2, 1, 2, 0])
W = (torch.arange(D * C, dtype=torch.float64).reshape(D, C) % 4 - 1.5) / 10
W.requires_grad_()
scores = X.mm(W)
correct_class_scores = scores[torch.arange(N), y]
margins = torch.clamp(scores - correct_class_scores[:, None] + 1.0, min=0)
margins[torch.arange(N), y] = 0
loss = margins.sum() / N + 0.5 * (W * W).sum()
print(loss)
loss.backward()
with torch.no_grad():
    binary = (margins > 0).double()
    binary[torch.arange(N), y] = -binary.sum(dim=1)
    dW = X.t().mm(binary) / N + W
print(torch.allclose(W.grad, dW), W.grad)
W.grad = None
scores = X @ W
shifted = scores - scores.max(dim=1, keepdim=True).values
probs = shifted.exp() / shifted.exp().sum(dim=1, keepdim=True)
loss = -probs[range(N), y].log().mean()
loss.backward()
with torch.no_grad():
    dscores = probs.clone()
    dscores[range(N), y] -= 1
    dW = X.t() @ dscores / N
print(loss, torch.allclose(W.grad, dW))
print(torch.nn.functional.cross_entropy(X @ W, y))
