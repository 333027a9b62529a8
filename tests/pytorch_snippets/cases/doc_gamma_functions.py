import torch
# The examples of torch.lgamma, torch.digamma, torch.polygamma and torch.special (gammaln, psi, entr...).
a = torch.arange(0.5, 2, 0.5)
print(torch.lgamma(a))
print(torch.digamma(torch.tensor([1, 0.5])))
a = torch.tensor([1, 0.5])
print(torch.special.polygamma(1, a), torch.special.polygamma(2, a), torch.special.polygamma(3, a), torch.special.polygamma(4, a))
print(torch.special.gammaln(torch.arange(0.5, 2, 0.5)), torch.special.psi(torch.tensor([1.0, 3.0])))
x = torch.tensor([0.7, 2.5, 6.0], dtype=torch.float64, requires_grad=True)
for out in (torch.lgamma(x), torch.digamma(x), x.polygamma(2)):
    (g,) = torch.autograd.grad(out.sum(), x, create_graph=True)
    (h,) = torch.autograd.grad(g.sum(), x)
    print(out, g, h, sep="\n")
print(torch.lgamma(torch.tensor([0.0, -1.0, -2.5])), torch.digamma(torch.tensor([0.0, -1.0, -2.5])))
