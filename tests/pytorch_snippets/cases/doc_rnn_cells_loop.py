# torch.nn docstrings of RNNCell, LSTMCell and GRUCell: the loop over time steps appending hx,
# torch.stack of the outputs, and the same for nn.RNN(nonlinearity='relu') and a two-layer
# bidirectional GRU, with deterministic weights and inputs instead of randn.
import torch
import torch.nn as nn


def fill(module, scale=0.3):
    for i, p in enumerate(module.parameters()):
        with torch.no_grad():
            p.copy_(torch.sin(torch.arange(p.numel(), dtype=torch.float) * (0.45 + 0.2 * i)).reshape(p.shape) * scale)
    return module


rnn = fill(nn.RNNCell(4, 3))
input = torch.cos(torch.arange(6 * 2 * 4, dtype=torch.float).reshape(6, 2, 4))
hx = torch.zeros(2, 3)
output = []
for i in range(6):
    hx = rnn(input[i], hx)
    output.append(hx)
print(rnn, hx.grad_fn.name())
print(torch.stack(output, dim=0)[-2:])

rnn = fill(nn.LSTMCell(4, 3))
hx = torch.zeros(2, 3)
cx = torch.zeros(2, 3)
output = []
for i in range(input.size()[0]):
    hx, cx = rnn(input[i], (hx, cx))
    output.append(hx)
output = torch.stack(output, dim=0)
print(output.shape, output[-1], cx)

rnn = fill(nn.GRUCell(4, 3))
hx = torch.ones(2, 3) * 0.1
output = []
for i in range(6):
    hx = rnn(input[i], hx)
    output.append(hx)
print(output[-1])
print(rnn(input[0]).shape)

relu_rnn = fill(nn.RNN(4, 3, num_layers=1, nonlinearity='relu'))
out, h = relu_rnn(input)
print(out.shape, h.shape, out[-1], h)
gru = fill(nn.GRU(4, 3, num_layers=2, bidirectional=True, batch_first=True))
out, h = gru(input.transpose(0, 1))
print(out.shape, h.shape)
print(out[:, -1])
out.sum().backward()
print(gru.weight_hh_l1_reverse.grad.shape, [name for name, _ in gru.named_parameters()][:4])
