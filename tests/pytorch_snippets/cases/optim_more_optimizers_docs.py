# torch.optim docs: optimizer.step(closure) with LBFGS (as in the neural-style tutorial), and the
# Adamax, NAdam, RAdam, Rprop and ASGD optimizers on a small quadratic.
import torch

target = torch.tensor([1.0, -2.0, 0.5])


def run(opt_class, steps=3, **kwargs):
    w = torch.zeros(3, requires_grad=True)
    opt = opt_class([w], **kwargs)
    for _ in range(steps):
        def closure():
            opt.zero_grad()
            loss = ((w - target) ** 2 * torch.tensor([1.0, 2.0, 3.0])).sum()
            loss.backward()
            return loss
        loss = opt.step(closure)
    print(opt_class.__name__, f"{loss.item():.5f}", w.detach())
    return opt


print(run(torch.optim.LBFGS, lr=0.5, max_iter=4))
run(torch.optim.LBFGS, lr=1, history_size=3, line_search_fn="strong_wolfe")
print(run(torch.optim.Adamax, lr=0.1))
run(torch.optim.NAdam, lr=0.1)
run(torch.optim.RAdam, lr=0.1, steps=7)
run(torch.optim.Rprop, lr=0.1)
run(torch.optim.ASGD, lr=0.1)
