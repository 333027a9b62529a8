import torch

target = torch.tensor([3.0, -1.0])
for make in (lambda p: torch.optim.AdamW(p, lr=0.1),
             lambda p: torch.optim.AdamW(p, lr=0.1, weight_decay=0.5, amsgrad=True),
             lambda p: torch.optim.RMSprop(p, lr=0.05),
             lambda p: torch.optim.RMSprop(p, lr=0.05, momentum=0.9, centered=True),
             lambda p: torch.optim.Adagrad(p, lr=0.5),
             lambda p: torch.optim.Adagrad(p, lr=0.5, lr_decay=0.1, initial_accumulator_value=0.1)):
    w = torch.tensor([0.0, 0.0], requires_grad=True)
    opt = make([w])
    for step in range(5):
        opt.zero_grad()
        loss = ((w - target) ** 2).sum()
        loss.backward()
        opt.step()
    print(type(opt).__name__, w, f"{loss.item():.4f}")
