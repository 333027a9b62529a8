# d2l 15.4 pretraining word2vec: the skip-gram forward pass (two embeddings and bmm), the
# SigmoidBCELoss with a mask, and one training step, with embeddings initialised deterministically.
import math
import torch
from torch import nn

embed = nn.Embedding(num_embeddings=20, embedding_dim=4)
print(f'Parameter embedding_weight ({embed.weight.shape}, dtype={embed.weight.dtype})')
with torch.no_grad():
    embed.weight.copy_(torch.cos(torch.arange(80.).reshape(20, 4)))
x = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(embed(x))


def skip_gram(center, contexts_and_negatives, embed_v, embed_u):
    v = embed_v(center)
    u = embed_u(contexts_and_negatives)
    pred = torch.bmm(v, u.permute(0, 2, 1))
    return pred


print(skip_gram(torch.ones((2, 1), dtype=torch.long), torch.ones((2, 4), dtype=torch.long), embed, embed).shape)


class SigmoidBCELoss(nn.Module):
    def __init__(self):
        super().__init__()

    def forward(self, inputs, target, mask=None):
        out = nn.functional.binary_cross_entropy_with_logits(inputs, target, weight=mask, reduction="none")
        return out.mean(dim=1)


loss = SigmoidBCELoss()
pred = torch.tensor([[1.1, -2.2, 3.3, -4.4]] * 2)
label = torch.tensor([[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0]])
mask = torch.tensor([[1, 1, 1, 1], [1, 1, 0, 0]])
print(loss(pred, label, mask) * mask.shape[1] / mask.sum(axis=1))


def sigmd(x):
    return -math.log(1 / (1 + math.exp(-x)))


print(f'{(sigmd(1.1) + sigmd(2.2) + sigmd(-3.3) + sigmd(4.4)) / 4:.4f}')
print(f'{(sigmd(-1.1) + sigmd(-2.2)) / 2:.4f}')

embed_size = 4
net = nn.Sequential(nn.Embedding(num_embeddings=10, embedding_dim=embed_size),
                    nn.Embedding(num_embeddings=10, embedding_dim=embed_size))
with torch.no_grad():
    net[0].weight.copy_(torch.sin(torch.arange(40.).reshape(10, 4)) / 2)
    net[1].weight.copy_(torch.cos(torch.arange(40.).reshape(10, 4)) / 2)
optimizer = torch.optim.Adam(net.parameters(), lr=0.01)
center = torch.tensor([[1], [2]])
context_negative = torch.tensor([[3, 4, 5, 6], [7, 8, 0, 0]])
label = torch.tensor([[1., 1., 0., 0.], [1., 0., 0., 0.]])
mask = torch.tensor([[1., 1., 1., 1.], [1., 1., 0., 0.]])
for epoch in range(3):
    optimizer.zero_grad()
    pred = skip_gram(center, context_negative, net[0], net[1])
    l = (loss(pred.reshape(label.shape).float(), label.float(), mask) / mask.sum(axis=1) * mask.shape[1])
    l.sum().backward()
    optimizer.step()
    print(epoch, l)
W = net[0].weight.data
x = W[torch.tensor(3)]
cos = torch.mv(W, x) / torch.sqrt(torch.sum(W * W, dim=1) * torch.sum(x * x) + 1e-9)
topk = torch.topk(cos, k=3)[1].cpu().numpy().astype('int32')
print(cos, topk)
