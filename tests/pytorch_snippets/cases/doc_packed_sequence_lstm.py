# torch.nn.utils.rnn docs: pack a padded batch, run an LSTM over it, unpack.
import torch
from torch import nn
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence, pack_sequence

seq = torch.tensor([[1, 2, 0], [3, 0, 0], [4, 5, 6]])
lens = [2, 1, 3]
packed = pack_padded_sequence(seq, lens, batch_first=True, enforce_sorted=False)
print(packed)
seq_unpacked, lens_unpacked = pad_packed_sequence(packed, batch_first=True)
print(seq_unpacked, lens_unpacked)
a, b, c = torch.tensor([1, 2, 3]), torch.tensor([4, 5]), torch.tensor([6])
print(pack_sequence([a, b, c]))
torch.manual_seed(0)
lstm = nn.LSTM(1, 2, batch_first=True)
with torch.no_grad():
    for p in lstm.parameters():
        p.copy_(torch.linspace(-0.5, 0.5, p.numel()).reshape(p.shape))
x = pack_padded_sequence(seq.float().unsqueeze(-1), lens, batch_first=True, enforce_sorted=False)
out, (h, c) = lstm(x)
print(type(out).__name__, out.batch_sizes)
padded, lengths = pad_packed_sequence(out, batch_first=True)
print(padded)
print(h)
