import torch
w = torch.tensor([1.0, -2.0], requires_grad=True)
opt = torch.optim.Adam([w], lr=0.1)
for step in range(6):
    opt.zero_grad()
    loss = ((w - torch.tensor([3.0, 1.0])) ** 2).sum()
    loss.backward()
    opt.step()
    print(step, loss.item(), w)
    print(f"{w[0].item():.4f} {w[1].item():.4f}")
v = torch.tensor([0.5], requires_grad=True)
opt = torch.optim.Adam([v], lr=0.01, betas=(0.8, 0.9), weight_decay=0.01)
for _ in range(3):
    opt.zero_grad()
    torch.sin(v).sum().backward()
    opt.step()
print(v, v.item())
