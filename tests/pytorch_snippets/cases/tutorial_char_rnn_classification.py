# PyTorch tutorial "NLP From Scratch: Classifying Names with a Character-Level RNN": one-hot letters,
# the CharRNN (nn.RNN + Linear + LogSoftmax) and a few training steps. Fixed starting values instead
# of random ones.
import string

import torch
import torch.nn as nn

allowed_characters = string.ascii_letters + " .,;'"
n_letters = len(allowed_characters)


def letterToIndex(letter):
    return allowed_characters.find(letter)


def lineToTensor(line):
    tensor = torch.zeros(len(line), 1, n_letters)
    for li, letter in enumerate(line):
        tensor[li][0][letterToIndex(letter)] = 1
    return tensor


print(f"The letter 'a' becomes {lineToTensor('a')[0, 0, :5]}")
print(f"The name 'Ahn' becomes a tensor of size {lineToTensor('Ahn').size()}")


class CharRNN(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super(CharRNN, self).__init__()

        self.rnn = nn.RNN(input_size, hidden_size)
        self.h2o = nn.Linear(hidden_size, output_size)
        self.softmax = nn.LogSoftmax(dim=1)

    def forward(self, line_tensor):
        rnn_out, hidden = self.rnn(line_tensor)
        output = self.h2o(hidden[0])
        output = self.softmax(output)

        return output


n_hidden = 16
labels_uniq = ["Arabic", "Chinese", "Czech", "Dutch"]
rnn = CharRNN(n_letters, n_hidden, len(labels_uniq))
with torch.no_grad():
    for k, p in enumerate(rnn.parameters()):
        p.copy_(torch.cos(torch.arange(p.numel()) * 1.3 + k).reshape(p.shape) * 0.2)
print(rnn)
print([(name, tuple(p.shape)) for name, p in rnn.named_parameters()])

input = lineToTensor('Albert')
output = rnn(input)
print(output)


def label_from_output(output, output_labels):
    top_n, top_i = output.topk(1)
    label_i = top_i[0].item()
    return output_labels[label_i], label_i


print(label_from_output(output, labels_uniq))

names = [("Nasser", 0), ("Zhang", 1), ("Novak", 2), ("De Jong", 3)]
criterion = nn.NLLLoss()
optimizer = torch.optim.SGD(rnn.parameters(), lr=0.2)
for epoch in range(6):
    optimizer.zero_grad()
    batch_loss = 0
    for name, label in names:
        output = rnn(lineToTensor(name))
        batch_loss = batch_loss + criterion(output, torch.tensor([label]))
    batch_loss.backward()
    nn.utils.clip_grad_norm_(rnn.parameters(), 3)
    optimizer.step()
    print(epoch, f"{batch_loss.item() / len(names):.4f}")
print(rnn.rnn.weight_hh_l0.grad.norm())
print([label_from_output(rnn(lineToTensor(name)), labels_uniq)[0] for name, _ in names])
