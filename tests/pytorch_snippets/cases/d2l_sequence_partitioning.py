# d2l 9.3-9.5 language models: seq_data_iter_sequential over a toy corpus, one-hot inputs of
# X.T (F.one_hot), the RNN scratch params' shapes and the predict loop's warm-up with fixed params.
import torch
from torch.nn import functional as F


def seq_data_iter_sequential(corpus, batch_size, num_steps, offset):
    num_tokens = ((len(corpus) - offset - 1) // batch_size) * batch_size
    Xs = torch.tensor(corpus[offset: offset + num_tokens])
    Ys = torch.tensor(corpus[offset + 1: offset + 1 + num_tokens])
    Xs, Ys = Xs.reshape(batch_size, -1), Ys.reshape(batch_size, -1)
    num_batches = Xs.shape[1] // num_steps
    for i in range(0, num_steps * num_batches, num_steps):
        X = Xs[:, i: i + num_steps]
        Y = Ys[:, i: i + num_steps]
        yield X, Y


my_seq = list(range(35))
for X, Y in seq_data_iter_sequential(my_seq, batch_size=2, num_steps=5, offset=3):
    print('X: ', X, '\nY:', Y)

print(F.one_hot(torch.tensor([0, 2]), 5))
X = torch.arange(10).reshape((2, 5))
print(F.one_hot(X.T, 28).shape)
vocab_size, num_hiddens = 6, 4
W_xh = torch.sin(torch.arange(vocab_size * num_hiddens, dtype=torch.float)).reshape(vocab_size, num_hiddens) * 0.1
W_hh = torch.cos(torch.arange(num_hiddens * num_hiddens, dtype=torch.float)).reshape(num_hiddens, num_hiddens) * 0.1
b_h = torch.zeros(num_hiddens)
W_hq = torch.sin(torch.arange(num_hiddens * vocab_size, dtype=torch.float) * 0.5).reshape(num_hiddens, vocab_size)
b_q = torch.zeros(vocab_size)
params = [W_xh, W_hh, b_h, W_hq, b_q]
for param in params:
    param.requires_grad_(True)


def rnn(inputs, state, params):
    W_xh, W_hh, b_h, W_hq, b_q = params
    H, = state
    outputs = []
    for X in inputs:
        H = torch.tanh(torch.mm(X, W_xh) + torch.mm(H, W_hh) + b_h)
        Y = torch.mm(H, W_hq) + b_q
        outputs.append(Y)
    return torch.cat(outputs, dim=0), (H,)


def predict(prefix, num_preds, params):
    state = (torch.zeros((1, num_hiddens)),)
    outputs = [prefix[0]]
    get_input = lambda: F.one_hot(torch.tensor([outputs[-1]]).reshape((1, 1)).T, vocab_size).float()
    for y in prefix[1:]:
        _, state = rnn(get_input(), state, params)
        outputs.append(y)
    for _ in range(num_preds):
        y, state = rnn(get_input(), state, params)
        outputs.append(int(y.argmax(dim=1).reshape(1)))
    return outputs


print(predict([1, 2, 3], 6, params))
X = torch.tensor([[0, 1, 2], [3, 4, 5]])
inputs = F.one_hot(X.T, vocab_size).type(torch.float32)
Y, (H,) = rnn(inputs, (torch.zeros(2, num_hiddens),), params)
print(Y.shape, H.shape)
l = F.cross_entropy(Y, torch.tensor([[1, 2, 3], [4, 5, 0]]).T.reshape(-1))
l.backward()
print(l, W_hh.grad)
