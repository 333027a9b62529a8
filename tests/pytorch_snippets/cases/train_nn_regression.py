import torch
import torch.nn as nn
torch.manual_seed(0)
X = torch.tensor([[1.0], [2.0], [3.0], [4.0]])
Y = torch.tensor([[2.0], [4.0], [6.0], [8.0]])
model = nn.Linear(1, 1)
with torch.no_grad():
    model.weight.fill_(0.3)
    model.bias.fill_(-0.1)
opt = torch.optim.SGD(model.parameters(), lr=0.01)
loss_fn = nn.MSELoss()
for epoch in range(30):
    opt.zero_grad()
    loss = loss_fn(model(X), Y)
    loss.backward()
    opt.step()
    if epoch % 5 == 0:
        print(epoch, loss.item())
print(model.weight, model.bias)
print(f"{model.weight.item():.4f} {model.bias.item():.4f}")
with torch.no_grad():
    print(model(torch.tensor([[5.0]])))
