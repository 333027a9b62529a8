# How learners print: f-string formats of 0-d tensors, %-formatting, tolist, Parameters, empty tensors, Size.
import torch

loss = torch.tensor(0.123456)
print(f"loss {loss:.3f}", f"{loss.item():.2e}", "%.2f" % loss, round(loss.item(), 3))
print(f"{torch.tensor(3)}", f"{torch.tensor([1.5, 2.0])}", str(torch.tensor(2.5)))
print(torch.tensor([[1, 2], [3, 4]]).tolist(), torch.tensor(2.5).tolist(), torch.tensor([True]).tolist())
print(torch.nn.Parameter(torch.tensor([1.0, -2.0])))
print(torch.tensor([]), torch.zeros(0, 3), torch.zeros(2, 0).shape, torch.tensor([], dtype=torch.long))
s = torch.zeros(2, 3, 4).shape
print(s, s[0], s[-2:], s == (2, 3, 4), s.numel(), len(s), list(s), tuple(s), torch.Size([2, 3]))
print(torch.tensor([1.0, 2.0], requires_grad=True) * 2)
print(torch.tensor([1, 2], dtype=torch.int32), torch.tensor([1.0], dtype=torch.float64, requires_grad=True))
print(torch.tensor(float("nan")), torch.tensor([float("inf"), -float("inf"), 1.0]), torch.tensor([1e-8, 1.0]))
print(torch.tensor([123456789.0, 1.0]), torch.tensor([0.1, 100000.0]), torch.tensor([1e10]))
print(repr(torch.tensor(1.0)), torch.tensor([[0.5]]).item(), int(torch.tensor(7)), bool(torch.tensor([1])))
print([torch.tensor(1.0), torch.tensor(2)], {"w": torch.ones(2)}, (torch.zeros(1),))
