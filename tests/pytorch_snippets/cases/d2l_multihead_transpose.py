# d2l 11.5 Multi-head attention: transpose_qkv / transpose_output with reshape and permute, and the output shape.
import math

import torch
from torch import nn


def transpose_qkv(X, num_heads):
    X = X.reshape(X.shape[0], X.shape[1], num_heads, -1)
    X = X.permute(0, 2, 1, 3)
    return X.reshape(-1, X.shape[2], X.shape[3])


def transpose_output(X, num_heads):
    X = X.reshape(-1, num_heads, X.shape[1], X.shape[2])
    X = X.permute(0, 2, 1, 3)
    return X.reshape(X.shape[0], X.shape[1], -1)


class DotProductAttention(nn.Module):
    def __init__(self, dropout):
        super().__init__()
        self.dropout = nn.Dropout(dropout)

    def forward(self, queries, keys, values):
        d = queries.shape[-1]
        scores = torch.bmm(queries, keys.transpose(1, 2)) / math.sqrt(d)
        self.attention_weights = nn.functional.softmax(scores, dim=-1)
        return torch.bmm(self.dropout(self.attention_weights), values)


class MultiHeadAttention(nn.Module):
    def __init__(self, num_hiddens, num_heads, dropout, bias=False, **kwargs):
        super().__init__()
        self.num_heads = num_heads
        self.attention = DotProductAttention(dropout)
        self.W_q = nn.LazyLinear(num_hiddens, bias=bias)
        self.W_k = nn.LazyLinear(num_hiddens, bias=bias)
        self.W_v = nn.LazyLinear(num_hiddens, bias=bias)
        self.W_o = nn.LazyLinear(num_hiddens, bias=bias)

    def forward(self, queries, keys, values):
        queries = transpose_qkv(self.W_q(queries), self.num_heads)
        keys = transpose_qkv(self.W_k(keys), self.num_heads)
        values = transpose_qkv(self.W_v(values), self.num_heads)
        output = self.attention(queries, keys, values)
        output_concat = transpose_output(output, self.num_heads)
        return self.W_o(output_concat)


X = torch.arange(24.0).reshape(2, 3, 4)
T = transpose_qkv(X, 2)
print(T.shape, T.is_contiguous())
print(T[1])
print(torch.equal(transpose_output(T, 2), X))

num_hiddens, num_heads = 8, 2
attention = MultiHeadAttention(num_hiddens, num_heads, 0.5)
attention.eval()
batch_size, num_queries, num_kvpairs = 2, 4, 6
X = (torch.arange(batch_size * num_queries * num_hiddens) % 7 / 7.0).reshape(batch_size, num_queries, num_hiddens)
Y = (torch.arange(batch_size * num_kvpairs * num_hiddens) % 5 / 5.0).reshape(batch_size, num_kvpairs, num_hiddens)
print(attention(X, Y, Y).shape)
with torch.no_grad():
    for i, p in enumerate(attention.parameters()):
        p.copy_((torch.arange(p.numel()) % 3 - 1).reshape(p.shape) * 0.2)
out = attention(X, Y, Y)
print(out[0])
out.sum().backward()
print(attention.W_q.weight.grad[:2])
print(attention.attention.attention_weights.shape)
