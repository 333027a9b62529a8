# pytorch/tutorials beginner_source/nlp/advanced_tutorial (BiLSTM-CRF): the helper functions argmax,
# prepare_sequence and log_sum_exp, the CRF forward algorithm, gold-path score and Viterbi decoding,
# on fixed transition and emission scores (no LSTM, whose random weights would be printed).
import torch
import torch.nn as nn

torch.manual_seed(1)


def argmax(vec):
    _, idx = torch.max(vec, 1)
    return idx.item()


def prepare_sequence(seq, to_ix):
    idxs = [to_ix[w] for w in seq]
    return torch.tensor(idxs, dtype=torch.long)


def log_sum_exp(vec):
    max_score = vec[0, argmax(vec)]
    max_score_broadcast = max_score.view(1, -1).expand(1, vec.size()[1])
    return max_score + torch.log(torch.sum(torch.exp(vec - max_score_broadcast)))


START_TAG = "<START>"
STOP_TAG = "<STOP>"
tag_to_ix = {"B": 0, "I": 1, "O": 2, START_TAG: 3, STOP_TAG: 4}
tagset_size = len(tag_to_ix)

training_data = [("the wall street journal reported today that apple corporation made money".split(),
                  "B I I I O O O B I O O".split())]
word_to_ix = {}
for sentence, tags in training_data:
    for word in sentence:
        if word not in word_to_ix:
            word_to_ix[word] = len(word_to_ix)
print(word_to_ix)
print(prepare_sequence(training_data[0][0][:5], word_to_ix))

transitions = nn.Parameter(torch.linspace(-1, 1, tagset_size * tagset_size).reshape(tagset_size, tagset_size).sin())
transitions.data[tag_to_ix[START_TAG], :] = -10000
transitions.data[:, tag_to_ix[STOP_TAG]] = -10000
feats = torch.cos(torch.arange(4 * tagset_size, dtype=torch.float).reshape(4, tagset_size))


def forward_alg(feats):
    init_alphas = torch.full((1, tagset_size), -10000.)
    init_alphas[0][tag_to_ix[START_TAG]] = 0.
    forward_var = init_alphas
    for feat in feats:
        alphas_t = []
        for next_tag in range(tagset_size):
            emit_score = feat[next_tag].view(1, -1).expand(1, tagset_size)
            trans_score = transitions[next_tag].view(1, -1)
            next_tag_var = forward_var + trans_score + emit_score
            alphas_t.append(log_sum_exp(next_tag_var).view(1))
        forward_var = torch.cat(alphas_t).view(1, -1)
    terminal_var = forward_var + transitions[tag_to_ix[STOP_TAG]]
    alpha = log_sum_exp(terminal_var)
    return alpha


def score_sentence(feats, tags):
    score = torch.zeros(1)
    tags = torch.cat([torch.tensor([tag_to_ix[START_TAG]], dtype=torch.long), tags])
    for i, feat in enumerate(feats):
        score = score + transitions[tags[i + 1], tags[i]] + feat[tags[i + 1]]
    score = score + transitions[tag_to_ix[STOP_TAG], tags[-1]]
    return score


def viterbi_decode(feats):
    backpointers = []
    init_vvars = torch.full((1, tagset_size), -10000.)
    init_vvars[0][tag_to_ix[START_TAG]] = 0
    forward_var = init_vvars
    for feat in feats:
        bptrs_t = []
        viterbivars_t = []
        for next_tag in range(tagset_size):
            next_tag_var = forward_var + transitions[next_tag]
            best_tag_id = argmax(next_tag_var)
            bptrs_t.append(best_tag_id)
            viterbivars_t.append(next_tag_var[0][best_tag_id].view(1))
        forward_var = (torch.cat(viterbivars_t) + feat).view(1, -1)
        backpointers.append(bptrs_t)
    terminal_var = forward_var + transitions[tag_to_ix[STOP_TAG]]
    best_tag_id = argmax(terminal_var)
    path_score = terminal_var[0][best_tag_id]
    best_path = [best_tag_id]
    for bptrs_t in reversed(backpointers):
        best_tag_id = bptrs_t[best_tag_id]
        best_path.append(best_tag_id)
    start = best_path.pop()
    assert start == tag_to_ix[START_TAG]
    best_path.reverse()
    return path_score, best_path


tags = torch.tensor([tag_to_ix[t] for t in "B I O O".split()], dtype=torch.long)
forward_score = forward_alg(feats)
gold_score = score_sentence(feats, tags)
print(forward_score, gold_score)
loss = forward_score - gold_score
loss.backward()
print(loss)
print(transitions.grad)
with torch.no_grad():
    print(viterbi_decode(feats))
optimizer = torch.optim.SGD([transitions], lr=0.01, weight_decay=1e-4)
for epoch in range(3):
    optimizer.zero_grad()
    loss = forward_alg(feats) - score_sentence(feats, tags)
    loss.backward()
    optimizer.step()
    print(epoch, f"{loss.item():.5f}")
with torch.no_grad():
    print(viterbi_decode(feats))
