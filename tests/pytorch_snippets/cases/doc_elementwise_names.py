import torch
# NumPy's names (arcsin, absolute, fix...), the Tensor methods of multiply/divide/remainder, round with
# decimals, ldexp and the inverse hyperbolic functions, as PyTorch's docs use them.
a = torch.tensor([0.3, -0.6, 0.9], requires_grad=True)
print(torch.arcsin(a), torch.arccos(a), torch.arctan(a))
print(torch.arcsinh(a), torch.arctanh(a), torch.arccosh(torch.tensor([1.0, 2.0, 4.0])))
print(torch.asinh(torch.tensor([1, 2])), torch.acosh(torch.tensor([0.5])), torch.atanh(torch.tensor([-1.0, 1.0])))
print(torch.absolute(torch.tensor([-1, -2, 3])), torch.fix(torch.tensor([3.4742, -0.5, -2.7])))
print(torch.round(torch.tensor([1.2345, 2.675, -0.125, 1234.5678]), decimals=2))
print(torch.round(torch.tensor([1234.5678, 15.0, 25.0]), decimals=-1), a.round(decimals=0))
print(torch.ldexp(torch.tensor([1.]), torch.tensor([1])), torch.ldexp(torch.tensor([1.0]), torch.tensor([1, 2, 3, 4])))
b = torch.tensor([2.0, 3.0, -4.0])
print(b.multiply(a), b.subtract(a), b.divide(a), b.true_divide(2), b.remainder(1.5), b.negative())
c = b.clone()
c.multiply_(2).subtract_(1).divide_(3).remainder_(2).fmod_(1.5).square_().negative_().absolute_()
print(c, c._version)
print(torch.positive(b) is b, b.fix(), b.clone().fix_())
for out in (torch.arcsin(a), torch.arctanh(a), torch.asinh(a), torch.ldexp(a, torch.tensor([1., 2., 3.])),
            torch.round(a, decimals=1), torch.absolute(a)):
    print(out, torch.autograd.grad(out.sum(), a))
