import torch
m = torch.tensor([[1.0, 5.0, 3.0], [4.0, 2.0, 6.0]], requires_grad=True)
for name, fn in [
    ("prod", lambda: m.prod()),
    ("std", lambda: m.std()),
    ("var", lambda: m.var()),
    ("norm", lambda: m.norm()),
    ("softmax", lambda: torch.softmax(m, dim=1)),
    ("log_softmax", lambda: torch.log_softmax(m, dim=1)),
    ("logsumexp", lambda: torch.logsumexp(m, dim=1)),
    ("cumsum", lambda: m.cumsum(1)),
    ("mean dim tuple", lambda: m.mean((0, 1))),
]:
    try:
        t = fn()
        t.sum().backward()
        print(name, type(t.grad_fn).__name__, t, m.grad)
        m.grad = None
    except Exception as e:
        print(name, "error", type(e).__name__)
