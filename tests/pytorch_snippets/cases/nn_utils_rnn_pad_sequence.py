# torch.nn.utils.rnn.pad_sequence docstring example: sequences of lengths 25, 22 and 15 padded to one tensor.
import torch
from torch.nn.utils.rnn import pad_sequence
a, b, c = torch.ones(25, 3), torch.ones(22, 3), torch.ones(15, 3)
print(pad_sequence([a, b, c]).size())
seqs = [torch.tensor([1, 2, 3]), torch.tensor([4, 5]), torch.tensor([6])]
print(pad_sequence(seqs, batch_first=True))
print(pad_sequence(seqs, batch_first=True, padding_value=-1))
