# d2l 9.6 / 10.1-10.4 (PyTorch): a concise RNN language model (nn.RNN + LazyLinear), trained with
# gradient clipping and used to predict; the LSTM, GRU, deep GRU and bidirectional RNN variants.
# A tiny corpus instead of The Time Machine; fixed starting values instead of random ones.
import torch
from torch import nn
from torch.nn import functional as F

text = "the time traveller for so it will be convenient to speak of him "
vocab = sorted(set(text))
token_to_idx = {t: i for i, t in enumerate(vocab)}
corpus = torch.tensor([token_to_idx[c] for c in text])
num_steps, vocab_size = 8, len(vocab)
X = torch.stack([corpus[i:i + num_steps] for i in range(0, 48, 6)])
Y = torch.stack([corpus[i + 1:i + num_steps + 1] for i in range(0, 48, 6)])
print(X.shape, Y.shape, vocab_size)


def fill(module, scale=0.2):
    with torch.no_grad():
        for k, p in enumerate(module.parameters()):
            p.copy_(torch.sin(torch.arange(p.numel()) * 0.37 + k).reshape(p.shape) * scale)


class RNN(nn.Module):
    """The RNN model implemented with high-level APIs."""
    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.num_hiddens = num_hiddens
        self.rnn = nn.RNN(num_inputs, num_hiddens)

    def forward(self, inputs, H=None):
        return self.rnn(inputs, H)


class RNNLM(nn.Module):
    """The RNN-based language model implemented with high-level APIs."""
    def __init__(self, rnn, vocab_size):
        super().__init__()
        self.rnn, self.vocab_size = rnn, vocab_size
        self.linear = nn.LazyLinear(self.vocab_size)

    def one_hot(self, X):
        # Output shape: (num_steps, batch_size, vocab_size)
        return F.one_hot(X.T, self.vocab_size).type(torch.float32)

    def output_layer(self, hiddens):
        return self.linear(hiddens).swapaxes(0, 1)

    def forward(self, X, state=None):
        embs = self.one_hot(X)
        rnn_outputs, _ = self.rnn(embs, state)
        return self.output_layer(rnn_outputs)

    def predict(self, prefix, num_preds):
        state, outputs = None, [token_to_idx[prefix[0]]]
        for i in range(len(prefix) + num_preds - 1):
            X = torch.tensor([[outputs[-1]]])
            embs = self.one_hot(X)
            rnn_outputs, state = self.rnn(embs, state)
            if i < len(prefix) - 1:  # Warm-up period
                outputs.append(token_to_idx[prefix[i + 1]])
            else:  # Predict num_preds steps
                Y = self.output_layer(rnn_outputs)
                outputs.append(int(Y.argmax(axis=2).reshape(1)))
        return ''.join([vocab[i] for i in outputs])


def clip_gradients(grad_clip_val, model):
    params = [p for p in model.parameters() if p.requires_grad]
    norm = torch.sqrt(sum(torch.sum((p.grad ** 2)) for p in params))
    if norm > grad_clip_val:
        for param in params:
            param.grad[:] *= grad_clip_val / norm
    return norm


def train(model, epochs, lr):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    for epoch in range(epochs):
        Y_hat = model(X)
        loss = F.cross_entropy(Y_hat.reshape(-1, Y_hat.shape[-1]), Y.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        norm = clip_gradients(1, model)
        optimizer.step()
        if epoch % 5 == 4:
            print(f"epoch {epoch + 1}: perplexity {torch.exp(loss).item():.3f}, grad norm {norm:.3f}")


rnn = RNN(num_inputs=vocab_size, num_hiddens=12)
model = RNNLM(rnn, vocab_size=vocab_size)
print(model)
out = model(X[:2])  # materialises the LazyLinear
fill(model)
print(model.linear, out.shape, out.grad_fn.name())
outputs, state = rnn(model.one_hot(X[:2]))
print(outputs.shape, state.shape, outputs.grad_fn.name(), state.grad_fn.name())
train(model, 15, 1.0)
print(model.predict('the ', 12))


class LSTM(nn.Module):
    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.num_hiddens = num_hiddens
        self.rnn = nn.LSTM(num_inputs, num_hiddens)

    def forward(self, inputs, H_C=None):
        return self.rnn(inputs, H_C)


lstm = LSTM(num_inputs=vocab_size, num_hiddens=12)
model = RNNLM(lstm, vocab_size=vocab_size)
model(X[:1])
fill(model)
outputs, (H, C) = lstm(model.one_hot(X[:2]))
print(outputs.shape, H.shape, C.shape, outputs.grad_fn.name(), H.grad_fn.name(), C.grad_fn.name())
train(model, 10, 2.0)
print(model.predict('time ', 8))


class GRU(nn.Module):
    def __init__(self, num_inputs, num_hiddens, num_layers=1, dropout=0):
        super().__init__()
        self.num_hiddens = num_hiddens
        self.rnn = nn.GRU(num_inputs, num_hiddens, num_layers, dropout=dropout)

    def forward(self, inputs, H=None):
        return self.rnn(inputs, H)


gru = GRU(num_inputs=vocab_size, num_hiddens=12)
model = RNNLM(gru, vocab_size=vocab_size)
model(X[:1])
fill(model)
train(model, 10, 2.0)

deep = GRU(num_inputs=vocab_size, num_hiddens=8, num_layers=2, dropout=0.2)
print(deep.rnn, [name for name, _ in deep.named_parameters()])
model = RNNLM(deep, vocab_size=vocab_size)
model(X[:1])
fill(model)
model.eval()  # dropout off: the masks are random
outputs, H = deep(model.one_hot(X[:3]))
print(outputs.shape, H.shape, H[:, 0, :3])


class BiRNN(nn.Module):
    def __init__(self, num_inputs, num_hiddens):
        super().__init__()
        self.rnn = nn.RNN(num_inputs, num_hiddens, bidirectional=True)
        self.num_hiddens = num_hiddens * 2


bi_rnn = BiRNN(num_inputs=vocab_size, num_hiddens=6)
fill(bi_rnn)
print(bi_rnn.rnn, bi_rnn.num_hiddens)
outputs, H = bi_rnn.rnn(F.one_hot(X[:2].T, vocab_size).float())
print(outputs.shape, H.shape, outputs.grad_fn.name(), outputs[-1, 0, :4], H[1, 0, :4])
