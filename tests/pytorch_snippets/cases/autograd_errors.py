import torch
x = torch.tensor([1.0, 2.0], requires_grad=True)
try:
    x.numpy()
except RuntimeError:
    print("RuntimeError numpy")
try:
    (x * 2).backward(torch.ones(2), retain_graph=True)
    print(x.grad)
except RuntimeError:
    print("RuntimeError")
try:
    torch.tensor([1.0]).backward()
except RuntimeError:
    print("RuntimeError no grad")
try:
    x.grad = torch.tensor([1.0, 2.0, 3.0])
except RuntimeError:
    print("RuntimeError grad shape")
try:
    x + torch.tensor([1.0, 2.0, 3.0])
except RuntimeError:
    print("RuntimeError broadcast")
try:
    torch.tensor([[1.0, 2.0]]) @ torch.tensor([[1.0, 2.0]])
except RuntimeError:
    print("RuntimeError matmul")
try:
    x.view(3)
except RuntimeError:
    print("RuntimeError view")
try:
    torch.tensor([1.0]) + "a"
except TypeError:
    print("TypeError")
try:
    x.sum(dim=2)
except IndexError:
    print("IndexError")
try:
    torch.tensor([1, 2]).float().long().requires_grad_()
except RuntimeError:
    print("RuntimeError int grad")
try:
    x.item()
except RuntimeError:
    print("RuntimeError item")
try:
    torch.cat([x, torch.tensor([[1.0]])])
except RuntimeError:
    print("RuntimeError cat")
try:
    torch.stack([x, torch.tensor([1.0])])
except RuntimeError:
    print("RuntimeError stack")
try:
    torch.log(torch.tensor([1, 2]))
    print("ok int log", torch.log(torch.tensor([1, 2])))
except RuntimeError:
    print("RuntimeError log")
try:
    x.transpose(0, 1)
except IndexError:
    print("IndexError")
try:
    x.unsqueeze(3)
except IndexError:
    print("IndexError")
try:
    x.permute(1, 0)
except RuntimeError:
    print("RuntimeError permute")
try:
    torch.zeros(2, 3).expand(3, 3)
except RuntimeError:
    print("RuntimeError expand")
