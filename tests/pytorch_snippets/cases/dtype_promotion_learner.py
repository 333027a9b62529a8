# Type promotion a learner meets: int division, bool sums, float64 mixing, mean of ints, result_type.
import torch

a = torch.tensor([1, 2, 3])
print(a / 2, (a / 2).dtype, a // 2, a % 2, -a // 2, torch.tensor([-7, 7]) % 3)
print(a * 1.5, (a + 1.5).dtype, (a + True).dtype, a ** 2, 2 ** a, a.float() ** 0.5)
print((a > 1).sum(), (a > 1).sum().dtype, (a > 1).float().mean())
try:
    a.mean()
except RuntimeError as e:
    print(type(e).__name__)
print(a.float().mean(), a.sum() / len(a), a.double().mean().dtype)
f32 = torch.tensor([1.0, 2.0])
f64 = torch.tensor([1.0, 2.0], dtype=torch.float64)
print((f32 + f64).dtype, (f32 + torch.tensor(2.0, dtype=torch.float64)).dtype, (a + f64).dtype)
print(torch.result_type(a, 1.0), torch.promote_types(torch.int32, torch.float32), torch.result_type(f32, f64))
print(torch.tensor([True, False]) + torch.tensor([True, True]), torch.tensor([True, False]).sum())
print(torch.tensor([1, 2], dtype=torch.int32) + torch.tensor([1, 2]), (torch.tensor([1, 2], dtype=torch.int32) * 2).dtype)
print(torch.get_default_dtype(), torch.tensor(3).dtype, torch.tensor(3.0).dtype, torch.tensor([1, 2.0]).dtype)
print(torch.zeros(2, dtype=int).dtype, torch.ones(2, dtype=float).dtype, torch.tensor([1], dtype=bool))
print(torch.is_floating_point(f32), a.is_floating_point(), f64.element_size(), a.dtype.is_floating_point)
