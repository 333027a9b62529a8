# d2l 10.7 sequence-to-sequence learning: sequence_mask, the MaskedSoftmaxCELoss subclass of
# nn.CrossEntropyLoss, grad_clipping and the BLEU score, on fixed logits.
import collections
import math
import torch
from torch import nn


def sequence_mask(X, valid_len, value=0):
    maxlen = X.size(1)
    mask = torch.arange((maxlen), dtype=torch.float32, device=X.device)[None, :] < valid_len[:, None]
    X[~mask] = value
    return X


X = torch.tensor([[1, 2, 3], [4, 5, 6]])
print(sequence_mask(X, torch.tensor([1, 2])))
X = torch.ones(2, 3, 4)
print(sequence_mask(X, torch.tensor([1, 2]), value=-1))


class MaskedSoftmaxCELoss(nn.CrossEntropyLoss):
    def forward(self, pred, label, valid_len):
        weights = torch.ones_like(label)
        weights = sequence_mask(weights, valid_len)
        self.reduction = 'none'
        unweighted_loss = super(MaskedSoftmaxCELoss, self).forward(pred.permute(0, 2, 1), label)
        weighted_loss = (unweighted_loss * weights).mean(dim=1)
        return weighted_loss


loss = MaskedSoftmaxCELoss()
print(loss(torch.ones(3, 4, 10), torch.ones((3, 4), dtype=torch.long), torch.tensor([4, 2, 0])))
pred = torch.sin(torch.arange(2 * 4 * 5, dtype=torch.float).reshape(2, 4, 5)).requires_grad_()
label = torch.tensor([[1, 2, 3, 0], [4, 4, 0, 0]])
l = loss(pred, label, torch.tensor([3, 2]))
print(l)
l.sum().backward()
print(pred.grad[1])


def grad_clipping(net, theta):
    if isinstance(net, nn.Module):
        params = [p for p in net.parameters() if p.requires_grad]
    else:
        params = net.params
    norm = torch.sqrt(sum(torch.sum((p.grad ** 2)) for p in params))
    if norm > theta:
        for param in params:
            param.grad[:] *= theta / norm
    return norm


net = nn.Linear(4, 3)
with torch.no_grad():
    net.weight.copy_(torch.arange(12.).reshape(3, 4) / 10)
    net.bias.fill_(0.5)
net(torch.ones(2, 4)).pow(2).sum().backward()
print(grad_clipping(net, 1))
print(net.weight.grad, net.bias.grad)
print(f"{torch.sqrt(sum(torch.sum(p.grad ** 2) for p in net.parameters())).item():.4f}")


def bleu(pred_seq, label_seq, k):
    pred_tokens, label_tokens = pred_seq.split(' '), label_seq.split(' ')
    len_pred, len_label = len(pred_tokens), len(label_tokens)
    score = math.exp(min(0, 1 - len_label / len_pred))
    for n in range(1, min(k, len_pred) + 1):
        num_matches, label_subs = 0, collections.defaultdict(int)
        for i in range(len_label - n + 1):
            label_subs[' '.join(label_tokens[i: i + n])] += 1
        for i in range(len_pred - n + 1):
            if label_subs[' '.join(pred_tokens[i: i + n])] > 0:
                num_matches += 1
                label_subs[' '.join(pred_tokens[i: i + n])] -= 1
        score *= math.pow(num_matches / (len_pred - n + 1), math.pow(0.5, n))
    return score


for eng, fra in zip(['go .', 'i lost .'], ['va !', "j'ai perdu ."]):
    print(f'{eng} => {fra}, bleu {bleu(fra, fra, k=2):.3f}')
print(f"{bleu('il est calme .', 'il est riche .', k=2):.3f}")

dec_X = torch.tensor([[2, 5, 7], [3, 3, 1]])
bos = torch.tensor([1] * dec_X.shape[0]).reshape(-1, 1)
print(torch.cat([bos, dec_X[:, :-1]], 1))
