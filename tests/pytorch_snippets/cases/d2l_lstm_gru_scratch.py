# d2l 10.1-10.2 LSTM and GRU from scratch: gates with sigmoid/tanh, state tuples, a step over time, gradients.
import torch
from torch import nn


def init(shape, k):
    n = 1
    for s in shape:
        n *= s
    return nn.Parameter(((torch.arange(n) * k % 13 - 6) / 30).reshape(shape))


num_inputs, num_hiddens = 3, 4


def triple(k):
    return (init((num_inputs, num_hiddens), k), init((num_hiddens, num_hiddens), k + 1),
            nn.Parameter(torch.zeros(num_hiddens)))


W_xi, W_hi, b_i = triple(1)
W_xf, W_hf, b_f = triple(3)
W_xo, W_ho, b_o = triple(5)
W_xc, W_hc, b_c = triple(7)


def lstm_forward(inputs, H_C=None):
    if H_C is None:
        H = torch.zeros((inputs.shape[1], num_hiddens))
        C = torch.zeros((inputs.shape[1], num_hiddens))
    else:
        H, C = H_C
    outputs = []
    for X in inputs:
        I = torch.sigmoid(torch.matmul(X, W_xi) + torch.matmul(H, W_hi) + b_i)
        F = torch.sigmoid(torch.matmul(X, W_xf) + torch.matmul(H, W_hf) + b_f)
        O = torch.sigmoid(torch.matmul(X, W_xo) + torch.matmul(H, W_ho) + b_o)
        C_tilde = torch.tanh(torch.matmul(X, W_xc) + torch.matmul(H, W_hc) + b_c)
        C = F * C + I * C_tilde
        H = O * torch.tanh(C)
        outputs.append(H)
    return outputs, (H, C)


inputs = ((torch.arange(5 * 2 * 3) % 7 - 3) / 3).reshape(5, 2, 3)
outputs, (H, C) = lstm_forward(inputs)
print(len(outputs), H)
print(C)
H.sum().backward()
print(W_xf.grad)
print(b_o.grad)

W_xz, W_hz, b_z = triple(2)
W_xr, W_hr, b_r = triple(4)
W_xh, W_hh, b_h = triple(6)


def gru_forward(inputs, H=None):
    if H is None:
        H = torch.zeros((inputs.shape[1], num_hiddens))
    outputs = []
    for X in inputs:
        Z = torch.sigmoid(torch.matmul(X, W_xz) + torch.matmul(H, W_hz) + b_z)
        R = torch.sigmoid(torch.matmul(X, W_xr) + torch.matmul(H, W_hr) + b_r)
        H_tilde = torch.tanh(torch.matmul(X, W_xh) + torch.matmul(R * H, W_hh) + b_h)
        H = Z * H + (1 - Z) * H_tilde
        outputs.append(H)
    return outputs, H


outputs, H = gru_forward(inputs)
print(torch.stack(outputs).shape)
print(H)
(H ** 2).mean().backward()
print(W_hr.grad)
print(H.grad_fn.name())
