import torch
# The elementwise examples of PyTorch's docs (torch.addcmul, torch.lerp, torch.xlogy...), with gradients.
print(torch.lerp(torch.arange(1., 5.), torch.full((4,), 10.), 0.5))
print(torch.lerp(torch.arange(1., 5.), torch.full((4,), 10.), torch.full((4,), 0.5)))
print(torch.addcmul(torch.ones(3), torch.tensor([1., 2., 3.]), torch.tensor([4., 5., 6.]), value=0.1))
print(torch.addcdiv(torch.ones(3), torch.tensor([1., 2., 3.]), torch.tensor([4., 5., 6.]), value=0.5))
print(torch.nan_to_num(torch.tensor([float('nan'), float('inf'), -float('inf'), 3.14]), nan=0.0, posinf=2.0))
print(torch.nan_to_num(torch.tensor([float('nan'), float('inf'), -float('inf'), 3.14])))
print(torch.sgn(torch.tensor([-0., 3.])), torch.sgn(torch.tensor([-2, 0, 4])))
print(torch.frac(torch.tensor([1, 2.5, -3.2])))
print(torch.xlogy(torch.zeros(3), torch.tensor([0., 1., float('nan')])))
print(torch.xlogy(torch.tensor([1, 2, 3]), torch.tensor([3, 2, 1])), torch.xlogy(2, torch.tensor([3., 2., 1.])))
print(torch.special.xlogy(torch.tensor([0., 1.]), 0.))
print(torch.heaviside(torch.tensor([-1.5, 0, 2.0]), torch.tensor([0.5])))
print(torch.heaviside(torch.tensor([-1.5, 0, 2.0]), torch.tensor([1.2, -2.0, 3.5])))
print(torch.logit(torch.tensor([0.2796, 0.9331, 0.6486]), eps=1e-6), torch.logit(torch.tensor([0., 1.])))
print(torch.gcd(torch.tensor([5, 10, 15]), torch.tensor([3, 4, 5])), torch.lcm(torch.tensor([5, 10, 15]), torch.tensor([3, 4, 5])))
print(torch.rad2deg(torch.tensor([3.142, -3.142])), torch.deg2rad(torch.tensor([180.0, -90.0])))
print(torch.hypot(torch.tensor([4.0]), torch.tensor([3.0, 4.0, 5.0])))
print(torch.atan2(torch.tensor([1., -1., 0.]), torch.tensor([-1., -1., -2.])), torch.arctan2(torch.tensor([1, 2]), torch.tensor([2, 1])))
print(torch.copysign(torch.tensor([1., -2.]), -1.), torch.copysign(torch.tensor([1, 2]), torch.tensor([-0.0, 0.0])))
print(torch.float_power(torch.tensor([2, 3]), 2), torch.float_power(torch.tensor([4.0]), torch.tensor([0.5, -1.0])))
print(torch.fmax(torch.tensor([1., float('nan'), 3.]), torch.tensor([float('nan'), 2., 1.])))
print(torch.fmin(torch.tensor([1, 5]), torch.tensor([2, 4])), torch.logaddexp2(torch.tensor([-1.0, 2.0]), torch.tensor([-1.0, 3.0])))
print(torch.exp2(torch.tensor([0, 1, 10])), torch.sinc(torch.tensor([0.0, 0.5, 1.5])), torch.erfc(torch.tensor([0.0, 1.0, 5.0])))
print(torch.signbit(torch.tensor([-0.0, 0.0, -2.0, 3.0])), torch.special.entr(torch.tensor([0.0, 0.5, 1.0])))
print(torch.special.expit(torch.tensor([0.0, 2.0])), torch.special.erf(torch.tensor([0.5])))

# Gradients, and how the results print
x = torch.tensor([0.3, 0.6, 0.9], requires_grad=True)
w = torch.tensor([0.25, 0.5, 0.75], requires_grad=True)
y = torch.tensor([2.0, -1.0, 0.5], requires_grad=True)
for out in (torch.lerp(x, y, w), torch.lerp(x, y, 0.3), torch.addcmul(x, y, w, value=2),
            torch.addcdiv(x, y, w), torch.atan2(x, y), torch.hypot(x, y), torch.xlogy(x, w),
            torch.logit(x, eps=0.35), torch.nan_to_num(x), torch.copysign(x, y), torch.frac(y),
            torch.sgn(y), torch.deg2rad(x), torch.float_power(x, 2), torch.fmax(x, w), x.xlogy(2.0)):
    print(out)
    grads = torch.autograd.grad(out.sum(), (x, y, w), allow_unused=True)
    print(grads)
z = (x * 1).lerp_(y, 0.5)
print(z, z._version)
print(torch.heaviside(x, torch.tensor([0.5])))
