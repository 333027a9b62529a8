# Word-embeddings tutorial exercise: CBOW context windows, make_context_vector, summed embeddings.
import torch
import torch.nn as nn

CONTEXT_SIZE = 2
raw_text = """We are about to study the idea of a computational process.
Computational processes are abstract beings that inhabit computers.""".split()
vocab = set(raw_text)
vocab_size = len(vocab)
word_to_ix = {word: i for i, word in enumerate(sorted(vocab))}
data = []
for i in range(CONTEXT_SIZE, len(raw_text) - CONTEXT_SIZE):
    context = (
        [raw_text[i - j - 1] for j in range(CONTEXT_SIZE)]
        + [raw_text[i + j + 1] for j in range(CONTEXT_SIZE)]
    )
    target = raw_text[i]
    data.append((context, target))
print(data[:2])


class CBOW(nn.Module):

    def __init__(self, vocab_size, embedding_dim):
        super().__init__()
        self.embeddings = nn.Embedding(vocab_size, embedding_dim)
        self.linear = nn.Linear(embedding_dim, vocab_size)

    def forward(self, inputs):
        embeds = self.embeddings(inputs).sum(dim=0, keepdim=True)
        return torch.log_softmax(self.linear(embeds), dim=-1)


def make_context_vector(context, word_to_ix):
    idxs = [word_to_ix[w] for w in context]
    return torch.tensor(idxs, dtype=torch.long)


ctx = make_context_vector(data[0][0], word_to_ix)
print(ctx, ctx.dtype)
model = CBOW(vocab_size, 3)
with torch.no_grad():
    model.embeddings.weight.copy_((torch.arange(vocab_size * 3) % 9 - 4).reshape(vocab_size, 3) / 8)
    model.linear.weight.copy_((torch.arange(vocab_size * 3) % 5 - 2).reshape(vocab_size, 3) / 4)
    model.linear.bias.zero_()
out = model(ctx)
print(out.shape)
target = torch.tensor([word_to_ix[data[0][1]]])
loss = nn.NLLLoss()(out, target)
print(loss)
loss.backward()
g = model.embeddings.weight.grad
print(g.shape, (g.abs().sum(dim=1) > 0).sum())
print(g[ctx])
