# d2l 11.3 Attention scoring functions: masked_softmax with valid lengths, additive and scaled dot-product attention, bmm.
import math

import torch
from torch import nn


def sequence_mask(X, valid_len, value=0):
    maxlen = X.size(1)
    mask = torch.arange((maxlen), dtype=torch.float32,
                        device=X.device)[None, :] < valid_len[:, None]
    X[~mask] = value
    return X


def masked_softmax(X, valid_lens):
    if valid_lens is None:
        return nn.functional.softmax(X, dim=-1)
    else:
        shape = X.shape
        if valid_lens.dim() == 1:
            valid_lens = torch.repeat_interleave(valid_lens, shape[1])
        else:
            valid_lens = valid_lens.reshape(-1)
        X = sequence_mask(X.reshape(-1, shape[-1]), valid_lens, value=-1e6)
        return nn.functional.softmax(X.reshape(shape), dim=-1)


X = (torch.arange(16.0) % 5 / 5).reshape(2, 2, 4)
print(masked_softmax(X, torch.tensor([2, 3])))
print(masked_softmax(X, torch.tensor([[1, 3], [2, 4]])))

Q = torch.ones((2, 1, 3))
K = torch.ones((2, 4, 3)) * 0.5
print(torch.bmm(Q, K.transpose(1, 2)).shape)


class DotProductAttention(nn.Module):
    def __init__(self, dropout):
        super().__init__()
        self.dropout = nn.Dropout(dropout)

    def forward(self, queries, keys, values, valid_lens=None):
        d = queries.shape[-1]
        scores = torch.bmm(queries, keys.transpose(1, 2)) / math.sqrt(d)
        self.attention_weights = masked_softmax(scores, valid_lens)
        return torch.bmm(self.dropout(self.attention_weights), values)


queries = (torch.arange(4.0) / 4).reshape(2, 1, 2)
keys = (torch.arange(20.0) % 3).reshape(2, 10, 1).repeat(1, 1, 2) / 2
values = torch.arange(40.0).reshape(1, 10, 4).repeat(2, 1, 1)
valid_lens = torch.tensor([2, 6])
attention = DotProductAttention(dropout=0.5)
attention.eval()
out = attention(queries, keys, values, valid_lens)
print(out)
print(attention.attention_weights)


class AdditiveAttention(nn.Module):
    def __init__(self, num_hiddens, dropout, **kwargs):
        super(AdditiveAttention, self).__init__(**kwargs)
        self.W_k = nn.LazyLinear(num_hiddens, bias=False)
        self.W_q = nn.LazyLinear(num_hiddens, bias=False)
        self.w_v = nn.LazyLinear(1, bias=False)
        self.dropout = nn.Dropout(dropout)

    def forward(self, queries, keys, values, valid_lens):
        queries, keys = self.W_q(queries), self.W_k(keys)
        features = queries.unsqueeze(2) + keys.unsqueeze(1)
        features = torch.tanh(features)
        scores = self.w_v(features).squeeze(-1)
        self.attention_weights = masked_softmax(scores, valid_lens)
        return torch.bmm(self.dropout(self.attention_weights), values)


queries = torch.arange(40.0).reshape(2, 1, 20) / 40
attention = AdditiveAttention(num_hiddens=8, dropout=0.1)
attention.eval()
attention(queries, keys, values, valid_lens)
with torch.no_grad():
    for i, p in enumerate(attention.parameters()):
        p.copy_((torch.arange(p.numel()) % 5 - 2).reshape(p.shape) * 0.1 * (i + 1))
out = attention(queries, keys, values, valid_lens)
print(out.shape)
print(attention.attention_weights)
print(attention)
