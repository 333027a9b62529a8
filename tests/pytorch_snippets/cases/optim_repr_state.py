import torch

w = torch.nn.Parameter(torch.ones(2))
for opt in (torch.optim.SGD([w], lr=0.1, momentum=0.9), torch.optim.Adam([w]), torch.optim.AdamW([w], lr=0.01),
            torch.optim.RMSprop([w]), torch.optim.Adagrad([w])):
    print(opt)
opt = torch.optim.Adam([w], lr=0.1)
w.grad = torch.tensor([1.0, -1.0])
opt.step()
opt.step()
print(opt.state_dict())
print(opt.state[w]["step"], list(opt.state[w].keys()))
opt = torch.optim.Adagrad([w])
print(opt.state_dict()["state"])
