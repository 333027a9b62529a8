# Gradients at the points tutorials hit by accident: ties in max/amax/min (makemore's logit shift), relu/abs/clamp at the kink, norms at zero.
import torch

x = torch.tensor([1.0, 3.0, 3.0, 2.0], requires_grad=True)
x.max().backward()
print(x.grad)
x.grad = None
x.amax().backward()
print(x.grad)
x.grad = None
torch.max(x, dim=0).values.backward()
print(x.grad, torch.max(x, dim=0).indices)
x.grad = None
x.min().backward()
print(x.grad)

logits = torch.tensor([[2.0, 2.0, 1.0], [0.5, 1.5, 1.5]], requires_grad=True)
norm_logits = logits - logits.max(1, keepdim=True).values
loss = -norm_logits.log_softmax(1)[:, 0].mean()
loss.backward()
print(loss, logits.grad)
logits.grad = None
(logits - logits.amax(1, keepdim=True)).exp().sum().backward()
print(logits.grad)

z = torch.tensor([-1.0, 0.0, 2.0], requires_grad=True)
torch.relu(z).sum().backward()
print(z.grad)
z.grad = None
z.abs().sum().backward()
print(z.grad)
z.grad = None
z.clamp(min=0.0, max=2.0).sum().backward()
print(z.grad)
z.grad = None
torch.nn.functional.leaky_relu(z, 0.1).sum().backward()
print(z.grad)
z.grad = None
torch.nn.functional.hardtanh(z, -1.0, 2.0).sum().backward()
print(z.grad)

w = torch.zeros(3, requires_grad=True)
w.norm().backward()
print(w.grad)
w.grad = None
torch.linalg.vector_norm(w, ord=1).backward()
print(w.grad)
w.grad = None
(w ** 2).sum().sqrt().backward()
print(w.grad)
w.grad = None
torch.sqrt(w).sum().backward()
print(w.grad)
w.grad = None
(w ** 0.5).sum().backward()
print(w.grad)
w.grad = None
(w ** 0).sum().backward()
print(w.grad)
print(torch.tensor([0.0, 1.0]).log())

m = torch.tensor([[1.0, 5.0], [5.0, 1.0]], requires_grad=True)
print(torch.sort(torch.tensor([3, 1, 3, 1, 2]), stable=True))
print(torch.topk(torch.tensor([1.0, 3.0, 3.0, 2.0]), 2))
print(torch.argmax(torch.tensor([[1, 3, 3], [2, 2, 0]]), dim=1), torch.argmin(torch.tensor([4, 1, 1])))
print(m.median())
m.median().backward()
print(m.grad)
