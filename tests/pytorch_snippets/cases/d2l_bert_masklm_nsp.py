# d2l 15.8 BERT: get_tokens_and_segments, the BERTEncoder's learnable positional embedding
# (nn.Parameter), MaskLM's gather of predicted positions with repeat_interleave, NextSentencePred
# and the pretraining losses, with constant-initialised weights (no TransformerEncoderBlock).
import torch
from torch import nn


def get_tokens_and_segments(tokens_a, tokens_b=None):
    tokens = ['<cls>'] + tokens_a + ['<sep>']
    segments = [0] * (len(tokens_a) + 2)
    if tokens_b is not None:
        tokens += tokens_b + ['<sep>']
        segments += [1] * (len(tokens_b) + 1)
    return tokens, segments


print(get_tokens_and_segments(['this', 'movie', 'is', 'great'], ['i', 'like', 'it']))


class BERTEmbedding(nn.Module):
    def __init__(self, vocab_size, num_hiddens, max_len=1000):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab_size, num_hiddens)
        self.segment_embedding = nn.Embedding(2, num_hiddens)
        self.pos_embedding = nn.Parameter(torch.randn(1, max_len, num_hiddens))

    def forward(self, tokens, segments):
        X = self.token_embedding(tokens) + self.segment_embedding(segments)
        X = X + self.pos_embedding[:, :X.shape[1], :]
        return X


class MaskLM(nn.Module):
    def __init__(self, vocab_size, num_hiddens, **kwargs):
        super(MaskLM, self).__init__(**kwargs)
        self.mlp = nn.Sequential(nn.LazyLinear(num_hiddens), nn.ReLU(), nn.LayerNorm(num_hiddens),
                                 nn.LazyLinear(vocab_size))

    def forward(self, X, pred_positions):
        num_pred_positions = pred_positions.shape[1]
        pred_positions = pred_positions.reshape(-1)
        batch_size = X.shape[0]
        batch_idx = torch.arange(0, batch_size)
        batch_idx = torch.repeat_interleave(batch_idx, num_pred_positions)
        masked_X = X[batch_idx, pred_positions]
        masked_X = masked_X.reshape((batch_size, num_pred_positions, -1))
        mlm_Y_hat = self.mlp(masked_X)
        return mlm_Y_hat


class NextSentencePred(nn.Module):
    def __init__(self, **kwargs):
        super(NextSentencePred, self).__init__(**kwargs)
        self.output = nn.LazyLinear(2)

    def forward(self, X):
        return self.output(X)


vocab_size, num_hiddens = 10, 6
embedding = BERTEmbedding(vocab_size, num_hiddens, max_len=8)
tokens = torch.tensor([[1, 2, 3, 4, 5, 6, 7, 8], [8, 7, 6, 5, 4, 3, 2, 1]])
segments = torch.tensor([[0, 0, 0, 1, 1, 1, 1, 1], [0, 0, 0, 0, 0, 1, 1, 1]])
mlm = MaskLM(vocab_size, num_hiddens)
nsp = NextSentencePred()
encoded_X = embedding(tokens, segments)
print(encoded_X.shape, embedding.pos_embedding.shape)
mlm_positions = torch.tensor([[1, 5, 2], [6, 1, 5]])
mlm_Y_hat = mlm(encoded_X, mlm_positions)
print(mlm_Y_hat.shape)
encoded_X = torch.flatten(encoded_X, start_dim=1)
nsp_Y_hat = nsp(encoded_X)
print(nsp_Y_hat.shape)
for module in (embedding, mlm, nsp):
    for i, p in enumerate(module.parameters()):
        with torch.no_grad():
            p.copy_(torch.sin(torch.arange(p.numel(), dtype=torch.float) * (0.3 + i)).reshape(p.shape) * 0.5)
encoded_X = embedding(tokens, segments)
mlm_Y_hat = mlm(encoded_X, mlm_positions)
nsp_Y_hat = nsp(torch.flatten(encoded_X, start_dim=1))
loss = nn.CrossEntropyLoss(reduction='none')
mlm_Y = torch.tensor([[7, 8, 9], [10 - 1, 6, 7]])
mlm_l = loss(mlm_Y_hat.reshape((-1, vocab_size)), mlm_Y.reshape(-1))
print(mlm_l.shape, mlm_l)
nsp_y = torch.tensor([0, 1])
nsp_l = loss(nsp_Y_hat, nsp_y)
print(nsp_l.shape, nsp_l)
mlm_weights_X = torch.tensor([[1., 1., 0.], [1., 1., 1.]])
mlm_l = (mlm_l * mlm_weights_X.reshape(-1)).sum() / (mlm_weights_X.sum() + 1e-8)
l = mlm_l + nsp_l.mean()
l.backward()
print(mlm_l, l)
print(embedding.pos_embedding.grad[0, :3], embedding.segment_embedding.weight.grad)
