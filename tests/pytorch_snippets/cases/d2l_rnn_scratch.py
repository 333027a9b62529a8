# d2l 9.5 RNN from scratch: one-hot inputs F.one_hot(X.T, vocab), the tanh step loop, output layer, gradient clipping by norm.
import math

import torch
from torch import nn
from torch.nn import functional as F

print(F.one_hot(torch.tensor([0, 2]), 5))
X = torch.arange(10).reshape((2, 5))
print(F.one_hot(X.T, 28).shape)

num_inputs, num_hiddens, vocab_size = 28, 6, 28


def fixed(shape, k):
    n = math.prod(shape)
    return ((torch.arange(n) * k % 11 - 5) / 50).reshape(shape)


W_xh = nn.Parameter(fixed((num_inputs, num_hiddens), 3))
W_hh = nn.Parameter(fixed((num_hiddens, num_hiddens), 5))
b_h = nn.Parameter(torch.zeros(num_hiddens))
W_hq = nn.Parameter(fixed((num_hiddens, vocab_size), 7))
b_q = nn.Parameter(torch.zeros(vocab_size))
params = [W_xh, W_hh, b_h, W_hq, b_q]


def rnn_forward(inputs, state=None):
    if state is None:
        state = torch.zeros((inputs.shape[1], num_hiddens), device=inputs.device)
    else:
        state, = state
    outputs = []
    for X in inputs:
        state = torch.tanh(torch.matmul(X, W_xh) + torch.matmul(state, W_hh) + b_h)
        outputs.append(state)
    return outputs, state


def output_layer(rnn_outputs):
    outputs = [torch.matmul(H, W_hq) + b_q for H in rnn_outputs]
    return torch.stack(outputs, 1)


def clip_gradients(grad_clip_val, params):
    norm = torch.sqrt(sum(torch.sum((p.grad ** 2)) for p in params))
    if norm > grad_clip_val:
        for param in params:
            param.grad[:] *= grad_clip_val / norm
    return norm


batch_size, num_steps = 2, 5
X = (torch.arange(10) * 3 % vocab_size).reshape((batch_size, num_steps))
Y = ((torch.arange(10) * 3 + 1) % vocab_size).reshape((batch_size, num_steps))
embs = F.one_hot(X.T, vocab_size).type(torch.float32)
outputs, state = rnn_forward(embs)
print(len(outputs), outputs[0].shape, state.shape)
Y_hat = output_layer(outputs)
print(Y_hat.shape)
loss = F.cross_entropy(Y_hat.reshape(-1, vocab_size), Y.reshape(-1))
print(loss, math.exp(loss.item()) < vocab_size + 1)
loss.backward()
print(clip_gradients(0.1, params))
print(torch.sqrt(sum((p.grad ** 2).sum() for p in params)))
print(W_hh.grad[0])
before = [p.grad.clone() for p in params]
print(nn.utils.clip_grad_norm_(params, 0.05))
print(torch.allclose(params[0].grad * 2, before[0], atol=1e-6))
