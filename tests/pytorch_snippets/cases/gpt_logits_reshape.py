# Karpathy "Let's build GPT": bigram model logits of shape (B, T, C), the view for cross_entropy, generation step.
import torch
import torch.nn as nn
from torch.nn import functional as F


class BigramLanguageModel(nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.token_embedding_table = nn.Embedding(vocab_size, vocab_size)
        with torch.no_grad():
            self.token_embedding_table.weight.copy_(torch.arange(vocab_size * vocab_size).reshape(vocab_size, vocab_size) % 5 / 5.0)

    def forward(self, idx, targets=None):
        logits = self.token_embedding_table(idx)
        if targets is None:
            loss = None
        else:
            B, T, C = logits.shape
            logits = logits.view(B * T, C)
            targets = targets.view(B * T)
            loss = F.cross_entropy(logits, targets)
        return logits, loss


m = BigramLanguageModel(6)
xb = torch.tensor([[0, 1, 2], [3, 4, 5]])
yb = torch.tensor([[1, 2, 3], [4, 5, 0]])
logits, loss = m(xb, yb)
print(logits.shape)
print(loss)
idx = torch.zeros((1, 1), dtype=torch.long)
logits, _ = m(idx)
logits = logits[:, -1, :]
probs = F.softmax(logits, dim=-1)
idx_next = probs.argmax(dim=-1, keepdim=True)
idx = torch.cat((idx, idx_next), dim=1)
print(probs, idx)
optimizer = torch.optim.AdamW(m.parameters(), lr=1e-3)
for steps in range(3):
    logits, loss = m(xb, yb)
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    optimizer.step()
print(loss.item() < 2, m.token_embedding_table.weight.grad.shape)
