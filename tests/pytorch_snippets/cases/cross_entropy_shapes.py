# cross_entropy with the shapes tutorials use: (N, C), (C,) with a 0-d target, (N, C, T) sequences, soft targets.
import torch
import torch.nn.functional as F

logits = torch.tensor([[2.0, 0.5, -1.0], [0.0, 1.0, 0.0]])
print(F.cross_entropy(logits, torch.tensor([0, 1])))
print(F.cross_entropy(logits[0], torch.tensor(0)))
seq = torch.arange(2 * 3 * 4, dtype=torch.float32).reshape(2, 3, 4) % 5 / 5
targets = torch.tensor([[0, 1, 2, 1], [2, 2, 0, 0]])
print(F.cross_entropy(seq, targets))
print(F.cross_entropy(seq.transpose(1, 2).reshape(-1, 3), targets.reshape(-1)))
soft = torch.tensor([[0.7, 0.2, 0.1], [0.0, 1.0, 0.0]])
print(F.cross_entropy(logits, soft), F.cross_entropy(logits, torch.tensor([0, 1]), label_smoothing=0.1))
print(F.cross_entropy(logits, torch.tensor([0, 1]), reduction="none"))
