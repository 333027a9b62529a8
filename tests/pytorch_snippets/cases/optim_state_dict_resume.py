import torch

def make():
    w = torch.tensor([1.0, -2.0], requires_grad=True)
    return w, torch.optim.Adam([w], lr=0.1)

def step(w, opt):
    opt.zero_grad()
    ((w - torch.tensor([0.5, 0.5])) ** 2).sum().backward()
    opt.step()

w, opt = make()
for _ in range(3):
    step(w, opt)
saved_w, saved_opt = w.detach().clone(), opt.state_dict()
for _ in range(2):
    step(w, opt)
print(w)
w2, opt2 = make()
with torch.no_grad():
    w2.copy_(saved_w)
opt2.load_state_dict(saved_opt)
print(opt2.state_dict()["state"][0]["step"])
for _ in range(2):
    step(w2, opt2)
print(w2, torch.equal(w, w2))
try:
    torch.optim.Adam([w, w2]).load_state_dict(saved_opt)
except ValueError as error:
    print(error)
