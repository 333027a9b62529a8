# Integer and rounding semantics learners meet in data code: //, % with negatives, div rounding modes, round half to even, casts of negatives, bool sums.
import torch

a = torch.tensor([7, -7, 5, -5])
b = torch.tensor([2, 2, -3, -3])
print(a // b, a % b, torch.remainder(a, b), torch.fmod(a, b) if hasattr(torch, "fmod") else "")
print(torch.div(a, b), torch.div(a, b, rounding_mode='floor'), torch.div(a, b, rounding_mode='trunc'), torch.floor_divide(a, b))
print(a / 2, (a / 2).dtype, a // 2.5, (a // 2.5).dtype)
print(torch.round(torch.tensor([0.5, 1.5, 2.5, -0.5, -1.5])), torch.tensor([2.5]).round().item())
print(torch.tensor([-1.7, -0.2, 0.2, 1.7]).long(), torch.tensor([-1.7, 1.7]).int(), torch.tensor([-1.7, 1.7]).trunc() if hasattr(torch, "trunc") else "")
print(torch.floor(torch.tensor([-1.5, 1.5])), torch.ceil(torch.tensor([-1.5, 1.5])))
m = torch.tensor([True, False, True])
print(m.sum(), m.sum().dtype, m.float().mean(), (m * 2), (m + m).dtype, m.int().cumsum(0))
c = torch.tensor([1, 2, 3])
c += 1
print(c)
try:
    c += 0.5
except RuntimeError as e:
    print("RuntimeError:", str(e)[:60])
try:
    c.mean()
except RuntimeError as e:
    print("RuntimeError:", str(e)[:50])
print(c.float().mean(), c.sum() / len(c), (c.sum() / len(c)).dtype)
print(torch.tensor(0.1) * 3, torch.tensor(0.1, dtype=torch.float64) * 3, 0.1 * 3)
print(torch.tensor([1, 2]) * 1.5, torch.tensor([1, 2]) ** 2, torch.tensor([1, 2]) ** -1.0, 2 ** torch.tensor([1, 2]))
try:
    torch.tensor([2]) ** -1
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.tensor([3]) / torch.tensor([0]), torch.tensor([-3.0]) / 0, torch.tensor([0.0]) / 0)
try:
    torch.tensor([3]) // torch.tensor([0])
except RuntimeError as e:
    print("RuntimeError:", e)
print(torch.arange(0, 1, 0.1).shape, torch.arange(1, 2.5, 0.5), torch.arange(5).float().mean())
print(torch.tensor([[1, 2], [3, 4]]).sum(dim=0, dtype=torch.float32), torch.tensor([1, 2, 3]).prod())
x = torch.tensor([1.0, 2.0, 3.0])
print(int(x[1]), float(x.sum()), bool(x[0] > 0), x.tolist(), x.int().tolist(), type(x.sum().item()).__name__, type(c.sum().item()).__name__)
print(sum(torch.tensor([1.0, 2.0])), max(torch.tensor([3, 9, 4])), sorted(torch.tensor([3, 1, 2])))
