# Karpathy "Let's build GPT": Head with a tril buffer, MultiHeadAttention in a ModuleList, FeedForward, Block with residuals and LayerNorm.
import torch
import torch.nn as nn
from torch.nn import functional as F

n_embd, n_head, block_size, dropout = 8, 2, 4, 0.2


class Head(nn.Module):
    """ one head of self-attention """

    def __init__(self, head_size):
        super().__init__()
        self.key = nn.Linear(n_embd, head_size, bias=False)
        self.query = nn.Linear(n_embd, head_size, bias=False)
        self.value = nn.Linear(n_embd, head_size, bias=False)
        self.register_buffer('tril', torch.tril(torch.ones(block_size, block_size)))
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        B, T, C = x.shape
        k = self.key(x)
        q = self.query(x)
        wei = q @ k.transpose(-2, -1) * k.shape[-1] ** -0.5
        wei = wei.masked_fill(self.tril[:T, :T] == 0, float('-inf'))
        wei = F.softmax(wei, dim=-1)
        wei = self.dropout(wei)
        v = self.value(x)
        out = wei @ v
        return out


class MultiHeadAttention(nn.Module):
    def __init__(self, num_heads, head_size):
        super().__init__()
        self.heads = nn.ModuleList([Head(head_size) for _ in range(num_heads)])
        self.proj = nn.Linear(head_size * num_heads, n_embd)
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        out = torch.cat([h(x) for h in self.heads], dim=-1)
        out = self.dropout(self.proj(out))
        return out


class FeedFoward(nn.Module):
    def __init__(self, n_embd):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(n_embd, 4 * n_embd),
            nn.ReLU(),
            nn.Linear(4 * n_embd, n_embd),
            nn.Dropout(dropout),
        )

    def forward(self, x):
        return self.net(x)


class Block(nn.Module):
    def __init__(self, n_embd, n_head):
        super().__init__()
        head_size = n_embd // n_head
        self.sa = MultiHeadAttention(n_head, head_size)
        self.ffwd = FeedFoward(n_embd)
        self.ln1 = nn.LayerNorm(n_embd)
        self.ln2 = nn.LayerNorm(n_embd)

    def forward(self, x):
        x = x + self.sa(self.ln1(x))
        x = x + self.ffwd(self.ln2(x))
        return x


block = Block(n_embd, n_head)
print(block)
print(sum(p.numel() for p in block.parameters()), 'parameters')
print([name for name, _ in block.named_buffers()])
with torch.no_grad():
    for i, (name, p) in enumerate(block.named_parameters()):
        if not name.startswith("ln"):
            p.copy_(((torch.arange(p.numel()) * (i + 1)) % 7 - 3).reshape(p.shape) * 0.1)
block.eval()
x = ((torch.arange(2 * 3 * n_embd) % 5 - 2) / 2).reshape(2, 3, n_embd)
y = block(x)
print(y.shape)
print(y[0])
block.train()
torch.manual_seed(0)
z = block(x)
print(z.shape, z.requires_grad)
y.sum().backward()
print(block.sa.heads[0].query.weight.grad)
print(block.ln1.weight.grad)
print(block.sa.heads[1].tril.requires_grad, block.sa.heads[1].tril.grad)
