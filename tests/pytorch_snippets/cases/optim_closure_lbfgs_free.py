# optimizer.step(closure): the closure recomputes the loss (as L-BFGS needs; here with SGD and Adam).
import torch

for make in (lambda p: torch.optim.SGD(p, lr=0.1), lambda p: torch.optim.Adam(p, lr=0.1),
             lambda p: torch.optim.RMSprop(p, lr=0.01, alpha=0.9)):
    w = torch.tensor([1.4, -0.6], dtype=torch.float64, requires_grad=True)
    optimizer = make([w])

    def closure():
        optimizer.zero_grad()
        loss = (w ** 2).sum() + w.prod()
        loss.backward()
        return loss

    losses = [optimizer.step(closure).item() for _ in range(4)]
    print(type(optimizer).__name__, [f"{l:.4f}" for l in losses], w)
