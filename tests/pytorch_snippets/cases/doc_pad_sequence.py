# torch.nn.utils.rnn.pad_sequence: a batch of sequences of different lengths, padded, with gradients.
import torch
from torch.nn.utils.rnn import pad_sequence

a = torch.ones(25, 300)
b = torch.ones(22, 300)
c = torch.ones(15, 300)
print(pad_sequence([a, b, c]).size())
x = torch.tensor([1.0, 2.0], requires_grad=True)
y = torch.tensor([3.0, 4.0, 5.0])
padded = pad_sequence([x, y], batch_first=True, padding_value=-1.0)
print(padded)
print(pad_sequence([x, y], padding_side="left"))
print(pad_sequence([torch.tensor([1, 2]), torch.tensor([3])]))
(padded * torch.arange(6.0).reshape(2, 3)).sum().backward()
print(x.grad)
try:
    pad_sequence([])
except RuntimeError as error:
    print("RuntimeError:", error)
