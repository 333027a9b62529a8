# Mistakes learners make when pasting tutorial code, and the exception classes PyTorch raises.
import torch
import torch.nn.functional as F
from torch import nn


def attempt(label, f):
    try:
        out = f()
        print(label, "->", out)
    except Exception as e:
        print(label, "->", type(e).__name__)


x = torch.tensor([1.0, 2.0], requires_grad=True)
y = (x * x).sum()
y.backward()
attempt("backward twice", lambda: y.backward())
attempt("numpy of requires_grad", lambda: x.numpy())
attempt("numpy of detached", lambda: x.detach().numpy())
attempt("in-place on leaf", lambda: x.add_(1))
attempt("matmul shapes", lambda: torch.ones(2, 3) @ torch.ones(2, 3))
attempt("view size", lambda: torch.arange(6).view(4, -1))
attempt("item of many", lambda: torch.ones(2).item())
attempt("backward of non-scalar", lambda: (x * 2).backward())
attempt("index out of range", lambda: torch.ones(3)[3])
attempt("linear in_features", lambda: nn.Linear(3, 2)(torch.ones(4, 5)))
attempt("int requires_grad", lambda: torch.tensor([1, 2], requires_grad=True))
attempt("cross_entropy float target", lambda: F.cross_entropy(torch.ones(2, 3), torch.tensor([0.0, 1.0])))
attempt("cross_entropy target range", lambda: F.cross_entropy(torch.ones(2, 3), torch.tensor([0, 3])))
attempt("cat dims", lambda: torch.cat([torch.ones(2, 3), torch.ones(3, 2)]))
attempt("stack shapes", lambda: torch.stack([torch.ones(2), torch.ones(3)]))
attempt("reshape size", lambda: torch.ones(5).reshape(2, 2))
attempt("bool of many", lambda: bool(torch.tensor([1, 0])))
attempt("mse broadcast", lambda: F.mse_loss(torch.ones(3, 1), torch.zeros(3)))
attempt("grad of int", lambda: torch.autograd.grad(torch.ones(1, requires_grad=True).sum(), torch.ones(1)))
attempt("float dtype name", lambda: torch.ones(2, dtype=torch.float).dtype)
