# d2l 5.3 Forward propagation, backward propagation and computational graphs: the one-hidden-layer MLP with L2 penalty, gradients by the chain rule vs autograd.
import torch

x = torch.tensor([[1.0], [-2.0], [0.5]])
y = torch.tensor([1])
W1 = torch.tensor([[0.2, -0.1, 0.4], [0.5, 0.3, -0.2], [-0.3, 0.1, 0.1], [0.0, 0.2, -0.4]], requires_grad=True)
W2 = torch.tensor([[0.1, -0.2, 0.3, 0.4], [-0.5, 0.2, 0.1, 0.0]], requires_grad=True)
lambd = 0.1

z = W1 @ x
h = torch.relu(z)
o = W2 @ h
L = torch.nn.functional.cross_entropy(o.T, y)
s = lambd / 2 * (W1.norm() ** 2 + W2.norm() ** 2)
J = L + s
for t in (z, h, o):
    t.retain_grad()
J.backward()
print(z.T, h.T, o.T, L, s, J, sep="\n")

with torch.no_grad():
    dJ_do = torch.softmax(o, dim=0) - torch.nn.functional.one_hot(y, 2).T
    dJ_dW2 = dJ_do @ h.T + lambd * W2
    dJ_dh = W2.T @ dJ_do
    dJ_dz = dJ_dh * (z > 0)
    dJ_dW1 = dJ_dz @ x.T + lambd * W1
print(dJ_dW2)
print(W2.grad)
print(torch.allclose(dJ_dW2, W2.grad), torch.allclose(dJ_dW1, W1.grad), torch.allclose(dJ_dz, z.grad))
print(W1.grad)
print(h.grad.T, o.grad.T)
